// `twotier compare --select-best METRIC`: the best scenario by one KPI with Kim–Nelson's
// guarantee (analysis/statistics/ranking_selection.hpp), replications drawn on demand.
//
// Replication r of every scenario is model::run_replication(spec_i, r) with the same seed in
// every spec (the caller sets it), so the observations are paired by common random numbers.
// Replications already run (e.g. those of the comparison) are reused from `cache`; a missing
// one is run together with the next threads-1 indices of the same scenario on worker threads,
// so the observations, and hence the choice, do not depend on the thread count.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "analysis/statistics/ranking_selection.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

class ReplicationExecutor;

struct BestScenarioOptions {
  std::string scope = "province";
  std::string metric;  // a model KPI
  Goal goal = Goal::kMaximize;
  double indifference_zone = 0.0;  // delta; <= 0: 1% of |the base's first-stage mean|
  double alpha = 0.05;             // probability of a wrong choice, at most
  int first_stage = 10;            // n0
  int max_replications = 0;        // per scenario; 0 = until KN stops
  int threads = 0;                 // for on-demand replications; 0 = all hardware threads
  // Where on-demand replications run (e.g. a checkpointing executor); nullptr: threads here.
  ReplicationExecutor* executor = nullptr;
};

struct BestScenario {
  SelectionResult selection;
  double indifference_zone = 0.0;  // the delta used
  int simulated = 0;               // replications run here (beyond the cache), all scenarios
};

// Whether larger values of `metric` are better (on_time_rate, completed): else smaller.
Goal natural_goal(std::string_view metric);

// REQUIRES: specs.size() >= 2 and cache.size() == specs.size(); cache[i] holds replications
// 0..m_i-1 of specs[i] in order (may be empty). Throws std::invalid_argument for an unknown
// metric, std::domain_error when the metric is undefined (NaN) in a replication.
BestScenario select_best_scenario(std::span<const model::ModelSpec> specs,
                                  std::vector<std::vector<model::ReplicationResult>> cache,
                                  const BestScenarioOptions& options);

}  // namespace twotier::analysis
