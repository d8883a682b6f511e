// `twotier compare BASE ALT...`: every scenario with common random numbers (the same seed and
// replication indices), paired differences of every KPI from the base with Bonferroni-adjusted
// intervals -> DIR/comparison.csv and a table; `--select-best METRIC` adds a Kim–Nelson choice.
// Exit codes: 0 done, 1 a run failed, 2 bad scenario or usage, 128 + signal when SIGINT/SIGTERM
// interrupted it (finished replications are kept in DIR/results.h5; `--resume DIR` completes
// it, apps/experiment_session.hpp).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/experiments/auto_warmup.hpp"
#include "analysis/experiments/compare_run.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/overtime_costs.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/experiments/select_best.hpp"
#include "analysis/reports/experiment_workbooks.hpp"
#include "analysis/results/slug.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "apps/experiment_session.hpp"
#include "apps/run_parameter_sets.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

struct CompareCliOptions {
  std::vector<std::string> scenarios;  // base first
  // --reps 0: the base's [scenario] replications; --seed empty: the base's, for every scenario
  CommonOptions common;
  double confidence = 0.95;
  std::string scope = "province";
  std::string select_best;
  std::string goal;  // "max" / "min"; empty: by metric
  double indifference = 0.0;
  double alpha = 0.05;
  int first_stage = 10;
  std::string parameter_sets;  // --parameter-sets FILE
};

