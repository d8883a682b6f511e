#!/bin/sh
# Overall progress without a terminal (issue 21): every long command, its stderr sent to a
# file, ends its progress with the plain line "twotier CMD: done (N replications|steps) in M:SS"
# (progress_board.hpp), and prints none with --quiet. Small fixtures, short horizons.
# Usage: progress_lines.sh TWOTIER SOURCE_DIR OUTDIR
set -u
twotier=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
two="$src/tests/data/two-communes/scenario.toml"
failed=0 passed=0

# check NAME ARGS...: the command succeeds (exit 0, or 1 where the command says so), its
# stderr holds the plain done line and no carriage return (no terminal bar); with -q, no line.
check() {
  name=$1
  shift
  "$twotier" "$@" --out "$out/$name" >"$out/$name.stdout" 2>"$out/$name.stderr"
  code=$?
  if [ "$code" -gt 1 ]; then
    echo "FAIL $name: exit $code: $(tail -3 "$out/$name.stderr")"
    failed=$((failed + 1))
    return
  fi
  if ! grep -Eq "^twotier $1: done \([0-9]+ (replication|replications|step|steps)\) in [0-9]+:[0-9][0-9]$" "$out/$name.stderr"; then
    echo "FAIL $name: no done line in: $(tail -3 "$out/$name.stderr")"
    failed=$((failed + 1))
    return
  fi
  if grep -q "$(printf '\r')" "$out/$name.stderr"; then
    echo "FAIL $name: a terminal bar (carriage return) written to a file"
    failed=$((failed + 1))
    return
  fi
  "$twotier" "$@" --out "$out/$name.quiet" -q >/dev/null 2>"$out/$name.quiet.stderr"
  if grep -Eq "^twotier $1: ([0-9]+%|done)" "$out/$name.quiet.stderr"; then
    echo "FAIL $name: progress with --quiet: $(head -2 "$out/$name.quiet.stderr")"
    failed=$((failed + 1))
    return
  fi
  echo "ok $name: $(grep "^twotier $1: done" "$out/$name.stderr")"
  passed=$((passed + 1))
}

check run run "$two" --reps 2 --horizon 20d --threads 2
check compare compare "$two" "$two" --reps 2 --horizon 20d --threads 2
check sweep sweep "$two" --vary scenario.horizon=15d,20d --reps 2 --threads 2
check staff staff "$two" --target "on_time_rate>=0.5" --reps 2 --horizon 20d --threads 2
check delegation delegation "$src/tests/data/delegation-small/scenario.toml" --domains land \
  --options province --reps 2 --horizon 20d --threads 2
# A dossier log to back-test and to fit: one replication of the calibration truth, traced.
"$twotier" run "$src/tests/data/calibration-truth/scenario.toml" --reps 1 --trace \
  --out "$out/truth" -q >/dev/null 2>&1
check backtest backtest "$src/tests/data/calibration-truth/scenario.toml" "$out/truth/dossier_log.csv" \
  --steps "$out/truth/step_log.csv" --from 2026-03-02 --to 2026-04-01 --reps 2 --threads 2
check calibrate calibrate "$out/truth/dossier_log.csv" --steps "$out/truth/step_log.csv"
check calibrate-targets calibrate --targets "$src/tests/data/calibration-targets/targets.csv" \
  --parameters "$src/tests/data/calibration-targets/parameters.csv" \
  --scenario "$src/scenarios/examples/single-commune/scenario.toml" --points 4 --waves 1 \
  --reps 2 --threads 2

# validate writes no folder: its stderr alone.
"$twotier" validate --reps 2 --threads 2 >"$out/validate.stdout" 2>"$out/validate.stderr"
if grep -Eq "^twotier validate: done \([0-9]+ replications\) in [0-9]+:[0-9][0-9]$" "$out/validate.stderr"; then
  echo "ok validate: $(grep "^twotier validate: done" "$out/validate.stderr")"
  passed=$((passed + 1))
else
  echo "FAIL validate: no done line in: $(tail -3 "$out/validate.stderr")"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
