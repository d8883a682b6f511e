#!/usr/bin/env python3
"""Writes the CSV tables of scenarios/dong-nai/ from units_data.py and catalogue.py and
prints the offered-load calculation used to size the positions (see ../README.md).

Run from anywhere:  python3 scenarios/dong-nai/tools/build_tables.py
Deterministic: the same inputs always give byte-identical CSVs.
"""
import csv
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.dirname(HERE)
# Where the tables go: the scenario folder, or TWOTIER_TABLES_OUT (the reproducibility test
# writes them elsewhere and compares).
OUT = os.environ.get("TWOTIER_TABLES_OUT", SCENARIO)
sys.path.insert(0, HERE)

from units_data import UNITS, PROVINCIAL  # noqa: E402
import catalogue as cat  # noqa: E402

WORKDAYS_PER_YEAR = 245.0  # 261 weekdays of 2026 - 11 public holidays - extra Tet days [E]
HOURS_PER_WORKDAY = 8.0    # 07:00-11:30 + 13:00-16:30 [P]
SERVICE_CENTER = "ttphvhcc_tinh"

# ---- durations and distribution means ------------------------------------------------------
_UNIT_HOURS = {"min": 1 / 60, "wmin": 1 / 60, "h": 1.0, "wh": 1.0, "wd": 8.0, "d": 24.0}


def hours(text):
    m = re.fullmatch(r"\s*([0-9.]+)\s*(wmin|min|wh|wd|h|d)\s*", text)
    assert m, text
    return float(m.group(1)) * _UNIT_HOURS[m.group(2)]


def mean_hours(dist):
    m = re.fullmatch(r"\s*(\w+)\((.*)\)\s*", dist)
    name, args = m.group(1), [a.strip() for a in m.group(2).split(",")]
    if name in ("exp", "const"):
        return hours(args[0])
    if name in ("lognormal", "gamma"):
        return hours(args[0])
    if name == "tri":
        return sum(hours(a) for a in args) / 3
    if name == "uniform":
        return (hours(args[0]) + hours(args[1])) / 2
    if name == "erlang":
        return float(args[0]) * hours(args[1])
    raise ValueError(dist)


# ---- populations: keep sourced figures, scale estimates to the provincial total ---------
sourced = sum(u[4] for u in UNITS if u[5] != "A")
estimated = sum(u[4] for u in UNITS if u[5] == "A")
scale = (cat.POPULATION - sourced) / estimated
population = {}
for u in UNITS:
    population[u[0]] = u[4] if u[5] != "A" else round(u[4] * scale / 100) * 100
total_population = sum(population.values())

# ---- balance the two catch-all rates so the totals match the targets ---------------------
commune_target_per_year = cat.MONTHLY_TOTAL * cat.COMMUNE_SHARE * 12
province_target_per_month = cat.MONTHLY_TOTAL * (1 - cat.COMMUNE_SHARE)
known_commune_rate = sum(p[9] for p in cat.PROCEDURES if p[9] is not None)
other_commune_rate = commune_target_per_year / (total_population / 1000) - known_commune_rate
known_sc = sum(p[10] for p in cat.PROCEDURES if p[10] is not None)
other_province_monthly = province_target_per_month - known_sc
procedures = []
for p in cat.PROCEDURES:
    p = list(p)
    if p[9] is None:
        p[9] = round(other_commune_rate, 1)
    if p[10] is None:
        p[10] = round(other_province_monthly / 10) * 10
    procedures.append(p)


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(x):
    return ("%.4f" % x).rstrip("0").rstrip(".")


# ---- units.csv ---------------------------------------------------------------------------
ELECTRONIC_TO = "tri(1h, 3h, 1d)"     # [A] electronic transfer on the shared software
ELECTRONIC_FROM = "tri(1h, 3h, 1d)"
REMOTE_TO = "tri(4h, 1d, 3d)"         # [A] remote communes: paper originals by courier
REMOTE_FROM = "tri(4h, 1d, 3d)"
rows = []
for uid, name, kind, _old, _pop, _tag, remote in UNITS:
    rows.append([uid, name, kind, population[uid], REMOTE_TO if remote else ELECTRONIC_TO,
                 REMOTE_FROM if remote else ELECTRONIC_FROM, ""])
