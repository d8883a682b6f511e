// Officer costs (see costs.hpp).
#include "models/costs.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace twotier::model {

bool has_costs(const ModelSpec& spec) {
  return spec.costs.base_salary > 0;
}

double yearly_cost_per_officer(const ModelSpec& spec, int position) {
  assert(position >= 0 && static_cast<std::size_t>(position) < spec.positions.size());
  const PositionPay& pay = spec.positions[static_cast<std::size_t>(position)].pay;
  if (!has_costs(spec) || std::isnan(pay.coefficient))
    return std::numeric_limits<double>::quiet_NaN();
  return spec.costs.months_per_year * spec.costs.base_salary * (pay.coefficient + pay.allowance) *
         (1.0 + spec.costs.on_costs);
}

double staffing_change_cost(const ModelSpec& spec, const std::vector<int>& before,
                            const std::vector<int>& after) {
  assert(before.size() == spec.positions.size() && after.size() == spec.positions.size());
  double total = 0.0;
  for (std::size_t p = 0; p < before.size(); ++p) {
    const int change = after[p] - before[p];
    if (change != 0) total += change * yearly_cost_per_officer(spec, static_cast<int>(p));
  }
  return total;
}

double hourly_cost(const ModelSpec& spec, int position) {
  const double yearly = yearly_cost_per_officer(spec, position);
  if (std::isnan(yearly)) return yearly;
  const auto& unit =
      spec.units[static_cast<std::size_t>(spec.positions[static_cast<std::size_t>(position)].unit)];
  const sim::Calendar& calendar = spec.calendars[static_cast<std::size_t>(unit.calendar)];
  const double hours =
      calendar.working_time_between(spec.start, spec.start + sim::Duration::from_days(365.0))
          .hours();
  return hours > 0 ? yearly / hours : std::numeric_limits<double>::quiet_NaN();
}

double overtime_hourly_cost(const ModelSpec& spec, int position) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!spec.overtime.enabled()) return nan;
  const int policy = spec.overtime.policy_of_position.at(static_cast<std::size_t>(position));
  if (policy < 0) return nan;
  const OvertimePolicy& p = spec.overtime.policies[static_cast<std::size_t>(policy)];
  if (!std::isnan(p.premium)) return hourly_cost(spec, position) * p.premium;
  return p.rate_per_hour;
}

double total_yearly_cost(const ModelSpec& spec) {
  if (!has_costs(spec)) return std::numeric_limits<double>::quiet_NaN();
  double total = 0.0;
  for (std::size_t p = 0; p < spec.positions.size(); ++p)
    if (spec.positions[p].officers > 0)
      total += spec.positions[p].officers * yearly_cost_per_officer(spec, static_cast<int>(p));
  // The mobile teams' officers (0 in their positions' counts): priced once, at the pay of
  // their position (every unit's copy has the same).
  const MobileTeamSpec& m = spec.levers.mobile;
  if (m.enabled)
    for (const int p : m.position_at_unit)
      if (p >= 0) {
        total += m.teams * m.officers * yearly_cost_per_officer(spec, p);
        break;
      }
  return total;
}

PositionPay weighted_pay(const ModelSpec& spec, const std::vector<int>& positions,
                         const std::vector<double>& weights, std::string source) {
  assert(positions.size() == weights.size());
  PositionPay pay;
  pay.source = std::move(source);
  double coefficient = 0.0, allowance = 0.0, sum = 0.0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (!(weights[i] > 0)) continue;
    const PositionPay& p = spec.positions[static_cast<std::size_t>(positions[i])].pay;
    coefficient += weights[i] * p.coefficient;  // NaN stays NaN
    allowance += weights[i] * p.allowance;
    sum += weights[i];
  }
  if (sum > 0) {
    pay.coefficient = coefficient / sum;
    pay.allowance = allowance / sum;
  }
  return pay;
}

CostPerPoint cost_per_point(double yearly_cost, double gain_points, double gain_low,
                            double gain_high) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!(yearly_cost > 0) || !(gain_points > 0)) return {nan, nan, nan};
  const double low = gain_high > 0 ? yearly_cost / gain_high : nan;
  const double high =
      gain_low > 0 ? yearly_cost / gain_low : std::numeric_limits<double>::infinity();
  return {yearly_cost / gain_points, low, high};
}

}  // namespace twotier::model
