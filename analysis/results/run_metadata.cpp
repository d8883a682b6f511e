#include "analysis/results/run_metadata.hpp"

#include <cmath>
#include <limits>

#include "models/focus.hpp"
#include "models/spec.hpp"
#include "sim/civil_date.hpp"

namespace twotier::analysis {

RunMetadata describe_run(const model::ModelSpec& spec) {
  RunMetadata m;
  m.scenario_name = spec.name;
  m.scenario_text = spec.source_text;
  m.seed = spec.seed;
  const auto start_day = static_cast<std::int64_t>(std::floor(spec.start.days()));
  m.start_date = sim::to_string(sim::add_days(spec.epoch_date, start_day));
  m.warmup_days = spec.warmup.days();
  m.warmup_method = spec.warmup.seconds > 0 ? "fixed" : "none";
  if (spec.focus.unit >= 0) {
    m.focus_unit = spec.units.at(static_cast<std::size_t>(spec.focus.unit)).id;
    m.focus_note = model::focus_note(spec);
  }
  for (const auto& unit : spec.units) {
    m.unit_ids.push_back(unit.id);
    m.unit_names.push_back(unit.name);
  }
  for (const auto& procedure : spec.procedures) {
    m.procedure_ids.push_back(procedure.id);
    m.procedure_names.push_back(procedure.name);
  }
  for (const auto& position : spec.positions) {
    m.position_labels.push_back(spec.units.at(static_cast<std::size_t>(position.unit)).id + "/" +
                                position.id);
    m.position_officers.push_back(position.officers);
  }
  if (spec.overtime.enabled()) {
    for (const int policy : spec.overtime.policy_of_position)
      m.position_overtime_rate.push_back(
          policy >= 0 ? spec.overtime.policies[static_cast<std::size_t>(policy)].rate_per_hour
                      : std::numeric_limits<double>::quiet_NaN());
  }
  return m;
}

}  // namespace twotier::analysis
