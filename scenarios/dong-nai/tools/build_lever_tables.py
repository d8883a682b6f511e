#!/usr/bin/env python3
"""Tables for the lever variants of the Dong Nai scenario, from units_data.py.

neighbours.csv: each commune-level unit's neighbours are the other units of the same former
  district (the "old area" column) [A: a simple stand-in for adjacency].
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
