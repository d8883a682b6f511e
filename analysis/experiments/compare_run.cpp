#include "analysis/experiments/compare_run.hpp"

#include <algorithm>
#include <stdexcept>

#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/results/run_metadata.hpp"

namespace twotier::analysis {

CompareRun run_comparison(std::span<const model::ModelSpec> specs, const CompareOptions& options) {
  if (specs.size() < 2) throw std::invalid_argument("compare: needs a base and an alternative");
  CompareRun run;
  for (const auto& spec : specs) {
    std::string name = spec.name;
    for (int copy = 2; std::find(run.names.begin(), run.names.end(), name) != run.names.end();
         ++copy)
      name = spec.name + " (" + std::to_string(copy) + ")";
    run.names.push_back(name);
  }
  // Under MPI the scenarios' replications are spread over the ranks together (batches of
  // run_experiments).
  std::vector<ExperimentOptions> experiments(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    experiments[i].replications = options.replications;
    experiments[i].threads = options.threads;
    experiments[i].progress = options.progress;
    experiments[i].label = "scenario " + run.names[i];
  }
  std::vector<ScenarioColumns> columns;
  run.results.resize(specs.size());
  run_experiments(
      options.executor, specs, experiments, [&](std::size_t i, ExperimentResult&& result) {
        run.wall_seconds += result.wall_seconds;
        columns.push_back({run.names[i], kpi_columns(result.replications,
                                                     describe_run(specs[i]).position_labels)});
        run.results[i] = std::move(result.replications);
        if (options.log != nullptr) {
          *options.log << "scenario " << i + 1 << "/" << specs.size() << " done: " << run.names[i]
                       << std::endl;
        }
      });
  run.rows = compare_with_base(columns.front(), std::span(columns).subspan(1), options.confidence);
  return run;
}

}  // namespace twotier::analysis