for uid, name, kind, domains in PROVINCIAL:
    rows.append([uid, name, kind, 0, "", "", ";".join(domains)])
write("units.csv", ["id", "name", "kind", "population", "transfer_to_province",
                    "transfer_from_province", "domains"], rows)

# ---- procedures.csv and steps.csv --------------------------------------------------------
prow, srow = [], []
for (pid, name, domain, authority, deadline, clock, citizen, channels, steps, _r, _m, _prof,
     _tag) in procedures:
    prow.append([pid, name, domain, authority, "%dwd" % deadline, citizen[0], fmt(citizen[1]),
                 clock] + [fmt(c) for c in channels])
    for i, (sname, kind, tier, skill, effort, inc, fp, fc, pauses) in enumerate(steps, 1):
        srow.append([pid, i, sname, kind, tier, skill, effort, fmt(inc), fmt(fp),
                     fc if fp > 0 else "",
                     "true" if pauses else "false"])
write("procedures.csv", ["id", "name", "domain", "authority", "deadline", "citizen_response",
                         "withdraw_probability", "clock_on_supplement", "channel_in_person",
                         "channel_online", "channel_post"], prow)
write("steps.csv", ["procedure", "step", "name", "kind", "tier", "skill", "effort",
                    "incomplete_probability", "field_check_probability", "field_check",
                    "pauses_clock"], srow)

# ---- arrivals.csv ------------------------------------------------------------------------
arow = []
for p in procedures:
    if p[9] > 0:
        arow.append(["*", p[0], "%s/1000res/year" % fmt(p[9]), p[11]])
for p in procedures:
    if p[10] > 0:
        arow.append([SERVICE_CENTER, p[0], "%s/month" % fmt(p[10]), p[11]])
write("arrivals.csv", ["unit", "procedure", "rate", "profile"], arow)

# ---- profiles.csv ------------------------------------------------------------------------
OFFICE_HOURS = [0.02] * 6 + [0.15, 1.6, 2.0, 2.0, 1.8, 0.8, 0.3, 1.2, 1.5, 1.3, 0.6, 0.25,
                             0.15, 0.15, 0.12, 0.1, 0.06, 0.04]
ONLINE_HOURS = [0.1] * 6 + [0.3, 1.2, 1.5, 1.5, 1.4, 1.0, 0.7, 1.1, 1.3, 1.2, 0.9, 0.8,
                            0.8, 0.9, 0.9, 0.8, 0.5, 0.25]
WEEKDAY_OFFICE = {"mon": 1.25, "tue": 1.1, "wed": 1.05, "thu": 1.0, "fri": 0.95, "sat": 0.12,
                  "sun": 0.08}
WEEKDAY_ONLINE = {"mon": 1.2, "tue": 1.1, "wed": 1.05, "thu": 1.0, "fri": 0.95, "sat": 0.4,
                  "sun": 0.3}
# Month factors hold what is tied to the Gregorian month (December's year-end rush). What
# follows Tết (its date moves: February in 2026, January in 2028 and 2031) is a season around
# the holiday table's `tet` mark instead, so every year gets it in the right place. Before:
# January 1.12 / February 0.88 (business 1.10 / 0.85), 2026's Tết written into the months.
MONTH = {1: 1.0, 2: 1.0, 3: 1.05, 4: 0.97, 5: 1.0, 6: 1.02, 7: 1.0, 8: 0.97, 9: 0.98,
         10: 1.02, 11: 1.02, 12: 1.07}
MONTH_BUSINESS = {1: 0.975, 2: 0.975, 3: 1.1, 4: 1.0, 5: 1.0, 6: 1.0, 7: 0.98, 8: 0.95, 9: 1.0,
                  10: 1.02, 11: 1.03, 12: 1.07}
# Pre-Tết rush (the last lunar month, up to the break) and the quiet first lunar month after
# the post-break catch-up, in days from Tết's first day (mùng 1). The surge and the dip carry
# about the volume the 2026 month factors gave January (+12 % of 31 days = +3.7 day-volumes)
# and February (-12 % of 28 days = -3.4), so a year's total is unchanged.
TET_SEASONS = {"office": [("tet-30..-4", 1.14), ("tet+6..+29", 0.86)],
               "business": [("tet-30..-4", 1.13), ("tet+6..+29", 0.85)]}
