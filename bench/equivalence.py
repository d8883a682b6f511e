#!/usr/bin/python3
"""Statistical equivalence of two twotier binaries on one scenario (docs/performance.md,
"Round 5"): the test a speed change that re-keys random streams or restructures events must
pass against the commit before it (issue 23). Expensive (2 x R replications of the scenario's
horizon): run by hand or with `ctest -L manual -R equivalence`.

Runs `BASE run SCENARIO --reps R` and `NEW run SCENARIO --reps R` (same seed, same first
replication), reads each replication's KPIs from results.h5 (/replications/kpi), and for the
province and the two tiers tests each headline KPI with two one-sided tests (TOST): the new
binary's mean minus the base's lies within +-margin, where the margin is stated per KPI
(absolute for rates, relative to the base mean for counts and times). Welch's two-sample t
by default (the change re-keyed streams, so replication r of both runs is not paired);
--paired uses the differences of replication r (when both binaries draw the same streams).
The family-wise error over all KPIs is held at --alpha by Holm's step-down on the TOST
p-values. Prints one line per KPI (means, difference, the Holm-adjusted two-sided interval of
the difference, margin, p, verdict) and "overall: EQUIVALENT" or "overall: NOT SHOWN".
Exit code 0 when every KPI is shown equivalent, 1 otherwise, 2 on a bad argument.

  bench/equivalence.py --base OLD/twotier --new build/bin/twotier \\
      [--scenario scenarios/dong-nai/baseline.toml] [--reps 10] [--horizon 365d] \\
      [--threads 2] [--out DIR] [--alpha 0.05] [--paired] [--reuse]
"""
import argparse
import math
import os
import subprocess
import sys
import time

import h5py
import numpy as np

SCOPES = ["province", "tier:commune", "tier:province"]
# (metric, margin, kind): "abs" margins are in the KPI's unit, "rel" ones a fraction of the
# base mean. Chosen as differences no decision drawn from these KPIs would notice: half a
# point of on-time rate, 2 % of a count or a mean time, 5 % of the year-end open overdue
# (a count of a few thousand whose replication spread is itself ~5-10 %).
KPIS = [
    ("arrivals", 0.01, "rel"),
    ("completed", 0.02, "rel"),
    ("on_time_rate", 0.005, "abs"),
    ("processing_workdays_mean", 0.02, "rel"),
    ("time_in_system_days_mean", 0.02, "rel"),
    ("backlog_mean", 0.02, "rel"),
    ("backlog_end", 0.03, "rel"),
    ("overdue_open_end", 0.05, "rel"),
]


def betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def betainc(a, b, x):
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) +
                     b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * betacf(a, b, x) / a
    return 1.0 - front * betacf(b, a, 1.0 - x) / b


def t_sf(t, dof):
    """P(T > t) for Student's t with dof degrees of freedom (dof may be fractional)."""
    tail = 0.5 * betainc(dof / 2.0, 0.5, dof / (dof + t * t))
    return tail if t >= 0 else 1.0 - tail


def t_ppf(p, dof):
    """The p-quantile of Student's t for p in (0.5, 1), by bisection on t_sf."""
    lo, hi = 0.0, 1.0
    while t_sf(hi, dof) > 1.0 - p:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_sf(mid, dof) > 1.0 - p:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def run(binary, args, out, reuse):
    h5 = os.path.join(out, "results.h5")
    if reuse and os.path.exists(h5):
        return h5, 0.0
    cmd = [binary, "run", args.scenario, "--reps", str(args.reps), "--threads",
           str(args.threads), "--out", out, "--force", "-q"]
    if args.horizon:
        cmd += ["--horizon", args.horizon]
    if args.seed is not None:
        cmd += ["--seed", str(args.seed)]
    began = time.time()
    subprocess.run(cmd, check=True)
    return h5, time.time() - began


def kpis(h5):
    with h5py.File(h5, "r") as f:
        scopes = [s.decode() if isinstance(s, bytes) else s for s in f["replications/scopes"][...]]
        metrics = [m.decode() if isinstance(m, bytes) else m for m in f["replications/metrics"][...]]
        values = f["replications/kpi"][...]  # [R][S][M]
        index = f["replications/index"][...]
    return scopes, metrics, values, index


