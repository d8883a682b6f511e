// What paid overtime costs in a comparison (issue 20 item 2): for each alternative with an
// [overtime] policy, the overtime hours its officers worked and their cost, both per year
// (the measured window after warm-up scaled to 365 days), and the cost per percentage point of
// the province's on-time rate gained against the base (the paired difference of the
// comparison). An hour costs models/costs.hpp overtime_hourly_cost (the policy's rate, or the
// officer's hourly pay x its premium). Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "analysis/experiments/compare_run.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/costs.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

struct OvertimeCost {
  std::string scenario;       // the alternative's name (CompareRun::names)
  MeanEstimate hours_a_year;  // overtime hours worked, every officer together
  MeanEstimate cost_a_year;   // VND; NaN when an hour has no price
  double gain_points = 0.0;   // province on-time rate, alternative - base, points
  double gain_low = 0.0;
  double gain_high = 0.0;
  model::CostPerPoint per_point{};  // VND per point gained (NaN unless cost and gain > 0)
};

// One row per alternative (specs[1..]) with an overtime policy, in order.
// REQUIRES: specs.size() == run.names.size() == run.results.size().
std::vector<OvertimeCost> overtime_costs(std::span<const model::ModelSpec> specs,
                                         const CompareRun& run, double confidence);

inline constexpr const char* kOvertimeCostsCsvHeader =
    "scenario,overtime_hours_per_year,hours_ci_low,hours_ci_high,cost_per_year_vnd,"
    "cost_ci_low_vnd,cost_ci_high_vnd,province_on_time_gain_points,gain_ci_low,gain_ci_high,"
    "cost_per_point_vnd,cost_per_point_low_vnd,cost_per_point_high_vnd";
void write_overtime_costs_csv(const std::filesystem::path& file,
                              std::span<const OvertimeCost> rows);
// "Overtime in <name>: 1,234 h a year [..], 56.7 million VND a year [..]; ...", one line each.
std::string format_overtime_costs(std::span<const OvertimeCost> rows, double confidence);

}  // namespace twotier::analysis
