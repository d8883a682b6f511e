#!/bin/bash
# Hostile arguments on every subcommand (issue 22, classes 6, 9 and 10, second pass): each case
# got through before (exit 0 on a value that was ignored or meaningless, exit 1 with a library
# message after the work had run, or a design that exhausted memory); now each is exit 2 before
# any work, with a one-line message, and nothing is written. Also: delegation stopped by a
# signal leaves its folder as it was found, and sweep is resumed to the same results.
# Prints "N passed, M failed"; exits 1 on any failure.
# Usage: arguments.sh TWOTIER SOURCE_DIR SCRATCH_DIR
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
S=scenarios/examples/single-commune/scenario.toml
# refused NAME PATTERN -- command...: exit 2 at once, one stderr line matching PATTERN, no
# internal or library wording, and the folder "fresh" not created.
refused() {
  local name=$1 pattern=$2
  shift 3
  rm -rf fresh
  "$@" > out.txt 2> err.txt
  local rc=$?
  if [ "$rc" != 2 ]; then fail "$name: exit $rc, expected 2 ($(head -2 err.txt))"; return; fi
  if ! grep -Eq -- "$pattern" err.txt; then fail "$name: stderr lacks /$pattern/: $(head -2 err.txt)"; return; fi
  if grep -Eq "t_multiplier|Kim-Nelson:|terminate called|what\(\)" err.txt; then
    fail "$name: internal message: $(head -2 err.txt)"
    return
  fi
  if [ -e fresh ]; then fail "$name: created its output folder"; rm -rf fresh; return; fi
  pass
}
R=(--reps 2 --horizon 30d --threads 1 -q --out fresh)

# Non-finite numbers passed CLI11's range checks (NaN compares false): run went on and failed
# with exit 1 ("t_multiplier: confidence level nan"), or ran with the value ignored.
refused "run --confidence nan" "--confidence: must be a number from 0.5 to 0.9999, got 'nan'" -- "$twotier" run $S "${R[@]}" --confidence nan
refused "run --precision nan" "--precision: must be a number" -- "$twotier" run $S "${R[@]}" --precision nan
refused "staff --confidence nan" "--confidence: must be a number" -- "$twotier" staff $S "${R[@]}" --target "on_time_rate>=0.9" --confidence nan
refused "sweep --confidence -inf" "--confidence: must be a number" -- "$twotier" sweep $S "${R[@]}" --vary staff.speed=0.9,1 --confidence -inf
refused "delegation --confidence nan" "--confidence: must be a number" -- "$twotier" delegation $S "${R[@]}" --confidence nan
refused "compare --indifference nan" "--indifference: must be a number" -- "$twotier" compare $S $S "${R[@]}" --select-best on_time_rate --indifference nan
refused "compare --alpha nan" "--alpha: must be a number" -- "$twotier" compare $S $S "${R[@]}" --select-best on_time_rate --alpha nan
refused "backtest --level nan" "--level: must be a number" -- "$twotier" backtest log.csv --from 2026-01-01 --to 2026-02-01 --out fresh --level nan
# Unsigned seeds wrapped around: -1 ran with seed 2^64-1, a 23-digit seed with another.
refused "validate --seed -1" "--seed '-1': the cases' seed must be a whole number from 0 to" -- "$twotier" validate --seed -1
refused "validate --seed 10^23" "--seed '99999999999999999999999': the cases' seed must be a whole number from 0 to" -- "$twotier" validate --seed 99999999999999999999999
# Options that only mean something with another one were ignored without a word.
refused "run --precision-metrics without --precision" "--precision-metrics requires --precision" -- "$twotier" run $S "${R[@]}" --precision-metrics on_time_rate
refused "run --max-reps without --precision" "--max-reps requires --precision" -- "$twotier" run $S "${R[@]}" --max-reps 50
refused "run --max-reps above the cap" "--max-reps: must be a whole number from 2 to 100000" -- "$twotier" run $S "${R[@]}" --precision 0.1 --max-reps 1000000
refused "compare --goal without --select-best" "--goal requires --select-best" -- "$twotier" compare $S $S "${R[@]}" --goal min
refused "compare --alpha without --select-best" "--alpha requires --select-best" -- "$twotier" compare $S $S "${R[@]}" --alpha 0.1
refused "calibrate LOG --points" "--points requires --targets" -- "$twotier" calibrate log.csv --out fresh --points 5
refused "calibrate LOG --scenario" "--scenario requires --targets" -- "$twotier" calibrate log.csv --out fresh --scenario $S
refused "calibrate --targets --points 0" "--points: must be a whole number from 2" -- "$twotier" calibrate --targets t.csv --scenario $S --out fresh --points 0
refused "calibrate --targets --waves 100000" "--waves: must be a whole number from 1 to 100" -- "$twotier" calibrate --targets t.csv --scenario $S --out fresh --waves 100000
refused "calibrate --targets --seed -1" "scenario.seed: bad value -1 \(allowed: 0 to" -- "$twotier" calibrate --targets t.csv --scenario $S --out fresh --seed -1
# An empty --out meant the default folder (results/<name>), written without a word.
for c in run compare sweep staff delegation; do
  case $c in
    compare) a=($S $S) ;; sweep) a=($S --vary staff.speed=0.9,1) ;; staff) a=($S --target on_time_rate\>=0.9) ;; *) a=($S) ;;
  esac
  refused "$c --out ''" "--out: must not be empty" -- "$twotier" $c "${a[@]}" --reps 2 --horizon 30d -q --out ""
