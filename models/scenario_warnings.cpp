// Warnings on valid but extreme scenarios (see scenario_warnings.hpp).
#include "models/scenario_warnings.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "models/offered_load.hpp"

namespace twotier::model {
namespace {

std::string percent(double rho) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * rho);
  return buffer;
}

}  // namespace

std::vector<std::string> scenario_warnings(const ModelSpec& spec) {
  std::vector<std::string> warnings;
  std::set<int> units_flagged;
  for (const SkillLoad& load : offered_load(spec)) {
    const std::string& unit = spec.units[static_cast<std::size_t>(load.unit)].id;
    const std::string& skill = spec.skills[static_cast<std::size_t>(load.skill)];
    if (load.demand_hours_per_week <= 0) continue;
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
