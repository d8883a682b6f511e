// `twotier sweep SCENARIO --vary KEY=...`: runs the scenario at every point of a grid or Latin
// hypercube over the varied keys (N replications each, the same seed and indices at every point,
// so points are compared under common random numbers) -> DIR/sweep.csv; `--tornado METRIC`
// runs the one-at-a-time low/high design instead and ranks the levers -> DIR/tornado.csv.
// Exit codes: 0 done, 1 a run failed, 2 bad scenario or usage, 128 + signal when SIGINT/SIGTERM
// interrupted it (finished replications are kept in DIR/results.h5; `--resume DIR` completes
// it, apps/experiment_session.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analysis/experiments/auto_warmup.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/experiments/sweep_design.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/study_workbooks.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/slug.hpp"
#include "analysis/statistics/summary.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "apps/experiment_session.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

// The most design points one sweep runs (docs/output-format.md, sweep).
constexpr std::size_t kMaxSweepPoints = 2000;

struct SweepCliOptions {
  std::string scenario;
  std::vector<std::string> vary;
  std::string design = "grid";
  int points = 0;        // 0: 10 for lhs, 3 values per range for grid
  CommonOptions common;  // --reps 0: the scenario's
  double confidence = 0.95;
  std::string tornado;  // metric
  std::string scope = "province";
};

std::string interval_text(const analysis::SummaryRow* row) {
  if (row == nullptr || row->estimate.n == 0) return "-";
  if (analysis::is_fraction_metric(row->metric)) {  // on the terminal as a percentage
    std::string text = analysis::percent_text(row->estimate.mean);
    if (row->estimate.has_interval())
      text += " [" + analysis::percent_text(row->estimate.ci_low) + ", " +
              analysis::percent_text(row->estimate.ci_high) + "]";
    return text;
  }
  char text[96];
  if (row->estimate.has_interval())
    std::snprintf(text, sizeof text, "%.4g [%.4g, %.4g]", row->estimate.mean, row->estimate.ci_low,
                  row->estimate.ci_high);
  else
    std::snprintf(text, sizeof text, "%.4g", row->estimate.mean);
  return text;
}