done
refused "report --out ''" "--out: must not be empty" -- "$twotier" report . --out ""
refused "scaffold --out ''" "--out: must not be empty" -- "$twotier" scaffold --units units.csv --out ""
refused "calibrate --out ''" "--out: must not be empty" -- "$twotier" calibrate log.csv --out ""
[ ! -e results ] && pass || fail "an empty --out wrote results/"

# Lists with holes or repeats: "land,land" ran land twice (duplicate rows), ",," was skipped.
refused "delegation --domains land,land" "'land' is given twice" -- "$twotier" delegation $S "${R[@]}" --domains land,land
refused "delegation --options commune,,pool" "empty item" -- "$twotier" delegation $S "${R[@]}" --options commune,,pool
# A missing parameter-sets file was blamed on its header.
refused "run --parameter-sets missing" "nothere.csv: error: cannot open the file" -- "$twotier" run $S "${R[@]}" --parameter-sets nothere.csv
# A 100,000-point Latin hypercube loaded every point's scenario first: 5.6 GB after 2 minutes.
refused "sweep --points 100000" "--points: must be a whole number from 1 to 2000" -- "$twotier" sweep $S "${R[@]}" --vary staff.speed=0.5..1.5 --design lhs --points 100000
refused "sweep of 2,000,000 replications" "allowed: at most 2000 points and 100000 replications in all" -- \
  "$twotier" sweep $S --reps 1000 --horizon 30d -q --out fresh --vary staff.speed=0.5..1.5 --design lhs --points 2000

# scaffold wrote its scenario into / or /usr (no output-folder rules), took a population of
# 1e308 (a scenario that check then rejects) and a name with an escape byte or a quote (TOML
# broken), and left a half-written folder on a full disk.
D=$source_dir/scenarios/dong-nai
printf 'id,name,population,tier\nc1,Xa A,1000,commune\n' > units.csv
printf 'id,name,population,tier\nc1,Xa A,1e308,commune\n' > huge.csv
refused "scaffold --out /" "system folder" -- "$twotier" scaffold --units units.csv --template "$D" --out /
refused "scaffold --out /usr/x" "system folder /usr" -- "$twotier" scaffold --units units.csv --template "$D" --out /usr/twotier-x
[ ! -e /usr/twotier-x ] && [ ! -e /scenario.toml ] && pass || fail "scaffold wrote into a system folder"
refused "scaffold population 1e308" "huge.csv:2: error: column 'population'.*at most 1e9" -- "$twotier" scaffold --units huge.csv --template "$D" --out fresh
refused "scaffold --name with ESC" "--name 'a<U\+001B>b'" -- "$twotier" scaffold --units units.csv --template "$D" --out fresh --name "$(printf 'a\033b')"
"$twotier" scaffold --units units.csv --template "$D" --out quoted --name 'Tỉnh "A" \ B' > /dev/null 2> err.txt &&
  "$twotier" check quoted/scenario.toml > /dev/null 2>> err.txt && pass || fail "scaffold --name with a quote: $(head -2 err.txt)"
