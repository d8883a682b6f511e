#!/bin/sh
# Unit-focused runs end to end (docs/model-runtime.md, "Unit-focused runs"): `run --focus
# unit:ID` reports only the unit and says the rest of the province is an aggregate; the
# baseline is cached; bad --focus values exit 2 writing nothing; `staff --scope unit:ID` is
# focused by default and says so, `--full` is not.
# Usage: focus_runs.sh TWOTIER SCENARIO OUT
set -u
twotier=$1
scenario=$2
out=$3
rm -rf "$out"
mkdir -p "$out"
export TWOTIER_CACHE_DIR="$out/cache"
fail() { echo "FAIL: $*"; exit 1; }

"$twotier" run "$scenario" --focus unit:la_nga --reps 3 --threads 2 --out "$out/run" \
  > "$out/run.txt" 2> "$out/run.err" || fail "run --focus exit $?"
grep -q 'Focused run: only Xã La Ngà (la_nga) is simulated in full; the rest of the province is an aggregate' "$out/run.txt" || fail "no focus note on stdout"
grep -q 'province baseline: 3 replication(s) of the whole province, .* simulated in' "$out/run.err" || fail "no baseline line"
grep -q '^[^,]*,unit:la_nga,' "$out/run/summary.csv" || fail "no unit row in summary.csv"
grep -q '^[^,]*,\(province\|tier:\|domain:\|procedure:\)' "$out/run/summary.csv" && fail "province rows in a focused summary.csv"
grep -q 'Focused run' "$out/run/report.html" || fail "no focus note in report.html"
grep -q 'Not simulated: this is a focused run' "$out/run/report.html" || fail "report.html: province context not refused"
grep -q 'Headline indicators (province)' "$out/run/report.html" && fail "report.html shows province figures"
ls "$out/cache/focus/"*.visits > /dev/null 2>&1 || fail "baseline not cached"

# The same question again: the baseline comes from the cache, the results are the same.
"$twotier" run "$scenario" --focus unit:la_nga --reps 3 --threads 2 --out "$out/run2" \
  > "$out/run2.txt" 2> "$out/run2.err" || fail "second run --focus exit $?"
grep -q 'read from the cache' "$out/run2.err" || fail "baseline not read from the cache"
cmp -s "$out/run/summary.csv" "$out/run2/summary.csv" || fail "cached baseline gave other results"

# Bad --focus values: exit 2, the reason named, nothing written.
for bad in unit:so_nnmt unit:nowhere la_nga; do
  "$twotier" run "$scenario" --focus "$bad" --reps 2 --out "$out/bad" -q 2> "$out/bad.err"
  code=$?
  test $code -eq 2 || fail "--focus $bad: exit $code"
  test ! -e "$out/bad" || fail "--focus $bad wrote $out/bad"
done
grep -q "error: --focus 'la_nga': allowed: unit:ID" "$out/bad.err" || fail "no message for la_nga"
"$twotier" run "$scenario" --focus unit:so_nnmt --reps 2 --out "$out/bad" -q 2>&1 | grep -q 'provincial body' || fail "no message for a department"
"$twotier" run "$scenario" --focus unit:la_nga --precision 0.1 --out "$out/bad" -q 2> "$out/bad.err"
test $? -eq 2 || fail "--focus with --precision accepted"

# staff --scope unit:ID: focused by default, saying so; --full simulates the province.
"$twotier" staff "$scenario" --scope unit:la_nga --target 'on_time_rate>=0.5' --reps 3 \
  --threads 2 --out "$out/staff" > "$out/staff.txt" 2> "$out/staff.err" || fail "staff exit $?"
grep -q 'Focused run: only Xã La Ngà' "$out/staff.txt" || fail "staff: no focus note on stdout"
grep -q 'Focused run: only Xã La Ngà' "$out/staff/summary.txt" || fail "staff: no focus note in summary.txt"
grep -q 'read from the cache' "$out/staff.err" || fail "staff: baseline not from the cache"
grep -q '^[^,]*,province,' "$out/staff/current/summary.csv" && fail "staff: province rows in a focused run"
grep -q 'Not simulated: this is a focused run' "$out/staff/report.html" || fail "staff report.html: province context not refused"
"$twotier" staff "$scenario" --scope unit:la_nga --full --target 'on_time_rate>=0.5' --reps 3 \
  --threads 2 --out "$out/staff-full" > "$out/staff-full.txt" 2>&1 || fail "staff --full exit $?"
grep -q 'Focused run' "$out/staff-full/summary.txt" && fail "staff --full says focused"
grep -q '^[^,]*,province,' "$out/staff-full/current/summary.csv" || fail "staff --full: no province row"
echo "focus runs ok"
