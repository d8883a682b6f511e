// `twotier check SCENARIO [--set K=V]...`: load and validate a scenario, print what it
// contains and the offered load against capacity for every unit and skill, in plain words.
// Exit 0 when the scenario loads (overloads are reported, not errors), 2 when it does not.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "models/offered_load.hpp"
#include "models/on_time_forecast.hpp"
#include "models/roster_summary.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"
#include "models/workforce_summary.hpp"

namespace twotier::app {
namespace {

// Utilisation at or above which a unit × skill is listed one by one.
constexpr double kListThreshold = 0.85;

std::string fixed(double value, int decimals) {
  if (std::isinf(value)) return "inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string percent(double rho) {
  return std::isinf(rho) ? "inf" : fixed(100.0 * rho, 0) + "%";
}

std::string plural(long long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_counts(const model::ModelSpec& spec, std::ostream& out) {
  out << "Scenario: " << spec.name << " (" << spec.scenario_file << ")\n";
  out << "Period: " << sim::to_string(spec.calendars.front().date_of(spec.start)) << ", "
      << fixed((spec.end - spec.start).days(), 0) << " days (warm-up "
      << fixed(spec.warmup.days(), 0) << " days); seed " << spec.seed << "; " << spec.replications
      << " replications by default\n";

  std::map<std::string, int> by_kind;
  for (const auto& unit : spec.units)
    ++by_kind[model::to_string(unit.kind)];
  out << "Units: " << spec.units.size() << " (";
  bool first = true;
  for (const auto& [kind, n] : by_kind) {
    out << (first ? "" : ", ") << n << " " << kind;
    first = false;
  }
  out << ")\n";
  const std::size_t internal =
      spec.internal_work.enabled()
          ? spec.procedures.size() - static_cast<std::size_t>(spec.internal_work.first_procedure)
          : 0;
  out << "Procedures: " << spec.procedures.size() - internal;
  if (internal > 0) out << " (and " << internal << " of internal work, below)";
  out << "\n";
  long long officers = 0;
  for (const auto& p : spec.positions)
    officers += p.officers;
  out << "Officers: " << officers << " in "
      << plural(static_cast<long long>(spec.positions.size()), "position", "positions") << "\n";

  const std::vector<double> per_day = model::arrivals_per_day(spec);
  double per_year = 0.0;
  for (const double r : per_day)
    per_year += r * 365.25;
  if (!spec.replay.empty()) {
    out << "Arrivals: replayed from a log, " << spec.replay.size() << " dossiers";
  } else {
    out << "Arrival streams: " << spec.arrivals.size();
  }
  out << " (expected " << fixed(per_year, 0) << " dossiers a year)\n";
  out << "Open dossiers at the start: " << spec.backlog.size() << "\n";
}

// The roster behind the position counts: named, part-time and multi-post officers, and the
// dated headcount changes inside the run (at most kListedChanges lines, then a count).
void print_roster(const model::ModelSpec& spec, std::ostream& out) {
  constexpr std::size_t kListedChanges = 12;
  const model::RosterSummary roster = model::summarize_roster(spec);
  out << "Roster: " << plural(roster.officers, "officer", "officers") << " (" << roster.named
      << " named, " << roster.concurrent << " with concurrent posts, " << roster.part_time
      << " sharing their time with other duties, " << roster.ramping << " ramping up, "
      << roster.trained << " with training); in post " << roster.in_post_at_start
      << " at the start, " << roster.in_post_at_end << " on the last day; mean speed "
      << fixed(roster.mean_speed, 2) << "\n";
  if (roster.changes.empty()) {
    out << "Dated headcount changes in the run: none\n";
    return;
  }
  out << "Dated headcount changes in the run: " << roster.changes.size()
      << " (unit / position: officers in post from that day)\n";
  const sim::Calendar& calendar = spec.calendars.front();
  for (std::size_t i = 0; i < roster.changes.size() && i < kListedChanges; ++i) {
    const model::HeadcountChange& change = roster.changes[i];
    const model::PositionSpec& position = spec.positions[static_cast<std::size_t>(change.position)];
    out << "  " << sim::to_string(calendar.date_of_day(change.day)) << "  "
        << spec.units[static_cast<std::size_t>(position.unit)].id << " / " << position.id << "  "
        << (change.delta > 0 ? "+" : "") << change.delta << "\n";
  }
  if (roster.changes.size() > kListedChanges) {
    std::map<std::string, int> net_by_date;
    for (const auto& change : roster.changes)
      net_by_date[sim::to_string(calendar.date_of_day(change.day))] += change.delta;
    out << "  ... and " << roster.changes.size() - kListedChanges << " more; net by date:";
    for (const auto& [date, delta] : net_by_date)
      out << " " << date << " " << (delta > 0 ? "+" : "") << delta;
    out << "\n";
  }
}

// Positions whose officers may help outside their main skills (positions.csv
// secondary_skills), and the rule by which they help (at most kListed lines, then a count).
void print_secondary_skills(const model::ModelSpec& spec, std::ostream& out) {
  constexpr std::size_t kListed = 12;
  std::vector<const model::PositionSpec*> helping;
  for (const auto& p : spec.positions)
    if (!p.secondary_skills.empty()) helping.push_back(&p);
  if (helping.empty()) return;
  long long officers = 0;
  for (const auto* p : helping)
    officers += p->officers;
  out << "Secondary skills: "
      << plural(static_cast<long long>(helping.size()), "position", "positions") << " ("
      << plural(officers, "officer", "officers")
      << ") may help outside their main skills, work taking effort / proficiency "
         "(unit / position: skill at proficiency; rule)\n";
  for (std::size_t i = 0; i < helping.size() && i < kListed; ++i) {
    const model::PositionSpec& p = *helping[i];
    out << "  " << spec.units[static_cast<std::size_t>(p.unit)].id << " / " << p.id << ":";
    for (const auto& secondary : p.secondary_skills)
      out << " " << spec.skills[static_cast<std::size_t>(secondary.skill)] << " at "
          << fixed(secondary.proficiency, 2);
    const model::UnitStaffing staffing = static_cast<std::size_t>(p.unit) < spec.staff.units.size()
                                             ? spec.staff.units[static_cast<std::size_t>(p.unit)]
                                             : model::UnitStaffing{};
    if (staffing.help_rule == model::HelpRule::kBacklog) {
      out << "; when " << staffing.help_backlog << " or more wait there";
    } else if (staffing.help_rule == model::HelpRule::kDueSoon) {
      out << "; on days when " << staffing.help_due_soon << " or more waiting there are due within "
          << fixed(staffing.help_due_soon_workdays, 1) << " working days";
    } else {
      out << "; when its own queues are empty";
    }
    if (staffing.reassign_days > 0)
      out << "; the chair reassigns them to the most loaded skill every " << staffing.reassign_days
          << (staffing.reassign_days == 1 ? " day" : " days");
    out << "\n";
  }
  if (helping.size() > kListed) out << "  ... and " << helping.size() - kListed << " more\n";
}

// [reception]: the desk settings, then per unit with counters the in-person visits an hour the
// desk is open against its counters (offered load a = lambda x mean visit; a / counters is the
// counters' utilisation if nobody left). Units at 85% or more are listed (at most kListed).
void print_reception(const model::ModelSpec& spec, std::ostream& out) {
  const model::ReceptionSpec& r = spec.reception;
  if (!r.enabled()) return;
  constexpr std::size_t kListed = 12;
  long long desks = 0, counters = 0;
  for (const int c : r.counters) {
    if (c > 0) ++desks;
    counters += c;
  }
  out << "Reception desk: " << plural(desks, "unit", "units") << " with counters ("
      << plural(counters, "counter", "counters") << "), a visit "
      << fixed(60.0 * r.service_hours.mean(), 1) << " min on average ("
      << (r.service_working_time ? "working" : "calendar") << " time), patience "
      << (r.patience_hours ? fixed(60.0 * r.patience_hours->mean(), 1) + " min on average"
                           : std::string("unlimited"))
      << ", ticket cap "
      << (r.daily_ticket_cap > 0 ? std::to_string(r.daily_ticket_cap) + " a day"
                                 : std::string("none"))
      << ", " << percent(r.return_share) << " of those who leave return another day\n";
  const std::vector<double> rate = model::arrivals_per_day(spec);
  const std::size_t procedures = spec.procedures.size();
  const double weeks = (spec.end - spec.start).days() / 7.0;
  std::size_t listed = 0, busy = 0;
  for (std::size_t u = 0; u < spec.units.size() && u < r.counters.size(); ++u) {
    if (r.counters[u] <= 0) continue;
    double in_person_per_day = 0.0;
    for (std::size_t p = 0; p < procedures; ++p) {
      const auto& mix = spec.procedures[p].channel_mix;
      const double total = mix[0] + mix[1] + mix[2];
      if (total > 0) in_person_per_day += rate[u * procedures + p] * mix[0] / total;
    }
    const sim::Calendar& cal = spec.calendars[static_cast<std::size_t>(spec.units[u].calendar)];
    const double open_hours_per_week =
        weeks > 0 ? cal.working_time_between(spec.start, spec.end).hours() / weeks : 0.0;
    if (in_person_per_day <= 0 || open_hours_per_week <= 0) continue;
    const double per_hour = in_person_per_day * 7.0 / open_hours_per_week;
    const double rho = per_hour * r.service_hours.mean() / r.counters[u];
    if (rho < kListThreshold) continue;
    ++busy;
    if (listed++ < kListed)
      out << "  unit " << spec.units[u].id << ": " << fixed(per_hour, 1)
          << " in-person visits an open hour for " << plural(r.counters[u], "counter", "counters")
          << ", counters " << percent(rho) << " busy"
          << (rho >= 1.0 ? " -- citizens will queue without end unless they leave" : "") << "\n";
  }
  if (busy > kListed) out << "  ... and " << busy - kListed << " more at 85% or more\n";
  if (busy == 0) out << "  every desk's counters below 85% busy\n";
}

// [overtime]: who may stay on after closing, the caps, the trigger and the most it can cost.
void print_overtime(const model::ModelSpec& spec, std::ostream& out) {
  const model::OvertimeSpec& o = spec.overtime;
  if (!o.enabled() || o.policies.empty()) return;
  const model::OvertimePolicy& policy = o.policies.front();
  long long positions = 0, officers = 0;
  for (std::size_t p = 0; p < o.policy_of_position.size(); ++p) {
    if (o.policy_of_position[p] < 0) continue;
    ++positions;
    officers += spec.positions[p].officers;
  }
  const double weeks = (spec.end - spec.start).days() / 7.0;
  out << "Overtime: " << plural(positions, "position", "positions") << " ("
      << plural(officers, "officer", "officers") << ") may stay on after closing, at most "
      << fixed(policy.max_hours_per_day, 1) << " h a day and "
      << fixed(policy.max_hours_per_week, 1) << " h a week each, when "
      << (policy.trigger == model::OvertimeTrigger::kBacklog
              ? std::to_string(policy.threshold) + " or more tasks of their skills wait at the unit"
              : std::to_string(policy.threshold) +
                    " or more waiting tasks of their skills are due within " +
                    fixed(policy.due_soon_workdays, 1) + " working days (or overdue)")
      << "\n";
  if (policy.rate_per_hour > 0)
    out << "  cost " << fixed(policy.rate_per_hour, 0) << " an hour: at most "
        << fixed(policy.rate_per_hour * policy.max_hours_per_week * weeks *
                     static_cast<double>(officers),
                 0)
        << " over the run if every officer used the weekly cap\n";
}

// `pooled_overload`: the forecast (models/on_time_forecast.hpp) pools skills whose officers
// are shared, and some such pool has rho >= 1: a skill-by-skill load below 100% must not read
// as "nothing is overloaded" (issue 20: the single-commune example, certification at 87% here
// and 109% pooled with civil status, then 25.7% on time).
void print_loads(const model::ModelSpec& spec, std::ostream& out, bool pooled_overload) {
  const std::vector<model::SkillLoad> loads = model::offered_load(spec);
  out << "\nOffered load (working hours per week; rho = demand / capacity; an officer who "
         "covers several skills counts toward each):\n";
  std::vector<const model::SkillLoad*> listed;
  const model::SkillLoad* highest_rest = nullptr;
  int rest = 0;
  for (const auto& load : loads) {
    if (load.utilization >= kListThreshold) {
      listed.push_back(&load);
    } else {
      ++rest;
      if (!highest_rest || load.utilization > highest_rest->utilization) highest_rest = &load;
    }
  }
  std::stable_sort(listed.begin(), listed.end(),
                   [](const auto* a, const auto* b) { return a->utilization > b->utilization; });
  auto unit_id = [&](int u) { return spec.units[static_cast<std::size_t>(u)].id; };
  auto skill = [&](int s) { return spec.skills[static_cast<std::size_t>(s)]; };
  if (!listed.empty()) {
    out << "  unit / skill                     demand   capacity    rho\n";
    for (const auto* load : listed) {
      std::string name = unit_id(load->unit) + " / " + skill(load->skill);
      if (name.size() < 30) name.resize(30, ' ');
      char line[160];
      std::snprintf(line, sizeof line, "  %s %9.1f %10.1f %6s\n", name.c_str(),
                    load->demand_hours_per_week, load->capacity_hours_per_week,
                    percent(load->utilization).c_str());
      out << line;
    }
  }
  if (rest > 0) {
    out << "  " << plural(rest, "other unit × skill is", "other unit × skills are") << " below "
        << percent(kListThreshold) << " (highest: " << unit_id(highest_rest->unit) << " / "
        << skill(highest_rest->skill) << " at " << percent(highest_rest->utilization) << ")\n";
  }

  out << "\nUnits overall (every officer counted once):";
  const char* separator = " ";
  for (const auto& unit : model::offered_load_by_unit(spec)) {
    out << separator << unit_id(unit.unit) << " " << percent(unit.utilization);
    separator = ", ";
  }
  out << "\n";

  bool any_overload = false;
  for (const auto* load : listed) {
    if (load->utilization < 1.0) continue;
    if (!any_overload) out << "\nOverloaded:\n";
    any_overload = true;
    const double needed = load->demand_hours_per_week / load->full_time_hours_per_week;
    const double assigned_fte = load->capacity_hours_per_week / load->full_time_hours_per_week;
    out << "  unit " << unit_id(load->unit) << ": " << skill(load->skill) << " work needs "
        << fixed(needed, 1) << " officers full time, "
        << (load->officers == 1 ? "1 is assigned"
                                : std::to_string(load->officers) + " are assigned");
    if (std::abs(assigned_fte - load->officers) > 1e-9) {
      out << " (" << fixed(assigned_fte, 1) << " full-time equivalent on dossiers)";
    }
    out << " (rho = " << fixed(load->utilization, 3) << ") — its backlog will grow without bound\n";
  }
  if (!any_overload && pooled_overload) {
    out << "\nNo unit × skill is overloaded counted one skill at a time (all rho < 100%), but "
           "officers shared between skills are overloaded: see the pooled rho in the "
           "prediction below.\n";
  } else if (!any_overload) {
    out << "\nNo unit × skill is overloaded (all rho < 100%).\n";
  }
}

// The queueing forecast of the on-time rate (models/on_time_forecast.hpp): every unit that
// files dossiers, then each unit × skill and procedure predicted below the target. Returns the
// warnings to print on stderr.
std::vector<std::string> print_forecast(const model::ModelSpec& spec,
                                        const model::OnTimeForecast& forecast, std::ostream& out) {
  const std::string target = percent(forecast.target);
  auto unit_id = [&](int u) { return spec.units[static_cast<std::size_t>(u)].id; };
  out << "\nPredicted on-time rate (queueing approximation with variability and deadlines, "
         "docs/decision-support.md; target "
      << target << "):\n";
  std::vector<std::string> warnings;
  for (std::size_t u = 0; u < forecast.unit_on_time.size(); ++u) {
    const double rate = forecast.unit_on_time[u];
    if (std::isnan(rate)) continue;
    out << "  unit " << unit_id(static_cast<int>(u)) << ": " << percent(rate)
        << (rate < forecast.target ? "  below target" : "") << "\n";
    if (rate < forecast.target)
      warnings.push_back("unit '" + unit_id(static_cast<int>(u)) + "': predicted on-time rate " +
                         percent(rate) + " is below the target " + target);
  }
  bool header = false;
  for (const auto& station : forecast.stations) {
    if (!(station.on_time_rate < forecast.target)) continue;
    if (!header) {
      out << "  Below target, by unit / skill (predicted on time, rho, busiest week's rho, mean "
             "wait in working hours):\n";
      header = true;
    }
    char line[200];
    const std::string name =
        unit_id(station.unit) + " / " + spec.skills[static_cast<std::size_t>(station.skill)];
    std::snprintf(line, sizeof line, "    %-30s %6s  rho %5s  peak %5s  wait %.1f h\n",
                  name.c_str(), percent(station.on_time_rate).c_str(),
                  percent(station.utilization).c_str(), percent(station.peak_utilization).c_str(),
                  station.wait_hours_mean);
    out << line;
    warnings.push_back("unit '" + unit_id(station.unit) + "', skill '" +
                       spec.skills[static_cast<std::size_t>(station.skill)] +
                       "': predicted on-time rate " + percent(station.on_time_rate) +
                       " is below the target " + target + " (rho " + percent(station.utilization) +
                       ")");
  }
  header = false;
  for (const auto& route : forecast.routes) {
    if (!(route.on_time_rate < forecast.target)) continue;
    if (!header) out << "  Below target, by unit / procedure:\n";
    header = true;
    out << "    " << unit_id(route.unit) << " / "
        << spec.procedures[static_cast<std::size_t>(route.procedure)].id << ": "
        << percent(route.on_time_rate) << " (deadline "
        << spec.procedures[static_cast<std::size_t>(route.procedure)].deadline_workdays
        << " working days; predicted mean " << fixed(route.clock_hours_mean, 1)
        << " working hours on the clock)\n";
  }
  if (warnings.empty()) out << "  Every unit and unit × skill is predicted at or above target.\n";
  return warnings;
}

}  // namespace

Action add_check_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("check", "Load and validate a scenario; print its offered load");
  auto scenario = std::make_shared<std::string>();
  auto common = std::make_shared<CommonOptions>();
  cmd->add_option("scenario", *scenario, "Scenario TOML file")->required();
  CommonDefaults defaults;
  defaults.not_applicable = "check loads the scenario and runs no simulation";
  defaults.why_not = {{kOut, "check writes no files (it prints the scenario's load)"},
                      {kForce, "check writes no files (it prints the scenario's load)"},
                      {kLang, "check prints in English only"}};
  add_common_options(cmd, *common, kSeed | kHorizon | kSet | kQuiet, defaults);
  return [scenario, common]() {
    model::ModelSpec spec;
    try {
      spec = model::load_scenario(*scenario, model::LoadOptions{common->scenario_overrides()});
    } catch (const model::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    }
    for (const auto& warning : model::scenario_warnings(spec))
      std::cerr << "twotier check: warning: " << warning << "\n";
    // --quiet: only the warnings and a one-line verdict.
    std::ostringstream discarded;
    std::ostream& out = common->quiet ? discarded : std::cout;
    print_counts(spec, out);
    print_roster(spec, out);
    print_secondary_skills(spec, out);
    out << model::describe_workforce_levers(spec);
    print_reception(spec, out);
    print_overtime(spec, out);
    const model::OnTimeForecast forecast = model::forecast_on_time(spec);
    const bool pooled_overload =
        std::any_of(forecast.stations.begin(), forecast.stations.end(),
                    [](const model::StationForecast& s) { return s.utilization >= 1.0; });
    print_loads(spec, out, pooled_overload);
    for (const auto& warning : print_forecast(spec, forecast, out))
      std::cerr << "twotier check: warning: " << warning << "\n";
    if (common->quiet) std::cout << *scenario << ": loads without errors\n";
    return kExitOk;
  };
}

}  // namespace twotier::app
