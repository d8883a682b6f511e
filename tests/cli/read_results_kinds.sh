#!/bin/sh
# examples/read_results.py on every kind of result folder: run, compare, sweep, staff,
# delegation, backtest, calibrate (a fitted scenario and --targets), each made small; it must say which kind it read, decode names as str
# (a Vietnamese unit name, never b'...') and, on a folder holding no results, exit 1 with a
# message instead of a traceback.
# Usage: read_results_kinds.sh TWOTIER PYTHON EXAMPLE SOURCE_DIR OUTDIR
set -eu
twotier=$1 python=$2 example=$3 src=$4 out=$5
rm -rf "$out"
mkdir -p "$out"
single=$src/scenarios/examples/single-commune/scenario.toml
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # expect FOLDER KIND NEEDLE
  "$python" "$example" "$1" >"$out/$2.txt" 2>&1 || fail "$2: exit code $? ($(cat "$out/$2.txt"))"
  grep -q "^kind: $2" "$out/$2.txt" || fail "$2: no 'kind: $2' in $(cat "$out/$2.txt")"
  grep -q "$3" "$out/$2.txt" || fail "$2: no '$3' in $(cat "$out/$2.txt")"
  ! grep -q "Traceback\|b'" "$out/$2.txt" || fail "$2: traceback or bytes in $(cat "$out/$2.txt")"
}

"$twotier" run "$src/tests/data/two-communes/scenario.toml" --reps 2 --horizon 20d --threads 2 --out "$out/run" -q >/dev/null
expect "$out/run" run "units: 2 (Xã"
"$twotier" compare "$single" "$single" --reps 2 --threads 2 --set scenario.horizon=20d --out "$out/compare" -q >/dev/null
expect "$out/compare" compare "comparison: .*on-time difference"
"$twotier" sweep "$src/scenarios/validation/mm1.toml" --vary scenario.horizon=40d,60d --reps 2 --threads 2 --out "$out/sweep" -q >/dev/null
expect "$out/sweep" sweep "point 1"
"$twotier" staff "$src/tests/data/two-communes/scenario.toml" --target "on_time_rate>=0.9" --reps 3 --threads 2 --out "$out/staff" -q >/dev/null
expect "$out/staff" staff "staffing recommended: province on-time"
"$twotier" delegation "$src/tests/data/delegation-small/scenario.toml" --domains land --options province --reps 2 --horizon 20d --threads 2 --out "$out/delegation" -q >/dev/null
expect "$out/delegation" delegation "land province"
"$twotier" run "$src/tests/data/calibration-truth/scenario.toml" --reps 1 --trace --out "$out/truth" --quiet >/dev/null
"$twotier" backtest "$src/tests/data/calibration-truth/scenario.toml" "$out/truth/dossier_log.csv" \
  --steps "$out/truth/step_log.csv" --from 2026-03-02 --to 2026-04-01 --reps 3 --threads 2 --out "$out/backtest" >/dev/null
expect "$out/backtest" backtest "coverage: "
"$twotier" calibrate "$out/truth/dossier_log.csv" --steps "$out/truth/step_log.csv" --out "$out/fit" -q >/dev/null
expect "$out/fit" calibrate "fitted parameters"
"$twotier" calibrate --targets "$src/tests/data/calibration-targets/targets.csv" \
  --parameters "$src/tests/data/calibration-targets/parameters.csv" --scenario "$single" \
  --points 4 --waves 1 --reps 2 --threads 2 --out "$out/calibration" -q >/dev/null || true
expect "$out/calibration" "calibrate --targets" "parameter sets simulated"

# Not results: a clear message and exit 1, no traceback.
mkdir -p "$out/empty"
if "$python" "$example" "$out/empty" >"$out/empty.txt" 2>&1; then fail "empty folder accepted"; fi
grep -q "holds no twotier results" "$out/empty.txt" || fail "empty: $(cat "$out/empty.txt")"
! grep -q Traceback "$out/empty.txt" || fail "empty: traceback"
echo "read_results: every kind read"