int compare(const CompareCliOptions& options, ExperimentSession& session) {
  if (options.scenarios.size() < 2) {
    std::cerr << "twotier compare: error: give a base scenario and at least one alternative\n";
    return kExitBadInput;
  }
  std::vector<model::ModelSpec> specs;
  std::vector<model::LoadOptions> loads;
  try {
    for (const auto& file : options.scenarios) {
      model::LoadOptions load;
      load.overrides = options.common.scenario_overrides();
      // Common random numbers need one seed for all: --seed, else the base's.
      if (options.common.seed.empty() && !specs.empty()) {
        load.overrides.push_back("scenario.seed=" + std::to_string(specs.front().seed));
      }
      specs.push_back(model::load_scenario(file, load));
      loads.push_back(load);
    }
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  // Arguments that need the scenario, checked before anything runs.

  // A unit may be named by id or name (with or without diacritics); an unknown one gets the
  // general scope message and the closest unit names.
  std::string scope;
  try {
    scope = resolve_scope(options.scope, specs[0]);
  } catch (const model::ValueError& e) {
    (void)kpi_arguments_ok("compare", specs[0], options.scope, "--select-best",
                           options.select_best);
    std::cerr << "twotier compare: error: --scope " << options.scope << ": " << e.problem() << "\n";
    return kExitBadInput;
  }
  if (!kpi_arguments_ok("compare", specs[0], scope, "--select-best", options.select_best))
    return kExitBadInput;
  const fs::path out = options.common.out.empty()
                           ? fs::path("results") / ("compare-" + analysis::slugify(specs[0].name))
                           : fs::path(options.common.out);
  // --parameter-sets: read, and every scenario loaded at every set, before any simulation.
  std::optional<ParameterSetStudy> parameter_sets;
  if (!options.parameter_sets.empty()) {
    try {
      parameter_sets = ParameterSetStudy{};
      parameter_sets->scenarios.assign(options.scenarios.begin(), options.scenarios.end());
      parameter_sets->loads = loads;
      parameter_sets->sets = analysis::read_parameter_sets(options.parameter_sets);
      parameter_sets->replications =
          options.common.replications > 0 ? options.common.replications : specs[0].replications;
      parameter_sets->threads = options.common.threads;
      parameter_sets->confidence = options.confidence;
      parameter_sets->out = out;
      parameter_sets->quiet = options.common.quiet;
      parameter_sets->language = options.common.language();
      for (const auto& spec : specs)
        if (spec.warmup_auto)
          throw model::ScenarioError(
              "twotier compare: error: --parameter-sets needs fixed "
              "warm-ups ('" +
              spec.name + "' has warmup = \"auto\")");
      check_parameter_sets(*parameter_sets);
    } catch (const model::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    }
  }
  if (fs::exists(out / "comparison.csv") && !options.common.force && !session.resuming()) {
    std::cerr << "twotier compare: error: " << (out / "comparison.csv").string()
              << " exists; choose another folder with --out DIR, or pass --force to overwrite\n";
    return kExitBadInput;
  }
  std::vector<std::string> inputs;
  for (const auto& spec : specs)
    inputs.push_back(spec.source_text);
  if (!session.start(out, options.common.force, std::move(inputs))) return kExitBadInput;

  analysis::CompareOptions compare;
  compare.executor = &session.executor();
  compare.replications =
      options.common.replications > 0 ? options.common.replications : specs[0].replications;
  compare.threads = options.common.threads;
  compare.confidence = options.confidence;
  compare.progress = !options.common.quiet;
  if (!options.common.quiet) compare.log = &std::cerr;
  analysis::ExperimentOptions pilot;
  pilot.replications = compare.replications;
  pilot.threads = options.common.threads;
  // Automatic warm-ups: each scenario's pilot proposes one, and all of them use the longest,
  // so that paired KPIs cover the same window (a count over a longer window is no "effect").
  int common_warmup_days = -1;
  std::vector<bool> automatic;
  for (auto& spec : specs) {
    const analysis::WarmupChoice warmup =
        analysis::resolve_auto_warmup(compare.executor, spec, pilot);
    automatic.push_back(warmup.days >= 0);
    if (warmup.days >= 0) std::cout << describe_warmup(spec.name, warmup);
    common_warmup_days = std::max(common_warmup_days, warmup.days);
  }
  if (common_warmup_days >= 0) {
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (automatic[i]) analysis::set_warmup_days(specs[i], common_warmup_days);
    std::cout << "automatic warm-ups set to the longest: " << common_warmup_days << " days\n";
  }
  if (!options.common.quiet) {
    std::cerr << "twotier compare: " << specs.size() << " scenarios x "
              << count_of(compare.replications, "replication") << ", seed " << specs[0].seed
              << " (common random numbers), on " << compare.executor->describe(pilot) << "\n";
  }
  analysis::progress_board().expect(static_cast<int>(specs.size()) * compare.replications,
                                    analysis::replication_days(specs[0]));
  analysis::CompareRun run = analysis::run_comparison(specs, compare);
  if (session.writes_outputs()) {
    analysis::write_comparison_csv(out / "comparison.csv", run.rows);
    analysis::RunMetadata base = analysis::describe_run(specs[0]);
    base.replications = compare.replications;
    analysis::write_comparison_workbook(out / analysis::kResultsWorkbookName, run.rows, run.names,
                                        base, options.confidence);
  }

  std::cout << "base: " << run.names[0] << "; " << count_of(compare.replications, "replication")
            << " each, seed " << specs[0].seed
            << "; '*' = the interval excludes 0 (Bonferroni over "
            << count_of(static_cast<long long>(specs.size()) - 1, "alternative") << ")";
  std::cout << analysis::format_comparison_table(run.rows, scope, run.names[0], options.confidence);
  // Alternatives with paid overtime: its hours and cost a year, and the cost per point gained.
  const std::vector<analysis::OvertimeCost> overtime =
      analysis::overtime_costs(specs, run, options.confidence);
  if (!overtime.empty()) {
    std::cout << "\n" << analysis::format_overtime_costs(overtime, options.confidence);
    if (session.writes_outputs())
      analysis::write_overtime_costs_csv(out / "overtime_costs.csv", overtime);
  }

  if (!options.select_best.empty()) {
    analysis::BestScenarioOptions best;
    best.scope = scope;
    best.metric = options.select_best;
    best.goal = options.goal.empty()    ? analysis::natural_goal(best.metric)
                : options.goal == "max" ? analysis::Goal::kMaximize
                                        : analysis::Goal::kMinimize;
    best.indifference_zone = options.indifference;
    best.alpha = options.alpha;
    best.first_stage = options.first_stage;
    best.threads = options.common.threads;
    best.executor = &session.executor();
    analysis::BestScenario chosen;
    try {
      chosen = analysis::select_best_scenario(specs, run.results, best);
    } catch (const std::invalid_argument& e) {
      std::cerr << "twotier compare: error: " << e.what() << "\n";
      return kExitBadInput;
    }
    const auto& s = chosen.selection;
    std::cout << "\nbest by " << best.metric << " ("
              << (best.goal == analysis::Goal::kMaximize ? "larger" : "smaller") << " is better, "
              << best.scope
              << "; Kim-Nelson, correct with probability >= " << 100.0 * (1.0 - best.alpha)
              << "% when the best leads by >= " << chosen.indifference_zone
              << "): " << run.names[static_cast<std::size_t>(s.best)]
              << (s.budget_exhausted ? " (budget exhausted: no guarantee)" : "") << "\n";
    for (std::size_t i = 0; i < specs.size(); ++i) {
      std::cout << "  " << run.names[i] << ": " << s.replications[i] << " replications, mean "
                << s.sample_means[i] << "\n";
    }
    std::cout << "  replications simulated beyond the comparison: " << chosen.simulated << "\n";
  }
  if (session.writes_outputs()) {
    // The report is a convenience: a failure to build it does not fail the comparison.
    try {
      analysis::write_html_report(out, options.common.language());
    } catch (const std::exception& e) {
      std::cerr << "twotier compare: warning: report.html not written: " << e.what() << "\n";
    }
  }
  std::cout << "\ncomparison written to " << (out / "comparison.csv").string() << " and "
            << (out / analysis::kResultsWorkbookName).string() << "\n";
  if (parameter_sets && session.writes_outputs()) {
    parameter_sets->names = run.names;
    return compare_parameter_sets(*parameter_sets);
  }
  return kExitOk;
}

}  // namespace

