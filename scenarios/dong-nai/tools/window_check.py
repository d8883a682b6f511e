#!/usr/bin/python3
"""Does a short run answer like the same dates of a longer run? (issue 17)

Runs the Dong Nai baseline twice with the same seed and replications: over the first `--short`
days of 2026 and over the whole year; then compares, per replication, the on-time rate of the
dossiers completed in January-March and the open overdue stock at the end of March (from the
per-replication monthly reports in results.h5), and the open overdue stock at 00:00 on 4 March (daily
series, end of day 61). Prints each figure with its 95 % Student-t interval over replications and the
paired difference. Presence, seasons, trend and adoption depend only on dates, so the two runs
should differ only through work in flight at the short run's horizon.

    /usr/bin/python3 scenarios/dong-nai/tools/window_check.py --twotier build/bin/twotier --reps 4

Reuse finished runs with --short-dir / --year-dir (folders of `twotier run`).

With --later-dir DIR (a run of the baseline from a later date, same seed and replications, and
--year-dir), compares the daily arrivals of every unit on the dates both runs cover: arrivals
are drawn per calendar day, so they must be identical after the first week (filings made
before the later start, e.g. on the Saturday before it, are received on its first working day
in the year run only).

With --january, compares instead every unit's January 2026 row of monthly_report.csv (means over
the replications): received the same, and each other count within 2 % of the unit's January
volume (carried over + new) in the year run. The ctest `dong_nai_january_rows` (label slow) runs

    /usr/bin/python3 scenarios/dong-nai/tools/window_check.py --twotier build/bin/twotier \
        --reps 1 --short 45d --january
"""
import csv
import argparse
import datetime
import math
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "..", "baseline.toml")
# Two-sided 95 % Student-t quantiles by degrees of freedom.
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
       9: 2.262, 10: 2.228, 15: 2.131, 19: 2.093}


def t95(dof):
    keys = sorted(k for k in T95 if k <= dof)
    return T95[keys[-1]] if keys else float("nan")


def interval(values):
    v = np.asarray(values, dtype=float)
    mean = float(v.mean())
    if len(v) < 2:
        return mean, float("nan")
    return mean, t95(len(v) - 1) * float(v.std(ddof=1)) / math.sqrt(len(v))


def run(twotier, horizon, reps, out):
    subprocess.run([twotier, "run", BASELINE, "--reps", str(reps), "--horizon", horizon,
                    "--out", out, "--force", "--quiet"], check=True)


def figures(folder):
    """Per replication: on-time rate Jan-Mar, overdue at the end of March, overdue on 4 Mar."""
    import h5py  # only here: --january reads the CSV files

    with h5py.File(os.path.join(folder, "results.h5"), "r") as f:
        months = f["monthly_report/month"][:]
        years = f["monthly_report/year"][:]
        columns = [c.decode() if isinstance(c, bytes) else c
                   for c in f["replications/monthly_report/columns"][:]]
        counts = f["replications/monthly_report/counts"][:]  # [R][N][7]
        overdue_daily = f["replications/daily/overdue"][:]  # [R][D][U]
    on_time = columns.index("completed_on_time")
    late = columns.index("completed_late")
    pending = columns.index("pending_overdue")
    quarter = (years == 2026) & (months <= 3)
    march = (years == 2026) & (months == 3)
    out = []
    for r in range(counts.shape[0]):
        done = counts[r][quarter]
        rate = done[:, on_time].sum() / max(1, done[:, on_time].sum() + done[:, late].sum())
        out.append((rate, counts[r][march][:, pending].sum(),
                    overdue_daily[r][61].sum() if overdue_daily.shape[1] > 61 else float("nan")))
    return np.array(out)


