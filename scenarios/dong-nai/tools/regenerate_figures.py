#!/usr/bin/env python3
"""Regenerates the calibration and lever tables of README.md and scenarios/dong-nai/README.md
from the repository's own commands (issue 19: every figure reproducible).

    nice -n 10 /usr/bin/python3 scenarios/dong-nai/tools/regenerate_figures.py \
        [--twotier build/bin/twotier] [--work out/figures] [--jobs 2] [--skip-calibration]
    # one lever variant only (after changing or adding it): the other rows are kept
    nice -n 10 /usr/bin/python3 scenarios/dong-nai/tools/regenerate_figures.py --only mobile-team

Steps (each a twotier command, printed before it runs, its wall time printed at the end):
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
    effect with both intervals. The variants are every *.toml of scenarios/dong-nai but
    baseline.toml and the ones listed in NOT_LEVERS (a new variant file is picked up as it is);
    the one-line mechanism comes from a `# mechanism: ...` comment in the variant file, else
    from MECHANISMS below. A variant that starts from another backlog table than the baseline
    (the delegation variants) is compared with the baseline under that same start.
 4. The tables are written between the `<!-- BEGIN x -->` / `<!-- END x -->` markers of the two
    READMEs (--readme FILE: elsewhere). --only VARIANT (repeatable) runs step 3 for those
    variants only and replaces their rows, keeping the others.
--jobs J is the thread count of every twotier command (twotier spreads the parameter sets and
replications over its threads; the commands run one after the other, so J = the cores to use).
How long: see scenarios/dong-nai/README.md ("Lever table"): the full run was measured there.
Not run in CI (tests/cli: `regenerate_figures_only` runs --only on a 5-day horizon).
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(SCENARIO_DIR))
BASELINE = os.path.join(SCENARIO_DIR, "baseline.toml")
SHIPPED_SETS = os.path.join(SCENARIO_DIR, "parameter_sets.csv")
READMES = [os.path.join(ROOT, "README.md"), os.path.join(SCENARIO_DIR, "README.md")]
WINDOW = "63d"  # 1 Jan to the end of 4 Mar 2026

# The lever variants are every *.toml of scenarios/dong-nai except these (a new variant file is
# picked up without editing this script):
NOT_LEVERS = {
    "baseline.toml": "the baseline itself",
    "streamlining-2026-2031.toml": "a 2026-2031 path, not a lever: its first cut is on "
                                   "1 Jul 2026, after the window (README, 2026-2031)",
}
# One-line mechanism of each variant (what the lever changes in the model). A variant file may
# carry its own instead, as a comment line `# mechanism: ...` (it wins over this table).
MECHANISMS = {
    "more-staff.toml": "+2 one-stop and +1 land-construction officer per commune, +10 % land "
                       "registration at the province: more desk and appraisal capacity where "
                       "the queues form (the busy wards' desks)",
    "delegate-land.toml": "provincial land procedures decided at the commune: no transfers to "
                          "the land registration office, but the commune's 3 land officers, "
                          "section heads and leaders take the appraisal, approval and signature",
    "delegate-land-staff.toml": "as delegate-land, and the department's officers whose time "
                                "the moved work took follow it to the communes: same people, "
                                "no transfers",
    "centralise-land.toml": "commune land procedures decided by the province: the commune keeps "
                            "reception, the department's pooled specialists take the appraisal",
    "shared-accountants.toml": "one full-time accountant per commune keeps the four agencies' "
                               "books: pooled bookkeeping, the economy officers freed for "
                               "business dossiers",
    "it-upgrade.toml": "failures 4x rarer, repairs halved, sync errors 0.5 %: fewer hours on "
                       "paper and fewer false overdue flags",
    "digital-push.toml": "online share 40 % -> 75 % over 2026 at 60 % of the desk effort: less "
                         "reception work (little of it by March)",
    "mobile-team.toml": "two teams of 6 sent for 10 days at a time to the unit with the most "
                        "overdue dossiers (26 Jan-14 Mar): temporary capacity where the stock is",
    "saturday-reception.toml": "Saturday-morning reception in the wards: more desk hours",
}


def lever_variants():
    """Every lever variant file name, sorted."""
    return sorted(f for f in os.listdir(SCENARIO_DIR)
                  if f.endswith(".toml") and f not in NOT_LEVERS)


def mechanism(toml):
    with open(os.path.join(SCENARIO_DIR, toml), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*mechanism:\s*(.+)", line.strip())
            if m:
                return m.group(1).strip()
    return MECHANISMS.get(toml, "(no mechanism given: add a `# mechanism: ...` line to %s)" % toml)


def resolved_backlog(path):
    """The backlog table a scenario file uses (following `extends`), as an absolute path."""
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    here = os.path.dirname(path)
    backlog = doc.get("tables", {}).get("backlog")
    if backlog is not None:
        return os.path.normpath(os.path.join(here, backlog))
    if "extends" in doc:
        return resolved_backlog(os.path.normpath(os.path.join(here, doc["extends"])))
    return None


def lever_groups(variants):
    """[(backlog override or None, [variant files])]: a variant that starts from another
    backlog than the baseline's (the delegation variants cannot rewrite open backlog dossiers)
    is compared with the baseline under that same start."""
    base = resolved_backlog(BASELINE)
    groups = {}
    for v in variants:
        b = resolved_backlog(os.path.join(SCENARIO_DIR, v))
        groups.setdefault(None if b == base else b, []).append(v)
    return sorted(groups.items(), key=lambda kv: (kv[0] is not None, kv[0] or ""))


TIMES = []


def run(cmd, label=None):
    """Runs one twotier command from the repository root; records its wall time."""
    print("$ " + " ".join(cmd), flush=True)
    t0 = time.monotonic()
    code = subprocess.run(cmd, cwd=ROOT).returncode
    TIMES.append((label or os.path.basename(cmd[0]) + " " + cmd[1], time.monotonic() - t0))
    return code


def run_checked(cmd, label=None):
    code = run(cmd, label)
    if code != 0:
        raise SystemExit("exit %d: %s" % (code, " ".join(cmd)))


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


def mean_of(rows, scope, metric):
    r = find(rows, scope, metric)
    return float(r["mean"]) if r is not None else float("nan")


def summary_rows(folder):
    path = os.path.join(folder, "summary.csv")
    return read_csv(path) if os.path.exists(path) else []


def calibration_table(work, reps):
    """Every target: the calibrated default (baseline.toml, the central member) with its noise
    interval, and the plausible sets' mean with both intervals."""
    win = read_csv(os.path.join(work, "window", "uncertainty.csv"))
    year_file = os.path.join(work, "year", "uncertainty.csv")
    year = read_csv(year_file) if os.path.exists(year_file) else []
    dwin = summary_rows(os.path.join(work, "default_window"))
    dyear = summary_rows(os.path.join(work, "default_year"))
    sets = int(find(win, "province", "on_time_rate")["sets"])
    lines = ["| target | reported | calibrated default (95 % CI) | plausible sets: mean | "
             "95 % CI, noise | 95 % CI, with assumptions | run |",
             "|---|---|---|---|---|---|---|"]

    def default_cell(rows, scope, metric, fmt, scale):
        r = find(rows, scope, metric)
        if r is None or r["mean"] == "":
            return "–"
        return "**%s** (%s)" % (fmt(float(r["mean"]) * scale), "%s–%s" % (
            fmt(float(r["ci_low"]) * scale), fmt(float(r["ci_high"]) * scale)))

    def add(label, reported, rows, drows, scope, metric, fmt, scale=1.0, run_name=""):
        d = default_cell(drows, scope, metric, fmt, scale)
        r = find(rows, scope, metric)
        if r is None:
            lines.append("| %s | %s | %s | – | – | – | %s |" % (label, reported, d, run_name))
            return
        s = {k: (float(v) * scale if k not in ("scope", "metric", "sets") else v)
             for k, v in r.items()}
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            label, reported, d, fmt(s["mean"]),
            interval(s, fmt, "noise_ci_low", "noise_ci_high"),
            interval(s, fmt, "total_ci_low", "total_ci_high"), run_name))

    def ratio(label, reported, share, run_name):
        def shown(value):
            return pct(value) if value == value else "–"
        lines.append("| %s | %s | **%s** | %s | (a ratio of means) | – | %s |" % (
            label, reported, shown(share(dyear)), shown(share(year)), run_name))

    communes = ["unit:" + u["id"] for u in read_csv(os.path.join(SCENARIO_DIR, "units.csv"))
                if u["kind"] not in ("department", "service_center")]

    def commune_share(rows):
        """Dossiers filed at commune-level units (the sum of their unit rows) over all."""
        filed = sum(mean_of(rows, scope, "arrivals") for scope in communes)
        return filed / mean_of(rows, "province", "arrivals")

    def sync_share(rows):
        flagged = mean_of(rows, "province", "overdue_flagged")
        return (flagged - mean_of(rows, "province", "overdue_true")) / flagged

    add("open overdue at the end of 4 Mar 2026", "1,505 ± 25 %", win, dwin, "province",
        "overdue_open_end", num, run_name="1 Jan–4 Mar")
    add("on-time rate, 1 Jan–4 Mar", "98.5 % ± 1 (window target)", win, dwin, "province",
        "on_time_rate", pct, run_name="1 Jan–4 Mar")
    add("on-time rate, 2026", "98–99.5 %", year, dyear, "province", "on_time_rate", pct,
        run_name="2026")
    add("dossiers per month, 2026", "146,000 ± 5 %", year, dyear, "province", "arrivals", num,
        scale=1 / 12, run_name="2026")
    ratio("share filed at commune-level units, 2026", "75 % ± 5", commune_share, "2026")
    ratio("data-sync share of overdue flags, 2026", "61 % ± 5", sync_share, "2026")
    add("open overdue at 31 Dec 2026", "–", year, dyear, "province", "overdue_open_end", num,
        run_name="2026")
    lines.append("")
    year_sets = int(find(year, "province", "on_time_rate")["sets"]) if year else 0
    lines.append("Calibrated default: `twotier run scenarios/dong-nai/baseline.toml --horizon 63d "
                 "--reps 4` (1 Jan–4 Mar) and `--reps %s` (2026). Plausible sets "
                 "(`--parameter-sets scenarios/dong-nai/parameter_sets.csv`, %s replications "
                 "each): all %d for 1 Jan–4 Mar, %d of them (evenly spaced) for 2026. Generated by "
                 "`scenarios/dong-nai/tools/regenerate_figures.py`." % (reps, reps, sets,
                                                                        year_sets))
    return "\n".join(lines)


