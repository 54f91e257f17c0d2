#!/usr/bin/env bash
# Mutation testing of src/domain/: the rules about who may be paid or named and the parsers
# that read a cell (issue 18). For each file cargo-mutants makes every mutant and runs the
# tests against it; equivalent mutants are excluded in .cargo/mutants.toml, each with its
# reason. A file passes with 0 missed and 0 timeouts.
#
# Two passes per file, giving the whole suite's result: the unit tests first (only the
# library's tests are built: seconds a mutant), then the whole suite, integration tests
# through the binary included, for whatever the unit tests left alive (`--iterate` skips the
# mutants already caught). A mutant the unit tests catch is caught by the whole suite too,
# which runs them first and stops at their failure.
#
#   benches/mutants.sh                  the four files of issue 18's acceptance
#   benches/mutants.sh --all            every file of src/domain/
#   benches/mutants.sh codes mask …     those files (`codes`, `codes.rs` or `src/domain/codes.rs`)
#   MUTANTS_JOBS=2 benches/mutants.sh   parallel builds (default 1; each job copies the tree)
#   MUTANTS_ONE_PASS=1 …                the whole suite for every mutant (minutes a mutant)
#
# Results in target/mutants/mutants.out/ (caught.txt, missed.txt, timeout.txt, …) and a
# summary on stdout. Exit 0 when no file has a missed mutant or a timeout, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
    cargo install --locked cargo-mutants
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

# The outcome of each mutant (the second pass's, where it ran one), counted per file.
summarise() {
    python3 - "$@" <<'PY'
import json, sys
files, runs = sys.argv[1].split(), sys.argv[2:]
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
            outcome[m["name"]] = (m["file"], o["summary"])
for name in files:
    path = f"src/domain/{name}.rs"
    mine = [(m, s) for m, (f, s) in outcome.items() if f == path]
    count = lambda summary: sum(1 for _, s in mine if s == summary)
    print(f"| {path} | {len(mine)} | {count('CaughtMutant')} | {count('MissedMutant')} | "
          f"{count('Timeout')} | {count('Unviable')} |")
for m, (f, s) in sorted(outcome.items()):
    if s in ("MissedMutant", "Timeout"):
        print(f"{s}: {m}")
PY
}

out=target/mutants
rm -rf "$out"
mkdir -p "$out"
args=(--no-shuffle -j "$jobs" -o "$out")
for name in "${files[@]}"; do
    args+=(--file "src/domain/$name.rs")
done
if [ -n "${MUTANTS_ONE_PASS:-}" ]; then
    cargo mutants "${args[@]}" || true
    runs=("$out/mutants.out/outcomes.json")
else
    cargo mutants "${args[@]}" --cargo-arg=--lib || true
    cp "$out/mutants.out/outcomes.json" "$out/unit-tests.json"
    if [ "$(cat "$out"/mutants.out/{missed,timeout,unviable}.txt | wc -l)" -gt 0 ]; then
        cargo mutants "${args[@]}" --iterate || true
    fi
    runs=("$out/unit-tests.json" "$out/mutants.out/outcomes.json")
fi

table=$(summarise "${files[*]}" "${runs[@]}")
echo
echo "cargo mutants $(cargo mutants --version | awk '{print $2}') on $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| file | mutants | caught | missed | timeout | unviable |"
echo "|---|---|---|---|---|---|"
echo "$table"
! echo "$table" | grep -q -e '^MissedMutant' -e '^Timeout'
