#!/usr/bin/python3
"""Unit-focused runs against the whole province on Dong Nai (docs/model-runtime.md,
"Unit-focused runs"): a benchmark, run by hand (ctest -L manual), figures in the README.

Runs the whole province once (`twotier run --horizon H --reps R`), then each of ten units of
different sizes focused (`twotier run --focus unit:ID`, same seed and replications; the first
one simulates and caches the baseline, the others read it), and compares per unit the focused
KPIs with the full model's: the focused mean inside the full model's interval, and the paired
difference (replication r of both runs shares the unit's random streams) holding 0, each at the
Bonferroni level over all checks (family-wise 95 %). Prints one row per unit and KPI, the wall
times, and "N of M checks agree".

  bench/focus_units.py --twotier build/bin/twotier [--horizon 60d] [--reps 10] [--out DIR]
"""
import argparse
import math
import os
import subprocess
import sys
import time

import h5py
import numpy as np

UNITS = ["phu_ly", "thien_hung", "phuoc_binh", "nghia_trung", "phuoc_long", "tan_an",
         "long_phuoc", "gia_kiem", "phuoc_tan", "tran_bien"]  # by population, 15,700 to 197,000
METRICS = ["on_time_rate", "overdue_open_end", "completed"]


def t_cdf(x, dof):
    """P(T <= x) for Student's t, x >= 0: 1/2 + the density integrated by Simpson's rule."""
    c = math.exp(math.lgamma((dof + 1) / 2) - math.lgamma(dof / 2)) / math.sqrt(dof * math.pi)
    steps = 2000
    h = x / steps
    f = [c * (1 + (i * h) ** 2 / dof) ** (-(dof + 1) / 2) for i in range(steps + 1)]
    return 0.5 + h / 3 * (f[0] + f[-1] + 4 * sum(f[1:-1:2]) + 2 * sum(f[2:-1:2]))


def t_quantile(p, dof):
    """The p-quantile (p > 1/2) of Student's t, by bisection."""
    lo, hi = 0.0, 1000.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if t_cdf(mid, dof) < p else (lo, mid)
    return (lo + hi) / 2


def kpis(folder, scope):
    with h5py.File(os.path.join(folder, "results.h5"), "r") as f:
        scopes = [s.decode() if isinstance(s, bytes) else s for s in f["replications/scopes"][()]]
        metrics = [m.decode() if isinstance(m, bytes) else m for m in f["replications/metrics"][()]]
        kpi = f["replications/kpi"][()]
        index = list(f["replications/index"][()])
    s = scopes.index(scope)
    return index, {m: kpi[:, s, metrics.index(m)] for m in METRICS}


def run(cmd, env):
    began = time.monotonic()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.monotonic() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twotier", required=True)
    parser.add_argument("--scenario", default=os.path.join(
        os.path.dirname(__file__), "..", "scenarios", "dong-nai", "baseline.toml"))
    parser.add_argument("--horizon", default="60d")
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default="focus-bench")
    args = parser.parse_args()
    env = dict(os.environ, TWOTIER_CACHE_DIR=os.path.join(args.out, "cache"))
    common = ["--horizon", args.horizon, "--reps", str(args.reps), "--threads",
              str(args.threads), "-q", "--force"]
    os.makedirs(args.out, exist_ok=True)
    subprocess.run(["rm", "-rf", env["TWOTIER_CACHE_DIR"]], check=True)
    full_dir = os.path.join(args.out, "full")
    full_wall = run([args.twotier, "run", args.scenario, "--out", full_dir] + common, env)
    print(f"whole province: {full_wall:.1f} s wall ({args.reps} replications, {args.horizon})")
    checks = 2 * len(UNITS) * len(METRICS)
    level = 1 - 0.05 / checks
    agree = 0
    walls = []
    print(f"{'unit':<12} {'metric':<17} {'full mean':>10} {'full interval':>23} "
          f"{'focused':>10} {'paired diff interval':>25}  ok")
    for unit in UNITS:
        folder = os.path.join(args.out, unit)
        wall = run([args.twotier, "run", args.scenario, "--focus", "unit:" + unit,
                    "--out", folder] + common, env)
        walls.append((unit, wall))
        full_index, full = kpis(full_dir, "unit:" + unit)
        part_index, part = kpis(folder, "unit:" + unit)
        assert full_index == part_index
        for m in METRICS:
            a, b = np.asarray(full[m]), np.asarray(part[m])
            keep = ~(np.isnan(a) | np.isnan(b))
            a, b = a[keep], b[keep]
            n = len(a)
            t = t_quantile(1 - (1 - level) / 2, n - 1)
            half = t * a.std(ddof=1) / math.sqrt(n)
            d = b - a
            dhalf = t * d.std(ddof=1) / math.sqrt(n)
            # The full model's interval, cut to the quantity's range (rates in [0, 1], counts
            # >= 0): the mean lies in the range, so the coverage is the t-interval's.
            low = max(0.0, a.mean() - half)
            high = a.mean() + half if m != "on_time_rate" else min(1.0, a.mean() + half)
            inside = bool(low <= b.mean() <= high)
            holds0 = bool(abs(d.mean()) <= dhalf)
            agree += int(inside) + int(holds0)
            print(f"{unit:<12} {m:<17} {a.mean():>10.4f} [{low:>10.4f}, "
                  f"{high:>10.4f}] {b.mean():>10.4f} [{d.mean() - dhalf:>11.4f}, "
                  f"{d.mean() + dhalf:>11.4f}]  {'yes' if inside and holds0 else 'NO'}")
    print("focused runs, wall: " + ", ".join(f"{u} {w:.1f} s" for u, w in walls)
          + " (the first one simulates and caches the baseline)")
    print(f"{agree} of {checks} checks agree (Bonferroni level {level:.5f} each)")
    return 0 if agree == checks else 1


if __name__ == "__main__":
    sys.exit(main())