# Demand trend 2026-2031: PLACEHOLDER [A]. No source gives Dong Nai's dossier growth; +4 %/year
# stands for "work grows while headcount is streamlined" (article). It does not touch 2026's
# calibration (the factor is 1 on TREND_BASE and +4 % only a year later). README, "2026-2031".
TREND = 0.04
TREND_BASE = "2026-01-01"  # the trend's factor is 1 on this date (calibrated on 2026)
# The three weeks before the Tết break (26 Jan–13 Feb in 2026): days from mùng 1.
PRE_TET = ("tet-22..-4", 1.25)

# Public holidays and make-up working days [A, calibrated: see README "Calibration"]. The
# weekday factors know nothing of holidays, so without these rows a holiday on a Thursday
# would receive a Thursday's citizens at a closed office, all counted as received (and due)
# on the next working day: the one-day pile after the 4-day New Year break made 56 % of that
# Monday's same-day dossiers late. On a holiday the rate falls to the profile's Sunday level;
# DEFERRED_SHARE of the volume lost comes back spread over the next DEFERRED_WORKDAYS
# working days (the post-holiday rush); a make-up Saturday gets a weekday's rate.
HOLIDAYS_CSV = os.path.join(SCENARIO, "..", "calendars", "vn_public_holidays.csv")
DEFERRED_SHARE = 0.7
DEFERRED_WORKDAYS = 5
FIRST_HOLIDAY_YEAR = 2026


