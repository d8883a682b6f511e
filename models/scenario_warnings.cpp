// Warnings on valid but extreme scenarios (see scenario_warnings.hpp).
#include "models/scenario_warnings.hpp"

#include <algorithm>  // std::min
#include <cmath>
#include <cstdio>
#include <set>

#include "models/offered_load.hpp"
#include "models/plausibility.hpp"

namespace twotier::model {
namespace {

std::string percent(double rho) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * rho);
  return buffer;
}

// Whether the calendar has no working second in the run (e.g. a horizon inside a holiday).
bool closed_through_run(const sim::Calendar& cal, const ModelSpec& spec) {
  const sim::Instant end = std::min(spec.end, cal.end());
  return !(spec.start < end) || cal.working_time_between(spec.start, end).seconds <= 0.0;
}

// One warning for all the units whose calendar is closed through the run, instead of one per
// unit and skill (a one-day horizon on a holiday would otherwise print a thousand lines).
std::string closed_units_warning(const std::vector<std::string>& ids) {
  constexpr std::size_t kNamed = 5;
  std::string names;
  for (std::size_t i = 0; i < ids.size() && i < kNamed; ++i)
    names += (i > 0 ? ", '" : "'") + ids[i] + "'";
  if (ids.size() > kNamed) names += ", ...";
  return std::to_string(ids.size()) + (ids.size() == 1 ? " unit has" : " units have") +
         " no working time in the run (every day of the horizon is closed: " + names +
         "): their dossiers wait until the end of the run";
}

}  // namespace

std::vector<std::string> scenario_warnings(const ModelSpec& spec) {
  std::vector<std::string> warnings = plausibility_warnings(spec);
  std::set<int> units_flagged;
  std::vector<std::string> closed_ids;
  for (std::size_t u = 0; u < spec.units.size(); ++u) {
    const int calendar = spec.units[u].calendar;
    if (calendar >= 0 && static_cast<std::size_t>(calendar) < spec.calendars.size() &&
        closed_through_run(spec.calendars[calendar], spec)) {
      closed_ids.push_back(spec.units[u].id);
      units_flagged.insert(static_cast<int>(u));
    }
  }
  if (!closed_ids.empty()) warnings.push_back(closed_units_warning(closed_ids));
  for (const SkillLoad& load : offered_load(spec)) {
    const std::string& unit = spec.units[static_cast<std::size_t>(load.unit)].id;
    const std::string& skill = spec.skills[static_cast<std::size_t>(load.skill)];
    if (load.demand_hours_per_week <= 0 || units_flagged.count(load.unit) != 0) continue;
    if (load.capacity_hours_per_week <= 0 && load.officers == 0) {
      warnings.push_back("unit '" + unit + "' has no officer for skill '" + skill +
                         "' (its positions with that skill have 0 officers): its dossiers that "
                         "need it wait until the end of the run");
      units_flagged.insert(load.unit);
    } else if (load.capacity_hours_per_week <= 0) {
      warnings.push_back("unit '" + unit + "' has no working time in the run for skill '" + skill +
                         "' (every day of the horizon is closed): its dossiers that need it "
                         "wait until the end of the run");
      units_flagged.insert(load.unit);
    } else if (load.utilization >= 1.0) {
      warnings.push_back("unit '" + unit + "' is overloaded for skill '" + skill +
                         "' (rho = " + percent(load.utilization) +
                         "): the system is unstable, its backlog grows through the whole run "
                         "and the results depend on the horizon");
      units_flagged.insert(load.unit);
    }
  }
  for (const UnitLoad& load : offered_load_by_unit(spec)) {
    if (units_flagged.count(load.unit) != 0 || load.capacity_hours_per_week <= 0) continue;
    if (load.utilization >= 1.0) {
      warnings.push_back("unit '" + spec.units[static_cast<std::size_t>(load.unit)].id +
                         "' is overloaded (rho = " + percent(load.utilization) +
                         " with every officer counted once): the system is unstable, its "
                         "backlog grows through the whole run");
    }
  }
  return warnings;
}

}  // namespace twotier::model
