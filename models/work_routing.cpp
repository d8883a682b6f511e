#include "models/work_routing.hpp"

#include <algorithm>  // std::find

namespace twotier::model {

int work_unit_of(const ModelSpec& spec, int unit, int skill) {
  for (const PoolSpec& pool : spec.levers.pools) {
    if (std::find(pool.skills.begin(), pool.skills.end(), skill) == pool.skills.end()) continue;
    if (std::find(pool.units.begin(), pool.units.end(), unit) != pool.units.end()) return pool.home;
  }
  return unit;
}

int commune_step_unit(const ModelSpec& spec, const ProcedureSpec& procedure, const StepSpec& step,
                      int filing_unit) {
  const int unit =
      step.kind == StepKind::kWork ? work_unit_of(spec, filing_unit, step.skill) : filing_unit;
  if (step.kind != StepKind::kWork || spec.units[unit].tier() != Tier::kProvince) return unit;
  for (const PositionSpec& p : spec.positions) {
    if (p.unit == unit && p.officers > 0 &&
        std::find(p.skills.begin(), p.skills.end(), step.skill) != p.skills.end())
      return unit;
  }
  return spec.province_unit_for_domain[static_cast<int>(procedure.domain)];
}

}  // namespace twotier::model
