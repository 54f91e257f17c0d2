#!/usr/bin/env bash
# benches/run.sh — side-by-side benchmark of `union` against the tools a user would pick
# (SPEC §8, issue 6). Run from the repository root:
#
#     benches/run.sh            # full run: 1M and 5M payout rows, median of 3 runs (~15-25 min, 2 cores)
#     benches/run.sh --quick    # smoke test: 100k and 500k payout rows, 1 run
#
# Environment overrides: BENCH_RUNS (runs per measurement, default 3; --quick: 1),
# BENCH_SIZES (e.g. "1000000,5000000"), BENCH_XLSX_ROWS (100000), BENCH_PEOPLE (200000),
# BENCH_BIG_PEERS=0 (the peers skip the big size; union always runs it),
# BENCH_SQLITE_UTILS_BIG=1 (sqlite-utils also runs at the big size: off by default, it takes
# ~85 s per million rows), BENCH_SEED, BENCH_ONLY=yearend (only the setup import of the biggest
# size and the year-end report beside benches/year-end.sql), BENCH_ONLY=outputs (only the setup import and the
# output benchmarks of step 3 below), BENCH_ONLY=imports (only the CSV imports of step 3 —
# recipients on file, recipients not on file, re-import — beside sqlite3), BENCH_ONLY=pg (issue 16:
# `union import payouts` into PostgreSQL, recipients on file and not, beside psql's \copy of the
# same file into union's own payouts table, recipients by a join (the issue's peer), and into a
# bare typed table for reference, at the smallest size; the server is BENCH_PG, a URL whose role
# may create databases, or the one .ci/pg.sh starts), BENCH_OUTPUTS=csv,xlsx,... (only the output benchmarks
# whose name holds one of these words), BENCH_UNION=PATH (time that binary instead of building:
# how the figures before a change are taken with the same script).
#
# What it does, in order:
#  1. Installs its peers if absent (idempotent): Debian `sqlite3` and GNU `time`
#     (apt-get, as root or through sudo), and in a venv at target/bench-venv: pandas,
#     openpyxl, sqlite-utils (pip). A peer that cannot be installed is skipped with a
#     message. Then `cargo build --release`.
#  2. benches/gen.py writes deterministic data (fixed seed) to target/bench-data/:
#     people.csv (200k people with valid GB 11643 ID numbers; headers
#     姓名,身份证号,性别,出生日期,所属地区,状态), payouts-<N>.csv (headers
#     身份证号,姓名,类别,金额(元),发放日期,凭证号,备注; 2024-2025; categories and amounts that
#     respect the payout rules of SPEC §6.2; unique vouchers FL2025-00000001 …) and
#     payouts-100000.xlsx (the first 100k rows as a workbook; ID and voucher are text cells).
#     Skipped when the same data is already there (target/bench-data/MANIFEST).
#  3. benches/bench.py times, on the same files in the same run, each under /usr/bin/time -v
#     (peak RSS) with a fresh database each run, median of BENCH_RUNS:
#     - union:   `union --db X import payouts FILE`, X a copy of a database into which
#                `union import people people.csv` was run once (that people import is
#                timed separately, once, and reported as its own row);
#     - sqlite3: one `sqlite3 -bail X < script` whose script creates the typed table
#                payouts(id INTEGER PRIMARY KEY, id_number TEXT NOT NULL, name, category,
#                amount INTEGER NOT NULL /* fen */, paid_on, voucher TEXT UNIQUE, note) and
#                CREATE INDEX payouts_id_number ON payouts(id_number), then
#                `.import --csv --skip 1 --schema temp FILE staging` into a TEMP staging
#                table, then BEGIN; INSERT INTO payouts SELECT …,
#                CAST(round(amount*100) AS INTEGER), … FROM temp.staging; COMMIT;
#     - sqlite-utils: `sqlite-utils insert X payouts FILE --csv` (no --pk, no type
#                detection: every column TEXT, no fen, no unique voucher) then
#                `sqlite-utils create-index X payouts 身份证号`, timed together (one sh -c);
#                at the small size only unless BENCH_SQLITE_UTILS_BIG=1;
#     - pandas:  benches/peers.py pandas-csv: read_csv (ID and voucher as str), fen column
#                round(金额*100) as int64, to_sql into a sqlite3 connection, then an index on
#                the ID number and a unique index on the voucher, committed;
#     - recipients not on file: `union --db X import payouts FILE` at the smallest size onto an
#                empty database X, so the import adds every recipient (~200k people) from
#                the rows; same runs, beside the sqlite3 .import above (issue 13);
#     - re-import: union imports each payout CSV a second time onto its own database
#                (every row unchanged: the row-by-row path), one run, wall time and peak RSS;
#     - XLSX:    `union import payouts payouts-100000.xlsx` (same fresh people copy) vs
#                benches/peers.py pandas-xlsx: pandas.read_excel(sheet) only;
#     - year-end: `union --db DB report year-end --year 2025` on the big union database
#                (when `union report --help` succeeds; otherwise "not available yet") vs
#                `sqlite3 DB < benches/year-end.sql` (the same aggregates by hand);
#     - `union --help` and `union --db DB payouts show VOUCHER` on the small database,
#                10 runs each, in milliseconds.
#     - outputs (issue 17), on the big database: `payouts list --year 2024` as
#                `--format csv -o X.csv`, `-o X.json`, `-o X.xlsx` and as the screen table
#                (stdout piped to a file, COLUMNS=120); `export payouts -o X.csv` and
#                `-o X.xlsx`; `people list -o X.csv`; `check payouts --year 2024`; each beside
#                `sqlite3 -csv -header DB "SELECT …"` writing the same rows (same columns,
#                joins, order, ID numbers and mobiles masked in SQL) to a file, in the same run.
#     union's exit code is checked on every run (a refused row or a crash stops the
#     benchmark with union's output tail), and every tool's row count is checked.
#  4. Prints the measurements and the SPEC §8 targets with PASS/FAIL, and writes the same
#     as Markdown to target/bench-results.md for the README.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
    esac
