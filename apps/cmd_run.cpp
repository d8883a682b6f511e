// `twotier run`: load a scenario, run its replications on threads, write results.h5,
// summary.csv and monthly_report.csv, and print a short table. Exit codes: 0 done, 1 the
// run failed, 2 bad scenario or usage (including refusing to overwrite earlier results).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analysis/experiment.hpp"
#include "analysis/run_metadata.hpp"
#include "analysis/run_outputs.hpp"
#include "analysis/slug.hpp"
#include "analysis/summary_table.hpp"
#include "apps/commands.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDefaultScenario = "scenarios/dong-nai/baseline.toml";

struct RunOptions {
  std::string scenario;  // empty: the bundled default
  int replications = 0;  // 0: the scenario's [scenario] replications
  std::string seed;
  std::string horizon;
  int threads = 0;  // 0: all hardware threads
  std::string out;  // empty: results/<scenario slug>
  std::vector<std::string> overrides;
  bool quiet = false;
  bool force = false;
  double confidence = 0.95;
};

// The bundled default: ./scenarios first (a checkout as working folder), then the source
// tree this executable was built from.
fs::path find_default_scenario() {
  const fs::path here = fs::path(kDefaultScenario);
  if (fs::exists(here)) return here;
#ifdef TWOTIER_SOURCE_DIR
  const fs::path source = fs::path(TWOTIER_SOURCE_DIR) / kDefaultScenario;
  if (fs::exists(source)) return source;
#endif
  return {};
}

// The command as typed (Linux: /proc/self/cmdline), quoted where a shell would need it.
std::string command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string text;
  std::string arg;
  while (std::getline(in, arg, '\0')) {
    if (!text.empty()) text += ' ';
    if (arg.empty() || arg.find_first_of(" \t\"'\\$;&|<>*?") != std::string::npos) {
      std::string quoted = "'";
      for (char c : arg)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      text += quoted + "'";
    } else {
      text += arg;
    }
  }
  return text.empty() ? "twotier run" : text;
}

int run(const RunOptions& options) {
  fs::path scenario = options.scenario;
  if (scenario.empty()) {
    scenario = find_default_scenario();
    if (scenario.empty()) {
      std::cerr << "twotier run: error: no scenario given and the bundled default '"
                << kDefaultScenario << "' was not found (looked in ./ and the source tree)\n";
      return kExitBadInput;
    }
  }

  model::LoadOptions load;
  if (!options.seed.empty()) load.overrides.push_back("scenario.seed=" + options.seed);
  if (!options.horizon.empty()) {
    // A bare number of days is accepted as a convenience: --horizon 90 means 90d.
    const bool bare_number = options.horizon.find_first_not_of("0123456789.") == std::string::npos;
    load.overrides.push_back("scenario.horizon=" + options.horizon + (bare_number ? "d" : ""));
  }
  load.overrides.insert(load.overrides.end(), options.overrides.begin(), options.overrides.end());

  model::ModelSpec spec;
  try {
    spec = model::load_scenario(scenario, load);
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }

  const fs::path out = options.out.empty() ? fs::path("results") / analysis::slugify(spec.name)
                                           : fs::path(options.out);
  if (const auto existing = analysis::existing_result_files(out);
      !existing.empty() && !options.force) {
    std::cerr << "twotier run: error: " << out.string()
              << " already holds results of an earlier run (" << existing.front().string()
              << "); choose another folder with --out DIR, or pass --force to overwrite\n";
    return kExitBadInput;
  }

  for (const auto& warning : model::scenario_warnings(spec))
    std::cerr << "twotier run: warning: " << warning << "\n";

  analysis::ExperimentOptions experiment;
  experiment.replications = options.replications > 0 ? options.replications : spec.replications;
  experiment.threads = options.threads;
  experiment.progress = !options.quiet;
  if (!options.quiet) {
    std::cerr << "twotier run: " << spec.name << ": " << experiment.replications
              << " replications on " << analysis::effective_threads(experiment) << " threads\n";
  }
  const analysis::ExperimentResult result = analysis::run_experiment(spec, experiment);

  analysis::RunMetadata metadata = analysis::describe_run(spec);
  metadata.command_line = command_line();
  metadata.replications = experiment.replications;
  metadata.first_replication = experiment.first_replication;
  metadata.threads = result.threads;
  metadata.wall_seconds = result.wall_seconds;
  metadata.confidence = options.confidence;
  const auto summary = analysis::write_run_outputs(out, metadata, result.replications);

  if (!options.quiet) {
    std::cout << spec.name << " — " << experiment.replications << " replications, means\n"
              << analysis::format_summary_table(summary, options.confidence);
  }
  std::cout << "results written to " << out.string() << "\n";
  return kExitOk;
}

}  // namespace

Action add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Run a scenario's replications and write the results");
  cmd->add_option("scenario", options->scenario,
                  std::string("Scenario TOML file (default: ") + kDefaultScenario + ")");
  cmd->add_option("--reps", options->replications,
                  "Replications (default: the scenario's [scenario] replications)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", options->seed, "Scenario seed (same as --set scenario.seed=S)");
  cmd->add_option("--horizon", options->horizon,
                  "Length of the run, e.g. 90d (same as --set scenario.horizon=D)");
  cmd->add_option("--threads", options->threads,
                  "Worker threads (default: all hardware threads; results do not depend on it)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", options->out, "Output folder (default: results/<scenario-name>)");
  cmd->add_option("--set", options->overrides, "Override one scenario value: key.path=value")
      ->allow_extra_args(false);
  cmd->add_flag("--quiet,-q", options->quiet,
                "No progress and no table; only errors and where "
                "the results went");
  cmd->add_flag("--force", options->force, "Overwrite results of an earlier run in the folder");
  cmd->add_option("--confidence", options->confidence,
                  "Confidence level of the intervals (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  return [options]() { return run(*options); };
}

}  // namespace twotier::app
