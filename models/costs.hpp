// What officers cost, from the scenario's [costs] and salaries table: one officer's yearly
// cost per position, the yearly cost of a change of staffing, the cost of an hour of work (for
// overtime) and the cost per percentage point of a KPI gained. Shared by every answer that
// adds or moves officers (staffing search, delegation options, overtime). All amounts are VND.
// Pure functions of the spec; thread-safe. NaN means "no cost known" (no [costs], or a
// position added by a lever without a salary row).
#pragma once

#include <string>
#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

// Whether the scenario gives costs ([costs] with a salaries table).
bool has_costs(const ModelSpec& spec);

// One officer of `position` for a year: months_per_year x base_salary x (coefficient +
// allowance) x (1 + on_costs). NaN without costs.
// REQUIRES: 0 <= position < spec.positions.size()
double yearly_cost_per_officer(const ModelSpec& spec, int position);

// The yearly cost of going from `before` to `after` officers (both per ModelSpec::positions
// entry): sum of (after - before) x yearly_cost_per_officer; negative for a saving, 0 for no
// change, NaN when a changed position has no cost.
// REQUIRES: before.size() == after.size() == spec.positions.size()
double staffing_change_cost(const ModelSpec& spec, const std::vector<int>& before,
                            const std::vector<int>& after);

// One working hour of an officer of `position` (for overtime): the yearly cost over the
// working hours of the position's unit's calendar in the 365 days from the run's start.
double hourly_cost(const ModelSpec& spec, int position);

// One overtime hour of an officer of `position`: the [overtime] policy's `rate` when given,
// else hourly_cost x the policy's `premium` (Labour Code 150 % on working days, ...); NaN when
// the position has no overtime policy or no cost is known.
double overtime_hourly_cost(const ModelSpec& spec, int position);

// Every officer of the scenario for a year: sum of officers x yearly_cost_per_officer over the
// positions with officers, plus the mobile teams' officers; NaN when one of them has no cost
// (or without costs).
double total_yearly_cost(const ModelSpec& spec);

// The pay of officers who come from (or replace) `positions`, weighted by `weights` (e.g. the
// officers taken from each): coefficient and allowance are the weighted means, grade empty,
// source `source`. NaN coefficient when a weighted position has none or the weights sum to 0.
// Gives the positions levers add (moved_<skill>, pools) a cost.
// REQUIRES: positions.size() == weights.size()
PositionPay weighted_pay(const ModelSpec& spec, const std::vector<int>& positions,
                         const std::vector<double>& weights, std::string source);

// Cost per percentage point gained: `yearly_cost` / `gain_points`, with the interval the
// gain's interval [gain_low, gain_high] (points) gives. Defined only for a positive cost and
// a positive gain (NaN otherwise); `high` is +inf when the gain's interval reaches 0 (the
// gain may be nil, so the cost per point has no upper bound).
struct CostPerPoint {
  double value;
  double low;
  double high;
};
CostPerPoint cost_per_point(double yearly_cost, double gain_points, double gain_low,
                            double gain_high);

}  // namespace twotier::model
