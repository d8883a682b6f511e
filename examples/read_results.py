#!/usr/bin/python3
"""Read any twotier result folder and print what it holds.

Usage: examples/read_results.py RESULT_DIR_OR_FILE

Understands every kind of folder the command line writes (docs/output-format.md):
  run         results.h5 with /replications: the province backlog trajectory, backlog by
              domain and tier, summary rows
  compare,    results.h5 with /metadata/command: the experiments it ran and the province
  sweep,      on-time rate of each (compare also reads comparison.csv)
  staff       (staff: also its current/ and recommended/ run folders)
  delegation  delegation.csv: each domain's options
  backtest    backtest.csv and backtest_info.csv: the coverage of the prediction intervals
  calibrate   --targets: calibration_runs.csv and parameter_sets.csv: the sets simulated and
              the plausible ones; from a log: scenario.toml and fit_report.csv, a scenario
              to run rather than results (the fitted parameters are listed)
Every folder except a calibrated scenario's also holds results.xlsx, the same results laid
out for people (names, percentages, intervals); this reader uses the CSV and HDF5 contracts.

Strings: h5py returns the UTF-8 string datasets of results.h5 as bytes; read them as str with
`dataset.asstr()[...]` (h5py >= 3) as below. Attributes come back as str already.

Uses Debian's python3-h5py and python3-numpy (apt-get install python3-h5py python3-numpy).
Exits 1 with a message (never a traceback) when the path holds no readable twotier results,
so it can serve as a test of the outputs.
"""
import csv
import sys
from pathlib import Path

import h5py
import numpy as np


class NotResults(Exception):
    """The path does not hold twotier results this reader understands."""


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def strings(dataset):
    """A string dataset as a list of str (h5py gives bytes without .asstr())."""
    return list(dataset.asstr()[...])


def percent(fraction):
    """A fraction of a CSV (on-time rate) as people read it: "93.4%"."""
    return f"{100 * float(fraction):.1f}%"


def read_csv(path):
    # utf-8-sig: files written with --csv-bom start with a byte-order mark.
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def check_complete(f, path):
    if int(f.attrs.get("incomplete", 0)) == 1:
        raise NotResults(f"{path} is the checkpoint of an interrupted command (incomplete = 1); "
                         f"resume it first (twotier run|compare|sweep|staff --resume DIR)")