"$twotier" scaffold --units units.csv --template "$D" --out sfull > /dev/null 2>&1 # size of a whole folder
for limit in 4 40; do
  rm -rf "sfull$limit"
  bash -c 'ulimit -f "$1"; shift; exec "$@"' _ "$limit" "$twotier" scaffold --units units.csv --template "$D" --out "sfull$limit" > /dev/null 2> err.txt
  rc=$?
  [ "$rc" = 1 ] && [ ! -e "sfull$limit" ] && pass || fail "scaffold at ulimit -f $limit: exit $rc, left $(ls -A "sfull$limit" 2>/dev/null | tr '\n' ' ') ($(head -1 err.txt))"
done

# delegation had no signal handling: SIGTERM killed it and left variants/ with pool tables.
mkdir -p deleg && echo earlier > deleg/notes.txt
"$twotier" delegation $S --reps 400 --horizon 365d --threads 1 --out deleg --force > deleg.out 2> deleg.err &
pid=$!
for _ in $(seq 1 200); do [ -d deleg/variants ] && break; sleep 0.05; done
sleep 1
kill -TERM $pid
wait $pid
rc=$?
if [ "$rc" = 143 ]; then
  grep -q "interrupted by SIGTERM; nothing was kept in deleg" deleg.err && pass || fail "delegation interrupted: $(tail -1 deleg.err)"
  [ "$(ls -A deleg)" = notes.txt ] && [ "$(cat deleg/notes.txt)" = earlier ] && pass || fail "delegation left: $(ls -A deleg)"
else
  fail "delegation stopped by SIGTERM exited $rc"
fi

# sweep and compare (like run and staff) are resumed after a signal to the results of a whole
# run. Over an earlier command's folder (--force) the interruption says that the earlier CSVs
# still there are not its results (they stood beside the new journal unsaid), and the resume
# completes (it was refused: "sweep.csv exists; pass --force", --force not being saved).
# interrupted_then_resumed NAME CSV EARLIER_COMMAND -- COMMAND...
interrupted_then_resumed() {
  local name=$1 csv=$2 earlier=$3
  shift 4
  rm -rf "$name" "$name.whole"
  $earlier --out "$name" > /dev/null 2>&1 || { fail "$name: the earlier command failed"; return; }
  "$twotier" "$@" --out "$name" --force > /dev/null 2> "$name.err" &
  local pid=$!
  for _ in $(seq 1 400); do
    [ -f "$name/results.h5" ] && [ "$(stat -c %s "$name/results.h5")" -gt 60000 ] && break
    sleep 0.05
  done
  kill -TERM $pid
  wait $pid
  local rc=$?
  if [ "$rc" = 0 ]; then
    echo "note: $name finished before it could be interrupted; resume not exercised"
    return
  elif [ "$rc" != 143 ]; then
    fail "$name stopped by SIGTERM exited $rc: $(tail -2 "$name.err")"
    return
  fi
  grep -q "note: .*$csv.* in $name are from before this command" "$name.err" && pass ||
    fail "$name interrupted over an earlier folder: $(tail -1 "$name.err")"
  "$twotier" "$1" --resume "$name" -q > /dev/null 2> resume.err && pass || fail "$name --resume: $(head -2 resume.err)"
  "$twotier" "$@" --out "$name.whole" > /dev/null 2>&1
  cmp -s "$name/$csv" "$name.whole/$csv" && pass || fail "resumed $name/$csv differs from an uninterrupted one"
}
interrupted_then_resumed swept sweep.csv \
  "$twotier sweep $S --reps 2 --horizon 30d --threads 1 -q --vary staff.speed=0.8,1" -- \
  sweep $S --reps 30 --horizon 90d --threads 1 -q --vary staff.speed=0.9,1.0,1.1
interrupted_then_resumed compared comparison.csv \
  "$twotier compare $S $S --reps 2 --horizon 30d --threads 1 -q" -- \
  compare $S $S --reps 40 --horizon 90d --threads 1 -q --set staff.speed=0.9

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