def scenario_name(path):
    """The [scenario] name of a TOML file (compare names alternatives by it)."""
    with open(path, "rb") as f:
        return tomllib.load(f).get("scenario", {}).get("name", os.path.basename(path))


def pts(x):
    return "%+.2f" % (100 * x)


def cnt(x):
    return "%+.0f" % x


LEVER_HEADER = ["| variant | on-time rate, 1 Jan–4 Mar (points) | 95 % CI noise | 95 % CI with "
                "assumptions | overdue on 4 Mar | 95 % CI noise | 95 % CI with assumptions | "
                "mechanism |", "|---|---|---|---|---|---|---|---|"]


def group_folder(backlog):
    """The output folder (under WORK) of the comparison of one backlog group."""
    if backlog is None:
        return "levers"
    return "levers_" + os.path.splitext(os.path.basename(backlog))[0]


def lever_rows(work, groups):
    """{variant: table row} measured in WORK for the variants of `groups`."""
    out = {}
    for backlog, variants in groups:
        path = os.path.join(work, group_folder(backlog), "comparison_uncertainty.csv")
        if not os.path.exists(path):
            continue
        rows = read_csv(path)
        for toml in variants:
            mech = mechanism(toml)
            if backlog is not None:
                mech += " (both runs start from %s)" % os.path.basename(backlog)
            title = scenario_name(os.path.join(SCENARIO_DIR, toml))
            alt = [r for r in rows if r["alternative"] in (title, os.path.splitext(toml)[0],
                                                           toml)]
            t = find(alt, "province", "on_time_rate")
            o = find(alt, "province", "overdue_open_end")
            if t is None or o is None:
                continue
            out[toml] = "| `%s` | **%s** | %s | %s | **%s** | %s | %s | %s |" % (
                toml, pts(float(t["mean"])), interval(t, pts, "noise_ci_low", "noise_ci_high"),
                interval(t, pts, "total_ci_low", "total_ci_high"), cnt(float(o["mean"])),
                interval(o, cnt, "noise_ci_low", "noise_ci_high"),
                interval(o, cnt, "total_ci_low", "total_ci_high"), mech)
    return out


