// `twotier run`: load a scenario, run its replications on threads, write results.h5,
// summary.csv and monthly_report.csv, and print a short table. Exit codes: 0 done, 1 the
// run failed, 2 bad scenario or usage (including refusing to overwrite earlier results),
// 128 + signal when SIGINT/SIGTERM interrupted it: finished replications are then saved in
// results.h5 (marked incomplete) and `twotier run --resume DIR` completes the run.
//
// Nothing is written to the output folder before the scenario has loaded.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analysis/checkpoint.hpp"
#include "analysis/experiment.hpp"
#include "analysis/interrupt.hpp"
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
  std::string resume;  // DIR of an interrupted run to complete
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

// Runs the replications of `identity` not yet in `done`, saving each in `checkpoint` as it
// finishes, then writes the complete outputs to `out`; or reports an interruption.
int execute(const model::ModelSpec& spec, const analysis::CheckpointIdentity& identity,
            std::vector<model::ReplicationResult> done, analysis::CheckpointWriter checkpoint,
            const fs::path& out, const RunOptions& options) {
  analysis::ExperimentOptions experiment;
  experiment.replications = identity.replications;
  experiment.threads = options.threads;
  experiment.progress = !options.quiet;
  experiment.skip.assign(static_cast<std::size_t>(identity.replications), false);
  for (const auto& r : done)
    experiment.skip.at(static_cast<std::size_t>(r.replication)) = true;
  if (!options.quiet) {
    std::cerr << "twotier run: " << spec.name << ": " << experiment.replications
              << " replications on " << analysis::effective_threads(experiment) << " threads";
    if (!done.empty()) std::cerr << " (" << done.size() << " done before, resumed)";
    std::cerr << "\n";
  }
  analysis::InterruptScope interrupt;
  experiment.stop = &interrupt.flag();
  experiment.on_replication_done = [&checkpoint](const model::ReplicationResult& r) {
    checkpoint.add(r);
  };
  analysis::ExperimentResult result = analysis::run_experiment(spec, experiment);
  checkpoint.close();
  if (result.interrupted) {
    const auto saved = done.size() + static_cast<std::size_t>(std::count(
                                         result.finished.begin(), result.finished.end(), true));
    std::cerr << "twotier run: interrupted by " << interrupt.signal_name() << ": " << saved
              << " of " << identity.replications << " replications are saved in "
              << (out / analysis::kResultsH5Name).string()
              << " (marked incomplete).\nResume with: twotier run --resume " << out.string()
              << "\n";
    return analysis::interrupted_exit_code(interrupt.signal_number());
  }
  for (auto& r : done)
    result.replications.at(static_cast<std::size_t>(r.replication)) = std::move(r);

  analysis::RunMetadata metadata = analysis::describe_run(spec);
  metadata.command_line = command_line();
  metadata.replications = experiment.replications;
  metadata.first_replication = experiment.first_replication;
  metadata.threads = result.threads;
  metadata.wall_seconds = result.wall_seconds;
  metadata.confidence = identity.confidence;
  const auto summary = analysis::write_run_outputs(out, metadata, result.replications);

  if (!options.quiet) {
    std::cout << spec.name << " — " << experiment.replications << " replications, means\n"
              << analysis::format_summary_table(summary, identity.confidence);
  }
  std::cout << "results written to " << out.string() << "\n";
  return kExitOk;
}

// `twotier run --resume DIR`: the same scenario, overrides and replications as the
// interrupted run, checked against the scenario text it saved.
int resume(const RunOptions& options) {
  if (!options.scenario.empty() || !options.overrides.empty() || !options.seed.empty() ||
      !options.horizon.empty() || options.replications > 0 || !options.out.empty() ||
      options.force) {
    std::cerr << "twotier run: error: --resume takes the scenario, --set, --seed, --horizon, "
                 "--reps and --out of the interrupted run; give only --resume DIR (and "
                 "--threads, --quiet)\n";
    return kExitBadInput;
  }
  const fs::path out = options.resume;
  const fs::path file = out / analysis::kResultsH5Name;
  if (!analysis::is_checkpoint(file)) {
    std::cerr << "twotier run: error: --resume " << out.string() << ": "
              << (fs::exists(file) ? file.string() + " holds a complete run, nothing to resume"
                                   : "no " + file.string() + " of an interrupted run")
              << "\n";
    return kExitBadInput;
  }
  analysis::Checkpoint saved = analysis::read_checkpoint(file);
  model::ModelSpec spec;
  try {
    spec = model::load_scenario(saved.identity.scenario_file,
                                model::LoadOptions{saved.identity.overrides});
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\ntwotier run: error: cannot resume " << out.string()
              << ": its scenario no longer loads\n";
    return kExitBadInput;
  }
  if (spec.source_text != saved.identity.scenario_text) {
    std::cerr << "twotier run: error: cannot resume " << out.string() << ": "
              << saved.identity.scenario_file
              << " or its tables changed since the run was interrupted, so the remaining "
                 "replications would not belong to the same run; start over with --force\n";
    return kExitBadInput;
  }
  for (const auto& warning : model::scenario_warnings(spec))
    std::cerr << "twotier run: warning: " << warning << "\n";
  return execute(spec, saved.identity, std::move(saved.done),
                 analysis::CheckpointWriter::reopen(file), out, options);
}

int run(const RunOptions& options) {
  if (!options.resume.empty()) return resume(options);
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
    if (analysis::is_checkpoint(out / analysis::kResultsH5Name)) {
      std::cerr << "twotier run: error: " << out.string()
                << " holds an interrupted run; complete it with `twotier run --resume "
                << out.string() << "`, choose another folder with --out DIR, or pass --force "
                << "to start over\n";
      return kExitBadInput;
    }
    std::cerr << "twotier run: error: " << out.string()
              << " already holds results of an earlier run (" << existing.front().string()
              << "); choose another folder with --out DIR, or pass --force to overwrite\n";
    return kExitBadInput;
  }

  for (const auto& warning : model::scenario_warnings(spec))
    std::cerr << "twotier run: warning: " << warning << "\n";

  analysis::CheckpointIdentity identity;
  identity.scenario_file = fs::absolute(scenario).lexically_normal().string();
  identity.overrides = load.overrides;
  identity.replications = options.replications > 0 ? options.replications : spec.replications;
  identity.confidence = options.confidence;
  identity.scenario_text = spec.source_text;
  // With --force, the earlier run's files go first, so the folder never mixes two runs.
  for (const auto& stale : analysis::existing_result_files(out))
    fs::remove(stale);
  fs::create_directories(out);
  return execute(spec, identity, {},
                 analysis::CheckpointWriter::create(out / analysis::kResultsH5Name, identity), out,
                 options);
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
  cmd->add_option("--resume", options->resume,
                  "Complete the interrupted run whose output folder is DIR (same scenario, "
                  "settings and results as if never interrupted)");
  cmd->add_option("--confidence", options->confidence,
                  "Confidence level of the intervals (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  return [options]() { return run(*options); };
}

}  // namespace twotier::app