int sweep(const SweepCliOptions& options, ExperimentSession& session) {
  std::vector<analysis::SweepFactor> factors;
  std::vector<analysis::SweepPoint> points;
  model::LoadOptions base_load;
  base_load.overrides = options.common.scenario_overrides();
  model::ModelSpec base;
  try {
    base = model::load_scenario(options.scenario, base_load);
    for (const auto& text : options.vary)
      factors.push_back(analysis::parse_sweep_factor(text));
    if (!options.tornado.empty()) {
      points = analysis::one_at_a_time_points(factors);
    } else {
      const bool lhs = options.design == "lhs";
      const int count = options.points > 0 ? options.points : (lhs ? 10 : 3);
      points = analysis::sweep_points(
          factors, lhs ? analysis::SweepDesign::kLatinHypercube : analysis::SweepDesign::kGrid,
          count, base.seed);
    }
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "twotier sweep: error: " << e.what() << "\n";
    return kExitBadInput;
  }

  // Every point's scenario is loaded before any runs (a bad value stops the sweep at once), so
  // the design is bounded like the replications of one run: at most kMaxSweepPoints points
  // and model::kMaxReplications replications in all.
  const long long replications =
      options.common.replications > 0 ? options.common.replications : base.replications;
  if (points.size() > kMaxSweepPoints ||
      static_cast<long long>(points.size()) * replications > model::kMaxReplications) {
    std::cerr << "twotier sweep: error: the design has " << points.size() << " points x "
              << replications << " replications; allowed: at most " << kMaxSweepPoints
              << " points and " << model::kMaxReplications
              << " replications in all (fewer --vary values or --points, or fewer --reps)\n";
    return kExitBadInput;
  }

  // A unit may be named by id or name (with or without diacritics); an unknown one gets the
  // general scope message and the closest unit names.
  std::string scope;
  try {
    scope = resolve_scope(options.scope, base);
  } catch (const model::ValueError& e) {
    (void)kpi_arguments_ok("sweep", base, options.scope, "--tornado", options.tornado);
    std::cerr << "twotier sweep: error: --scope " << options.scope << ": " << e.problem() << "\n";
    return kExitBadInput;
  }
  if (!kpi_arguments_ok("sweep", base, scope, "--tornado", options.tornado)) return kExitBadInput;
  const fs::path out = options.common.out.empty()
                           ? fs::path("results") / ("sweep-" + analysis::slugify(base.name))
                           : fs::path(options.common.out);
  if (fs::exists(out / "sweep.csv") && !options.common.force && !session.resuming()) {
    std::cerr << "twotier sweep: error: " << (out / "sweep.csv").string()
              << " exists; choose another folder with --out DIR, or pass --force to overwrite\n";
    return kExitBadInput;
  }

  // Load every point before running any, so a bad value stops the sweep at once.
  std::vector<model::ModelSpec> specs;
  for (const auto& point : points) {
    model::LoadOptions load = base_load;
    load.overrides.push_back("scenario.seed=" + std::to_string(base.seed));  // one seed: CRN
    for (const auto& o : point.overrides(factors))
      load.overrides.push_back(o);
    try {
      specs.push_back(model::load_scenario(options.scenario, load));
    } catch (const model::ScenarioError& e) {
      std::cerr << "twotier sweep: design point " << point.id << ": " << e.what() << "\n";
      return kExitBadInput;
    }
  }

  std::vector<std::string> inputs;
  for (const auto& spec : specs)
    inputs.push_back(spec.source_text);
  if (!session.start(out, options.common.force, std::move(inputs))) return kExitBadInput;
  analysis::ReplicationExecutor& executor = session.executor();

  analysis::ExperimentOptions experiment;
  experiment.replications =
      options.common.replications > 0 ? options.common.replications : base.replications;
  experiment.threads = options.common.threads;
  experiment.progress = !options.common.quiet;
  if (!options.common.quiet) {
    std::cerr << "twotier sweep: "
              << count_of(static_cast<long long>(points.size()), "design point") << " x "
              << count_of(experiment.replications, "replication") << ", seed " << base.seed
              << ", on " << executor.describe(experiment) << "\n";
  }
  // Automatic warm-ups: every point's pilot proposes one and all use the longest, so that the
  // points' KPIs cover the same window.
  int common_warmup_days = -1;
  std::vector<bool> automatic;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const analysis::WarmupChoice warmup =
        analysis::resolve_auto_warmup(&executor, specs[p], experiment);
    automatic.push_back(warmup.days >= 0);
    if (warmup.days >= 0)
      std::cout << describe_warmup("point " + std::to_string(points[p].id), warmup);
    common_warmup_days = std::max(common_warmup_days, warmup.days);
  }
  if (common_warmup_days >= 0) {
    for (std::size_t p = 0; p < points.size(); ++p)
      if (automatic[p]) analysis::set_warmup_days(specs[p], common_warmup_days);
    std::cout << "automatic warm-ups set to the longest: " << common_warmup_days << " days\n";
  }
  // Points in batches: under MPI the replications of several points are spread over the
  // ranks together, so a sweep with few replications per point still keeps every rank busy.
  std::vector<analysis::ExperimentOptions> experiments(points.size(), experiment);
  for (std::size_t p = 0; p < points.size(); ++p) {
    experiments[p].label = "point " + std::to_string(points[p].id);
    for (const auto& o : points[p].overrides(factors))
      experiments[p].label += " " + o;
  }
  analysis::progress_board().expect(static_cast<int>(specs.size()) * experiment.replications,
                                    analysis::replication_days(specs[0]));
  std::vector<analysis::SweepResult> results;
  analysis::run_experiments(
      &executor, specs, experiments, [&](std::size_t p, analysis::ExperimentResult&& run) {
        results.push_back(
            {points[p],
             analysis::summarize(run.replications, analysis::describe_run(specs[p]).position_labels,
                                 options.confidence)});
        if (!options.common.quiet)
          std::cerr << "twotier sweep: point " << p + 1 << "/" << points.size() << " done\n";
      });
  if (session.writes_outputs()) analysis::write_sweep_csv(out / "sweep.csv", factors, results);

  // A readable table: the point's values and two headline KPIs of the scope.
  for (const auto& r : results) {
    std::string values;
    for (std::size_t f = 0; f < factors.size(); ++f) {
      if (r.point.values[f].empty()) continue;
      values += (values.empty() ? "" : ", ") + factors[f].key + "=" + r.point.values[f];
    }
    if (values.empty()) values = "(scenario as is)";
    std::cout << "point " << r.point.id << ": " << values << "\n    on_time_rate "
              << interval_text(analysis::find_row(r.summary, scope, "on_time_rate"))
              << ", processing_workdays_mean "
              << interval_text(analysis::find_row(r.summary, scope, "processing_workdays_mean"))
              << "\n";
  }
  std::vector<analysis::TornadoBar> bars;
  double baseline_mean = std::nan("");
  if (!options.tornado.empty()) {
    try {
      bars = analysis::tornado_from_runs(factors, results, scope, options.tornado);
      const analysis::SummaryRow* baseline =
          analysis::find_row(results.front().summary, scope, options.tornado);
      baseline_mean = baseline ? baseline->estimate.mean : std::nan("");
      if (session.writes_outputs())
        analysis::write_tornado_csv(out / "tornado.csv", factors, bars, baseline_mean);
      std::cout << analysis::format_tornado(bars, options.tornado, baseline_mean);
    } catch (const std::invalid_argument& e) {
      std::cerr << "twotier sweep: error: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  if (session.writes_outputs()) {
    // results.xlsx: the points with names, % and intervals (analysis/reports/study_workbooks.hpp).
    analysis::SweepWorkbook book;
    book.factors = factors;
    book.results = results;
    book.scope = scope;
    book.base = analysis::describe_run(base);
    book.base.replications = experiment.replications;
    book.base.command_line = command_line("twotier sweep");
    book.confidence = options.confidence;
    book.design = options.tornado.empty() ? options.design : "one at a time (tornado)";
    book.bars = bars;
    book.tornado_metric = options.tornado;
    book.tornado_baseline = baseline_mean;
    analysis::write_workbook(out / analysis::kResultsWorkbookName, analysis::sweep_sheets(book));
    // The report is a convenience: a failure to build it does not fail the sweep.
    try {
      analysis::write_html_report(out, options.common.language());
    } catch (const std::exception& e) {
      std::cerr << "twotier sweep: warning: report.html not written: " << e.what() << "\n";
    }
  }
  std::cout << "sweep written to " << (out / "sweep.csv").string() << "\n";
  return kExitOk;
}

}  // namespace

