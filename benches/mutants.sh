#!/usr/bin/env bash
# Mutation testing of src/domain/: the rules about who may be paid or named and the parsers
# that read a cell (issue 18). cargo-mutants makes every mutant of the files asked for and runs
# the tests against each; equivalent mutants are excluded in .cargo/mutants.toml, each with its
# reason. A file passes with 0 missed and 0 timeouts.
#
# Two passes, giving the whole suite's verdict on every mutant in a fraction of its time:
#   1. the unit tests alone (only the library's tests are built: seconds a mutant);
#   2. the whole suite, integration tests through the binary included, for the mutants the
#      unit tests missed (and those that did not build, in case only the unit tests' build
#      failed).
# A mutant the unit tests catch is caught by the whole suite, which runs them first and stops
# at their failure; one that hangs them hangs it too, so it stays a timeout.
#
#   benches/mutants.sh                  the four files of issue 18's acceptance
#   benches/mutants.sh --all            every file of src/domain/
#   benches/mutants.sh codes mask …     those files (`codes`, `codes.rs` or `src/domain/codes.rs`)
#   benches/mutants.sh --summary …      the table of the last run, without running anything
#   MUTANTS_JOBS=2 benches/mutants.sh   parallel builds (default 1; each job copies the tree)
#   MUTANTS_OUT=DIR …                   results in DIR instead of target/mutants
#
# Results in target/mutants/unit/mutants.out/ and target/mutants/suite/mutants.out/
# (caught.txt, missed.txt, timeout.txt, …) and a summary on stdout. Exit 0 when no file has a
# missed mutant or a timeout, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
    cargo install --locked cargo-mutants
fi

run=yes
if [ "${1:-}" = --summary ]; then
    run=
    shift
fi
jobs=${MUTANTS_JOBS:-1}
files=()
case "${1:-}" in
"") files=(payout_rules eligibility id_number values) ;;
--all)
    for f in src/domain/*.rs; do
        name=$(basename "$f" .rs)
        [ "$name" = mod ] || files+=("$name")
    done
    ;;
*)
    for a in "$@"; do
        a=${a##*/}
        files+=("${a%.rs}")
    done
    ;;
esac

out=${MUTANTS_OUT:-target/mutants}
args=(--no-shuffle -j "$jobs")
for name in "${files[@]}"; do
    args+=(--file "src/domain/$name.rs")
done

# The mutants of pass 1 that pass 2 judges again, as one regex for --re (empty when none).
left_alive() {
    python3 - "$out/unit/mutants.out/outcomes.json" <<'PY'
import json, re, sys
names = [o["scenario"]["Mutant"]["name"] for o in json.load(open(sys.argv[1]))["outcomes"]
         if isinstance(o["scenario"], dict) and "Mutant" in o["scenario"]
         and o["summary"] in ("MissedMutant", "Unviable")]
print("|".join(f"^{re.escape(n)}$" for n in names))
PY
}

if [ -n "$run" ]; then
    rm -rf "$out"
    mkdir -p "$out"
    cargo mutants "${args[@]}" -o "$out/unit" --cargo-arg=--lib || true
    regex=$(left_alive)
    if [ -n "$regex" ]; then
        cargo mutants "${args[@]}" -o "$out/suite" --re "$regex" || true
    fi
fi

# Each mutant's outcome (pass 2's where it ran), counted per file, for the mutants the tree
# makes now (`--list`: none excluded since the run).
cargo mutants --list "${args[@]}" >"$out/list.txt"
table=$(
    python3 - "${files[*]}" "$out/list.txt" "$out/unit/mutants.out/outcomes.json" "$out/suite/mutants.out/outcomes.json" <<'PY'
import json, sys
files, listed, runs = sys.argv[1].split(), sys.argv[2], sys.argv[3:]
current = set(open(listed).read().splitlines())
outcome = {}
for path in runs:
    try:
        data = json.load(open(path))
    except FileNotFoundError:
        continue
    for o in data["outcomes"]:
        scenario = o["scenario"]
        if isinstance(scenario, dict) and "Mutant" in scenario:
            m = scenario["Mutant"]
            if m["name"] in current:
                outcome[m["name"]] = (m["file"], o["summary"])
for name in files:
    path = f"src/domain/{name}.rs"
    mine = [s for f, s in outcome.values() if f == path]
    print(f"| {path} | {len(mine)} | {mine.count('CaughtMutant')} | {mine.count('MissedMutant')} | "
          f"{mine.count('Timeout')} | {mine.count('Unviable')} |")
for m, (f, s) in sorted(outcome.items()):
    if s in ("MissedMutant", "Timeout"):
        print(f"{s}: {m}")
PY
)
echo
echo "cargo mutants $(cargo mutants --version | awk '{print $2}') on $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| file | mutants | caught | missed | timeout | unviable |"
echo "|---|---|---|---|---|---|"
echo "$table"
! echo "$table" | grep -q -e '^MissedMutant' -e '^Timeout'