done

if [ "$QUICK" = 1 ]; then
    SIZES=${BENCH_SIZES:-100000,500000}
    RUNS=${BENCH_RUNS:-1}
    SMALL_RUNS=3
else
    SIZES=${BENCH_SIZES:-1000000,5000000}
    RUNS=${BENCH_RUNS:-3}
    SMALL_RUNS=10
fi
XLSX_ROWS=${BENCH_XLSX_ROWS:-100000}
PEOPLE=${BENCH_PEOPLE:-200000}
SEED=${BENCH_SEED:-20251231}
BIG_PEERS=${BENCH_BIG_PEERS:-1}
VENV=$ROOT/target/bench-venv
DATA=$ROOT/target/bench-data

say() { printf '\n==> %s\n' "$*" >&2; }
warn() { printf 'run.sh: WARNING: %s\n' "$*" >&2; }

# ---- 1. peers -------------------------------------------------------------------------
say "peers: sqlite3, GNU time (apt); pandas, openpyxl, sqlite-utils (venv $VENV)"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO="none"; fi
fi
APT_UPDATED=0
apt_install() {  # apt_install PKG... ; never fails the script
    if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then
        warn "cannot install $* (no apt-get, or not root and no sudo)"; return 1
    fi
    if [ "$APT_UPDATED" = 0 ]; then
        $SUDO apt-get update -qq >&2 || warn "apt-get update failed"
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >&2 || { warn "apt-get install $* failed"; return 1; }
}
APT_WANT=()
command -v sqlite3 >/dev/null 2>&1 || APT_WANT+=(sqlite3)
[ -x /usr/bin/time ] || APT_WANT+=(time)
if [ ${#APT_WANT[@]} -gt 0 ]; then
    say "installing ${APT_WANT[*]}"
    apt_install "${APT_WANT[@]}" || true
fi
command -v sqlite3 >/dev/null 2>&1 || warn "sqlite3 not installed: its benchmarks are skipped"
[ -x /usr/bin/time ] || warn "GNU time not installed: peak RSS from wait4() instead"

PY_MODULES="import pandas, openpyxl, sqlite_utils"
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "$PY_MODULES" 2>/dev/null; then
    echo "python peers already in $VENV" >&2
else
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV" 2>/dev/null || {
            apt_install python3-venv && python3 -m venv "$VENV"
        } || warn "could not create a venv at $VENV"
    fi
    if [ -x "$VENV/bin/python" ]; then
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check pandas openpyxl sqlite-utils >&2 \
            || for p in pandas openpyxl sqlite-utils; do
                   "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$p" >&2 \
                       || warn "pip install $p failed: its benchmarks are skipped"
               done
    fi
fi
if [ -x "$VENV/bin/python" ]; then PY=$VENV/bin/python; else PY=python3; fi

# ---- build ---------------------------------------------------------------------------
if [ -z "${BENCH_UNION:-}" ]; then
    say "cargo build --release"
    cargo build --release >&2 || { echo "run.sh: cargo build --release failed" >&2; exit 1; }
fi
mkdir -p "$DATA"
# time a private copy: a rebuild by someone else during the run must not swap the binary
mkdir -p "$DATA/bin" && cp "${BENCH_UNION:-target/release/union}" "$DATA/bin/union"
if [ -n "${BENCH_UNION:-}" ]; then
    echo "$(basename "$BENCH_UNION")" > "$DATA/bin/union.rev"
else
    git describe --always --dirty > "$DATA/bin/union.rev" 2>/dev/null || rm -f "$DATA/bin/union.rev"
fi

# ---- 2. data -------------------------------------------------------------------------
MAX_SIZE=$(tr ',' '\n' <<<"$SIZES" | sort -n | tail -1)
GEN_SIZES=$SIZES
XLSX_ARG=$XLSX_ROWS
"$PY" -c 'import openpyxl' 2>/dev/null || { warn "openpyxl missing: no XLSX sheet, XLSX benchmark skipped"; XLSX_ARG=0; }
say "data: $PEOPLE people, payouts $SIZES rows, XLSX $XLSX_ROWS rows (seed $SEED) in $DATA"
"$PY" benches/gen.py --out "$DATA" --seed "$SEED" --people "$PEOPLE" --payouts "$GEN_SIZES" --xlsx "$XLSX_ARG"

# ---- 3 and 4. timings and table -------------------------------------------------------
CMD="benches/run.sh"
if [ "$QUICK" = 1 ]; then CMD="benches/run.sh --quick"; fi
ONLY=${BENCH_ONLY:-}
if [ -n "$ONLY" ]; then CMD="BENCH_ONLY=$ONLY $CMD"; fi
if [ "$ONLY" = pg ] && [ -z "${BENCH_PG:-}" ]; then
    # A PostgreSQL server as CI has one (started, or Debian's postgresql installed).
    say "PostgreSQL server (.ci/pg.sh)"
    . .ci/pg.sh
fi
say "timing (median of $RUNS run(s) per measurement; max size $MAX_SIZE rows)"
"$PY" benches/bench.py --union "$DATA/bin/union" --data "$DATA" --sizes "$SIZES" \
    --xlsx "$XLSX_ROWS" --runs "$RUNS" --small-runs "$SMALL_RUNS" --big-peers "$BIG_PEERS" \
    --big-sqlite-utils "${BENCH_SQLITE_UTILS_BIG:-0}" \
    --only "$ONLY" --md target/bench-results.md --command "$CMD"
