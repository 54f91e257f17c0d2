#!/usr/bin/env python3
"""Side-by-side timing of `union` and its peers (driven by benches/run.sh; see its header).

Every timed command runs under `/usr/bin/time -v` (peak RSS: "Maximum resident set size",
which covers the command's whole process tree) while wall time is measured here with
time.perf_counter. Each measurement is the median of --runs runs; every run starts from a
fresh database. Runs are interleaved (run 1 of every tool, then run 2 ...) so that no tool
gets a systematically warmer cache. Results: a table on stdout and Markdown in --md.
"""
import argparse
import datetime as dt
import importlib.util
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GNU_TIME = "/usr/bin/time"


def log(msg):
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def fail(msg):
    print(f"\nbench: FAILED: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def rm_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def copy_db(src, dst):
    rm_db(dst)
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o600)


def tail(path, n=25):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


class Runner:
    def __init__(self, work):
        self.work = work
        self.have_time = os.access(GNU_TIME, os.X_OK)
        if not self.have_time:
            log(f"{GNU_TIME} not found: peak RSS taken from wait4() instead")

    def run(self, argv, stdin=None, check=True, what=None, env=None):
        """Run argv once; return (wall seconds, peak RSS KiB, returncode)."""
        out = os.path.join(self.work, "last.stdout")
        err = os.path.join(self.work, "last.stderr")
        tfile = os.path.join(self.work, "last.time")
        cmd = [GNU_TIME, "-v", "-o", tfile] + argv if self.have_time else argv
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        with open(out, "wb") as fo, open(err, "wb") as fe:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=fin, stdout=fo, stderr=fe,
                                 env=dict(os.environ, **env) if env else None)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(status)
        if stdin:
            fin.close()
        rss = ru.ru_maxrss
        if self.have_time:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tail(tfile, 40))
            if m:
                rss = int(m.group(1))
        if check and p.returncode != 0:
            print(f"\n--- stdout (tail) ---\n{tail(out)}\n--- stderr (tail) ---\n{tail(err)}",
                  file=sys.stderr)
            fail(f"{what or argv[0]} exited with {p.returncode}: {' '.join(argv)}")
        return wall, rss, p.returncode


class Results:
    def __init__(self):
        self.rows = []      # measurement rows
        self.targets = []   # (target, value text, PASS/FAIL/..)

    def add(self, bench, tool, rows, walls, rss, note="", unit="s"):
        walls = list(walls)
        med = statistics.median(walls)
        self.rows.append(dict(bench=bench, tool=tool, rows=rows, med=med, walls=walls,
                              rss=max(rss) if rss else None, note=note, unit=unit))
        scale = 1000 if unit == "ms" else 1
        log(f"  {bench} / {tool}: median {med * scale:.{1 if unit == 'ms' else 2}f} {unit}"
            + (f", peak RSS {max(rss) / 1024:.1f} MiB" if rss else ""))
        return med

    def target(self, name, value, ok, status=None):
        self.targets.append((name, value, status or ("PASS" if ok else "FAIL")))

    def text(self, header):
        lines = [header, ""]
        cols = ["benchmark", "tool", "rows", "median", "peak RSS MiB", "runs", "notes"]
        data = []
        for r in self.rows:
            if r["unit"] == "ms":
                med = f"{r['med'] * 1000:.1f} ms"
                runs = " ".join(f"{w * 1000:.0f}" for w in r["walls"])
            else:
                med = f"{r['med']:.2f} s"
                runs = " ".join(f"{w:.2f}" for w in r["walls"])
            data.append([r["bench"], r["tool"], f"{r['rows']:,}" if r["rows"] else "",
                         med, f"{r['rss'] / 1024:.1f}" if r["rss"] else "", runs, r["note"]])
        md = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        md += ["| " + " | ".join(d) + " |" for d in data]
        tmd = ["| target (SPEC §8) | measured | result |", "|---|---|---|"]
        tmd += [f"| {t} | {v} | **{s}** |" for t, v, s in self.targets]

        def plain(rows, widths=None):
            widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
            return ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]

        text = plain([cols[:6]] + [d[:6] for d in data])
        text += [""] + plain([("target (SPEC §8)", "measured", "result")] + self.targets)
        return "\n".join(text), "\n".join(lines + md + [""] + tmd) + "\n"


