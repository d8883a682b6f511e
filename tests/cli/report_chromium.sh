#!/bin/sh
# Renders the HTML report of a small run in headless Chromium: the DOM must hold every chart
# with data marks and the headline KPI, and the screenshot must be a non-trivial PNG.
# With DELEGATION_SCENARIO, the report of a `twotier delegation` folder too (its table and
# one chart per domain). With TRUTH_SCENARIO (the calibration truth), also a back-test folder:
# a traced run gives the log, `twotier backtest` writes report.html, and its DOM must hold the
# coverage card and one observed-vs-predicted chart per measure with marks.
# Usage: report_chromium.sh TWOTIER CHROMIUM SCENARIO OUTDIR [DELEGATION_SCENARIO [TRUTH_SCENARIO]]
set -eu
twotier=$1 chromium=$2 scenario=$3 out=$4 delegation=${5:-} truth=${6:-}
rm -rf "$out"
mkdir -p "$out"
"$twotier" run "$scenario" --reps 3 --horizon 60d --threads 2 --out "$out/run" --quiet >/dev/null
"$twotier" report "$out/run" --out "$out/report.html" >/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$profile"
# shellcheck disable=SC2086
"$chromium" $flags --dump-dom "file://$out/report.html" >"$out/dom.html" 2>/dev/null
# shellcheck disable=SC2086
"$chromium" $flags --window-size=1200,2000 --screenshot="$out/report.png" "file://$out/report.html" >/dev/null 2>&1
for needle in 'class="chart line-band"' 'class="chart bars"' 'class="chart heatmap"' 'class="mark line' 'class="mark bar' 'class="mark cell' 'On-time rate' 'Model description (STRESS-DES)'; do
  grep -q "$needle" "$out/dom.html" || { echo "missing in rendered DOM: $needle"; exit 1; }
done
if grep -q 'data-points="0"' "$out/dom.html"; then echo "a chart has no data"; exit 1; fi
if [ -n "$delegation" ]; then
  "$twotier" delegation "$delegation" --domains land --reps 2 --horizon 20d --threads 2 --need "processing_workdays_mean<=0.9" --out "$out/delegation" --quiet >/dev/null
  # shellcheck disable=SC2086
  "$chromium" $flags --dump-dom "file://$out/delegation/report.html" >"$out/delegation_dom.html" 2>/dev/null
  for needle in '<table class="numbers delegation">' 'class="chart bars"' 'class="mark bar' 'Officers each option needs (simulated, confirmed)'; do
    grep -q "$needle" "$out/delegation_dom.html" || { echo "missing in rendered delegation DOM: $needle"; exit 1; }
  done
fi
size=$(wc -c <"$out/report.png")
# A blank 1200x2000 PNG compresses to a few kB; the rendered report is well over 50 kB.
[ "$size" -gt 50000 ] || { echo "screenshot too small ($size bytes): blank render?"; exit 1; }
if [ -n "$truth" ]; then
  "$twotier" run "$truth" --reps 1 --trace --out "$out/truth" --quiet >/dev/null
  "$twotier" backtest "$truth" "$out/truth/dossier_log.csv" --steps "$out/truth/step_log.csv" \
    --from 2026-03-02 --to 2026-05-01 --reps 9 --threads 2 --out "$out/backtest" >/dev/null
  # shellcheck disable=SC2086
  "$chromium" $flags --dump-dom "file://$out/backtest/report.html" >"$out/backtest_dom.html" 2>/dev/null
  [ "$(grep -o 'class="chart backtest"' "$out/backtest_dom.html" | wc -l)" -eq 4 ] ||
    { echo "back-test report: expected 4 observed-vs-predicted charts"; exit 1; }
  for needle in 'class="mark observed' 'class="card-value coverage"' 'Largest misses'; do
    grep -q "$needle" "$out/backtest_dom.html" || { echo "missing in back-test DOM: $needle"; exit 1; }
  done
  if grep -q 'data-points="0"' "$out/backtest_dom.html"; then echo "a back-test chart has no data"; exit 1; fi
fi
echo "report rendered: $size bytes"
