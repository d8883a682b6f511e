#!/bin/sh
# Hostile arguments and logs (issue 22, classes 8-10): every command below must exit 2 before
# any work starts, print a message matching its pattern (no raw library text, no 309-digit
# numbers) and write nothing. Usage: hostile_arguments.sh TWOTIER SOURCE_DIR WORK_DIR
set -u
twotier=$1
src=$2
work=$3
rm -rf "$work" && mkdir -p "$work"
scenario=$src/tests/data/two-communes/scenario.toml
truth=$src/tests/data/calibration-truth/scenario.toml
logs=$src/tests/fuzz_regressions/logs
failed=0

# expect PATTERN ARGS...: exit code 2, stderr+stdout matching PATTERN, no $work/out.
expect() {
  pattern=$1
  shift
  "$twotier" "$@" >"$work/log" 2>&1
  code=$?
  if [ "$code" -ne 2 ]; then
    echo "FAIL (exit $code, expected 2): twotier $*"
    cat "$work/log"
    failed=1
  elif ! grep -q -- "$pattern" "$work/log"; then
    echo "FAIL (message): twotier $*"
    echo "  expected to match: $pattern"
    cat "$work/log"
    failed=1
  elif [ -e "$work/out" ]; then
    echo "FAIL (wrote $work/out): twotier $*"
    failed=1
  elif grep -q '[0-9]\{40\}' "$work/log"; then
    echo "FAIL (a 40-digit number in the message): twotier $*"
    cat "$work/log"
    failed=1
  fi
  rm -rf "$work/out"
}

# Class 9: arguments checked before anything runs.
expect "--select-best: unknown KPI 'nonsense_kpi' (allowed: arrivals, completed, on_time_rate" \
  compare "$scenario" "$scenario" --select-best nonsense_kpi --reps 2 --out "$work/out" -q
expect "--select-best: unknown KPI 'on_time_rat' (did you mean 'on_time_rate'?)" \
  compare "$scenario" "$scenario" --select-best on_time_rat --reps 2 --out "$work/out" -q
expect "--scope: unknown scope 'unit:zzz'" \
  compare "$scenario" "$scenario" --scope unit:zzz --reps 2 --out "$work/out" -q
expect "--scope: unknown scope 'unit:an_bin' (did you mean 'unit:an_binh'?)" \
  compare "$scenario" "$scenario" --scope unit:an_bin --reps 2 --out "$work/out" -q
expect "--scope: unknown scope 'unit:zzz'" \
  sweep "$scenario" --vary "staff.speed=0.9,1.1" --scope unit:zzz --reps 2 --out "$work/out" -q
expect "--tornado: unknown KPI 'nonsense'" \
  sweep "$scenario" --vary "staff.speed=0.9,1.1" --tornado nonsense --reps 2 --out "$work/out" -q
for command in run compare sweep staff delegation backtest validate calibrate; do
  expect "replications must be a whole number from [12] to 100000, got '2000000000'" \
    $command --reps 2000000000
  expect "replications must be a whole number from [12] to 100000, got '0'" $command --reps 0
done
expect "replications must be a whole number from 1 to 100000, got '-5'" run --reps=-5
for command in run compare sweep staff delegation backtest calibrate; do
  expect "--threads: must be a whole number from 0 to 4096, got .-1." $command --threads=-1
done
expect "--points: must be a whole number from 1 to 2000, got .0." sweep --points 0
expect "--budget: must be a whole number from 1 to 100000, got .-3." staff --budget=-3

# Class 10: input at fault gives exit 2, not an internal error.
expect "scenario.horizon: bad value '0.01min': the run must last at least 1h" \
  run "$scenario" --set scenario.horizon=0.01min --out "$work/out" -q
expect "scenario.warmup: bad value 'auto': the run lasts 3d" \
  run "$scenario" --set scenario.horizon=3d --set scenario.warmup=auto --out "$work/out" -q
expect "contains a control character (U+0001)" \
  run "$scenario" --set "$(printf 'scenario.name=a\001b')" --out "$work/out" -q
expect "contains a control character (U+0001)" \
  check "$scenario" --set "$(printf 'scenario.na\001me=x')"
printf 'unit,procedure,rate\nphu_hoa,ho_kinh_doanh,1e300/day\n' >"$work/arrivals.csv"
expect "implies 3.65e+302 dossiers a year in one stream" \
  check "$scenario" --set "tables.arrivals=$work/arrivals.csv"

# Class 8: calibrate and backtest on bad logs.
expect "one_row_dated_1926:32: error: column 'received_at': bad value '1926-01-05T08:00:00'" \
  calibrate "$logs/one_row_dated_1926" --out "$work/out"
expect "the log has 1 dossier, too little data to fit a scenario (at least 20)" \
  calibrate "$logs/one_dossier" --out "$work/out"
expect "the period does not overlap the log" \
  backtest "$truth" "$logs/valid_small_log" --from 2027-01-01 --to 2027-02-01 --reps 2 \
  --out "$work/out"

exit $failed
