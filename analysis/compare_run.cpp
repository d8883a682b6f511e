#include "analysis/compare_run.hpp"

#include <algorithm>
#include <stdexcept>

#include "analysis/experiment.hpp"
#include "analysis/replication_executor.hpp"
#include "analysis/run_metadata.hpp"

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
  ExperimentOptions experiment;
  experiment.replications = options.replications;
  experiment.threads = options.threads;
  experiment.progress = options.progress;
  std::vector<ScenarioColumns> columns;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    experiment.label = "scenario " + run.names[i];
    ExperimentResult result = run_experiment(options.executor, specs[i], experiment);
    run.wall_seconds += result.wall_seconds;
    columns.push_back(
        {run.names[i], kpi_columns(result.replications, describe_run(specs[i]).position_labels)});
    run.results.push_back(std::move(result.replications));
    if (options.log != nullptr) {
      *options.log << "scenario " << i + 1 << "/" << specs.size() << " done: " << run.names[i]
                   << std::endl;
    }
  }
  run.rows = compare_with_base(columns.front(), std::span(columns).subspan(1), options.confidence);
  return run;
}

}  // namespace twotier::analysis