Action add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareCliOptions>();
  auto* cmd = app.add_subcommand(
      "compare", "Compare alternatives with a base scenario using common random numbers");
  cmd->add_option("scenarios", options->scenarios, "BASE ALT... scenario TOML files")
      ->required()
      ->expected(2, 1000);
  add_common_options(
      cmd, options->common, kAllCommon,
      CommonDefaults::of("the base's [scenario] replications", "results/compare-<base-name>"));
  cmd->add_option("--confidence", options->confidence,
                  "Simultaneous confidence level over the alternatives (default 0.95)")
      ->check(number_range(0.5, 0.9999));
  cmd->add_option("--scope", options->scope,
                  "Scope shown in the table and used by --select-best (default province)");
  auto* select_best =
      cmd->add_option("--select-best", options->select_best,
                      "Pick the best scenario by this KPI (Kim-Nelson), e.g. on_time_rate");
  cmd->add_option("--goal", options->goal,
                  "With --select-best: max or min (default: max for on_time_rate and completed, "
                  "min otherwise)")
      ->check(CLI::IsMember({"max", "min"}))
      ->needs(select_best);
  cmd->add_option("--indifference", options->indifference,
                  "With --select-best: smallest difference worth detecting (default 1% of the "
                  "base's mean)")
      ->check(number_range(0.0, 1e12))
      ->needs(select_best);
  cmd->add_option("--alpha", options->alpha,
                  "With --select-best: allowed probability of a wrong choice (default 0.05)")
      ->check(number_range(0.001, 0.49))
      ->needs(select_best);
  cmd->add_option("--first-stage", options->first_stage,
                  "With --select-best: replications of every scenario before screening "
                  "(default 10)")
      ->check(whole_range(2, 10000))
      ->needs(select_best);
  cmd->add_option("--parameter-sets", options->parameter_sets,
                  "Also compare at every plausible parameter set of a calibration "
                  "(parameter_sets.csv of `twotier calibrate --targets`): "
                  "comparison_uncertainty.csv with two intervals per difference (simulation "
                  "noise; with assumption uncertainty) and comparison_sensitivity.csv");
  return resumable_command(cmd, options, compare);
}

}  // namespace twotier::app
