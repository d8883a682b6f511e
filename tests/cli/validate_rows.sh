#!/bin/sh
# `twotier validate` prints the issue-18 full-model checks with their analytic values and
# intervals, in the table and in --csv: Erlang-A P(abandon) against 0.119855, the split
# officers' W against 2.5 h and the pooled officers' W against 1.5625 h, each passing. Three
# replications per case (under a second): this checks the rows, the intervals' precision is
# tested by the Catch2 test "[validation]".
# Usage: validate_rows.sh TWOTIER OUTDIR
set -u
twotier=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
failed=0 passed=0

"$twotier" validate --reps 3 --threads 2 >"$out/table.txt" 2>"$out/table.stderr"
table_code=$?
"$twotier" validate --reps 3 --threads 2 --quiet --csv >"$out/rows.csv" 2>"$out/csv.stderr"
csv_code=$?
for code in "$table_code" "$csv_code"; do
  if [ "$code" -ne 0 ]; then
    echo "FAIL validate exited $code"
    failed=$((failed + 1))
  fi
done

# row CASE METRIC ANALYTIC: one table line (case, metric, analytic, simulated, [low, high]
# level, yes) and one CSV row (quoted case and metric, analytic, simulated, low, high, level,
# replications, rerun, pass = true). CASE and METRIC are extended regexes.
row() {
  num='[0-9.e+-]+'
  if grep -Eq "^$1 +$2 +$3 +$num +\[$num, $num\] $num%( rerun)? +yes$" "$out/table.txt"; then
    passed=$((passed + 1))
  else
    echo "FAIL table: no passing row for $1 / $2 against $3"
    failed=$((failed + 1))
  fi
  if grep -Eq "^\"$1\",\"$2\",$3,$num,$num,$num,$num,[0-9]+,(true|false),true$" "$out/rows.csv"; then
    passed=$((passed + 1))
  else
    echo "FAIL csv: no passing row for $1 / $2 against $3"
    failed=$((failed + 1))
  fi
}
row 'Erlang-A M/M/3\+M desk \(full model\)' 'P\(abandon\)' '0\.119855'
row '2 x M/M/1 split officers \(full model\)' 'W \(h\)' '2\.5'
row 'M/M/2 pooled cross-trained officers \(full model\)' 'W \(h\)' '1\.5625'

echo "validate rows: $passed passed, $failed failed"