def january_rows(folder):
    """unit -> the January 2026 row of monthly_report.csv (floats)."""
    rows = {}
    with open(os.path.join(folder, "monthly_report.csv"), encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["year"] == "2026" and row["month"] == "1":
                rows[row["unit"]] = {k: float(v or 0) for k, v in row.items()
                                     if k not in ("unit", "unit_name", "year", "month")}
    return rows


def compare_january(short_dir, year_dir):
    a, b = january_rows(short_dir), january_rows(year_dir)
    worst, worst_unit, bad = 0.0, None, []
    for unit, y in b.items():
        x = a.get(unit)
        volume = y["carried_over"] + y["new"]
        if x is None:
            bad.append("%s: no January row in the short run" % unit)
            continue
        if volume == 0:
            continue
        if abs(x["new"] - y["new"]) > 1e-9 * volume:
            bad.append("%s: received %g in the short run, %g in the year" % (unit, x["new"], y["new"]))
        for column in ("completed_on_time", "completed_late", "returned_withdrawn",
                       "pending_not_due", "pending_overdue"):
            share = abs(x[column] - y[column]) / volume
            if share > worst:
                worst, worst_unit = share, "%s %s" % (unit, column)
            if share > 0.02:
                bad.append("%s: %s %g vs %g (volume %g)" % (unit, column, x[column], y[column],
                                                              volume))
    print("January rows of %d units: largest difference %.3f %% of a unit's volume (%s)" %
          (len(b), 100 * worst, worst_unit))
    for line in bad:
        print("  " + line)
    print("January rows agree within 2 %" if not bad else "January rows DISAGREE")
    return 0 if not bad else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--twotier", default="build/bin/twotier")
    ap.add_argument("--reps", type=int, default=4)
    ap.add_argument("--short", default="90d", help="the short run's horizon (from 1 Jan 2026)")
    ap.add_argument("--short-dir")
    ap.add_argument("--year-dir")
    ap.add_argument("--january", action="store_true",
                    help="compare every unit's January row of monthly_report.csv instead")
    ap.add_argument("--later-dir",
                    help="compare the daily arrivals of this run (a later start, e.g. "
                         "--set scenario.start=2026-02-01) with the year run's on the same dates")
    args = ap.parse_args()
    if args.later_dir:
        if not args.year_dir:
            ap.error("--later-dir needs --year-dir (the year run to compare with)")
        return compare_later_start(args.later_dir, args.year_dir)
    work = tempfile.mkdtemp(prefix="twotier_window_")
    short_dir = args.short_dir or os.path.join(work, "short")
    year_dir = args.year_dir or os.path.join(work, "year")
    if not args.short_dir:
        run(args.twotier, args.short, args.reps, short_dir)
    if not args.year_dir:
        run(args.twotier, "365d", args.reps, year_dir)
    try:
        if args.january:
            return compare_january(short_dir, year_dir)
        return compare_quarter(args, short_dir, year_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the runs made here (not --*-dir folders)


def daily_arrivals(folder):
    """(start date, arrivals [R][D][U]) of a run's results.h5."""
    import h5py

    with h5py.File(os.path.join(folder, "results.h5"), "r") as f:
        start = f["metadata"].attrs["start_date"]
        start = start.decode() if isinstance(start, bytes) else start
        return datetime.date.fromisoformat(start), f["replications/daily/arrivals"][:]


def compare_later_start(later_dir, year_dir):
    """Arrivals are drawn per calendar day: a run that starts later receives, on each date and
    at each unit, what the year run receives there (same seed and replications)."""
    later_start, later = daily_arrivals(later_dir)
    year_start, year = daily_arrivals(year_dir)
    offset = (later_start - year_start).days
    reps = min(later.shape[0], year.shape[0])
    days = min(later.shape[1], year.shape[1] - offset)
    a = later[:reps, :days, :]
    b = year[:reps, offset:offset + days, :]
    differ = int((a != b).sum())
    print("daily arrivals from %s, %d days x %d units x %d replications: %d dossiers in the "
          "later run, %d in the year run, %d (date, unit) cells differ" %
          (later_start, days, a.shape[2], reps, int(a.sum()), int(b.sum()), differ))
    # Filings made before the later start (a Saturday's letters and citizens, online filings
    # held by an outage) are received on the next working day in the year run only: allowed
    # in the first week.
    late = []
    for d in range(days):
        n = int((a[:, d, :] != b[:, d, :]).sum())
        if n:
            date = later_start + datetime.timedelta(days=d)
            print("  %s: %d cells differ (%d received in the later run, %d in the year run)" %
                  (date, n, int(a[:, d, :].sum()), int(b[:, d, :].sum())))
            if d >= 7:
                late.append(date)
    ok = not late
    print("the same arrivals on every date after the first week" if ok else "arrivals DIFFER")
    return 0 if ok else 1


def compare_quarter(args, short_dir, year_dir):
    a, b = figures(short_dir), figures(year_dir)
    names = ["on-time rate, Jan-Mar", "open overdue, 31 Mar", "open overdue, 4 Mar"]
    print("figure | %s run | year run | paired difference" % args.short)
    agree = True
    for k, name in enumerate(names):
        ma, ha = interval(a[:, k])
        mb, hb = interval(b[:, k])
        md, hd = interval(a[:, k] - b[:, k]) if len(a) == len(b) else (ma - mb, float("nan"))
        fmt = "%.4f" if k == 0 else "%.1f"
        print(("%s | " + fmt + " ± " + fmt + " | " + fmt + " ± " + fmt + " | " + fmt + " ± " +
               fmt) % (name, ma, ha, mb, hb, md, hd))
        if k < 2 and abs(ma - mb) > math.hypot(ha, hb) + 1e-12:
            agree = False
    print("agree within the intervals" if agree else "DISAGREE")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