def existing_lever_rows(path):
    """({variant: row}, footer) of the lever table already in a README (kept by --only)."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"<!-- BEGIN lever-table -->\n(.*?)<!-- END lever-table -->", text, re.S)
    rows, footer = {}, None
    if m:
        for line in m.group(1).splitlines():
            v = re.match(r"\| `([^`]+\.toml)` \|", line)
            if v:
                rows[v.group(1)] = line
            elif line.strip() and not line.startswith("|"):
                footer = line
    return rows, footer


def lever_table(new_rows, old_rows, footer):
    lines = list(LEVER_HEADER)
    for toml in lever_variants():
        row = new_rows.get(toml) or old_rows.get(toml)
        lines.append(row or "| `%s` | – | – | – | – | – | – | %s (not measured yet: "
                     "`regenerate_figures.py --only %s`) |" % (toml, mechanism(toml), toml))
    return "\n".join(lines + ["", footer])


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
    ap.add_argument("--reps", default="2", help="replications per parameter set (>= 2: the noise "
                    "interval comes from the spread within a set)")
    ap.add_argument("--jobs", "--threads", dest="jobs", default="2",
                    help="threads of each twotier command (it spreads sets and replications "
                    "over them; the commands run one after the other)")
    ap.add_argument("--points", default="24")
    ap.add_argument("--waves", default="2")
    ap.add_argument("--horizon", default=WINDOW,
                    help="the window of the lever table and of the window targets (tests)")
    ap.add_argument("--only", action="append", metavar="VARIANT",
                    help="re-measure only this lever variant (file name, .toml optional; "
                    "repeatable): no calibration, no baseline runs, the other rows are kept")
    ap.add_argument("--readme", action="append", metavar="FILE",
                    help="write the tables into FILE instead of both READMEs (repeatable)")
    ap.add_argument("--skip-calibration", action="store_true",
                    help="keep the shipped parameter_sets.csv and baseline.toml")
    ap.add_argument("--tables-only", action="store_true",
                    help="only rewrite the README tables from the results already in WORK")
    ap.add_argument("--skip-window", action="store_true", help="reuse WORK/window")
    ap.add_argument("--skip-year", action="store_true", help="reuse WORK/year")
    ap.add_argument("--skip-default", action="store_true",
                    help="reuse WORK/default_window and WORK/default_year")
    ap.add_argument("--skip-levers", action="store_true", help="no lever comparisons")
    ap.add_argument("--lever-sets", help="parameter sets for the lever table and the window/year "
                    "runs (default: the shipped parameter_sets.csv)")
    ap.add_argument("--year-sets", type=int, metavar="K",
                    help="only K of the sets, evenly spaced in the file, for the year run "
                    "(a year costs 6 windows)")
    ap.add_argument("--lever-set-count", type=int, metavar="K",
                    help="only K of the sets, evenly spaced in the file, for the lever table")
    a = ap.parse_args()
    t_start = time.monotonic()
    tt = os.path.abspath(a.twotier)
    work = os.path.abspath(a.work)
    readmes = [os.path.abspath(r) for r in a.readme] if a.readme else READMES
    os.makedirs(work, exist_ok=True)
    common = ["--reps", a.reps, "--threads", a.jobs, "--force", "--quiet"]
    variants = lever_variants()
    if a.only:
        wanted = [v if v.endswith(".toml") else v + ".toml" for v in a.only]
        unknown = [v for v in wanted if v not in variants]
        if unknown:
            raise SystemExit("--only: no lever variant %s (variants: %s)" %
                             (", ".join(unknown), ", ".join(variants)))
        variants = wanted
        a.skip_calibration = a.skip_window = a.skip_year = a.skip_default = True
        if a.lever_set_count is None and a.lever_sets is None:
            # Measure like the rows that are kept: the set count their footer names.
            _rows, footer = existing_lever_rows(readmes[0])
            m = re.search(r"--lever-set-count (\d+)", footer or "")
            if m:
                a.lever_set_count = int(m.group(1))
                print("--only: --lever-set-count %d, as the table's footer says" %
                      a.lever_set_count)
    if a.tables_only:
        a.skip_calibration = True
    groups = lever_groups(variants)
    if not a.skip_calibration and not a.tables_only:
        calibrate(tt, work, a)
    all_sets = os.path.abspath(a.lever_sets or SHIPPED_SETS)
    sets = ["--parameter-sets", all_sets]
    year_sets = ["--parameter-sets", subsample(all_sets, a.year_sets, work)]
    lever_sets = ["--parameter-sets", subsample(all_sets, a.lever_set_count, work)]
    if not a.tables_only and not a.only:
        if not a.skip_default:
            # The calibrated default itself (baseline.toml = the central member): the Done-when
            # figures of issue 19, 4 replications of the window and 2 of the year.
            run_checked([tt, "run", BASELINE, "--horizon", a.horizon, "--reps", "4",
                         "--threads", a.jobs, "--force", "--quiet", "--out",
                         os.path.join(work, "default_window")], "run: default, window")
            run_checked([tt, "run", BASELINE, "--reps", a.reps, "--threads", a.jobs, "--force",
                         "--quiet", "--out", os.path.join(work, "default_year")],
                        "run: default, year 2026")
        if not a.skip_window:
            run_checked([tt, "run", BASELINE, "--horizon", a.horizon, "--out",
                         os.path.join(work, "window")] + sets + common, "run: window")
        if not a.skip_year:
            run_checked([tt, "run", BASELINE, "--out", os.path.join(work, "year")] + year_sets +
                        common, "run: year 2026")
    if not a.tables_only and not a.skip_levers:
        for backlog, members in groups:
            extra = ["--set", "tables.backlog=" + backlog] if backlog else []
            run_checked([tt, "compare", BASELINE] +
                        [os.path.join(SCENARIO_DIR, v) for v in members] + extra +
                        ["--horizon", a.horizon, "--out", os.path.join(work, group_folder(backlog))]
                        + lever_sets + common, "compare: " + ", ".join(members))
    n_sets, n_all = len(read_csv(lever_sets[1])), len(read_csv(all_sets))
    footer = ("Each row: `twotier compare baseline.toml VARIANT --horizon %s --parameter-sets "
              "SETS --reps %s`, SETS = %s (common random numbers); generated by "
              "`scenarios/dong-nai/tools/regenerate_figures.py%s` (one variant: `--only VARIANT`)."
              % (a.horizon, a.reps, "all %d plausible sets" % n_all if n_sets == n_all else
                 "%d of the %d plausible sets, evenly spaced" % (n_sets, n_all),
                 "" if n_sets == n_all else " --lever-set-count %d" % n_sets))
    new_rows = lever_rows(work, groups)
    for path in readmes:
        if not a.only:
            replace_block(path, "calibration-table", calibration_table(work, a.reps))
        old_rows, old_footer = existing_lever_rows(path) if a.only else ({}, None)
        replace_block(path, "lever-table", lever_table(new_rows, old_rows, old_footer or footer))
    for label, seconds in TIMES:
        print("%7.0f s  %s" % (seconds, label))
    print("%7.0f s  total wall time" % (time.monotonic() - t_start))
    return 0


def subsample(path, count, work):
    """`path`, or a copy in WORK with only `count` of its sets, evenly spaced (first and last
    kept; the sets are in the calibration's random order)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    n = len(lines) - 1
    if not count or count >= n:
        return path
    if count < 2:
        raise SystemExit("a subsample needs at least 2 sets (the assumption interval)")
    keep = sorted({round(i * (n - 1) / (count - 1)) for i in range(count)})
    out = os.path.join(work, "sets_%d.csv" % count)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join([lines[0]] + [lines[1 + k] for k in keep]) + "\n")
    return out


def calibrate(tt, work, a):
    cal = os.path.join(work, "calibration")
    code = run([tt, "calibrate", "--targets", os.path.join(SCENARIO_DIR, "targets_jan_mar.csv"),
                "--scenario", BASELINE, "--out", cal, "--points", a.points, "--waves", a.waves,
                "--reps", a.reps, "--threads", a.jobs, "--force"], "calibrate: stage 1")
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
    code = run([tt, "calibrate", "--targets", os.path.join(SCENARIO_DIR, "targets.csv"),
                "--parameters", os.path.join(SCENARIO_DIR, "calibration_parameters_sync.csv"),
                "--scenario", BASELINE, "--out", sync, "--points", "8", "--waves", "1",
                "--reps", a.reps, "--threads", a.jobs, "--force"], "calibrate: stage 2")
    if code != 0:
        raise SystemExit("calibrate (stage 2) exit %d: %s/calibration_fit.md" % (code, sync))
    member = central_member(os.path.join(sync, "calibration_runs.csv"))
    write_central(member, ["outages.sync_error_probability"])


if __name__ == "__main__":
    sys.exit(main())
