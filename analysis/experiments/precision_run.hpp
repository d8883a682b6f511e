// `twotier run --precision r --max-reps M`: replications in batches until the chosen KPIs'
// confidence intervals are narrow enough (analysis/statistics/sequential_precision.hpp gives the
// rule).
//
// Batches: the first has the --reps replications (at least 2); each later one has what the
// rule estimates is still missing, but at most as many as are done (the total at most
// doubles), because estimates from a handful of replications overshoot badly.
// Determinism: the batch sizes depend only on the results so far, and batch b runs replication
// indices [done, done + size), so the run holds replications 0..n-1 and is bit-identical for
// any thread count. Runs on the calling thread plus the experiment's worker threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/experiments/experiment.hpp"
#include "analysis/statistics/sequential_precision.hpp"

namespace twotier::analysis {

struct PrecisionTarget {
  double relative_half_width = 0.02;  // r: half-width / |mean| of every chosen KPI
  int max_replications = 1000;        // M: stop there even if not met
  std::string scope = "province";     // where the KPIs are read
  std::vector<std::string> metrics = {"on_time_rate", "processing_workdays_mean"};
  double confidence = 0.95;
};

struct PrecisionRun {
  ExperimentResult experiment;  // replications 0..n-1, wall time summed over the batches
  PrecisionDecision decision;   // at the last check; kpis in the order of target.metrics
  int batches = 0;
};

// Called after each batch with the replications done and the decision.
using PrecisionProgress = std::function<void(int done, const PrecisionDecision&)>;

// The first batch has `first.replications` replications (at least 2), later ones the
// additional replications the rule asks for. first.first_replication must be 0.
// Throws std::invalid_argument when a metric is not a model KPI or the scope is missing.
PrecisionRun run_to_precision(const ReplicationFunction& replicate, const ExperimentOptions& first,
                              const PrecisionTarget& target,
                              const PrecisionProgress& progress = {});

}  // namespace twotier::analysis
