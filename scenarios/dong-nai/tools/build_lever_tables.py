#!/usr/bin/env python3
"""Tables for the lever variants of the Dong Nai scenario, from units_data.py.

neighbours.csv: each commune-level unit's neighbours are the other units of the same former
  district (the "old area" column) [A: a simple stand-in for adjacency].
pools_accountants.csv: "many agencies - one accountant": the communes (kind commune) of each
  former district in groups of up to three share 2 finance officers based at the group's
  first commune, with 30 min of switching/travel overhead per change of commune [A].
Run from this folder: python3 tools/build_lever_tables.py
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from units_data import UNITS  # noqa: E402

HERE = os.path.join(os.path.dirname(__file__), "..")

by_area = {}
for uid, _name, kind, area, *_ in UNITS:
    by_area.setdefault(area, []).append((uid, kind))

with open(os.path.join(HERE, "neighbours.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["unit", "neighbours"])
    for area, units in by_area.items():
        for uid, _ in units:
            others = [o for o, _ in units if o != uid]
            if others:
                w.writerow([uid, ";".join(others)])

with open(os.path.join(HERE, "pools_accountants.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["pool", "home", "officers", "skills", "units", "switch_overhead", "dossier_share"])
    for area, units in by_area.items():
        communes = [u for u, k in units if k == "commune"]
        for i in range(0, len(communes), 3):
            group = communes[i:i + 3]
            if len(group) < 2:
                continue
            w.writerow([f"accountants_{group[0]}", group[0], 2, "finance", ";".join(group),
                        "30min", 0.8])
