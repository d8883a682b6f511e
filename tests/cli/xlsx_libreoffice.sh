#!/bin/sh
# results.xlsx opens in LibreOffice: `twotier run` on the two-commune scenario, then
# `soffice --headless --convert-to csv` exports every sheet as shown (formatted); the Units
# sheet must hold "Xã Phú Hòa" intact with its on-time rate as a percentage equal to
# summary.csv's mean, the comparison workbook of `twotier compare` must open too, and the
# sweep's Points sheet must show each point's value and the unit's on-time rate as sweep.csv.
# Exit 0 with "skipped" when soffice is missing (Debian: libreoffice-calc-nogui).
# Usage: xlsx_libreoffice.sh TWOTIER PYTHON SCENARIO OUTDIR
set -eu
twotier=$1 python=$2 scenario=$3 out=$4
soffice=$(command -v soffice || true)
if [ -z "$soffice" ]; then
  echo "xlsx test skipped: soffice not found (apt-get install libreoffice-calc-nogui)"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/csv"
"$twotier" run "$scenario" --reps 2 --horizon 20d --threads 2 --out "$out/run" -q >/dev/null
"$twotier" compare "$scenario" "$scenario" --reps 2 --threads 2 --set scenario.horizon=20d --out "$out/compare" -q >/dev/null
"$twotier" sweep "$scenario" --vary positions.phu_hoa.one_stop=1,2 --reps 2 --horizon 20d --threads 2 --scope "unit:Xã Phú Hòa" --out "$out/sweep" -q >/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Filter options: comma, double quote, UTF-8 (76), from line 1, ..., "as shown" (9th token
# true), every sheet to its own file (12th token -1: results-<sheet>.csv).
filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
for book in "$out/run/results.xlsx" "$out/compare/results.xlsx" "$out/sweep/results.xlsx"; do
  name=$(basename "$(dirname "$book")")
  cp "$book" "$out/csv/$name.xlsx"
  "$soffice" -env:UserInstallation="file://$profile" --headless --convert-to "$filter" \
    --outdir "$out/csv" "$out/csv/$name.xlsx" >/dev/null 2>&1 ||
    { echo "soffice could not convert $book"; exit 1; }
done
ls "$out/csv"
"$python" - "$out" <<'PY'
import csv, sys
from pathlib import Path
out = Path(sys.argv[1])
def rows(name):
    with open(out / "csv" / name, encoding="utf-8") as f:
        return list(csv.reader(f))
units = rows("run-Units.csv")
header = next(r for r in units if r and r[0] == "unit")
row = next((r for r in units if "Xã Phú Hòa" in r), None)
if row is None:
    sys.exit(f"no 'Xã Phú Hòa' in the Units sheet: {units[:6]}")
shown = row[header.index("on time")]
with open(out / "run" / "summary.csv", encoding="utf-8") as f:
    summary = {(r["scope"], r["metric"]): r for r in csv.DictReader(f)}
expected = float(summary[("unit:" + row[0], "on_time_rate")]["mean"])
# Shown rounded: one decimal of a percentage, whole dossiers (within the rounding).
if not shown.endswith("%") or abs(float(shown[:-1]) - 100 * expected) > 0.05 + 1e-9:
    sys.exit(f"on-time shown as {shown!r}, summary.csv mean {expected}")
arrivals = row[header.index("dossiers received")]
mean_arrivals = float(summary[("unit:" + row[0], "arrivals")]["mean"])
if "." in arrivals or abs(float(arrivals.replace(",", "")) - mean_arrivals) > 0.5 + 1e-9:
    sys.exit(f"arrivals shown as {arrivals!r}, summary.csv mean {mean_arrivals}")
monthly = rows("run-Monthly report.csv")
if not any("Xã Phú Hòa" in r for r in monthly):
    sys.exit("no 'Xã Phú Hòa' in the monthly report sheet")
compact = rows("compare-Province and tiers.csv")
if not any(r and r[2] == "on time" and r[1] == "Province" for r in compact):
    sys.exit(f"no province on-time row in the comparison workbook: {compact[:5]}")
# The sweep's points: one row per point with the varied value and the unit's on-time rate as a
# percentage equal to sweep.csv's mean.
points = rows("sweep-Points.csv")
header = next(r for r in points if r and r[0] == "point")
with open(out / "sweep" / "sweep.csv", encoding="utf-8") as f:
    sweep = [r for r in csv.DictReader(f)
             if r["scope"] == "unit:phu_hoa" and r["metric"] == "on_time_rate"]
body = [r for r in points if r and r[0].isdigit()]
if len(body) != 2 or len(sweep) != 2:
    sys.exit(f"sweep: {len(body)} points in the sheet, {len(sweep)} in sweep.csv: {points[:5]}")
for r, s in zip(body, sweep):
    point_shown = r[header.index("on time")]
    if r[header.index("positions.phu_hoa.one_stop")] not in ("1", "2"):
        sys.exit(f"sweep point values: {r}")
    if not point_shown.endswith("%") or \
            abs(float(point_shown[:-1]) - 100 * float(s["mean"])) > 0.05 + 1e-9:
        sys.exit(f"sweep on-time shown as {point_shown!r}, sweep.csv mean {s['mean']}")
if not any("Xã Phú Hòa" in " ".join(r) for r in points):
    sys.exit("the sweep's Points sheet does not name Xã Phú Hòa")
print(f"workbook opens in LibreOffice: {row[1]} on time {shown}, {arrivals} dossiers; sweep points ok")
PY