Action add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepCliOptions>();
  auto* cmd = app.add_subcommand(
      "sweep", "Run a scenario over a grid or Latin hypercube of values; tornado of levers");
  cmd->add_option("scenario", options->scenario, "Scenario TOML file")->required();
  cmd->add_option("--vary", options->vary,
                  "KEY=V1,V2,... (levels) or KEY=LOW..HIGH (numeric range, e.g. 60d..120d); "
                  "KEY as in --set. Repeat for several keys")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--design", options->design, "grid (every combination) or lhs (Latin hypercube)")
      ->check(CLI::IsMember({"grid", "lhs"}));
  cmd->add_option("--points", options->points,
                  "lhs: design points (default 10); grid: values per range (default 3)")
      ->check(whole_range(1, static_cast<long long>(kMaxSweepPoints)));
  add_common_options(cmd, options->common, kAllCommon,
                     CommonDefaults::of("the scenario's [scenario] replications",
                                        "results/sweep-<scenario-name>"));
  cmd->add_option("--confidence", options->confidence, "Confidence level (default 0.95)")
      ->check(number_range(0.5, 0.9999));
  cmd->add_option("--tornado", options->tornado,
                  "Rank the varied keys by how much they move this KPI (one at a time, lowest "
                  "and highest value) -> tornado.csv; replaces the grid/lhs design");
  cmd->add_option("--scope", options->scope,
                  "Scope of the printed KPIs and the tornado (default province)");
  return resumable_command(cmd, options, sweep);
}

}  // namespace twotier::app