def outputs(R, res, a, union, sqlite3_bin, db, n_people, n_payouts):
    """Issue 17: lists, exports and `check` of any size stream. Each union command is timed
    beside `sqlite3 -csv` writing the same rows (the same columns, joins, order and masking, by
    hand in SQL) from the same database, in the same run."""
    work = R.work
    y = a.list_year
    lo, hi = f"{y:04}-01-01", f"{y:04}-12-31"
    masked_id = "substr({0}, 1, 6) || '********' || substr({0}, 15)"
    yuan = "printf('%d.%02d', y.amount / 100, y.amount % 100)"
    payout_sql = (f"SELECT y.id, coalesce(p.name, s.name), {masked_id.format('p.id_number')}, "
                  f"coalesce(p.district, s.district), y.category, {yuan}, y.paid_on, y.voucher, y.note, "
                  # The student columns and 所属期间 (a single month as YYYY-MM, a run as YYYY-MM~YYYY-MM).
                  f"y.student_name, {masked_id.format('y.student_id_number')}, y.school_stage, "
                  "CASE WHEN y.period_from IS NULL THEN NULL WHEN y.period_from = y.period_to "
                  "THEN substr(y.period_from, 1, 7) ELSE substr(y.period_from, 1, 7) || '~' || "
                  "substr(y.period_to, 1, 7) END "
                  "FROM payouts y LEFT JOIN people p ON p.id = y.person_id "
                  "LEFT JOIN studios s ON s.id = y.studio_id {where} ORDER BY y.paid_on, y.id")
    people_sql = (f"SELECT p.name, {masked_id.format('p.id_number')}, p.gender, p.birth_date, "
                  "substr(p.mobile, 1, 3) || '****' || substr(p.mobile, 8), p.work_unit, p.district, "
                  "p.status, p.retired_on, p.died_on, p.transferred_on, "
                  "(SELECT h.title FROM honours h WHERE h.person_id = p.id "
                  "ORDER BY h.kind = 'model' DESC, h.level DESC, h.year LIMIT 1) "
                  "FROM people p ORDER BY p.district, p.name, p.id")
    con = sqlite3.connect(db)
    n_year = con.execute("SELECT count(*) FROM payouts WHERE paid_on BETWEEN ? AND ?", (lo, hi)).fetchone()[0]
    con.close()
    year_where = f"WHERE y.paid_on >= '{lo}' AND y.paid_on <= '{hi}'"
    peers = {
        "year": (payout_sql.format(where=year_where), n_year),
        "all": (payout_sql.format(where=""), n_payouts),
        "people": (people_sql, n_people),
    }
    out = lambda name: os.path.join(work, name)
    U = [union, "--db", db]
    cases = [  # (benchmark, argv, peer rows, expected exit codes, env)
        (f"payouts list --year {y} --format csv -o X.csv", U + ["payouts", "list", "--year", str(y), "--format", "csv", "-o", out("list.csv")], "year", (0,), None),
        (f"payouts list --year {y} -o X.json", U + ["payouts", "list", "--year", str(y), "-o", out("list.json")], "year", (0,), None),
        (f"payouts list --year {y} -o X.xlsx", U + ["payouts", "list", "--year", str(y), "-o", out("list.xlsx")], "year", (0,), None),
        (f"payouts list --year {y} (table, piped, COLUMNS=120)", U + ["payouts", "list", "--year", str(y)], "year", (0,), {"COLUMNS": "120"}),
        ("export payouts -o X.csv", U + ["export", "payouts", "-o", out("export.csv")], "all", (0,), None),
        ("export payouts -o X.xlsx", U + ["export", "payouts", "-o", out("export.xlsx")], "all", (0,), None),
        ("people list -o X.csv", U + ["people", "list", "-o", out("people.csv")], "people", (0,), None),
        (f"check payouts --year {y}", U + ["check", "payouts", "--year", str(y)], "year", (0, 1), None),
    ]
    only = os.environ.get("BENCH_OUTPUTS", "")
    if only:
        cases = [c for c in cases if any(k in c[0] for k in only.split(","))]
    times = {}
    for i in range(a.runs):
        for bench, argv, peer, codes, env in cases:
            log(f"  run {i + 1}/{a.runs}: union {bench}")
            w, rss, rc = R.run(argv, check=False, env=env)
            if rc not in codes:
                print(f"\n--- stderr (tail) ---\n{tail(os.path.join(work, 'last.stderr'))}", file=sys.stderr)
                fail(f"union {bench} exited with {rc}")
            times.setdefault(("union", bench), ([], []))
            times[("union", bench)][0].append(w)
            times[("union", bench)][1].append(rss)
        if sqlite3_bin:
            for peer, (sql, _) in peers.items():
                if not any(c[2] == peer for c in cases):
                    continue
                log(f"  run {i + 1}/{a.runs}: sqlite3 -csv ({peer})")
                w, rss, _ = R.run([sqlite3_bin, "-csv", "-header", db, sql], what="sqlite3 -csv")
                got = sum(1 for _ in open(os.path.join(work, "last.stdout"), "rb")) - 1
                if got != peers[peer][1]:
                    fail(f"sqlite3 -csv ({peer}) wrote {got} lines, expected {peers[peer][1]}")
                times.setdefault(("sqlite3", peer), ([], []))
                times[("sqlite3", peer)][0].append(w)
                times[("sqlite3", peer)][1].append(rss)
    peer_med = {}
    for peer, (sql, n) in peers.items():
        if ("sqlite3", peer) in times:
            what = {"year": f"payouts of {y}", "all": "all payouts", "people": "all people"}[peer]
            peer_med[peer] = res.add(f"sqlite3 -csv: {what}", "sqlite3", n, *times[("sqlite3", peer)],
                                     note="the same columns, joins, order and masking, in SQL")
    for bench, argv, peer, codes, env in cases:
        n = peers[peer][1]
        m = res.add(bench, "union", n, *times[("union", bench)])
        mib = max(times[("union", bench)][1]) / 1024
        is_check = bench.startswith("check")
        limit = 2.0 if is_check else 1.5
        res.target(f"{bench}: peak RSS < 100 MiB", f"{mib:.1f} MiB", mib < 100)
        if peer in peer_med:
            ratio = m / peer_med[peer]
            res.target(f"{bench}: union / sqlite3 -csv ≤ {limit}", f"{ratio:.2f}", ratio <= limit)


