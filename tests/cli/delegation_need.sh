#!/bin/sh
# `twotier delegation --need` (issue 18 item 4): the officers an option needs are the staffing
# search's, not an Erlang C estimate. On tests/data/mmc-staffing (one M/M/c unit with 2 officers,
# Erlang C analytic start 4, the fewest meeting a 12 h mean wait 3) the explorer's confirmed need
# of the scenario as it is must equal what `twotier staff` recommends for it; a bad --need is
# exit 2 with a message and nothing written; without --need the table prints no need and says
# how to get it.
# Usage: delegation_need.sh TWOTIER MMC_SCENARIO OUT
set -u
twotier=$1
scenario=$2
out=$3
rm -rf "$out" "$out.staff" "$out.bad" "$out.plain"
fail() { echo "FAIL: $*"; exit 1; }

"$twotier" delegation "$scenario" --domains other --options province --staff stay \
  --need "wait_officer_days_mean<=0.5" --reps 4 --threads 2 --out "$out" -q > "$out.table" \
  || fail "delegation --need exited $?"
head -1 "$out/delegation_need.csv" | grep -q '^domain,option,is_current,need,outcome,positions_searched,officers_now,officers_needed,officers_total' \
  || fail "delegation_need.csv header"
row=$(grep '^other,commune,1,' "$out/delegation_need.csv") || fail "no row for the scenario as it is"
outcome=$(echo "$row" | cut -d, -f5)
now=$(echo "$row" | cut -d, -f7)
total=$(echo "$row" | cut -d, -f9)
[ "$outcome" = needs ] || fail "outcome '$outcome', expected needs"
[ "$now" = 2 ] || fail "officers now '$now', expected 2"
echo "$row" | grep -q ',q/server+1$' || fail "added_at does not name q/server+1: $row"
grep -q 'need (simulated)' "$out.table" || fail "no need column in the table"
grep -q 'Erlang C est' "$out.table" || fail "no labelled Erlang C estimate beside the need"
grep -q 'twotier staff SCENARIO --scope domain:other' "$out/delegation_notes.txt" \
  || fail "notes do not give the staff command"

"$twotier" staff "$scenario" --target "wait_officer_days_mean<=0.5" --reps 4 --threads 2 \
  --out "$out.staff" -q > /dev/null || fail "staff exited $?"
staffed=$(grep '^q,server,' "$out.staff/staffing.csv" | cut -d, -f4)
[ -n "$staffed" ] || fail "staff recommends no change for q/server"
[ "$staffed" = "$total" ] || fail "delegation --need says $total officers, staff says $staffed"

# The same by the domain scope of staff.
"$twotier" staff "$scenario" --scope domain:other --target "wait_officer_days_mean<=0.5" \
  --reps 4 --threads 2 --out "$out.staff" --force -q > /dev/null || fail "staff --scope domain exited $?"
staffed=$(grep '^q,server,' "$out.staff/staffing.csv" | cut -d, -f4)
[ "$staffed" = "$total" ] || fail "staff --scope domain:other says $staffed, delegation $total"

# Bad input: exit 2, a message naming the option and the allowed metrics, nothing written.
msg=$("$twotier" delegation "$scenario" --domains other --need "on_time_rate>=1.5" -q --out "$out.bad" 2>&1)
code=$?
[ $code -eq 2 ] || fail "bad --need value exited $code"
echo "$msg" | grep -q -- "--need: " || fail "message does not name --need: $msg"
msg=$("$twotier" delegation "$scenario" --domains other --need "speed>=3" -q --out "$out.bad" 2>&1)
code=$?
[ $code -eq 2 ] || fail "bad --need metric exited $code"
echo "$msg" | grep -q "unknown metric 'speed' (allowed: " || fail "message: $msg"
[ ! -e "$out.bad" ] || fail "a bad --need wrote $out.bad"
"$twotier" delegation "$scenario" --domains other --need "on_time_rate>=0.9" --reps 1 -q --out "$out.bad" 2>/dev/null
[ $? -eq 2 ] || fail "--need with --reps 1 is not bad input"

# Without --need: no need printed, and how to get it.
"$twotier" delegation "$scenario" --domains other --options province --staff stay --reps 2 \
  --horizon 60d --threads 2 --out "$out.plain" -q > "$out.plain.table" || fail "plain delegation"
grep -q 'add --need' "$out.plain.table" || fail "the plain table does not say how to get the need"
if grep -q 'Erlang C est' "$out.plain.table"; then fail "Erlang C printed without the simulated need"; fi
[ ! -e "$out.plain/delegation_need.csv" ] || fail "delegation_need.csv without --need"
echo "delegation need ok: $total officers (staff: $staffed)"
