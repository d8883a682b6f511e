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
