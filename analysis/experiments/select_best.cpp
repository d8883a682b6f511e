#include "analysis/experiments/select_best.hpp"

#include <cmath>
#include <stdexcept>

#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/statistics/kpi_columns.hpp"

namespace twotier::analysis {

Goal natural_goal(std::string_view metric) {
  return metric == "on_time_rate" || metric == "completed" ? Goal::kMaximize : Goal::kMinimize;
}

BestScenario select_best_scenario(std::span<const model::ModelSpec> specs,
                                  std::vector<std::vector<model::ReplicationResult>> cache,
                                  const BestScenarioOptions& options) {
  if (!is_model_metric(options.metric))
    throw std::invalid_argument("--select-best: unknown metric '" + options.metric + "'");
  if (specs.size() < 2 || cache.size() != specs.size())
    throw std::invalid_argument("--select-best: needs at least two scenarios");
  BestScenario out;
  // Enough replications per block for every worker (every rank's, under MPI).
  ExperimentOptions block;
  block.threads = options.threads;
  block.replications = 1 << 20;  // only to let effective_threads use every thread
  const int block_size = options.executor != nullptr
                             ? options.executor->parallel_width(options.threads)
                             : effective_threads(block);

  // Replication r of scenario i, from the cache or run in a block of indices.
  const auto ensure = [&](int system, int replication) -> const model::ReplicationResult& {
    auto& runs = cache[static_cast<std::size_t>(system)];
    if (static_cast<std::size_t>(replication) >= runs.size()) {
      ExperimentOptions more;
      more.first_replication = runs.size();
      more.replications =
          std::max<int>(replication + 1 - static_cast<int>(runs.size()), block_size);
      more.threads = options.threads;
      more.label = "select-best " + specs[static_cast<std::size_t>(system)].name;
      ExperimentResult part =
          run_experiment(options.executor, specs[static_cast<std::size_t>(system)], more);
      out.simulated += more.replications;
      for (auto& r : part.replications)
        runs.push_back(std::move(r));
    }
    return runs[static_cast<std::size_t>(replication)];
  };
  const auto observe = [&](int system, int replication) {
    return kpi_value(ensure(system, replication), options.scope, options.metric);
  };

  KimNelsonOptions kn;
  kn.systems = static_cast<int>(specs.size());
  kn.goal = options.goal;
  kn.alpha = options.alpha;
  kn.first_stage = options.first_stage;
  kn.max_replications = options.max_replications;
  kn.indifference_zone = options.indifference_zone;
  if (!(kn.indifference_zone > 0.0)) {
    // Default: 1% of the base's first-stage mean (a difference planners would not act on).
    double sum = 0.0;
    int n = 0;
    for (int r = 0; r < options.first_stage; ++r) {
      const double x = observe(0, r);
      if (!std::isnan(x)) sum += x, ++n;
    }
    const double mean = n > 0 ? std::abs(sum / n) : 0.0;
    kn.indifference_zone = mean > 0.0 ? 0.01 * mean : 1e-6;
  }
  out.indifference_zone = kn.indifference_zone;
  out.selection = select_best_kim_nelson(kn, observe);
  return out;
}

}  // namespace twotier::analysis