def tost(base, new, margin, paired):
    """TOST of mean(new) - mean(base) within (-margin, +margin): (difference, its standard
    error, degrees of freedom, p) with p = the larger of the two one-sided p-values."""
    if paired:
        d = new - base
        n = len(d)
        diff, se, dof = d.mean(), d.std(ddof=1) / math.sqrt(n), n - 1
    else:
        va, vb = base.var(ddof=1) / len(base), new.var(ddof=1) / len(new)
        diff, se = new.mean() - base.mean(), math.sqrt(va + vb)
        dof = (va + vb) ** 2 / ((va * va / (len(base) - 1) if va > 0 else 0) +
                                (vb * vb / (len(new) - 1) if vb > 0 else 0) or 1e-300)
        dof = max(1.0, min(dof, len(base) + len(new) - 2))
    if se == 0.0:
        return diff, se, dof, 0.0 if abs(diff) < margin else 1.0
    p_low = t_sf((diff + margin) / se, dof)   # H0: diff <= -margin
    p_high = t_sf((margin - diff) / se, dof)  # H0: diff >= +margin
    return diff, se, dof, max(p_low, p_high)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="twotier binary before the change")
    parser.add_argument("--new", required=True, help="twotier binary after the change")
    parser.add_argument("--scenario", default="scenarios/dong-nai/baseline.toml")
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--horizon", default="", help="e.g. 90d (default: the scenario's)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--alpha", type=float, default=0.05, help="family-wise error")
    parser.add_argument("--paired", action="store_true",
                        help="replication r of both binaries draws the same streams")
    parser.add_argument("--out", default="build/equivalence")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse OUT/base and OUT/new results.h5 when present")
    args = parser.parse_args()
    if args.reps < 3 or not 0 < args.alpha < 1:
        parser.error("--reps must be >= 3 and --alpha in (0, 1)")
    for b in (args.base, args.new):
        if not os.access(b, os.X_OK):
            parser.error(f"not an executable: {b}")

    h5_base, wall_base = run(args.base, args, os.path.join(args.out, "base"), args.reuse)
    h5_new, wall_new = run(args.new, args, os.path.join(args.out, "new"), args.reuse)
    s_base, m_base, v_base, i_base = kpis(h5_base)
    s_new, m_new, v_new, i_new = kpis(h5_new)
    if args.paired and list(i_base) != list(i_new):
        sys.exit("equivalence: --paired needs the same replication indices in both runs")

    rows = []
    for scope in SCOPES:
        for metric, margin, kind in KPIS:
            a = v_base[:, s_base.index(scope), m_base.index(metric)]
            b = v_new[:, s_new.index(scope), m_new.index(metric)]
            m = margin * abs(a.mean()) if kind == "rel" else margin
            diff, se, dof, p = tost(a, b, m, args.paired)
            rows.append([scope, metric, a.mean(), b.mean(), diff, se, dof, m, kind, margin, p])

    # Holm's step-down: the k-th smallest p (k = 0..K-1) is compared with alpha / (K - k);
    # once one fails, all larger ones fail. Each row's interval is the (1 - 2 alpha_k)
    # two-sided interval at its own Holm level, the interval form of its TOST.
    K = len(rows)
    order = sorted(range(K), key=lambda r: rows[r][-1])
    shown = [False] * K
    level = [args.alpha / K] * K
    still = True
    for k, r in enumerate(order):
        level[r] = args.alpha / (K - k)
        still = still and rows[r][-1] <= level[r]
        shown[r] = still

    print(f"equivalence: {args.scenario}, {args.reps} replications each"
          f"{', horizon ' + args.horizon if args.horizon else ''}, "
          f"{'paired' if args.paired else 'two-sample (Welch)'} TOST, Holm over {K} KPIs, "
          f"family-wise alpha {args.alpha}")
    print(f"  base {args.base} ({wall_base:.0f} s wall), new {args.new} ({wall_new:.0f} s wall)")
    print(f"{'scope':<14} {'metric':<26} {'base':>12} {'new':>12} {'diff':>10} "
          f"{'interval':>23} {'margin':>10} {'p':>8}  verdict")
    for r, row in enumerate(rows):
        scope, metric, a, b, diff, se, dof, m, kind, margin, p = row
        half = t_ppf(1.0 - level[r], dof) * se
        stated = f"{margin * 100:g}%" if kind == "rel" else f"{margin:g}"
        print(f"{scope:<14} {metric:<26} {a:12.5g} {b:12.5g} {diff:+10.4g} "
              f"[{diff - half:+10.4g},{diff + half:+10.4g}] {stated:>10} {p:8.2g}  "
              f"{'equivalent' if shown[r] else 'NOT SHOWN'}")
    ok = all(shown)
    print(f"overall: {'EQUIVALENT' if ok else 'NOT SHOWN'} "
          f"({sum(shown)} of {K} KPIs within their margins)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
