#include "analysis/experiments/precision_run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis/statistics/kpi_columns.hpp"

namespace twotier::analysis {
namespace {

std::string model_metric_list() {
  std::string list;
  for (int m = 0; m < model::kMetricCount; ++m) {
    if (!list.empty()) list += ", ";
    list += model::metric_name(static_cast<model::Metric>(m));
  }
  return list;
}

}  // namespace

PrecisionRun run_to_precision(const ReplicationFunction& replicate, const ExperimentOptions& first,
                              const PrecisionTarget& target, const PrecisionProgress& progress) {
  if (target.metrics.empty())
    throw std::invalid_argument(
        "--precision-metrics: no metric given (allowed: " + model_metric_list() + ")");
  for (const auto& metric : target.metrics)
    if (!is_model_metric(metric))
      throw std::invalid_argument("--precision-metrics: unknown metric '" + metric +
                                  "' (allowed: " + model_metric_list() + ")");
  PrecisionRule rule;
  rule.relative_half_width = target.relative_half_width;
  rule.level = target.confidence;
  rule.max_replications = target.max_replications;

  PrecisionRun run;
  ExperimentOptions batch = first;
  batch.first_replication = 0;
  batch.replications = std::clamp(first.replications, rule.min_replications,
                                  std::max(rule.min_replications, target.max_replications));
  auto& all = run.experiment.replications;
  for (;;) {
    ExperimentResult part = run_replications(replicate, batch);
    run.experiment.wall_seconds += part.wall_seconds;
    run.experiment.threads = std::max(run.experiment.threads, part.threads);
    std::move(part.replications.begin(), part.replications.end(), std::back_inserter(all));
    ++run.batches;

    std::vector<std::vector<double>> values(target.metrics.size());
    for (std::size_t k = 0; k < target.metrics.size(); ++k) {
      for (const auto& r : all)
        values[k].push_back(kpi_value(r, target.scope, target.metrics[k]));
    }
    if (std::find(all.front().scopes.begin(), all.front().scopes.end(), target.scope) ==
        all.front().scopes.end())
      throw std::invalid_argument("--precision: scope '" + target.scope +
                                  "' is not among the model's scopes");
    run.decision = check_precision(values, rule);
    if (progress) progress(static_cast<int>(all.size()), run.decision);
    if (run.decision.additional_replications <= 0) break;
    batch.first_replication = all.size();
    // At most double per batch: the early estimates of n* (few values, a large t quantile)
    // overshoot, sometimes tenfold; doubling still reaches any n* in log2 steps.
    batch.replications =
        std::min(run.decision.additional_replications, static_cast<int>(all.size()));
  }
  return run;
}

}  // namespace twotier::analysis
