#!/bin/sh
# A one-commune staffing request printed to A4 by headless Chromium (--print-to-pdf), read back
# with poppler's pdfinfo and pdftotext: the Vietnamese report is a few A4 pages, and page 1 opens
# with the commune (its name in the title, then the finding), not with the province.
# Usage: report_print.sh TWOTIER CHROMIUM PDFTOTEXT TWO_COMMUNES_SCENARIO OUTDIR
set -eu
twotier=$1 chromium=$2 pdftotext=$3 two=$4 out=$5
pdfinfo=$(dirname "$pdftotext")/pdfinfo
rm -rf "$out"
mkdir -p "$out"
"$twotier" staff "$two" --scope unit:phu_hoa --target 'on_time_rate>=0.9' --reps 3 --threads 2 \
  --out "$out/staff" --quiet >/dev/null
"$twotier" report "$out/staff" --lang vi --out "$out/request.html" >/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium_flags="--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run --user-data-dir=$profile"
# shellcheck disable=SC2086
"$chromium" $chromium_flags --no-pdf-header-footer --print-to-pdf="$out/request.pdf" \
  "file://$out/request.html" >/dev/null 2>&1
pages=$("$pdfinfo" "$out/request.pdf" | sed -n 's/^Pages: *//p')
size=$("$pdfinfo" "$out/request.pdf" | sed -n 's/^Page size: *//p')
echo "pages: $pages, page size: $size"
case $size in *"(A4)"*) ;; *) echo "not A4: $size"; exit 1 ;; esac
[ "$pages" -ge 2 ] && [ "$pages" -le 10 ] || { echo "expected 2 to 10 A4 pages, got $pages"; exit 1; }
"$pdftotext" -f 1 -l 1 -layout "$out/request.pdf" "$out/page1.txt"
first=$(grep -m1 -v '^[[:space:]]*$' "$out/page1.txt")
case $first in *"Đề xuất biên chế: Xã Phú Hòa"*) ;; *) echo "page 1 starts with: $first"; exit 1 ;; esac
grep -q "Kết luận" "$out/page1.txt" || { echo "page 1 has no finding"; exit 1; }
if grep -q "Bối cảnh toàn tỉnh" "$out/page1.txt"; then echo "the province comes before the unit"; exit 1; fi
echo "report printed on A4"