def holiday_calendar():
    import datetime as dt
    holidays, makeup = set(), set()
    with open(HOLIDAYS_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = dt.date.fromisoformat(row["date"])
            if day.year < FIRST_HOLIDAY_YEAR:
                continue
            (holidays if row["kind"] == "holiday" else makeup).add(day)
    return holidays, makeup


def holiday_surges(weekday):
    """Surge rows (key, factor) for a profile with these weekday factors."""
    import datetime as dt
    holidays, makeup = holiday_calendar()
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    mean_weekday = sum(weekday[n] for n in names[:5]) / 5
    closed = weekday["sun"] / mean_weekday  # a holiday looks like a Sunday

    def factor(day):
        return weekday[names[day.weekday()]]

    def working(day):
        return day in makeup or (day.weekday() < 5 and day not in holidays)

    rows, day, last = [], min(holidays), max(holidays)
    one_day = dt.timedelta(days=1)
    while day <= last:
        if day not in holidays:
            day += one_day
            continue
        first, lost = day, 0.0
        while day in holidays:
            lost += factor(day) * (1.0 - closed)
            day += one_day
        rows.append(("%s..%s" % (first, day - one_day), closed))
        after = []
        while len(after) < DEFERRED_WORKDAYS:
            if working(day) and day not in makeup:
                after.append(day)
            day += one_day
        extra = DEFERRED_SHARE * lost / sum(factor(d) for d in after)
        for d in after:
            if d not in holidays:
                rows.append(("%s..%s" % (d, d), 1.0 + extra))
        day = after[0]
    for d in sorted(makeup):
        rows.append(("%s..%s" % (d, d), mean_weekday / factor(d)))
    # Each key once per profile: merge repeated dates (blocks closer than the deferral window).
    merged = {}
    for key, f in rows:
        merged[key] = merged.get(key, 1.0) * f
    return sorted(merged.items())


def profile_rows(pid, hour, weekday, month, seasons, surge=None):
    out = [[pid, "hour", h, fmt(f)] for h, f in enumerate(hour)]
    out += [[pid, "weekday", d, fmt(f)] for d, f in weekday.items()]
    out += [[pid, "month", m, fmt(f)] for m, f in month.items()]
    out.append([pid, "trend", "yearly@" + TREND_BASE, fmt(TREND)])
    out += [[pid, "season", key, fmt(f)] for key, f in seasons]
    if surge:
        out.append([pid, "season", surge[0], fmt(surge[1])])
    for key, factor in holiday_surges(weekday):
        out.append([pid, "surge", key, fmt(factor)])
    return out


prof = []
prof += profile_rows("office", OFFICE_HOURS, WEEKDAY_OFFICE, MONTH, TET_SEASONS["office"])
prof += profile_rows("pre_tet", OFFICE_HOURS, WEEKDAY_OFFICE, MONTH, TET_SEASONS["office"],
                     PRE_TET)
prof += profile_rows("online", ONLINE_HOURS, WEEKDAY_ONLINE, MONTH, TET_SEASONS["office"],
                     PRE_TET)
prof += profile_rows("business", ONLINE_HOURS, WEEKDAY_ONLINE, MONTH_BUSINESS,
                     TET_SEASONS["business"])
write("profiles.csv", ["profile", "dimension", "key", "factor"], prof)

# ---- offered load per unit and skill -----------------------------------------------------
def load_by_skill(annual_by_proc, tier):
    """Officer-hours per working day by skill for the steps of `tier`."""
    load = {}
    for p in procedures:
        n = annual_by_proc.get(p[0], 0.0) / WORKDAYS_PER_YEAR
        if n == 0:
            continue
        for (_n, kind, stier, skill, effort, _i, _fp, _fc, _pz) in p[8]:
            if kind == "work" and stier == tier:
                load[skill] = load.get(skill, 0.0) + n * mean_hours(effort)
    return load


# Commune positions: (position, officers, skills, dossier_share, source). Every commune-level
# unit gets the same rows: the commune job framework (8 leaders + 20 specialist positions [V
# dantri 2025-08-13]; about 6 dedicated staff at the commune's public administrative service
# center [V vietnamnet]). No public source gives a commune's actual headcount or the split of
# the 20 specialists over the sections, so that split and the dossier shares are [A]; a unit
# whose headcount is published gets its own rows in ACTUAL_HEADCOUNTS (none found yet). There
# is no "staffed to load": busy wards carry their load with the framework's posts.
FRAMEWORK = "framework: dantri 2025-08-13 (8 leaders + 20 specialists per commune)"
COMMUNE_POSITIONS = [
    ("one_stop", 6, ["reception", "certification"], 0.85,
     "framework: vietnamnet (about 6 dedicated staff per commune service center)"),
    ("justice_civil_status", 2, ["civil_status", "certification"], 0.8,
     FRAMEWORK + "; split over sections assumed"),
    ("land_construction", 3, ["land", "construction"], 0.7,
     FRAMEWORK + "; split over sections assumed"),
    ("economy", 2, ["business", "finance", "books_committee"], 0.5, FRAMEWORK + "; split over sections assumed"),
    ("culture_social", 2, ["social"], 0.6, FRAMEWORK + "; split over sections assumed"),
    ("office", 2, ["general"], 0.5, FRAMEWORK + "; split over sections assumed"),
    ("section_head", 3, ["approval"], 0.4, FRAMEWORK + "; section heads among the 20 assumed"),
    ("leader", 3, ["signature"], 0.4,
     FRAMEWORK + "; chairman and 2 vice-chairmen of the 8 leaders"),
]
# Published headcounts of single units: (unit, position, officers, source). Empty: no source
# found gives a Dong Nai unit's officers by position (README, Staffing).
ACTUAL_HEADCOUNTS = []
CERT_SPLIT = {"one_stop": 0.6, "justice_civil_status": 0.4}  # how certification is shared


def position_load(pos, load):
    name, _n, skills, _s, _src = pos
    total = 0.0
    for sk in skills:
        share = CERT_SPLIT.get(name, 1.0) if sk == "certification" else 1.0
        total += load.get(sk, 0.0) * share
    return total


posrows = [["*", n, c, ";".join(sk), fmt(s), src] for n, c, sk, s, src in COMMUNE_POSITIONS]
actual = {(u, p): (n, src) for u, p, n, src in ACTUAL_HEADCOUNTS}
for u, p, n, src in ACTUAL_HEADCOUNTS:
    pos = next(x for x in COMMUNE_POSITIONS if x[0] == p)
    posrows.append([u, p, n, ";".join(pos[2]), fmt(pos[3]), src])
# The books of the commune's agencies (internal work, internal_work.csv) [A]: the People's
# Committee's are kept by the economy officers (skill books_committee, above, beside the
# citizens' business and finance dossiers); the Party committee's, the People's Council's and
# the Fatherland Front's (with the mass organisations) each by one officer of that agency who
# spends a quarter of the time on them. Not sized by load (no citizen work).
AGENCY_ACCOUNTANTS = [("accountant_party", "books_party"),
                      ("accountant_council", "books_council"),
                      ("accountant_front", "books_front")]
AGENCY_BOOKS_SHARE = 0.25
posrows += [["*", name, 1, skill, fmt(AGENCY_BOOKS_SHARE),
             "assumed: one part-time bookkeeper per agency (internal work)"]
            for name, skill in AGENCY_ACCOUNTANTS]
report = []
unit_loads = {}
for uid, name, kind, *_ in UNITS:
    annual = {p[0]: p[9] * population[uid] / 1000 for p in procedures}
    load = load_by_skill(annual, "commune")
    unit_loads[uid] = load
    per_wd = sum(annual.values()) / WORKDAYS_PER_YEAR
    needs = []
    for pos in COMMUNE_POSITIONS:
        pname, default, skills, share, _src = pos
        hrs = position_load(pos, load)
        officers = actual.get((uid, pname), (default, None))[0]
        rho = hrs / (officers * share * HOURS_PER_WORKDAY)
        needs.append((pname, hrs, officers, rho))
    report.append((uid, name, population[uid], per_wd, needs))

# Provincial bodies: all province-tier work of a domain goes to its department; the service
# center does the desk steps (tier commune) of the dossiers filed there.
prov_annual_commune = {p[0]: p[9] * total_population / 1000 for p in procedures}
prov_annual_sc = {p[0]: p[10] * 12 for p in procedures}
prov_annual = {k: prov_annual_commune[k] + prov_annual_sc[k] for k in prov_annual_commune}
DEPT_SPECIALIST = {"so_nong_nghiep_moi_truong": ("land_registration", ["land"]),
                   "so_xay_dung": ("construction_licensing", ["construction"]),
                   "so_tu_phap": ("judicial_records", ["justice"]),
                   "so_tai_chinh": ("business_investment", ["investment", "finance"]),
                   "so_noi_vu": ("labour_social", ["social"]),
                   "cac_so_nganh_khac": ("licensing", ["trade"])}
# No public headcount of the provincial departments' dossier staff (issue 19: no "staffed to
# load"). Rule [A]: the province gets the commune job framework's posts PER DOSSIER. The
# framework [V dantri 2025-08-13; vietnamnet] gives every commune-level unit 6 one-stop
# officers, 11 section specialists (20 specialists - 6 one-stop - 3 section heads), 3 section
# heads and 3 signing leaders for the average unit's dossiers per working day (reported volume
# [V dantri 2025-12-03] spread over the 95 units by population). A department gets
# ceil(its province-authority dossiers per working day x posts per dossier) of each kind; the
# service center's counters get the one-stop ratio for the dossiers filed there. The rule
# counts dossiers, not hours: no catalogue effort, no utilisation target, no simulated load
# (provincial dossiers are heavier per dossier than the commune average; the calibrated
# officer capacity `staff.speed` applies to every officer alike).
# Floor [P]: a department's section (phòng) is set up only when its work needs at least 6 civil
# servants in a class-I province (Decree 45/2025/ND-CP Art. 5(2)(b); Dong Nai is class I), so a
# department's dossier section has at least 1 head and 5 specialists.
FRAMEWORK_POSTS_PER_UNIT = {"reception": 6, "specialist": 11, "section_head": 3, "signature": 3}
SECTION_FLOOR = {"reception": 1, "specialist": 5, "section_head": 1, "signature": 1}
avg_unit_dossiers_per_wd = sum(r[3] for r in report) / len(report)
PROVINCE_SOURCE = ("assumed: no public headcount; commune framework posts per dossier "
                   "(%d %s per %.1f dossiers/WD of the average commune), no load sizing")
FLOOR_SOURCE = ("; at least a section of 6 (Decree 45/2025/ND-CP Art. 5, class-I province)")


def framework_posts(kind, dossiers_per_wd):
    per_unit = FRAMEWORK_POSTS_PER_UNIT[kind]
    n = math.ceil(dossiers_per_wd * per_unit / avg_unit_dossiers_per_wd - 1e-9)
    return max(SECTION_FLOOR[kind], n), n < SECTION_FLOOR[kind]


dept_domains = {uid: doms for uid, _n, _k, doms in PROVINCIAL}
prov_report = []
for uid, _name, kind, doms in PROVINCIAL:
    if kind == "service_center":
        per_wd = sum(prov_annual_sc.values()) / WORKDAYS_PER_YEAR
        hrs = load_by_skill(prov_annual_sc, "commune").get("reception", 0.0)
        n, _floor = framework_posts("reception", per_wd)
        posrows.append([uid, "reception_desk", n, "reception", "0.9",
                        PROVINCE_SOURCE % (6, "one-stop officers", avg_unit_dossiers_per_wd)])
        prov_report.append((uid, "reception_desk", per_wd, hrs, n, hrs / (n * 0.9 * 8)))
        continue
    # The dossiers the department works on: its domains' procedures with a step at the
    # province (e.g. the cadastral record of a commune-decided first land registration).
    mine = {p[0]: prov_annual[p[0]] for p in procedures if p[2] in doms and any(
        s[1] == "work" and s[2] == "province" for s in p[8])}
    per_wd = sum(mine.values()) / WORKDAYS_PER_YEAR
    load = load_by_skill(mine, "province")
    spec_name, spec_skills = DEPT_SPECIALIST[uid]
    for pname, skills, share, post in ((spec_name, spec_skills, 0.9, "specialist"),
                                       ("section_head", ["approval"], 0.6, "section_head"),
                                       ("director", ["signature"], 0.5, "signature")):
        hrs = sum(load.get(s, 0.0) for s in skills)
        n, floored = framework_posts(post, per_wd)
        label = {"specialist": "section specialists", "section_head": "section heads",
                 "signature": "signing leaders"}[post]
        posrows.append([uid, pname, n, ";".join(skills), fmt(share),
                        PROVINCE_SOURCE % (FRAMEWORK_POSTS_PER_UNIT[post], label,
                                           avg_unit_dossiers_per_wd) +
                        (FLOOR_SOURCE if floored else "")])
        prov_report.append((uid, pname, per_wd, hrs, n, hrs / (n * share * 8)))
# Posts the commune job framework (Decree 33/2023/ND-CP as amended for the two-tier model) and
# the provincial department structure require: leaders, section heads and directors. `twotier
# staff --trim` never removes them unless named (column `required`).
REQUIRED_POSITIONS = {"leader", "section_head", "director"}
POSITION_HEADER = ["unit", "position", "officers", "skills", "dossier_share", "source",
                   "required"]
write("positions.csv", POSITION_HEADER,
      [r + ["true" if r[1] in REQUIRED_POSITIONS else "false"] for r in posrows])

# ---- backlog.csv: the long 2025 dossiers still open on 1 Jan 2026 ---------------------------
# No public snapshot exists, so the snapshot is derived [E from the rates, A in its shares]:
# for every procedure with a deadline of at least LONG_DEADLINE working days, filed at a
# commune-level unit or at the service center,
# - in progress: IN_PROGRESS_SHARE of the dossiers received over the last `deadline` working
#   days of 2025 are open (Little's law with a mean time in system of IN_PROGRESS_SHARE x the
#   deadline), each at the step its age reached (age / deadline of the way through the steps);
# - overdue: OVERDUE_SHARE of those received over the `deadline` working days before that are
#   still open and past their appointment (1 - the 99 % on time reported for 2025 [V dantri
#   2025-12-03]), waiting at a random step after reception.
# Counts are drawn with a fixed seed, so the table is reproducible.
LONG_DEADLINE = 10
IN_PROGRESS_SHARE = 0.6
OVERDUE_SHARE = 0.01
BACKLOG_SEED = 20251231


def working_days_before(first_day, count):
    """The `count` working days of the calendar before `first_day`, latest first."""
    import datetime as dt
    holidays, makeup = set(), set()
    with open(HOLIDAYS_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = dt.date.fromisoformat(row["date"])
            (holidays if row["kind"] == "holiday" else makeup).add(day)
    out, day = [], first_day - dt.timedelta(days=1)
    while len(out) < count:
        if day in makeup or (day.weekday() < 5 and day not in holidays):
            out.append(day)
        day -= dt.timedelta(days=1)
    return out


def backlog_rows():
    import datetime as dt
    import random
    rng = random.Random(BACKLOG_SEED)
    longest = max(p[4] for p in procedures)
    days = working_days_before(dt.date(2026, 1, 1), 2 * longest)
    filings = [(uid, population[uid] / 1000, 9) for uid, *_ in UNITS]
    filings.append((SERVICE_CENTER, None, 10))
    rows = []
    for p in procedures:
        if p[4] < LONG_DEADLINE:
            continue
        n_steps = len(p[8])
        for uid, thousands, col in filings:
            if p[col] is None:
                continue
            per_day = (p[col] * thousands if thousands is not None else p[col] * 12) / \
                WORKDAYS_PER_YEAR
            for age in range(2 * p[4]):
                overdue = age >= p[4]
                share = OVERDUE_SHARE if overdue else IN_PROGRESS_SHARE
                expected = per_day * share
                count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
                for _ in range(count):
                    if overdue:
                        step = rng.randint(2, n_steps)
                    else:
                        step = min(n_steps, 1 + int((age + rng.random()) / p[4] * n_steps))
                    hour = rng.choice(["08", "09", "10", "14", "15"])
                    rows.append([None, uid, p[0], "%sT%s:00:00" % (days[age], hour), step])
    rows.sort(key=lambda r: (r[3], r[1], r[2]))
    for i, r in enumerate(rows):
        r[0] = "HS-2025-%06d" % (i + 1)
    return rows


backlog = backlog_rows()
write("backlog.csv", ["id", "unit", "procedure", "received_at", "current_step"], backlog)

# ---- positions_more_staff.csv (variant more-staff.toml) ------------------------------------
# +2 one-stop and +1 land-construction officer in every commune-level unit, +10 % land
# registration specialists at the province.
more = []
for unit, pos, n, skills, share, src in posrows:
    if pos == "one_stop":
        n += 2
    elif pos == "land_construction":
        n += 1
    elif unit == "so_nong_nghiep_moi_truong" and pos == "land_registration":
        n = round(n * 1.1)
    more.append([unit, pos, n, skills, share, "what-if (more-staff.toml): " + src,
                 "true" if pos in REQUIRED_POSITIONS else "false"])
write("positions_more_staff.csv", POSITION_HEADER, more)

# ---- positions_shared_accountants.csv (variant shared-accountants.toml) ---------------------
# "Nhiều cơ quan – một kế toán" [V article: Xuân Hòa]: one accountant per commune-level unit
# keeps the books of all four agencies (full time, 0.9 of the day on them); the agencies'
# part-time bookkeepers go back to their other duties and the economy officers keep only the
# citizens' business and finance dossiers [A].
ALL_BOOKS = ["books_party", "books_council", "books_committee", "books_front"]
shared = []
for unit, pos, n, skills, share, src in posrows:
    if pos in [a for a, _ in AGENCY_ACCOUNTANTS]:
        continue
    if pos == "economy":
        skills = ";".join(s for s in skills.split(";") if s != "books_committee")
    shared.append([unit, pos, n, skills, share, src,
                   "true" if pos in REQUIRED_POSITIONS else "false"])
first_unit_row = next(i for i, r in enumerate(shared) if r[0] != "*")
shared.insert(first_unit_row, ["*", "shared_accountant", 1, ";".join(ALL_BOOKS), "0.9",
                               "what-if (shared-accountants.toml): one accountant for the four "
                               "agencies' books, V article Xuân Hòa", "false"])
write("positions_shared_accountants.csv", POSITION_HEADER, shared)

# ---- internal_work.csv: the agencies' recurring bookkeeping (every commune-level unit) ------
# [A] efforts and due dates: no public time-and-motion data for commune accounting. Legal
# anchors [P]: payroll before the month's end, monthly and quarterly closings and reports to
# the provincial finance department and the State Treasury within days of the period's end
# (Circular 107/2017/TT-BTC, administrative and non-business accounting), and the yearly
# budget settlement (quyết toán) after the year closes.
AGENCIES = "party;council;committee;front"
INTERNAL_WORK = [
    # task, agencies, period, issue day, effort, due (working days after issue)
    ("bookkeeping", AGENCIES, "week", 1, "lognormal(1.5h, 0.5)", "5wd"),
    ("payroll", AGENCIES, "month", -6, "lognormal(1h, 0.4)", "4wd"),
    ("month_end_close", AGENCIES, "month", -1, "lognormal(3h, 0.5)", "5wd"),
    ("quarter_end_close", AGENCIES, "quarter", -1, "lognormal(6h, 0.5)", "10wd"),
    ("budget_settlement", AGENCIES, "year", 1, "lognormal(16h, 0.5)", "30wd"),
    ("province_report", "committee", "month", -1, "lognormal(2h, 0.5)", "5wd"),
]
write("internal_work.csv",
      ["task", "units", "agencies", "skill", "period", "issue_day", "effort", "due"],
      [[t, "*", a, "books_{agency}", p, d, e, due] for t, a, p, d, e, due in INTERNAL_WORK])

# ---- the report ----------------------------------------------------------------------------
if __name__ == "__main__":
    commune_year = sum(prov_annual_commune.values())
    sc_year = sum(prov_annual_sc.values())
    print("population total %d (sourced %d, estimates scaled by %.3f)" %
          (total_population, sourced, scale))
    print("procedures %d, other_commune rate %.1f/1000res/year, other_province %d/month" %
          (len(procedures), other_commune_rate, procedures[-1][10]))
    print("arrivals per month: communes %.0f, service center %.0f, total %.0f (target %d)" %
          (commune_year / 12, sc_year / 12, (commune_year + sc_year) / 12, cat.MONTHLY_TOTAL))
    print("per commune-level unit: mean %.0f/month = %.1f per working day" %
          (commune_year / 12 / len(UNITS), commune_year / len(UNITS) / WORKDAYS_PER_YEAR))
    # channel mix
    ch = [0.0, 0.0, 0.0]
    for p in procedures:
        vol = prov_annual[p[0]]
        s = sum(p[7])
        for i in range(3):
            ch[i] += vol * p[7][i] / s
    tot = sum(ch)
    print("channel mix: in person %.1f%%, online %.1f%%, post %.1f%%" %
          tuple(100 * c / tot for c in ch))
    wd = 0.0
    for p in procedures:
        inc = 1 - math.prod(1 - s[5] for s in p[8])
        wd += prov_annual[p[0]] * inc * p[6][1]
    print("expected returned/withdrawn: %.2f%% of dossiers" % (100 * wd / tot))
    print("backlog on 1 Jan 2026 (long dossiers of 2025): %d open" % len(backlog))
    print()
    print("| unit | population | dossiers/WD | " +
          " | ".join(p[0] for p in COMMUNE_POSITIONS) + " |")
    print("|---|---|---|" + "---|" * len(COMMUNE_POSITIONS))
    shown = sorted(report, key=lambda r: -r[3])
    for uid, name, pop, per_wd, needs in shown[:8] + shown[-3:]:
        cells = " | ".join("%d (ρ %.2f)" % (n, rho) for _p, _h, n, rho in needs)
        print("| %s | %d | %.0f | %s |" % (uid, pop, per_wd, cells))
    print()
    print("| provincial body | position | dossiers/WD | officers (rule) | load h/WD at speed 1 "
          "(not used) | ρ at speed 1 |")
    print("|---|---|---|---|---|---|")
    for uid, pname, per_wd, hrs, n, rho in prov_report:
        print("| %s | %s | %.0f | %d | %.1f | %.2f |" % (uid, pname, per_wd, n, hrs, rho))
    maxrho = max(rho for r in report for _p, _h, _n, rho in r[4])
    print("\nmax commune ρ %.2f; total commune officers %d" %
          (maxrho, sum(n for r in report for _p, _h, n, _r in r[4])))
    print()
    print("| procedure | domain | authority | deadline (wd) | communes /1000 res/yr | "
          "service center /month | tag |")
    print("|---|---|---|---|---|---|---|")
    for p in procedures:
        print("| `%s` %s | %s | %s | %d | %s | %s | %s |" %
              (p[0], p[1], p[2], p[3], p[4], fmt(p[9]) if p[9] else "–",
               fmt(p[10]) if p[10] else "–", p[12]))
