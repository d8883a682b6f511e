#include "analysis/results/run_metadata.hpp"

#include <cmath>
#include <limits>

#include "models/costs.hpp"
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
    // An hour's cost: the policy's rate, or the officer's hourly pay x its premium.
    for (std::size_t p = 0; p < spec.overtime.policy_of_position.size(); ++p)
      m.position_overtime_rate.push_back(model::overtime_hourly_cost(spec, static_cast<int>(p)));
  }
  return m;
}

}  // namespace twotier::analysis
