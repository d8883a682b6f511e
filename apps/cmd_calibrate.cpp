// `twotier calibrate LOG.csv [--steps STEPS.csv] [--staffing SCENARIO] --out DIR`: fit a
// scenario to a dossier log (analysis/calibration/calibration.hpp) and write it with its fit
// report. Exit codes: 0 done, 2 bad log, scenario or usage.
// `twotier calibrate --targets TARGETS.csv --scenario SCENARIO --out DIR`: calibration to
// reported aggregates (apps/calibrate_targets.hpp).
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "analysis/calibration/calibration.hpp"
#include "analysis/results/dossier_log.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/calibrate_targets.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

struct CalibrateOptions {
  std::string log;
  std::string steps;
  std::string staffing;
  std::string out;
  bool force = false;
};

int calibrate(const CalibrateOptions& options) {
  try {
    const analysis::DossierLog log = analysis::read_dossier_log(
        options.log, options.steps.empty() ? std::nullopt : std::optional<fs::path>(options.steps));
    std::optional<model::ModelSpec> staffing;
    if (!options.staffing.empty()) {
      // The staffing scenario is loaded over the log's window so that its calendar covers it.
      const auto [start, end] = analysis::log_window(log);
      model::LoadOptions load;
      load.overrides = {
          "scenario.start=" + sim::to_string(analysis::date_of(start)),
          "scenario.horizon=" + std::to_string(std::lround((end - start) / 86400.0)) + "d",
          "scenario.warmup=0d"};
      staffing = model::load_scenario(options.staffing, load);
    }
    const analysis::Calibration result = analysis::calibrate(log, staffing);
    // Written into an empty or new folder only: a scenario folder's tables are never replaced
    // without --force.
    analysis::OutputFolder folder = analysis::OutputFolder::claim(options.out, "twotier calibrate");
    folder.refuse_unless_empty(options.force);
    analysis::write_calibration(result, options.out);
    folder.keep();
    int fallbacks = 0;
    for (const analysis::FitReportRow& row : result.report)
      fallbacks += row.fallback ? 1 : 0;
    std::cout << "calibrated " << log.dossiers.size() << " dossiers"
              << (log.steps.empty() ? "" : " and " + std::to_string(log.steps.size()) + " steps")
              << " from " << analysis::format_log_time(result.window_start).substr(0, 10) << " to "
              << analysis::format_log_time(result.window_end - 1).substr(0, 10) << ": "
              << result.spec.arrivals.size() << " arrival streams, " << fallbacks
              << " parameter(s) fell back to defaults (see fit_report.md)\n"
              << "scenario written to " << (fs::path(options.out) / "scenario.toml").string()
              << "\n";
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

Action add_calibrate_command(CLI::App& app) {
  auto options = std::make_shared<CalibrateOptions>();
  auto targets = std::make_shared<CalibrateTargetsOptions>();
  auto* cmd = app.add_subcommand(
      "calibrate", "Fit a scenario (rates, profiles, efforts, probabilities) to a dossier log");
  cmd->add_option("log", options->log,
                  "Dossier log CSV (docs/log-format.md); or calibrate to reported figures with "
                  "--targets");
  cmd->add_option("--steps", options->steps, "Step log CSV of the same dossiers");
  cmd->add_option("--staffing", options->staffing,
                  "Scenario giving units, workflows, staff and calendar (otherwise synthesised "
                  "from the log, staff estimated from throughput)");
  cmd->add_option("--out", options->out, "Output folder for scenario.toml and the fit report")
      ->check(non_empty_path())
      ->required();
  cmd->add_flag("--force", options->force,
                "Write into a folder that already holds files (a scenario's tables are replaced)");
  // Calibration to reported aggregates (docs/calibration.md).
  auto* by_targets = cmd->add_option("--targets", targets->targets,
                                     "Reported figures to match (CSV: target, metric, scope, from, "
                                     "to, value, tolerance or standard_error, source)");
  cmd->add_option("--scenario", targets->scenario, "With --targets: the scenario to calibrate")
      ->needs(by_targets);
  cmd->add_option("--parameters", targets->parameters,
                  "With --targets: free parameters and ranges (CSV: parameter, low, high, scale, "
                  "source); default the scenario's [calibration] parameters")
      ->needs(by_targets);
  cmd->add_option("--points", targets->points, "With --targets: parameter sets per wave")
      ->default_val(40)
      ->check(whole_range(2, 100000))
      ->needs(by_targets);
  cmd->add_option("--waves", targets->waves, "With --targets: waves of history matching")
      ->default_val(2)
      ->check(whole_range(1, 100))
      ->needs(by_targets);
  cmd->add_option("--reps", targets->replications,
                  "With --targets: replications per parameter set (common random numbers)")
      ->default_val(2)
      ->check(replications_range(2))
      ->needs(by_targets);
  cmd->add_option("--threads", targets->threads, "With --targets: worker threads (0: all cores)")
      ->default_val(0)
      ->check(whole_range(0, 4096));
  cmd->add_option("--seed", targets->seed,
                  "With --targets: seed of the Latin hypercube (default: the scenario's seed)")
      ->check(whole_range(0, std::numeric_limits<std::int64_t>::max()))
      ->needs(by_targets);
  cmd->add_option("--set", targets->overrides, "With --targets: KEY=VALUE scenario override")
      ->needs(by_targets);
  cmd->add_flag("-q,--quiet", targets->quiet, "With --targets: print only where results went");
  return [options, targets, by_targets]() {
    if (by_targets->count() > 0) {
      if (!options->log.empty()) {
        std::cerr << "twotier calibrate: error: give a dossier log or --targets, not both\n";
        return kExitBadInput;
      }
      targets->out = options->out;
      targets->force = options->force;
      return calibrate_to_targets(*targets);
    }
    if (options->log.empty()) {
      std::cerr << "twotier calibrate: error: give a dossier log (LOG.csv) or --targets "
                   "TARGETS.csv --scenario SCENARIO\n";
      return kExitBadInput;
    }
    return calibrate(*options);
  };
}

}  // namespace twotier::app
