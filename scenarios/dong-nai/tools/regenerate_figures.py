#!/usr/bin/env python3
"""Regenerates the calibration and lever tables of README.md and scenarios/dong-nai/README.md
from the repository's own commands (issue 19: every figure reproducible).

    nice -n 10 /usr/bin/python3 scenarios/dong-nai/tools/regenerate_figures.py \
        --twotier build/bin/twotier [--work out/figures] [--skip-calibration]

Steps (each a twotier command, printed before it runs):
 1. Stage 1, `twotier calibrate --targets targets_jan_mar.csv` with calibration_parameters.csv
    (history matching over 1 Jan-4 Mar 2026: the on-time rate and the overdue stock of 4 March
    depend on the free parameters; the commune share does not) -> parameter_sets.csv, copied to
    scenarios/dong-nai/parameter_sets.csv; the central member (the plausible set with the
    smallest maximum implausibility) is written into baseline.toml.
    Stage 2, `twotier calibrate --targets targets.csv` (the year 2026, every reported figure)
    with calibration_parameters_sync.csv: the data-sync error probability, which changes only
    the overdue flags (its own random stream), at stage 1's central member; its central member
    is written into baseline.toml too.
    --skip-calibration keeps the shipped parameter_sets.csv and baseline.toml.
 2. `twotier run baseline.toml --parameter-sets` over 1 Jan-4 Mar and over the year 2026: every
    target of targets.csv against the plausible sets, with both intervals.
 3. `twotier compare baseline.toml VARIANT... --parameter-sets` over 1 Jan-4 Mar: each lever's
    effect with both intervals.
 4. The tables are written between the `<!-- BEGIN x -->` / `<!-- END x -->` markers of the two
    READMEs.
How long (measured on the shared 2-core development machine, load ~20): stage 1 13 min wall
(1 min 41 s CPU: 48 sets x 2 replications of 63 days), stage 2 about 15 min wall (8 sets x 2
replications of the year, ~3 min CPU); step 2 about 10 s of CPU per set and replication of the
year (20 sets x 2: ~7 min CPU); step 3 ~1.5 s of CPU per scenario, set and replication of the
window (9 scenarios x 20 sets x 2: ~9 min CPU). With other work on the machine, count an hour
or more of wall time. Not run in CI.
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(SCENARIO_DIR))
BASELINE = os.path.join(SCENARIO_DIR, "baseline.toml")
SHIPPED_SETS = os.path.join(SCENARIO_DIR, "parameter_sets.csv")
WINDOW = "63d"  # 1 Jan to the end of 4 Mar 2026

# Lever variants and the one-line mechanism of each (what the lever changes in the model).
LEVERS = [
    ("more-staff.toml", "+2 one-stop and +1 land-construction officer per commune, +10 % land "
     "registration at the province: more desk and appraisal capacity where queues form"),
    ("delegate-land.toml*", "provincial land procedures decided at the commune: no transfers to "
     "the land registration office, but the commune's 3 land officers, section heads and leaders "
     "take the appraisal, approval and signature"),
    ("centralise-land.toml*", "commune land procedures decided by the province: the commune keeps "
     "reception, the department's pooled specialists take the appraisal"),
    ("shared-accountants.toml", "communes of a former district share 2 finance officers (30 min "
     "switching): pooled finance capacity"),
    ("it-upgrade.toml", "failures 4x rarer, repairs halved, sync errors 0.5 %: fewer hours on "
     "paper and fewer false overdue flags"),
    ("digital-push.toml", "online share 40 % -> 75 % over 2026 at 60 % of the desk effort: less "
     "reception work (little of it by March)"),
    ("mobile-team.toml", "two teams of 6 sent for 20 days to the unit with the most overdue "
     "dossiers: temporary capacity where the stock is"),
    ("saturday-reception.toml", "Saturday-morning reception in the busiest units: more desk "
     "hours"),
]


def run(cmd):
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def central_member(runs_csv):
    rows = [r for r in read_csv(runs_csv) if r.get("plausible") in ("1", "true", "yes")]
    if not rows:
        raise SystemExit("no plausible set: calibration_runs.csv (see calibration_fit.md)")
    return min(rows, key=lambda r: float(r["max_implausibility"]))


def write_central(member, parameters):
    text = open(BASELINE, encoding="utf-8").read()
    for key in parameters:
        section, name = key.split(".", 1)
        value = "%.4g" % float(member[key])
        block = re.search(r"(?ms)^\[%s\]\n(.*?)(?=^\[|\Z)" % re.escape(section), text)
        if block is None:
            raise SystemExit("baseline.toml has no [%s]" % section)
        body = block.group(1)
        line = re.compile(r"(?m)^%s = [^#\n]*?(\s*#.*)?$" % re.escape(name))
        if line.search(body):
            body = line.sub(lambda m: "%s = %s%s" % (name, value, m.group(1) or ""), body, 1)
        else:
            body = "%s = %s\n" % (name, value) + body
        text = text[:block.start(1)] + body + text[block.end(1):]
    open(BASELINE, "w", encoding="utf-8").write(text)


def pct(x):
    return "%.2f %%" % (100 * x)


def num(x):
    return "%.0f" % x


def interval(row, fmt, lo, hi):
    return "%s–%s" % (fmt(float(row[lo])), fmt(float(row[hi])))


def find(rows, scope, metric):
    for r in rows:
        if r["scope"] == scope and r["metric"] == metric:
            return r
    return None


def calibration_table(work):
    win = read_csv(os.path.join(work, "window", "uncertainty.csv"))
    year_file = os.path.join(work, "year", "uncertainty.csv")
    year = read_csv(year_file) if os.path.exists(year_file) else []
    sets = int(find(win, "province", "on_time_rate")["sets"])
    lines = ["| target | reported | model: mean | 95 % CI, noise | 95 % CI, with assumptions | "
             "run |", "|---|---|---|---|---|---|"]

    def add(label, reported, rows, scope, metric, fmt, scale=1.0, run_name=""):
        r = find(rows, scope, metric)
        if r is None:
            lines.append("| %s | %s | – | – | – | %s |" % (label, reported, run_name))
            return
        s = {k: (float(v) * scale if k not in ("scope", "metric", "sets") else v)
             for k, v in r.items()}
        lines.append("| %s | %s | **%s** | %s | %s | %s |" % (
            label, reported, fmt(s["mean"]), interval(s, fmt, "noise_ci_low", "noise_ci_high"),
            interval(s, fmt, "total_ci_low", "total_ci_high"), run_name))

    add("open overdue at the end of 4 Mar 2026", "1,505 ± 25 %", win, "province",
        "overdue_open_end", num, run_name="1 Jan–4 Mar")
    add("on-time rate, 1 Jan–4 Mar", "(98–99.5 % for the year)", win, "province",
        "on_time_rate", pct, run_name="1 Jan–4 Mar")
    add("on-time rate, 2026", "98–99.5 %", year, "province", "on_time_rate", pct,
        run_name="2026")
    add("dossiers per month, 2026", "146,000 ± 5 %", year, "province", "arrivals", num,
        scale=1 / 12, run_name="2026")
    add("open overdue at 31 Dec 2026", "–", year, "province", "overdue_open_end", num,
        run_name="2026")
    lines.append("")
    lines.append("%d parameter sets of `scenarios/dong-nai/parameter_sets.csv`, 2 replications "
                 "each; generated by `scenarios/dong-nai/tools/regenerate_figures.py`." % sets)
    return "\n".join(lines)


def scenario_name(path):
    """The [scenario] name of a TOML file (compare names alternatives by it)."""
    m = re.search(r'(?ms)^\[scenario\].*?^name = "([^"]*)"', open(path, encoding="utf-8").read())
    return m.group(1) if m else os.path.basename(path)


def lever_table(work):
    rows = read_csv(os.path.join(work, "levers", "comparison_uncertainty.csv"))
    delegation = os.path.join(work, "levers_delegation", "comparison_uncertainty.csv")
    if os.path.exists(delegation):
        rows += read_csv(delegation)
    lines = ["| variant | on-time rate, 1 Jan–4 Mar (points) | 95 % CI noise | 95 % CI with "
             "assumptions | overdue on 4 Mar | 95 % CI noise | 95 % CI with assumptions | "
             "mechanism |", "|---|---|---|---|---|---|---|---|"]

    def pts(x):
        return "%+.2f" % (100 * x)

    def cnt(x):
        return "%+.0f" % x

    for toml, mechanism in LEVERS:
        without_backlog = toml.endswith("*")
        toml = toml.rstrip("*")
        if without_backlog:
            mechanism += " (both runs without the 2025 backlog)"
        name = os.path.splitext(toml)[0]
        title = scenario_name(os.path.join(SCENARIO_DIR, toml))
        alt = [r for r in rows if r["alternative"] in (title, name, toml)]
        t = find(alt, "province", "on_time_rate")
        o = find(alt, "province", "overdue_open_end")
        if t is None or o is None:
            lines.append("| `%s` | – | – | – | – | – | – | %s |" % (toml, mechanism))
            continue
        lines.append("| `%s` | **%s** | %s | %s | **%s** | %s | %s | %s |" % (
            toml, pts(float(t["mean"])), interval(t, pts, "noise_ci_low", "noise_ci_high"),
            interval(t, pts, "total_ci_low", "total_ci_high"), cnt(float(o["mean"])),
            interval(o, cnt, "noise_ci_low", "noise_ci_high"),
            interval(o, cnt, "total_ci_low", "total_ci_high"), mechanism))
    return "\n".join(lines)


def replace_block(path, name, body):
    text = open(path, encoding="utf-8").read()
    begin, end = "<!-- BEGIN %s -->" % name, "<!-- END %s -->" % name
    if begin not in text:
        print("%s: no %s marker, table not written" % (path, begin))
        return
    head, rest = text.split(begin, 1)
    _old, tail = rest.split(end, 1)
    open(path, "w", encoding="utf-8").write(head + begin + "\n" + body + "\n" + end + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--twotier", default=os.path.join(ROOT, "build", "bin", "twotier"))
    ap.add_argument("--work", default=os.path.join(ROOT, "out", "figures"))
    ap.add_argument("--reps", default="2")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--points", default="24")
    ap.add_argument("--waves", default="2")
    ap.add_argument("--skip-calibration", action="store_true")
    ap.add_argument("--tables-only", action="store_true",
                    help="only rewrite the README tables from the results already in WORK")
    ap.add_argument("--skip-year", action="store_true", help="reuse WORK/year")
    ap.add_argument("--lever-sets", help="parameter sets for the lever table and the window/year "
                    "runs (default: the shipped parameter_sets.csv; a subsample saves CPU)")
    a = ap.parse_args()
    tt = os.path.abspath(a.twotier)
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    common = ["--reps", a.reps, "--threads", a.threads, "--force", "--quiet"]
    if a.tables_only:
        a.skip_calibration = True
    if not a.skip_calibration:
        cal = os.path.join(work, "calibration")
        code = subprocess.run([tt, "calibrate", "--targets",
                               os.path.join(SCENARIO_DIR, "targets_jan_mar.csv"), "--scenario",
                               BASELINE, "--out", cal, "--points", a.points, "--waves", a.waves,
                               "--reps", a.reps, "--threads", a.threads, "--force"],
                              cwd=ROOT).returncode
        if code != 0:
            raise SystemExit("calibrate exit %d: no plausible set (%s/calibration_fit.md)" %
                             (code, cal))
        shutil.copyfile(os.path.join(cal, "parameter_sets.csv"), SHIPPED_SETS)
        member = central_member(os.path.join(cal, "calibration_runs.csv"))
        params = [p["parameter"] for p in
                  read_csv(os.path.join(SCENARIO_DIR, "calibration_parameters.csv"))]
        write_central(member, params)
        print("central member written to baseline.toml: " +
              ", ".join("%s=%s" % (p, member[p]) for p in params))
        sync = os.path.join(work, "calibration_sync")
        code = subprocess.run([tt, "calibrate", "--targets",
                               os.path.join(SCENARIO_DIR, "targets.csv"), "--parameters",
                               os.path.join(SCENARIO_DIR, "calibration_parameters_sync.csv"),
                               "--scenario", BASELINE, "--out", sync, "--points", "8",
                               "--waves", "1", "--reps", a.reps, "--threads", a.threads,
                               "--force"], cwd=ROOT).returncode
        if code != 0:
            raise SystemExit("calibrate (stage 2) exit %d: %s/calibration_fit.md" % (code, sync))
        member = central_member(os.path.join(sync, "calibration_runs.csv"))
        write_central(member, ["outages.sync_error_probability"])
    sets = ["--parameter-sets", a.lever_sets or SHIPPED_SETS]
    if a.tables_only:
        write_tables(work)
        return 0
    run([tt, "run", BASELINE, "--horizon", WINDOW, "--out", os.path.join(work, "window")] +
        sets + common)
    if not a.skip_year:
        run([tt, "run", BASELINE, "--out", os.path.join(work, "year")] + sets + common)
    lever_sets = ["--parameter-sets", a.lever_sets or SHIPPED_SETS]
    for group, star in (("levers", False), ("levers_delegation", True)):
        variants = [os.path.join(SCENARIO_DIR, t.rstrip("*")) for t, _m in LEVERS
                    if t.endswith("*") == star and os.path.exists(
                        os.path.join(SCENARIO_DIR, t.rstrip("*")))]
        extra = (["--set", "tables.backlog=" + os.path.join(SCENARIO_DIR, "backlog_none.csv")]
                 if star else [])
        run([tt, "compare", BASELINE] + variants + extra +
            ["--horizon", WINDOW, "--out", os.path.join(work, group)] + lever_sets + common)
    write_tables(work)


def write_tables(work):
    cal_md, lev_md = calibration_table(work), lever_table(work)
    for path in (os.path.join(ROOT, "README.md"), os.path.join(SCENARIO_DIR, "README.md")):
        replace_block(path, "calibration-table", cal_md)
        replace_block(path, "lever-table", lev_md)
    print(cal_md + "\n\n" + lev_md)


if __name__ == "__main__":
    sys.exit(main())