def show_run(f):
    meta = f["metadata"].attrs
    print(f"kind: run")
    print(f"scenario: {text(meta['scenario_name'])}")
    print(f"twotier {text(meta['twotier_version'])} (commit {text(meta['git_commit'])}), "
          f"seed {int(meta['seed'])}, {int(meta['replications'])} replications, "
          f"start {text(meta['start_date'])}")
    if not text(meta["scenario_text"]).strip():
        raise NotResults("empty scenario text")
    units = strings(f["units/name"])
    print(f"units: {len(units)} ({', '.join(units[:3])}{', ...' if len(units) > 3 else ''})")

    backlog = f["replications/daily/backlog"][...]  # (R, D, U) int32
    reps, days, nunits = backlog.shape
    province = backlog.sum(axis=2).astype(float)    # (R, D): all units together
    mean = province.mean(axis=0)
    low, high = province.min(axis=0), province.max(axis=0)
    print(f"province backlog (dossiers in the system at day end), {reps} replications, "
          f"{days} days, {nunits} units:")
    print(f"{'day':>6} {'mean':>10} {'min':>8} {'max':>8}")
    step = max(1, days // 10)
    for d in list(range(0, days, step)) + ([days - 1] if (days - 1) % step else []):
        print(f"{d:>6} {mean[d]:>10.1f} {low[d]:>8.0f} {high[d]:>8.0f}")
    if days:
        print(f"time-average backlog {mean.mean():.2f}, peak day {int(np.argmax(mean))} "
              f"({mean.max():.1f})")

    # Daily backlog per domain and tier (format 1 files from before these were added lack
    # them): the mean over replications at the last day.
    for group, labels in (("daily_domain", "domains/name"), ("daily_tier", "tiers/name")):
        if f"replications/{group}/backlog" not in f or not days:
            continue
        names = strings(f[labels])
        last = f[f"replications/{group}/backlog"][:, -1, :].mean(axis=0)
        shown = ", ".join(f"{n} {v:.1f}" for n, v in zip(names, last) if v > 0)
        print(f"backlog at the horizon by {group.split('_')[1]}: {shown or 'none'}")
    if "warmup_method" in meta:
        print(f"warm-up: {text(meta['warmup_method'])}, {float(meta['warmup_days']):g} days")
    if "trace" in f:
        print(f"trace: {f['trace/id'].shape[0]} dossier records")

    scopes = strings(f["summary/scope"])
    metrics = strings(f["summary/metric"])
    means = f["summary/mean"][...]
    for scope, metric, value in zip(scopes, metrics, means):
        if scope == "province" and metric in ("backlog_mean", "backlog_end", "on_time_rate"):
            print(f"summary: province {metric} = {value:.4g}")


def show_experiments(f, folder):
    meta = f["metadata"].attrs
    command = text(meta["command"])
    print(f"kind: {command}")
    texts = f['metadata/scenario_texts'].shape[0]
    print(f"twotier {text(meta['twotier_version'])} (commit {text(meta['git_commit'])}); "
          f"{texts} scenario text{'' if texts == 1 else 's'}")
    metrics = strings(f["metadata/metrics"])
    on_time = metrics.index("on_time_rate")
    experiments = sorted(f["experiments"].keys())
    print(f"experiments: {len(experiments)}")
    for k in experiments:
        group = f["experiments"][k]
        label = text(group.attrs["label"])
        scopes = strings(group["scopes"])
        kpi = group["kpi"][...]  # (R, S, M)
        value = np.nanmean(kpi[:, scopes.index("province"), on_time]) if "province" in scopes \
            else float("nan")
        print(f"  {k} {label}: {kpi.shape[0]} replications, province on-time {100 * value:.1f}%")
    if folder is None:
        return
    if command == "compare" and (folder / "comparison.csv").exists():
        rows = [r for r in read_csv(folder / "comparison.csv")
                if r["scope"] == "province" and r["metric"] == "on_time_rate"]
        for r in rows:
            points = [f"{100 * float(r[k]):+.2f}" for k in ("diff_mean", "diff_ci_low",
                                                            "diff_ci_high")]
            significant = "yes" if r["significant"] in ("1", "true") else "no"
            print(f"comparison: {r['alternative']}: on-time difference {points[0]} pp "
                  f"[{points[1]}, {points[2]}], significant: {significant}")
    if command == "staff":
        for part in ("current", "recommended"):
            if (folder / part / "results.h5").exists():
                with h5py.File(folder / part / "results.h5", "r") as run:
                    rows = zip(strings(run["summary/scope"]), strings(run["summary/metric"]),
                               run["summary/mean"][...])
                    value = next((v for s, m, v in rows
                                  if s == "province" and m == "on_time_rate"), float("nan"))
                print(f"staffing {part}: province on-time {100 * value:.1f}%")


def show_delegation(folder):
    rows = read_csv(folder / "delegation.csv")
    print("kind: delegation")
    for r in rows:
        if r["metric"] == "on_time_rate":
            reference = " (as it is)" if r["is_current"] == "1" else ""
            print(f"  {r['domain']} {r['option']}{reference}: on-time {percent(r['mean'])} "
                  f"[{percent(r['ci_low'])}, {percent(r['ci_high'])}]")


def show_backtest(folder):
    rows = read_csv(folder / "backtest.csv")
    print("kind: backtest")
    info = folder / "backtest_info.csv"
    if info.exists():
        for r in read_csv(info):
            print(f"  {r['key']}: {r['value']}")
    inside = sum(r["inside"] == "1" for r in rows)
    print(f"coverage: {inside} of {len(rows)} observed values inside their interval "
          f"({100 * inside / max(1, len(rows)):.1f}%)")


def show_calibration(folder):
    runs = read_csv(folder / "calibration_runs.csv")
    plausible = read_csv(folder / "parameter_sets.csv")
    print("kind: calibrate --targets")
    waves = sorted({int(r["wave"]) for r in runs})
    print(f"{len(runs)} parameter sets simulated in {len(waves)} wave"
          f"{'' if len(waves) == 1 else 's'}, {len(plausible)} plausible")
    parameters = [c for c in (plausible[0].keys() if plausible else []) if c != "set"]
    for name in parameters:
        values = [float(r[name]) for r in plausible]
        print(f"  {name}: {min(values):.4g} to {max(values):.4g} over the plausible sets")


def show_fit(folder):
    rows = read_csv(folder / "fit_report.csv")
    print("kind: calibrate (a scenario fitted to a dossier log)")
    print(f"scenario: {folder / 'scenario.toml'} (run it: twotier run {folder / 'scenario.toml'})")
    fallbacks = [r for r in rows if r.get("fallback") in ("yes", "1", "true")]
    print(f"{len(rows)} fitted parameters, {len(fallbacks)} fell back to defaults "
          f"(fit_report.md says why)")


def show(path):
    folder = path if path.is_dir() else None
    h5 = path / "results.h5" if folder else path
    if folder is not None and not h5.exists():
        if (folder / "delegation.csv").exists():
            return show_delegation(folder)
        if (folder / "backtest.csv").exists():
            return show_backtest(folder)
        if (folder / "calibration_runs.csv").exists():
            return show_calibration(folder)
        if (folder / "fit_report.csv").exists():
            return show_fit(folder)
        raise NotResults(f"{folder} holds no twotier results (expected results.h5, "
                         f"delegation.csv, backtest.csv, calibration_runs.csv or "
                         f"fit_report.csv)")
    if not h5.exists():
        raise NotResults(f"{h5} does not exist")
    try:
        f = h5py.File(h5, "r")
    except OSError as e:
        raise NotResults(f"{h5} is not an HDF5 file ({e})") from None
    with f:
        check_complete(f, h5)
        if "metadata" not in f:
            raise NotResults(f"{h5} has no /metadata: not a twotier results file")
        if "command" in f["metadata"].attrs:
            show_experiments(f, folder)
        elif "replications" in f:
            show_run(f)
        else:
            raise NotResults(f"{h5}: neither a run's nor an experiment's layout")


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        show(Path(argv[1]))
    except NotResults as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (KeyError, ValueError) as e:
        print(f"error: {argv[1]}: unexpected layout ({e}); see docs/output-format.md",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
