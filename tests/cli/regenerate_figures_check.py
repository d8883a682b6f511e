#!/usr/bin/env python3
"""tests/cli: scenarios/dong-nai/tools/regenerate_figures.py --only on a 5-day horizon.

    regenerate_figures_check.py TWOTIER REPO WORKDIR

Checks that --only re-measures one variant and replaces its row only (the other rows and the
footer kept, the calibration table untouched), that every lever variant file gets a row, that
the delegation variants are compared under their own backlog, and that an unknown variant is
refused. Prints "regenerate_figures ok" on success.
"""
import os
import re
import shutil
import subprocess
import sys

twotier, repo, work = sys.argv[1:4]
script = os.path.join(repo, "scenarios", "dong-nai", "tools", "regenerate_figures.py")
scenario = os.path.join(repo, "scenarios", "dong-nai")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

sets = os.path.join(work, "sets.csv")
with open(os.path.join(scenario, "parameter_sets.csv"), encoding="utf-8") as f:
    lines = f.read().splitlines()
with open(sets, "w", encoding="utf-8") as f:
    f.write("\n".join(lines[:3]) + "\n")  # two plausible sets

readme = os.path.join(work, "README.md")
KEPT = "| `more-staff.toml` | **+9.99** | kept | kept | **+1** | kept | kept | sentinel |"
CAL = "| calibration sentinel |"
with open(readme, "w", encoding="utf-8") as f:
    f.write("# t\n<!-- BEGIN calibration-table -->\n%s\n<!-- END calibration-table -->\n"
            "<!-- BEGIN lever-table -->\n| variant | x |\n|---|---|\n%s\n"
            "| `it-upgrade.toml` | **+5.00** | old | old | **+0** | old | old | old |\n\n"
            "Footer sentinel.\n<!-- END lever-table -->\ntail\n" % (CAL, KEPT))


def script_run(*args):
    return subprocess.run([sys.executable, script, "--twotier", twotier, "--work",
                           os.path.join(work, "out"), "--readme", readme, "--lever-sets", sets,
                           "--horizon", "5d", "--reps", "2", "--jobs", "1"] + list(args),
                          capture_output=True, text=True)


def fail(message, proc=None):
    print("FAIL: " + message)
    if proc is not None:
        print(proc.stdout[-3000:], proc.stderr[-3000:])
    sys.exit(1)


bad = script_run("--only", "no-such-variant")
if bad.returncode == 0 or "no lever variant no-such-variant.toml" not in bad.stderr:
    fail("--only with an unknown variant must be refused naming it", bad)

proc = script_run("--only", "it-upgrade", "--only", "centralise-land.toml")
if proc.returncode != 0:
    fail("exit %d" % proc.returncode, proc)
text = open(readme, encoding="utf-8").read()
block = text.split("<!-- BEGIN lever-table -->")[1].split("<!-- END lever-table -->")[0]
rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([^`]+\.toml)` \|.*$", block, re.M)}
variants = sorted(f for f in os.listdir(scenario) if f.endswith(".toml")
                  and f not in ("baseline.toml", "streamlining-2026-2031.toml"))
if sorted(rows) != variants:
    fail("rows %s, variant files %s" % (sorted(rows), variants))
if rows["more-staff.toml"] != KEPT:
    fail("a variant not named by --only lost its row: " + rows["more-staff.toml"])
number = r"\*\*[+-]\d+(\.\d+)?\*\* \| [+-]\d+(\.\d+)?–[+-]\d+(\.\d+)? \| [+-]\d+(\.\d+)?–[+-]\d+(\.\d+)?"
for v in ("it-upgrade.toml", "centralise-land.toml"):
    cells = rows[v].split(" | ")
    if not re.search(r"\| `%s` \| %s \| %s \| \S" % (re.escape(v), number, number), rows[v]) \
            or "old" in cells:
        fail("row of %s not re-measured: %s" % (v, rows[v]))
if "backlog_none.csv" not in rows["centralise-land.toml"]:
    fail("centralise-land must be compared from its own backlog: " + rows["centralise-land.toml"])
if not os.path.exists(os.path.join(work, "out", "levers_backlog_none",
                                   "comparison_uncertainty.csv")):
    fail("no comparison of the backlog_none group")
if "Footer sentinel." not in block or CAL not in text or not text.endswith("tail\n"):
    fail("the footer, the calibration table or the text around the tables changed")
if "delegate-land.toml` | – |" not in block:
    fail("a variant never measured must show dashes: " + rows["delegate-land.toml"])
print("regenerate_figures ok")
