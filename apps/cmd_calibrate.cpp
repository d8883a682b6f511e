// `twotier calibrate LOG.csv [--steps STEPS.csv] [--staffing SCENARIO] --out DIR`: fit a
// scenario to a dossier log (analysis/calibration/calibration.hpp) and write it with its fit
// report. Exit codes: 0 done, 2 bad log, scenario or usage.
// `twotier calibrate --targets TARGETS.csv --scenario SCENARIO --out DIR`: calibration to
// reported aggregates (apps/calibrate_targets.hpp).
#include <atomic>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "analysis/calibration/calibration.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/results/dossier_log.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/calibrate_targets.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

struct CalibrateOptions {
  std::string log;
  std::string steps;
  std::string staffing;
  CommonOptions common;  // --out required; --reps, --seed, --threads only with --targets
};

// The fit from a log: three steps on the progress board (read, fit, write).
void fit_step_done() {
  analysis::ProgressBoard& board = analysis::progress_board();
  board.days_done().fetch_add(1, std::memory_order_relaxed);
  board.replication_done();
  board.draw();
}

int calibrate(const CalibrateOptions& options) {
  // Options that only a simulation uses: refused by name, so none is silently ignored.
  const std::string why = "a fit from a dossier log runs no simulation (it applies with --targets)";
  if (options.common.replications > 0) return refuse_option("calibrate", "--reps", why);
  if (!options.common.seed.empty()) return refuse_option("calibrate", "--seed", why);
  if (options.common.threads > 0) return refuse_option("calibrate", "--threads", why);
  if (!options.common.overrides.empty() && options.staffing.empty())
    return refuse_option("calibrate", "--set",
                         "without --staffing there is no scenario to override (the scenario is "
                         "synthesised from the log; edit what calibrate writes)");
  analysis::ProgressBoard& board = analysis::progress_board();
  board.set_noun("step", "steps");
  board.begin_experiment(3, 1.0);
  board.draw();
  try {
    // The dossier log is read in one streaming pass; the step log is streamed by the fit.
    const analysis::StreamedLog log(
        options.log, options.steps.empty() ? std::nullopt : std::optional<fs::path>(options.steps));
    fit_step_done();
    std::optional<model::ModelSpec> staffing;
    if (!options.staffing.empty()) {
      // The staffing scenario is loaded over the log's window so that its calendar covers it;
      // --set applies to it.
      const auto [start, end] = analysis::log_window(log.dossiers());
      model::LoadOptions load;
      load.overrides = options.common.overrides;
      load.overrides.insert(
          load.overrides.end(),
          {"scenario.start=" + sim::to_string(analysis::date_of(start)),
           "scenario.horizon=" + std::to_string(std::lround((end - start) / 86400.0)) + "d",
           "scenario.warmup=0d"});
      staffing = model::load_scenario(options.staffing, load);
    }
    const analysis::Calibration result = analysis::calibrate(log.dossiers(), log.steps(), staffing);
    fit_step_done();
    // Written into an empty or new folder only: a scenario folder's tables are never replaced
    // without --force.
    analysis::OutputFolder folder =
        analysis::OutputFolder::claim(options.common.out, "twotier calibrate");
    folder.refuse_unless_empty(options.common.force);
    analysis::write_calibration(result, options.common.out);
    folder.keep();
    fit_step_done();
    board.clear();
    int fallbacks = 0;
    for (const analysis::FitReportRow& row : result.report)
      fallbacks += row.fallback ? 1 : 0;
    if (!options.common.quiet) {
      std::cout << "calibrated "
                << count_of(static_cast<long long>(log.dossiers().size()), "dossier")
                << (log.step_rows() == 0
                        ? ""
                        : " and " + count_of(static_cast<long long>(log.step_rows()), "step"))
                << " from " << analysis::format_log_time(result.window_start).substr(0, 10)
                << " to " << analysis::format_log_time(result.window_end - 1).substr(0, 10) << ": "
                << count_of(static_cast<long long>(result.spec.arrivals.size()), "arrival stream")
                << ", " << count_of(fallbacks, "parameter")
                << " fell back to defaults (see fit_report.md)\n";
    }
    std::cout << "scenario written to " << (fs::path(options.common.out) / "scenario.toml").string()
              << "\n";
  } catch (const model::ScenarioError& e) {
    board.clear();
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
                  "from the log, staff estimated from throughput); --set applies to it");
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
  CommonDefaults defaults;
  defaults.reps = "2 per parameter set, with --targets (common random numbers)";
  defaults.reps_minimum = 2;
  defaults.out = "required: the folder of scenario.toml and the fit report";
  defaults.why_not = {
      {kHorizon, "the log's window (or the targets' periods) sets the length of the runs"},
      {kLang, "calibrate writes its fit report in English only"}};
  add_common_options(cmd, options->common, kAllCommon & ~(kHorizon | kLang), defaults);
  cmd->get_option("--out")->required();
  return [options, targets, by_targets]() {
    if (by_targets->count() > 0) {
      if (!options->log.empty()) {
        std::cerr << "twotier calibrate: error: give a dossier log or --targets, not both\n";
        return kExitBadInput;
      }
      const CommonOptions& common = options->common;
      targets->out = common.out;
      targets->force = common.force;
      targets->quiet = common.quiet;
      targets->threads = common.threads;
      if (common.replications > 0) targets->replications = common.replications;
      // --seed sets scenario.seed, which also seeds the Latin hypercube.
      targets->overrides = common.scenario_overrides();
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
