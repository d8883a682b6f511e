// The stopping rule of `twotier run --precision r --max-reps M`: after each batch of
// replications, is every chosen KPI's confidence interval narrow enough relative to its mean,
// and if not, how many replications in total are likely to make it so?
//
// Rule, per KPI with values from n replications (NaN values skipped, so n is per KPI):
//  - met when half_width <= r |mean| (relative half-width h / |mean| <= r). A zero-width
//    interval (all values equal, mean 0 included) is met. A KPI with mean 0 and a positive
//    half-width can never meet a relative target: it asks for the maximum.
//  - otherwise the estimated total is n* = ceil(n (h / (r |mean|))^2), since h shrinks like
//    1/sqrt(n) (ignoring the slightly smaller t quantile later, which makes n* conservative);
//    n* is at least n + 1; below min_replications values, n* = max(min_replications, n + 1).
//  - n* counts defined values; a KPI defined in only n of N replications needs about
//    ceil(n* N / n) replications.
// The run needs max over KPIs of n*, capped at max_replications; it stops when every KPI is met
// or when the replications done reach the cap. Estimates from few replications are noisy, so
// the caller re-checks after running the suggested number. Pure functions (thread-safe).
#pragma once

#include <span>
#include <vector>

#include "analysis/statistics/student_t.hpp"

namespace twotier::analysis {

struct PrecisionRule {
  double relative_half_width = 0.02;  // r > 0: target half-width / |mean|
  double level = 0.95;                // confidence level of the intervals, in (0, 1)
  int min_replications = 2;           // >= 2: no verdict on fewer values
  int max_replications = 1000;        // M >= min_replications: never ask for more in total
};

struct KpiPrecision {
  MeanInterval interval;
  double relative_half_width;  // half_width / |mean|; NaN when n < 2, 0 when half_width is 0
  bool met;
  // Estimated total replications for this KPI (uncapped by M, at most INT_MAX); the
  // replications done when met.
  int needed_replications;
};

struct PrecisionDecision {
  std::vector<KpiPrecision> kpis;  // in input order
  bool all_met;
  // True when not all met but the replications done (the longest KPI vector, NaNs included)
  // reached the cap: stop and report the precision achieved.
  bool budget_exhausted;
  int target_replications;  // max n* over KPIs, capped at max_replications
  // Target minus the replications done (at least 1 when continuing); 0 when stopping.
  int additional_replications;
};

// kpi_values[k][i] is KPI k in replication i. Throws std::invalid_argument for a rule outside
// the ranges above or an empty KPI list.
PrecisionDecision check_precision(std::span<const std::vector<double>> kpi_values,
                                  const PrecisionRule& rule);

}  // namespace twotier::analysis
