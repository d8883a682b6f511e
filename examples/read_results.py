#!/usr/bin/python3
"""Read a twotier results.h5 and print the province backlog trajectory.

Usage: examples/read_results.py RESULTS_DIR_OR_FILE

Uses Debian's python3-h5py and python3-numpy (apt-get install python3-h5py python3-numpy).
The layout is documented in docs/output-format.md. Exits 1 if the file is not a readable
twotier results file, so it can serve as a test of the output.
"""
import sys
from pathlib import Path

import h5py
import numpy as np


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = Path(argv[1])
    if path.is_dir():
        path = path / "results.h5"
    with h5py.File(path, "r") as f:
        meta = f["metadata"].attrs
        print(f"scenario: {text(meta['scenario_name'])}")
        print(f"twotier {text(meta['twotier_version'])} (commit {text(meta['git_commit'])}), "
              f"seed {int(meta['seed'])}, {int(meta['replications'])} replications, "
              f"start {text(meta['start_date'])}")
        if not text(meta["scenario_text"]).strip():
            print("error: empty scenario text", file=sys.stderr)
            return 1

        backlog = f["replications/daily/backlog"][...]  # (R, D, U) int32
        reps, days, units = backlog.shape
        province = backlog.sum(axis=2).astype(float)    # (R, D): all units together
        mean = province.mean(axis=0)
        low, high = province.min(axis=0), province.max(axis=0)
        print(f"province backlog (dossiers in the system at day end), {reps} replications, "
              f"{days} days, {units} units:")
        print(f"{'day':>6} {'mean':>10} {'min':>8} {'max':>8}")
        step = max(1, days // 10)
        for d in list(range(0, days, step)) + ([days - 1] if (days - 1) % step else []):
            print(f"{d:>6} {mean[d]:>10.1f} {low[d]:>8.0f} {high[d]:>8.0f}")
        if days:
            print(f"time-average backlog {mean.mean():.2f}, peak day {int(np.argmax(mean))} "
                  f"({mean.max():.1f})")

        # Daily backlog per domain and tier (format 1 files from before these were added
        # lack them): the mean over replications at the last day.
        for group, labels in (("daily_domain", "domains/name"), ("daily_tier", "tiers/name")):
            if f"replications/{group}/backlog" not in f or not days:
                continue
            names = [text(n) for n in f[labels][...]]
            last = f[f"replications/{group}/backlog"][:, -1, :].mean(axis=0)
            shown = ", ".join(f"{n} {v:.1f}" for n, v in zip(names, last) if v > 0)
            print(f"backlog at the horizon by {group.split('_')[1]}: {shown or 'none'}")
        if "warmup_method" in meta:
            print(f"warm-up: {text(meta['warmup_method'])}, {float(meta['warmup_days']):g} days")
        if "trace" in f:
            print(f"trace: {f['trace/id'].shape[0]} dossier records")

        scopes = [text(s) for s in f["summary/scope"][...]]
        metrics = [text(m) for m in f["summary/metric"][...]]
        means = f["summary/mean"][...]
        for scope, metric, value in zip(scopes, metrics, means):
            if scope == "province" and metric in ("backlog_mean", "backlog_end"):
                print(f"summary: province {metric} = {value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
