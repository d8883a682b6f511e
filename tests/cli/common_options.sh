#!/bin/sh
# One set of common options on every subcommand (issue 21): an option that does not apply is
# refused with the reason (exit 2, nothing written), never called unknown; a bad value names the
# scenario key it sets; the options that apply are taken with the same name everywhere.
# Usage: common_options.sh TWOTIER SOURCE_DIR OUTDIR
set -u
twotier=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
two="$src/tests/data/two-communes/scenario.toml"
failed=0 passed=0

# expect NAME CODE PATTERN ARGS...: the command exits CODE and its output matches PATTERN.
expect() {
  name=$1 code=$2 pattern=$3
  shift 3
  "$twotier" "$@" >"$out/$name.txt" 2>&1
  got=$?
  if [ "$got" -ne "$code" ]; then
    echo "FAIL $name: exit $got, expected $code: $(head -3 "$out/$name.txt")"
    failed=$((failed + 1))
  elif ! grep -Eq -- "$pattern" "$out/$name.txt"; then
    echo "FAIL $name: no '$pattern' in: $(head -3 "$out/$name.txt")"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}

# Refused with the reason, on every command that does not take the option.
expect units-reps 2 "^twotier units: error: --reps does not apply: units lists the scenario's units" \
  units "$two" --reps 3
expect units-out 2 "^twotier units: error: --out does not apply: units prints to the terminal" \
  units "$two" --out "$out/units"
expect check-lang 2 "^twotier check: error: --lang does not apply: check prints in English only" \
  check "$two" --lang vi
expect check-threads 2 "^twotier check: error: --threads does not apply: check loads the scenario" \
  check "$two" --threads 2
expect check-force 2 "^twotier check: error: --force does not apply" check "$two" --force
expect validate-horizon 2 "^twotier validate: error: --horizon does not apply: each queueing case" \
  validate --horizon 30d
expect validate-set 2 "^twotier validate: error: --set does not apply: validate runs built-in" \
  validate --set scenario.seed=1
expect validate-out 2 "^twotier validate: error: --out does not apply: validate prints its table" \
  validate --out "$out/validate"
expect report-reps 2 "^twotier report: error: --reps does not apply: report reads a finished" \
  report "$out" --reps 2
expect scaffold-set 2 "^twotier scaffold: error: --set does not apply: scaffold copies" \
  scaffold --units "$src/tests/data/scaffold/units.csv" --out "$out/scaffold" --set a=1
expect backtest-horizon 2 "^twotier backtest: error: --horizon does not apply: --from and --to" \
  backtest "$two" "$src/tests/data/malformed_log.csv" --from 2026-01-01 --to 2026-02-01 --horizon 30
expect calibrate-lang 2 "^twotier calibrate: error: --lang does not apply" \
  calibrate "$src/tests/data/malformed_log.csv" --out "$out/calibrate-lang" --lang vi
# An option that applies to one mode only: refused in the other, by name.
expect calibrate-log-reps 2 "^twotier calibrate: error: --reps does not apply: a fit from a dossier log runs no simulation" \
  calibrate "$src/tests/data/malformed_log.csv" --out "$out/calibrate-reps" --reps 3
expect calibrate-log-set 2 "^twotier calibrate: error: --set does not apply: without --staffing" \
  calibrate "$src/tests/data/malformed_log.csv" --out "$out/calibrate-set" --set scenario.seed=1
test ! -e "$out/calibrate-reps" && test ! -e "$out/units" && test ! -e "$out/scaffold" ||
  { echo "FAIL a refused command wrote its folder"; failed=$((failed + 1)); }

# A bad value names the scenario key it sets, whatever the command.
expect calibrate-targets-seed 2 "scenario.seed" \
  calibrate --targets "$src/tests/data/calibration-targets/targets.csv" \
  --parameters "$src/tests/data/calibration-targets/parameters.csv" \
  --scenario "$src/scenarios/examples/single-commune/scenario.toml" --out "$out/cal-seed" --seed abc
expect check-horizon 2 "scenario.horizon" check "$two" --horizon abc
expect backtest-reps 2 "scenario.replications" \
  backtest "$two" "$src/tests/data/malformed_log.csv" --from 2026-01-01 --to 2026-02-01 --reps 0
expect validate-reps 2 "scenario.replications" validate --reps 1

# Taken where they apply: check --quiet prints a one-line verdict; units --quiet lists.
expect check-quiet 0 "loads without errors" check "$two" --quiet --seed 7 --horizon 30
expect units-set 0 "phu_hoa" units "$two" --set positions.phu_hoa.one_stop+=1 -q
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
