// `twotier calibrate --targets` (see calibrate_targets.hpp).
#include "apps/calibrate_targets.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "analysis/calibration/history_matching.hpp"
#include "analysis/calibration/history_matching_files.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/reports/study_workbooks.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"calibration_runs.csv", "parameter_sets.csv", "results.xlsx",
                                  "calibration_fit.md"};

}  // namespace

int calibrate_to_targets(const CalibrateTargetsOptions& options) {
  if (options.scenario.empty()) {
    std::cerr << "twotier calibrate: error: --targets needs --scenario SCENARIO (the scenario "
                 "whose free parameters are calibrated)\n";
    return kExitBadInput;
  }
  if (options.points < 2 || options.waves < 1 || options.replications < 1) {
    std::cerr << "twotier calibrate: error: --points must be >= 2, --waves and --reps >= 1\n";
    return kExitBadInput;
  }
  if (!options.force) {
    for (const char* name : kFiles) {
      if (fs::exists(fs::path(options.out) / name)) {
        std::cerr << "twotier calibrate: error: " << (fs::path(options.out) / name).string()
                  << " exists; choose another --out or pass --force\n";
        return kExitBadInput;
      }
    }
  }
  try {
    model::LoadOptions load;
    load.overrides = options.overrides;
    const model::ModelSpec base = model::load_scenario(options.scenario, load);
    // Locked while the calibration runs; removed again if it fails (output_folder.hpp).
    analysis::OutputFolder folder = analysis::OutputFolder::claim(options.out, "twotier calibrate");
    folder.refuse_unless_empty(options.force);
    const fs::path targets_file = options.targets;
    const fs::path parameters_file =
        options.parameters.empty() ? base.calibration_parameters : fs::path(options.parameters);
    if (parameters_file.empty()) {
      std::cerr << "twotier calibrate: error: " << options.scenario
                << ": no table of free parameters: name it in the scenario ([calibration] "
                   "parameters = \"FILE.csv\") or with --parameters\n";
      return kExitBadInput;
    }
    const auto targets = analysis::read_calibration_targets(targets_file);
    const auto parameters = analysis::read_parameter_ranges(parameters_file);

    // The run covers every target: from the scenario's start to the last target day.
    const sim::CivilDate first = sim::add_days(
        base.epoch_date, static_cast<std::int64_t>(base.start.seconds / sim::kSecondsPerDay));
    for (const auto& t : targets) {
      if (t.from < first)
        throw model::ScenarioError(t.file + ":" + std::to_string(t.line) + ": error: target '" +
                                   t.id + "': period starts " + sim::to_string(t.from) +
                                   ", before the scenario's start " + sim::to_string(first) +
                                   " (calibrate a scenario that starts earlier)");
    }
    const std::int64_t days = sim::days_between(first, analysis::last_target_day(targets)) + 1;
    std::vector<std::string> run_overrides = options.overrides;
    run_overrides.push_back("scenario.horizon=" + std::to_string(days) + "d");
    auto spec_for = [&](const std::vector<std::string>& parameter_overrides) {
      model::LoadOptions o;
      o.overrides = run_overrides;
      o.overrides.insert(o.overrides.end(), parameter_overrides.begin(), parameter_overrides.end());
      return model::load_scenario(options.scenario, o);
    };
    // Every target and every parameter is checked before any simulation: the scenario at the
    // middle of each range must load and answer every target.
    {
      std::vector<double> middle;
      for (const auto& p : parameters)
        middle.push_back(p.log_scale ? std::sqrt(p.low * p.high) : 0.5 * (p.low + p.high));
      analysis::check_targets(targets, spec_for(analysis::parameter_overrides(parameters, middle)));
    }

    analysis::HistoryMatchingOptions hm;
    hm.points_per_wave = options.points;
    hm.waves = options.waves;
    hm.replications = options.replications;
    hm.threads = options.threads;
    hm.design_seed = base.seed;  // --seed sets scenario.seed
    // Overall progress in simulated days (progress_board.hpp): every set's replications.
    hm.progress = !options.quiet;
    analysis::progress_board().expect(options.points * options.waves * options.replications,
                                      static_cast<double>(days));
    const analysis::HistoryMatchingResult result =
        analysis::history_match(targets, parameters, spec_for, hm);
    analysis::write_history_matching(result, base.name, options.out);
    analysis::write_workbook(
        fs::path(options.out) / analysis::kResultsWorkbookName,
        analysis::calibration_sheets(result, base.name, command_line("twotier calibrate")));
    folder.keep();
    analysis::progress_board().clear();
    if (!options.quiet) std::cout << analysis::history_matching_report(result, base.name);
    std::cout << "calibration written to " << options.out << "\n";
    return result.plausible_count() > 0 ? kExitOk : kExitRunFailed;
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace twotier::app
