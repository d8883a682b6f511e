#!/bin/sh
# The HTML reports measured in headless Chromium at A4 width (report_layout.js): in every chart
# no text is cut or overlaps another, no whisker touches a label, and no table is wider than the
# page. Reports checked: a run (English), the same run seen from one unit (Vietnamese), a
# one-unit staff request in both languages, and a comparison whose alternative has a long name.
# Usage: report_layout.sh TWOTIER CHROMIUM SINGLE_COMMUNE_SCENARIO TWO_COMMUNES_SCENARIO OUTDIR
set -eu
twotier=$1 chromium=$2 single=$3 two=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
"$twotier" run "$single" --reps 3 --horizon 60d --threads 2 --out "$out/run" --quiet >/dev/null
"$twotier" report "$out/run" --out "$out/run_en.html" >/dev/null
"$twotier" report "$out/run" --scope unit:phu_hoa --lang vi --out "$out/run_unit_vi.html" >/dev/null
"$twotier" staff "$two" --scope unit:phu_hoa --target 'on_time_rate>=0.9' --reps 3 --threads 2 \
  --out "$out/staff" --quiet >/dev/null
"$twotier" report "$out/staff" --lang vi --out "$out/staff_vi.html" >/dev/null
"$twotier" report "$out/staff" --out "$out/staff_en.html" >/dev/null
cat >"$out/long-name.toml" <<TOML
extends = "$single"
[scenario]
name = "Single commune 2026, more staff at the one-stop desk and a Saturday reception (a long name)"
TOML
"$twotier" compare "$single" "$out/long-name.toml" --reps 2 --horizon 30d --threads 2 \
  --out "$out/compare" --quiet >/dev/null
"$twotier" report "$out/compare" --out "$out/compare_en.html" >/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=$profile"
failed=0
for report in run_en run_unit_vi staff_vi staff_en compare_en; do
  # The report has no script of its own: a copy loads the measuring one.
  sed "s#</body>#<script src=\"file://$here/report_layout.js\"></script></body>#" \
    "$out/$report.html" >"$out/$report.measured.html"
  # shellcheck disable=SC2086
  "$chromium" $flags --window-size=760,1100 --dump-dom "file://$out/$report.measured.html" \
    >"$out/$report.dom.html" 2>/dev/null
  result=$(sed -n '/<pre id="layout-result">/,/<\/pre>/p' "$out/$report.dom.html")
  case $result in
    *"problems=0"*) echo "$report: $(echo "$result" | head -1 | sed 's/.*>//')" ;;
    *) echo "$report: layout problems:"; echo "$result" | sed 's/<[^>]*>//g'; failed=1 ;;
  esac
done
[ "$failed" -eq 0 ] && echo "report layout: no text cut or overlapping"