def pg_imports(R, res, a, union, work, people_csv, n_people, path, n):
    """Issue 16: `union import payouts` into PostgreSQL beside psql's \\copy of the same file
    into a typed table with the same keys as the sqlite3 peer's, on the same server, same runs.
    The server is the one BENCH_PG (or UNION_TEST_PG) names; its role makes databases."""
    server = os.environ.get("BENCH_PG") or os.environ.get("UNION_TEST_PG")
    psql = shutil.which("psql")
    if not server or not psql:
        fail("BENCH_ONLY=pg needs a PostgreSQL server (BENCH_PG or UNION_TEST_PG) and psql")
    head = server.rsplit("/", 1)[0]
    url = lambda db: f"{head}/{db}"
    env = {"UNION_EXPERIMENTAL_POSTGRES": "1"}

    def admin(sql):
        subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", server, "-c", sql],
                       check=True, stdout=subprocess.DEVNULL)

    def fresh(db, template="template0"):
        admin(f"DROP DATABASE IF EXISTS {db}")
        admin(f"CREATE DATABASE {db} TEMPLATE {template} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")

    def count(db, sql):
        return int(subprocess.run([psql, "-X", "-Atq", "-d", url(db), "-c", sql], check=True,
                                  capture_output=True, text=True).stdout.strip())

    # The people, imported once into a template database (timed once, reported separately).
    fresh("union_bench_people")
    R.run([union, "--db", url("union_bench_people"), "init"], env=env, what="union init (PostgreSQL)")
    w, rss, _ = R.run([union, "--db", url("union_bench_people"), "import", "people", people_csv],
                      env=env, what="union import people (PostgreSQL)")
    res.add("PostgreSQL: import people.csv (setup, once)", "union", n_people, [w], [rss],
            "into a template database; each payout run starts from a copy of it")
    # The peer: psql \copy of the same file into the same typed table with the same
    # indexes - union's own payouts table (its keys, checks and foreign key), the rows given
    # their recipient by a join on the ID number and their category code by the labels the
    # file uses. For recipients not on file, the same script adds them first, with gender and
    # birth date from the ID number as union does. Neither judges a rule.
    codes = {"送清凉": "summer_cooling", "医疗互助": "medical_aid", "创新成果奖励": "innovation_award",
             "体检": "health_check", "春节慰问": "festival_condolence", "疗休养": "recuperation"}
    case = "CASE s.category " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in codes.items()) + " END"
    staging = f"""CREATE TEMP TABLE staging(id_number TEXT, name TEXT, category TEXT, amount NUMERIC,
    paid_on TEXT, voucher TEXT, note TEXT);
\\copy staging FROM '{path}' WITH (FORMAT csv, HEADER true)
"""
    add_people = """INSERT INTO people (id_number, name, gender, birth_date)
    SELECT DISTINCT ON (id_number) id_number, name,
           CASE WHEN CAST(substr(id_number, 17, 1) AS INT) % 2 = 1 THEN '男' ELSE '女' END,
           substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)
      FROM staging ORDER BY id_number;
"""
    insert = f"""INSERT INTO payouts (person_id, category, amount, paid_on, voucher, note)
    SELECT p.id, {case}, CAST(round(s.amount * 100) AS BIGINT), s.paid_on, s.voucher,
           NULLIF(s.note, '') FROM staging s JOIN people p ON p.id_number = s.id_number;
"""
    same_table = {"on file": os.path.join(work, "psql-copy-on-file.sql"),
                  "not on file": os.path.join(work, "psql-copy-not-on-file.sql")}
    for c, body in (("on file", staging + insert), ("not on file", staging + add_people + insert)):
        with open(same_table[c], "w", encoding="utf-8") as f:
            f.write(body)
    script = os.path.join(work, "psql-copy.sql")
    with open(script, "w", encoding="utf-8") as f:
        f.write(f"""CREATE TABLE payouts(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id_number TEXT NOT NULL, name TEXT, category TEXT, amount BIGINT NOT NULL /* fen */,
    paid_on TEXT, voucher TEXT UNIQUE, note TEXT);
CREATE INDEX payouts_id_number ON payouts(id_number);
CREATE TEMP TABLE staging(id_number TEXT, name TEXT, category TEXT, amount NUMERIC, paid_on TEXT,
    voucher TEXT, note TEXT);
\\copy staging FROM '{path}' WITH (FORMAT csv, HEADER true)
INSERT INTO payouts(id_number, name, category, amount, paid_on, voucher, note)
    SELECT id_number, name, category, round(amount * 100)::BIGINT, paid_on, voucher,
           NULLIF(note, '') FROM staging;
""")
    cases = [("union", "on file"), ("psql", "on file"), ("psql", ""), ("union", "not on file"),
             ("psql", "not on file")]
    times = {c: ([], []) for c in cases}
    log(f"PostgreSQL: {n:,} payout rows, union (recipients on file / not) and psql \\copy x {a.runs} runs")
    for i in range(a.runs):
        for c in cases:
            log(f"  run {i + 1}/{a.runs}: {c[0]} {c[1]}")
            if c == ("psql", ""):
                fresh("union_bench_peer")
                w, rss, _ = R.run([psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d",
                                   url("union_bench_peer"), "-f", script], what="psql \\copy")
                got = count("union_bench_peer", "SELECT count(*) FROM payouts")
            elif c[0] == "psql":
                if c[1] == "on file":
                    fresh("union_bench_peer", "union_bench_people")
                else:
                    fresh("union_bench_peer")
                    R.run([union, "--db", url("union_bench_peer"), "init"], env=env, what="union init")
                w, rss, _ = R.run([psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d",
                                   url("union_bench_peer"), "-f", same_table[c[1]]],
                                  what=f"psql \\copy into union's table ({c[1]})")
                got = count("union_bench_peer", "SELECT count(*) FROM payouts")
            else:
                if c[1] == "on file":
                    fresh("union_bench_run", "union_bench_people")
                else:
                    fresh("union_bench_run")
                    R.run([union, "--db", url("union_bench_run"), "init"], env=env, what="union init")
                w, rss, _ = R.run([union, "--db", url("union_bench_run"), "import", "payouts", path],
                                  env=env, what=f"union import payouts (PostgreSQL, {c[1]})")
                got = count("union_bench_run", "SELECT count(*) FROM payouts")
            if got != n:
                fail(f"{c[0]} {c[1]}: {got} payouts, expected {n}")
            times[c][0].append(w)
            times[c][1].append(rss)
    for db in ("union_bench_run", "union_bench_peer", "union_bench_people"):
        admin(f"DROP DATABASE IF EXISTS {db}")
    notes = {
        ("union", "on file"): "validated + rule-checked, onto a copy of the people template",
        ("psql", "on file"): "\\copy into a staging table, then union's payouts table (its indexes, "
                             "checks, foreign key), recipients by a join; same template; one transaction",
        ("psql", ""): "\\copy into a staging table, then a bare typed table (fen, UNIQUE voucher, "
                      "index on ID number): not union's table, shown for reference",
        ("union", "not on file"): "onto an empty database: the import adds the recipients",
        ("psql", "not on file"): "as psql on file, onto an empty union database: adds the "
                                 "recipients first (gender and birth date from the ID number)",
    }
    label = {"on file": "recipients on file", "not on file": "recipients not on file",
             "": "bare table"}
    m = {c: res.add(f"PostgreSQL: import payouts CSV, {label[c[1]]}", c[0], n, *times[c], notes[c])
         for c in cases}
    for k in ("on file", "not on file"):
        ratio = m[("union", k)] / m[("psql", k)]
        res.target(f"PostgreSQL import {n:,} payouts, recipients {k}: union / psql \\copy into "
                   f"the same table ≤ 1.0 (issue 16)", f"{ratio:.2f}", ratio <= 1.0)
    for k in ("on file", "not on file"):
        ratio = m[("union", k)] / m[("psql", "")]
        res.target(f"PostgreSQL import {n:,} payouts, recipients {k}: union / psql \\copy into "
                   f"a bare table (for reference: not the issue's peer)", f"{ratio:.2f}", True,
                   status="reference")
    peak = max(max(times[c][1]) for c in cases if c[0] == "union") / 1024
    res.target(f"PostgreSQL import {n:,} payouts: union peak memory < 100 MiB", f"{peak:.0f} MiB", peak < 100)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--union", default="target/release/union")
    ap.add_argument("--data", default="target/bench-data")
    ap.add_argument("--sizes", default="1000000,5000000")
    ap.add_argument("--xlsx", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--small-runs", type=int, default=10, help="runs of --help and show")
    ap.add_argument("--big-peers", type=int, default=1, help="0: the peers skip the big size")
    ap.add_argument("--big-sqlite-utils", type=int, default=0,
                    help="1: sqlite-utils runs at the big size too (slow: ~85 s per million rows)")
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--md", default="target/bench-results.md")
    ap.add_argument("--command", default="benches/run.sh")
    ap.add_argument("--only", default="",
                    help="outputs: only the output benchmarks (issue 17); imports: only the CSV "
                         "imports (on file, not on file, re-import) beside sqlite3; yearend: only "
                         "the year-end report beside benches/year-end.sql (after one setup import)")
    ap.add_argument("--list-year", type=int, default=2024, help="the year the output benchmarks list")
    a = ap.parse_args()

    union = os.path.abspath(a.union)
    data = os.path.abspath(a.data)
    work = os.path.join(data, "work")
    shutil.rmtree(work, ignore_errors=True)  # databases of an earlier run
    os.makedirs(work, exist_ok=True)
    sizes = sorted(int(s) for s in a.sizes.split(","))
    small, big = sizes[0], sizes[-1]
    people_csv = os.path.join(data, "people.csv")
    csv = {n: os.path.join(data, f"payouts-{n}.csv") for n in sizes}
    xlsx = os.path.join(data, f"payouts-{a.xlsx}.xlsx")
    for f in [people_csv] + list(csv.values()):
        if not os.path.exists(f):
            fail(f"missing data file {f} (run benches/gen.py)")
    n_people = sum(1 for _ in open(people_csv, encoding="utf-8")) - 1

    R = Runner(work)
    res = Results()
    load0 = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    skipped = []
    bindir = os.path.dirname(sys.executable)
    sqlite3_bin = shutil.which("sqlite3")
    sqlite_utils = shutil.which("sqlite-utils", path=bindir + os.pathsep + os.environ["PATH"])
    have_pandas = importlib.util.find_spec("pandas") is not None
    have_openpyxl = importlib.util.find_spec("openpyxl") is not None
    if not sqlite3_bin:
        skipped.append("sqlite3 (the sqlite3 shell is not installed)")
    if not sqlite_utils:
        skipped.append("sqlite-utils (not installed)")
    if not have_pandas:
        skipped.append("pandas (not installed)")
    for s in skipped:
        log(f"skipping peer: {s}")

    def versions():
        v = {}
        try:
            v["union"] = subprocess.run([union, "--version"], capture_output=True,
                                        text=True).stdout.strip().split()[-1]
            revfile = union + ".rev"  # written by run.sh when it copied the binary
            rev = (open(revfile).read().strip() if os.path.exists(revfile) else
                   subprocess.run(["git", "-C", HERE, "describe", "--always", "--dirty"],
                                  capture_output=True, text=True).stdout.strip())
            v["union"] += f" ({rev})" if rev else ""
        except OSError:
            pass
        if sqlite3_bin:
            v["sqlite3"] = subprocess.run([sqlite3_bin, "--version"], capture_output=True,
                                          text=True).stdout.split()[0]
        if sqlite_utils:
            v["sqlite-utils"] = subprocess.run([sqlite_utils, "--version"], capture_output=True,
                                               text=True).stdout.strip().split()[-1]
        if have_pandas:
            import pandas
            v["pandas"] = pandas.__version__
        if have_openpyxl:
            import openpyxl
            v["openpyxl"] = openpyxl.__version__
        v["python"] = platform.python_version()
        return v

    if a.only == "pg":  # issue 16: union on PostgreSQL beside psql \copy, nothing else
        pg_imports(R, res, a, union, work, people_csv, n_people, csv[small], small)
        report(a, res, versions(), load0, skipped, sizes, n_people)
        return

    # ---- people: one template database per benchmark, imported once (timed separately)
    template = os.path.join(work, "people-template.db")
    rm_db(template)
    log(f"union import people ({n_people:,} rows) into a template database (timed once, separately)")
    w, rss, _ = R.run([union, "--db", template, "import", "people", people_csv], what="union import people")
    res.add("import people.csv (setup, once)", "union", n_people, [w], [rss],
            "imported once into a template; every payout run below starts from a copy of it")
    con = sqlite3.connect(template)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    got = con.execute("SELECT count(*) FROM people").fetchone()[0]
    con.close()
    if got != n_people:
        fail(f"union imported {got} people out of {n_people}")

    sql_script = os.path.join(work, "sqlite3-import.sql")

    def sqlite3_script(path):
        with open(sql_script, "w", encoding="utf-8") as f:
            f.write(f"""CREATE TABLE payouts(id INTEGER PRIMARY KEY, id_number TEXT NOT NULL, name TEXT,
    category TEXT, amount INTEGER NOT NULL /* fen */, paid_on TEXT, voucher TEXT UNIQUE, note TEXT);
CREATE INDEX payouts_id_number ON payouts(id_number);
CREATE TEMP TABLE staging(id_number TEXT, name TEXT, category TEXT, amount TEXT, paid_on TEXT,
    voucher TEXT, note TEXT);
.import --csv --skip 1 --schema temp '{path}' staging
BEGIN;
INSERT INTO payouts(id_number, name, category, amount, paid_on, voucher, note)
    SELECT id_number, name, category, CAST(round(amount * 100) AS INTEGER), paid_on, voucher,
           NULLIF(note, '') FROM temp.staging;
COMMIT;
""")

    def check_db(db, table, n, what):
        con = sqlite3.connect(db)
        got = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        con.close()
        if got != n:
            fail(f"{what}: {got} rows in {table}, expected {n}")

    def union_import(db, path, n):
        copy_db(template, db)
        w, rss, rc = R.run([union, "--db", db, "import", "payouts", path], check=False)
        if rc != 0:
            print(f"\n--- union stdout (tail) ---\n{tail(os.path.join(work, 'last.stdout'))}"
                  f"\n--- union stderr (tail) ---\n{tail(os.path.join(work, 'last.stderr'))}",
                  file=sys.stderr)
            fail(f"union import payouts {os.path.basename(path)} exited with {rc} "
                 "(refused rows or crashed): see the tail above")
        check_db(db, "payouts", n, "union import payouts")
        return w, rss

    def year_end_report(big_db):
        """union report year-end beside benches/year-end.sql over the big database."""
        have_report = subprocess.run([union, "report", "--help"], capture_output=True).returncode == 0
        hand = os.path.join(work, "year-end.sql")
        with open(os.path.join(HERE, "year-end.sql"), encoding="utf-8") as f:
            sql = f.read().replace("__YEAR__", str(a.year))
        with open(hand, "w", encoding="utf-8") as f:
            f.write(sql)
        rtools = (["union"] if have_report else []) + (["sqlite3"] if sqlite3_bin else [])
        if not have_report:
            log("report year-end: not available yet")
        times = {t: ([], []) for t in rtools}
        log(f"year-end report over {big:,} payouts: {', '.join(rtools) or 'nothing'} x {a.runs} runs")
        for i in range(a.runs):
            for t in rtools:
                if t == "union":
                    w, rss, _ = R.run([union, "--db", big_db, "report", "year-end", "--year", str(a.year)],
                                      what="union report year-end")
                else:
                    w, rss, _ = R.run([sqlite3_bin, "-bail", big_db], stdin=hand, what="sqlite3 year-end.sql")
                times[t][0].append(w)
                times[t][1].append(rss)
        rep = {t: res.add("year-end report", t, big, *times[t],
                          note={"union": f"report year-end --year {a.year}",
                                "sqlite3": "benches/year-end.sql by hand, over union's database"}[t])
               for t in rtools}
        rlabel = f"report year-end {big:,} payouts: union / sqlite3 ≤ 1.5"
        if "union" in rep and "sqlite3" in rep:
            ratio = rep["union"] / rep["sqlite3"]
            res.target(rlabel, f"{ratio:.2f}", ratio <= 1.5)
            # Issue 15: with its keys (benches/year-end.sql has them too), within 1.0x.
            res.target(f"report year-end {big:,} payouts: union / sqlite3 ≤ 1.0 (issue 15)", f"{ratio:.2f}",
                       ratio <= 1.0)
        else:
            res.target(rlabel, "union report year-end not available yet" if not have_report else "sqlite3 missing",
                       False, "MISSING" if not have_report else "SKIPPED")

    def imports_and_reports():
        sums = {}

        # ---- CSV imports
        for n in sizes:
            path = csv[n]
            peers = n == small or a.big_peers
            tools = ["union"] + ([t for t, ok in (("sqlite3", sqlite3_bin), ("sqlite-utils", sqlite_utils),
                                                 ("pandas", have_pandas)) if ok] if peers else [])
            if a.only == "imports":  # the issue 13 paths: union beside sqlite3 only
                tools = [t for t in tools if t in ("union", "sqlite3")]
            if n != small and not a.big_sqlite_utils and "sqlite-utils" in tools:
                tools.remove("sqlite-utils")
                log(f"sqlite-utils skipped at {n:,} rows (BENCH_SQLITE_UTILS_BIG=1 to include it)")
            times = {t: ([], []) for t in tools}
            log(f"CSV import of {n:,} payout rows: {', '.join(tools)} x {a.runs} runs")
            udb = os.path.join(work, f"union-{n}.db")
            pdb = os.path.join(work, "peer.db")
            sqlite3_script(path)
            for i in range(a.runs):
                for t in tools:
                    log(f"  run {i + 1}/{a.runs}: {t}")
                    if t == "union":
                        w, rss = union_import(udb, path, n)
                    else:
                        rm_db(pdb)
                        if t == "sqlite3":
                            w, rss, _ = R.run([sqlite3_bin, "-bail", pdb], stdin=sql_script, what="sqlite3")
                            check_db(pdb, "payouts", n, "sqlite3 .import")
                            con = sqlite3.connect(pdb)
                            sums["sqlite3"] = con.execute("SELECT sum(amount) FROM payouts").fetchone()[0]
                            con.close()
                        elif t == "sqlite-utils":
                            w, rss, _ = R.run(["sh", "-c", '"$0" insert "$1" payouts "$2" --csv && '
                                               '"$0" create-index "$1" payouts 身份证号',
                                               sqlite_utils, pdb, path], what="sqlite-utils")
                            check_db(pdb, "payouts", n, "sqlite-utils insert")
                        else:
                            w, rss, _ = R.run([sys.executable, os.path.join(HERE, "peers.py"),
                                               "pandas-csv", path, pdb], what="pandas read_csv+to_sql")
                            check_db(pdb, "payouts", n, "pandas to_sql")
                        rm_db(pdb)
                    times[t][0].append(w)
                    times[t][1].append(rss)
            con = sqlite3.connect(udb)
            sums["union"] = con.execute("SELECT sum(amount) FROM payouts").fetchone()[0]
            con.close()
            if "sqlite3" in sums and sums["sqlite3"] != sums["union"]:
                fail(f"sum of amounts differs: union {sums['union']} fen, sqlite3 {sums['sqlite3']} fen")
            notes = {
                "union": "validated + rule-checked, onto a copy of the people template",
                "sqlite3": "typed table, fen, UNIQUE voucher, index on ID number (see benches/run.sh)",
                "sqlite-utils": "insert --csv (all TEXT, no fen, no unique voucher) + create-index 身份证号",
                "pandas": "read_csv + fen column + to_sql + index on ID, unique index on voucher",
            }
            for t in tools:
                res.add(f"import payouts CSV", t, n, times[t][0], times[t][1], notes[t] if n == small else "")
            sums.clear()

        # ---- recipients not yet on file (issue 13): the same file onto an empty database, so
        # the import adds every recipient (~200,000 people) from the rows' names and ID numbers
        fresh = os.path.join(work, "union-fresh.db")
        walls, rsss = [], []
        log(f"CSV import of {small:,} payout rows onto an empty database (recipients added): "
            f"union x {a.runs} runs")
        for i in range(a.runs):
            log(f"  run {i + 1}/{a.runs}: union (recipients not on file)")
            rm_db(fresh)
            w, rss, rc = R.run([union, "--db", fresh, "import", "payouts", csv[small]], check=False)
            if rc != 0:
                print(f"\n--- union stderr (tail) ---\n{tail(os.path.join(work, 'last.stderr'))}",
                      file=sys.stderr)
                fail(f"union import payouts onto an empty database exited with {rc}")
            check_db(fresh, "payouts", small, "union import payouts (recipients not on file)")
            walls.append(w)
            rsss.append(rss)
        rm_db(fresh)
        res.add("import payouts CSV, recipients not on file", "union", small, walls, rsss,
                "onto an empty database: every recipient added as a person from the rows")

        # ---- the same file again onto union's database: every row found unchanged (the slow,
        # row-by-row path, with every row remembered for the file's own conflicts); one run each
        for n in sizes:
            udb = os.path.join(work, f"union-{n}.db")
            log(f"re-import of the same {n:,} payout rows onto union's database (1 run)")
            w, rss, _ = R.run([union, "--db", udb, "import", "payouts", csv[n]], what="union re-import")
            check_db(udb, "payouts", n, "union re-import")
            res.add("re-import payouts CSV (all unchanged)", "union", n, [w], [rss],
                    "the same file again: nothing added" if n == small else "")

        med = {(r["bench"], r["tool"], r["rows"]): r for r in res.rows}
        u_small = med[("import payouts CSV", "union", small)]
        u_big = med[("import payouts CSV", "union", big)]
        s_small = med.get(("import payouts CSV", "sqlite3", small))
        scale = "" if small == 1_000_000 else f" (at {small:,} rows)"
        if s_small:
            ratio = u_small["med"] / s_small["med"]
            res.target(f"import 1M: union / sqlite3 .import ≤ 1.0{scale}", f"{ratio:.2f}", ratio <= 1.0)
        else:
            res.target(f"import 1M: union / sqlite3 .import ≤ 1.0{scale}", "sqlite3 missing", False, "SKIPPED")
        fresh_r = med[("import payouts CSV, recipients not on file", "union", small)]
        if s_small:
            ratio = u_small["med"] / s_small["med"]
            res.target(f"(issue 13) import 1M, recipients on file: union / sqlite3 .import ≤ 0.8{scale}",
                       f"{ratio:.2f}", ratio <= 0.8)
            ratio = fresh_r["med"] / s_small["med"]
            res.target(f"(issue 13) import 1M, recipients not on file: union / sqlite3 .import ≤ 1.0{scale}",
                       f"{ratio:.2f}", ratio <= 1.0)
        r_small = med[("re-import payouts CSV (all unchanged)", "union", small)]
        ratio = r_small["med"] / u_small["med"]
        res.target(f"(issue 13) re-import of the unchanged file / its first import ≤ 0.5{scale}",
                   f"{ratio:.2f}", ratio <= 0.5)
        for r, label in ((fresh_r, f"{small:,} rows, recipients not on file"),
                         (r_small, f"{small:,} rows, re-import")):
            mib = r["rss"] / 1024
            res.target(f"(issue 13) peak RSS union import < 100 MiB at {label}", f"{mib:.1f} MiB", mib < 100)
        for r, label in ((u_small, f"{small:,}"), (u_big, f"{big:,}")):
            mib = r["rss"] / 1024
            res.target(f"peak RSS union import < 100 MiB at {label} rows", f"{mib:.1f} MiB", mib < 100)
        flat = u_big["rss"] / u_small["rss"]
        res.target(f"peak RSS flat: {big:,} / {small:,} rows ≤ 1.25", f"{flat:.2f}", flat <= 1.25)
        r_big = med[("re-import payouts CSV (all unchanged)", "union", big)]
        mib = r_big["rss"] / 1024
        res.target(f"(beyond §8) peak RSS union re-import < 100 MiB at {big:,} rows", f"{mib:.1f} MiB",
                   mib < 100)

        if a.only == "imports":
            return

        # ---- XLSX
        if os.path.exists(xlsx):
            tools = ["union"] + (["pandas"] if have_pandas else [])
            log(f"XLSX ({a.xlsx:,} rows): {', '.join(tools)} x {a.runs} runs")
            times = {t: ([], []) for t in tools}
            xdb = os.path.join(work, "union-xlsx.db")
            for i in range(a.runs):
                for t in tools:
                    log(f"  run {i + 1}/{a.runs}: {t}")
                    if t == "union":
                        w, rss = union_import(xdb, xlsx, a.xlsx)
                    else:
                        w, rss, _ = R.run([sys.executable, os.path.join(HERE, "peers.py"), "pandas-xlsx", xlsx],
                                          what="pandas read_excel")
                    times[t][0].append(w)
                    times[t][1].append(rss)
            ux = res.add("import payouts XLSX", "union", a.xlsx, *times["union"],
                         note="validated + rule-checked + written to the database")
            if have_pandas:
                px = res.add("read XLSX", "pandas", a.xlsx, *times["pandas"], note="read_excel only (openpyxl)")
                res.target("XLSX 100k: pandas.read_excel / union import ≥ 5", f"{px / ux:.2f}", px / ux >= 5)
            else:
                res.target("XLSX 100k: pandas.read_excel / union import ≥ 5", "pandas missing", False, "SKIPPED")
            rm_db(xdb)
        else:
            log("no XLSX sheet (openpyxl missing?): XLSX benchmark skipped")
            res.target("XLSX 100k: pandas.read_excel / union import ≥ 5", "no sheet", False, "SKIPPED")

        year_end_report(os.path.join(work, f"union-{big}.db"))

        # ---- --help and show on the small database
        small_db = os.path.join(work, f"union-{small}.db")
        con = sqlite3.connect(small_db)
        voucher = con.execute("SELECT voucher FROM payouts WHERE id = (SELECT max(id) / 2 FROM payouts)").fetchone()[0]
        con.close()
        log(f"union --help and payouts show {voucher} on the {small:,}-row database x {a.small_runs}")
        for label, argv in (("--help", [union, "--help"]),
                            (f"payouts show {voucher}", [union, "--db", small_db, "payouts", "show", voucher])):
            walls, rsss = [], []
            for _ in range(a.small_runs):
                w, rss, _ = R.run(argv, what=f"union {label}")
                walls.append(w)
                rsss.append(rss)
            m = res.add(f"union {label}", "union", small if "show" in label else None, walls, rsss, unit="ms",
                        note=f"on the {small:,}-row database" if "show" in label else "")
            name = "show" if "show" in label else "--help"
            res.target(f"{name}{' on the ' + format(small, ',') + '-row db' if name == 'show' else ''} < 100 ms",
                       f"{m * 1000:.1f} ms", m < 0.1)


    if a.only == "yearend":  # the year-end report only, over the big database (issue 15)
        udb = os.path.join(work, f"union-{big}.db")
        log(f"setup: union import payouts ({big:,} rows) for the year-end report")
        w, rss = union_import(udb, csv[big], big)
        res.add("import payouts CSV (setup, once)", "union", big, [w], [rss], "the database the report reads")
        year_end_report(udb)
    elif a.only == "outputs":
        udb = os.path.join(work, f"union-{big}.db")
        log(f"setup: union import payouts ({big:,} rows) for the output benchmarks")
        w, rss = union_import(udb, csv[big], big)
        res.add("import payouts CSV (setup, once)", "union", big, [w], [rss], "the database the outputs read")
    else:
        imports_and_reports()
    if a.only not in ("imports", "yearend"):
        outputs(R, res, a, union, sqlite3_bin, os.path.join(work, f"union-{big}.db"), n_people, big)

    report(a, res, versions(), load0, skipped, sizes, n_people)


def report(a, res, v, load0, skipped, sizes, n_people):
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    header = (f"## Benchmarks ({dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC)\n\n"
              f"`{a.command}` — {os.cpu_count()} cores ({cpu}), "
              f"median of {a.runs} runs (`--help`/`show`: {a.small_runs}), fresh database each run; "
              f"{n_people:,} people, payout CSVs of {', '.join(f'{n:,}' for n in sizes)} rows, "
              f"XLSX of {a.xlsx:,} rows.\n\n"
              + ", ".join(f"{k} {val}" for k, val in v.items())
              + (f"\n\nLoad average at start {' '.join(load0)}, at end "
                 f"{' '.join(open('/proc/loadavg').read().split()[:3])} (other work on the machine "
                 "shows here: compare ratios within one run, not absolute times across runs)."
                 if load0 else "")
              + ("\n\nPeers not run: " + "; ".join(skipped) if skipped else ""))
    text, md = res.text(header)
    print("\n" + header + "\n\n" + text + "\n")
    os.makedirs(os.path.dirname(os.path.abspath(a.md)), exist_ok=True)
    with open(a.md, "w", encoding="utf-8") as f:
        f.write(md)
    log(f"Markdown written to {a.md}")


if __name__ == "__main__":
    main()
