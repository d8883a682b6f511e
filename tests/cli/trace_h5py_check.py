#!/usr/bin/python3
"""Checks the /trace table of a `twotier run --trace[-all]` folder with h5py (a test helper).

Usage: trace_h5py_check.py RUN_DIR REPLICATIONS

/trace must hold, for the first replication, exactly the dossiers of dossier_log.csv (same
ids and outcomes, in the same order) and, with trace_replications = all, rows of every
replication 0..REPLICATIONS-1. Prints a one-line summary; exits 1 on a mismatch.
"""
import csv
import sys
from pathlib import Path

import h5py
import numpy as np


def text(values):
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values]


def main(argv):
    folder, replications = Path(argv[1]), int(argv[2])
    with open(folder / "dossier_log.csv", newline="", encoding="utf-8") as f:
        logged = list(csv.DictReader(f))
    with h5py.File(folder / "results.h5", "r") as f:
        scope = f["metadata"].attrs["trace_replications"]
        scope = scope.decode() if isinstance(scope, bytes) else str(scope)
        trace = f["trace"]
        lengths = {len(trace[name]) for name in trace}
        if len(lengths) != 1:
            print(f"columns of different lengths: {lengths}")
            return 1
        replication = trace["replication"][...]
        first = replication == 0
        ids = text(trace["id"][...][first])
        outcomes = text(trace["outcome"][...][first])
        commune = trace["commune_days"][...]
        province = trace["province_days"][...]
        if ids != [row["id"] for row in logged]:
            print("ids of replication 0 differ from dossier_log.csv")
            return 1
        if outcomes != [row["outcome"] for row in logged]:
            print("outcomes of replication 0 differ from dossier_log.csv")
            return 1
        if np.any(commune < 0) or np.any(province < 0):
            print("negative time per tier")
            return 1
        seen = sorted(set(int(r) for r in replication))
        expected = list(range(replications)) if scope == "all" else [0]
        if seen != expected:
            print(f"replications {seen}, expected {expected} ({scope})")
            return 1
        print(f"trace ok: {len(replication)} rows, {len(ids)} in replication 0 as in the log, "
              f"replications {scope}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
