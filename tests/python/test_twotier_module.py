#!/usr/bin/python3
"""`import twotier` (python/twotier_module.cpp), run by ctest with Debian's /usr/bin/python3 and
PYTHONPATH set to the build's python/ folder.

Checks: load keeps Vietnamese names as str; a bad override raises twotier.ScenarioError (a
ValueError) naming the key; check gives the offered load; run gives numpy arrays of the right
shapes whose summary equals, bit for bit, summary.csv of `twotier run` with the same arguments,
and the same numbers on 1 and 2 threads; compare gives paired differences with names.
Usage: test_twotier_module.py TWOTIER SOURCE_DIR OUTDIR
"""
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import twotier

twotier_cli, source, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
scenario_file = source / "tests/data/two-communes/scenario.toml"
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}")


print(f"twotier {twotier.__version__} ({twotier.git_commit})")
scenario = twotier.load(scenario_file, set=["scenario.replications=3"])
check(isinstance(scenario.name, str), "scenario name is a str")
check(scenario.replications == 3, "set= overrides apply")
names = scenario.units["name"]
check(all(isinstance(n, str) for n in names), "unit names are str, not bytes")
check("Xã Phú Hòa" in names, f"Vietnamese names intact: {names}")
check(isinstance(scenario.units["officers"], np.ndarray), "officers as a numpy array")

try:
    twotier.load(scenario_file, set=["scenario.horizonn=3d"])
    check(False, "a bad key raises")
except twotier.ScenarioError as e:
    check(isinstance(e, ValueError), "ScenarioError is a ValueError")
    check("scenario.horizon" in str(e), f"the message suggests the key: {e}")

report = twotier.check(scenario)
loads = report["offered_load"]
check(len(loads["unit"]) == len(loads["utilisation"]) > 0, "offered load per unit and skill")
check(np.all(loads["utilisation"] >= 0), "utilisation is non-negative")

result = twotier.run(scenario, reps=2, seed=11, threads=2, horizon=20)
kpis = result["kpis"]
check(kpis.shape == (2, len(result["scopes"]), len(result["metrics"])), f"kpis shape {kpis.shape}")
check(result["daily"]["backlog"].shape[0] == 2, "daily arrays per replication")
check(result["daily"]["backlog"].shape[2] == len(result["units"]["id"]), "daily arrays per unit")
check(result["seed"] == 11, "seed= applies")
check(set(result["staffing"]) >= {"unit", "position", "officers", "utilisation"}, "staffing")
check("Xã Phú Hòa" in result["units"]["name"], "run's unit names are str")
again = twotier.run(scenario_file, reps=2, seed=11, threads=1, horizon="20d",
                    set=["scenario.replications=3"])
check(np.array_equal(again["kpis"], kpis, equal_nan=True),
      "the same numbers on 1 and 2 threads, from a path or a Scenario")

# The same run from the command line: summary.csv holds the same means, bit for bit.
folder = out / "cli_run"
shutil.rmtree(folder, ignore_errors=True)
subprocess.run([twotier_cli, "run", str(scenario_file), "--reps", "2", "--seed", "11",
                "--threads", "2", "--horizon", "20d", "--out", str(folder), "-q"], check=True,
               stdout=subprocess.DEVNULL)
with open(folder / "summary.csv", encoding="utf-8") as f:
    cli = {(r["scope"], r["metric"]): r["mean"] for r in csv.DictReader(f)}
summary = result["summary"]
mismatches = [(s, m, v, cli.get((s, m))) for s, m, v in
              zip(summary["scope"], summary["metric"], summary["mean"])
              if not (np.isnan(v) and cli.get((s, m)) == "") and float(cli.get((s, m), "nan")) != v]
check(not mismatches, f"summary equals summary.csv of `twotier run`: {mismatches[:3]}")

alternative = twotier.load(scenario_file, set=["scenario.name=\"more demand\""])
comparison = twotier.compare([scenario, alternative], reps=2, horizon=20, threads=2)
rows = comparison["comparison"]
check(comparison["names"][0] == scenario.name, f"names: {comparison['names']}")
check(len(rows["scope"]) == len(rows["diff_mean"]) > 0, "comparison rows")
check(rows["significant"].dtype == bool, "significant as booleans")
check(len(comparison["kpis"]) == 2, "kpis per scenario")
same = [d for s, m, d in zip(rows["scope"], rows["metric"], rows["diff_mean"])
        if s == "province" and m == "arrivals"]
check(same == [0.0], f"identical scenarios with common random numbers differ by 0: {same}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("python module ok")
