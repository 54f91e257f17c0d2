-- The year-end aggregates of SPEC §7 (and issue 15's keys, at the end) that a union database holds,
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

-- Issue 15's keys, by hand.
-- unions.total|units_covered|by_form.*, members.total|women|migrant and the rate's terms
SELECT count(*), sum(coalesce(units_covered, CASE WHEN form = '单独建会' THEN 1 ELSE 0 END)),
       sum(members), sum(women_members), sum(migrant_members),
       sum(CASE WHEN members IS NOT NULL AND workers IS NOT NULL THEN members END),
       sum(CASE WHEN members IS NOT NULL AND workers IS NOT NULL THEN workers END)
  FROM unions WHERE founded_on IS NULL OR founded_on <= '__YEAR__-12-31';
SELECT form, count(*) FROM unions WHERE founded_on IS NULL OR founded_on <= '__YEAR__-12-31' GROUP BY form;
-- members.migrant_net_new: each union's latest figure by 31 December, this year and the last
SELECT (SELECT coalesce(sum(f.migrant_members), 0) FROM union_figures f
         WHERE f.as_of = (SELECT max(g.as_of) FROM union_figures g
                           WHERE g.union_id = f.union_id AND g.as_of <= '__YEAR__-12-31'))
     - (SELECT coalesce(sum(f.migrant_members), 0) FROM union_figures f
         WHERE f.as_of = (SELECT max(g.as_of) FROM union_figures g
                           WHERE g.union_id = f.union_id AND g.as_of <= (__YEAR__ - 1) || '-12-31'));
-- enterprises.open_affairs.rate.*, enterprises.employee_directors.rate_100_plus
SELECT sum(p), sum(p AND open_affairs = 1), sum(NOT p AND has_union = 1),
       sum(NOT p AND has_union = 1 AND open_affairs = 1), sum(employees >= 100),
       sum(employees >= 100 AND employee_directors = 1)
  FROM (SELECT *, (ownership LIKE '%国有%' OR ownership LIKE '%集体%') AS p FROM enterprises);
-- agreements.count: in force in the year, one per 协议编号
SELECT count(DISTINCT coalesce('no:' || agreement_no, 'id:' || id)) FROM agreements
 WHERE effective_from <= '__YEAR__-12-31' AND expires_on >= '__YEAR__-01-01';
-- models.new.LEVEL: living people awarded a model title of that level in the year
SELECT h.level, count(DISTINCT h.person_id) FROM honours h JOIN people p ON p.id = h.person_id
 WHERE h.kind = 'model' AND h.year = __YEAR__ AND (p.died_on IS NULL OR p.died_on > '__YEAR__-12-31')
 GROUP BY h.level;
-- studios.ever_named.LEVEL
SELECT level, count(DISTINCT studio_id) FROM studio_namings WHERE named_on <= '__YEAR__-12-31' GROUP BY level;
-- carriers.TYPE.LEVEL (highest naming by the year's end) and carriers.TYPE.new.LEVEL
SELECT type, level, count(*) FROM carriers WHERE named_on IS NULL OR named_on <= '__YEAR__-12-31'
 GROUP BY type, level;
SELECT type, level, count(*) FROM carriers WHERE named_on BETWEEN '__YEAR__-01-01' AND '__YEAR__-12-31'
 GROUP BY type, level;
