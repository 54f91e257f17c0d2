-- The year-end aggregates of SPEC §7 that a union database of payouts and people holds,
-- written by hand for the sqlite3 shell: the baseline `union report year-end` is timed
-- against (benches/bench.py runs `sqlite3 -bail DB < this file` with __YEAR__ replaced).
-- Output goes to /dev/null in the benchmark; run it by hand to see the figures.

-- payouts.CATEGORY.count|people|amount, paid in the year
SELECT category, count(*), count(DISTINCT person_id), printf('%.2f', sum(amount) / 100.0)
  FROM payouts
 WHERE paid_on BETWEEN '__YEAR__-01-01' AND '__YEAR__-12-31'
 GROUP BY category
 ORDER BY category;

-- payouts.total.count|people|amount
SELECT count(*), count(DISTINCT person_id), printf('%.2f', sum(amount) / 100.0)
  FROM payouts
 WHERE paid_on BETWEEN '__YEAR__-01-01' AND '__YEAR__-12-31';

-- people on file and living at year end, by status and by district
SELECT status, count(*) FROM people
 WHERE died_on IS NULL OR died_on > '__YEAR__-12-31'
 GROUP BY status;
SELECT district, count(*) FROM people
 WHERE died_on IS NULL OR died_on > '__YEAR__-12-31'
 GROUP BY district;

-- models.* and medals.*: living persons counted once, at their highest level
SELECT h.kind, max_level, count(*) FROM (
    SELECT h.person_id, h.kind, max(h.level) AS max_level
      FROM honours h JOIN people p ON p.id = h.person_id
     WHERE (h.year IS NULL OR h.year <= __YEAR__)
       AND (p.died_on IS NULL OR p.died_on > '__YEAR__-12-31')
     GROUP BY h.person_id, h.kind) AS h
 GROUP BY h.kind, max_level;

-- hardship.open (at year end, by type), hardship.opened / closed (in the year)
SELECT type, count(*) FROM hardship_files
 WHERE opened_on <= '__YEAR__-12-31' AND (closed_on IS NULL OR closed_on > '__YEAR__-12-31')
 GROUP BY type;
SELECT count(*) FROM hardship_files WHERE opened_on BETWEEN '__YEAR__-01-01' AND '__YEAR__-12-31';
SELECT count(*) FROM hardship_files WHERE closed_on BETWEEN '__YEAR__-01-01' AND '__YEAR__-12-31';
