#!/usr/bin/python3
"""Month by month over several years: does January carry an artefact when Tết moves? (issue 17)

Reads the province rows of a multi-year run's monthly_report.csv (`twotier run ... --horizon
2191d`): sums every unit's row per month and prints, per year, the dossiers received, the
on-time rate of the dossiers completed and the open overdue stock at each month's end, with the
year's Tết (from the holiday table's `tet` mark) beside it. In 2028 and 2031 Tết falls in
January: the pre-Tết rush, the break and the post-break rush belong to January (and the first
days of February), the quiet first lunar month to February. The artefact the issue describes
(2026's Tết written into the month factors) puts the worst month of January-March where 2026's
Tết was, whatever the year; here the worst month of January-March must be a Tết month (the
month of Tết or of the working days of the post-break rush), every year. It also prints each
year's Tết month beside the median of the others: with the +4 %/year trend later years are
more loaded, so compare a run with the trend set to 0 for the seasons alone.

    nice -n 10 build/bin/twotier run scenarios/dong-nai/baseline.toml --horizon 2191d --reps 1 \\
        --out /tmp/dn6 --force --quiet
    /usr/bin/python3 scenarios/dong-nai/tools/years_check.py /tmp/dn6/monthly_report.csv

Exit status 1 when a year's worst month of January-March is not a Tết month.
"""
import argparse
import csv
import datetime
import os
import statistics
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
HOLIDAYS = os.path.join(HERE, "..", "..", "calendars", "vn_public_holidays.csv")


def tet_dates(path):
    dates = {}
    with open(path, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if (row.get("marks") or "").strip() == "tet":
                dates[int(row["date"][:4])] = row["date"]
    return dates


def holidays(path):
    days = set()
    with open(path, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "holiday":
                days.add(datetime.date.fromisoformat(row["date"]))
    return days


def tet_months(tet, closed):
    """Months of Tết and of the 5 working days after its break (Monday-Friday, not holidays)."""
    day = datetime.date.fromisoformat(tet)
    months = {day.month}
    worked = 0
    while worked < 5:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            months.add(day.month)
            worked += 1
    return months


def months(path):
    """(year, month) -> sums of the count columns over units."""
    sums = defaultdict(lambda: defaultdict(float))
    with open(path, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            key = (int(row["year"]), int(row["month"]))
            for column in ("new", "completed_on_time", "completed_late", "pending_overdue"):
                sums[key][column] += float(row[column] or 0)
    return sums


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("monthly_report")
    parser.add_argument("--holidays", default=HOLIDAYS)
    args = parser.parse_args()
    tet = tet_dates(args.holidays)
    closed = holidays(args.holidays)
    sums = months(args.monthly_report)
    years = sorted({y for y, _ in sums})
    rate = {}
    print("year  Tết        month  received  on-time %  overdue at month end")
    for year in years:
        done_year = late_year = 0.0
        for month in range(1, 13):
            s = sums.get((year, month))
            if s is None:
                continue
            done = s["completed_on_time"] + s["completed_late"]
            rate[(year, month)] = 100.0 * s["completed_on_time"] / done if done else float("nan")
            done_year += done
            late_year += s["completed_late"]
            print(f"{year}  {tet.get(year, '?'):10} {month:5d}  {s['new']:8.0f}  "
                  f"{rate[(year, month)]:9.2f}  {s['pending_overdue']:8.0f}")
        if done_year:
            print(f"{year}  year             {'':8}  {100.0 * (1 - late_year / done_year):9.2f}")
    artefact = False
    worst_tet_month = {}
    for year in years:
        if year not in tet or any((year, m) not in rate for m in (1, 2, 3)):
            continue
        holding = tet_months(tet[year], closed)
        worst = min((1, 2, 3), key=lambda m: rate[(year, m)])
        worst_tet_month[year] = min(rate[(year, m)] for m in holding if (year, m) in rate)
        follows = worst in holding
        artefact = artefact or not follows
        print(f"{year}: Tết {tet[year]}, Tết months {sorted(holding)}, worst of Jan-Mar: month "
              f"{worst} ({rate[(year, worst)]:.2f} %){'' if follows else '  <- NOT a Tết month'}")
    for year, value in worst_tet_month.items():
        others = [v for y, v in worst_tet_month.items() if y != year]
        if others:
            print(f"{year}: worst Tết month {value:.2f} % on time; the other years' median "
                  f"{statistics.median(others):.2f} %")
    print("the worst months follow Tết" if not artefact else "ARTEFACT: a worst month away from Tết")
    return 1 if artefact else 0


if __name__ == "__main__":
    sys.exit(main())
