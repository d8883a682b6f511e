// `twotier backtest SCENARIO LOG.csv --from DATE --to DATE [--reps N] [--steps STEPS.csv]`:
// simulate from the backlog open at --from (from the log) to --to and compare the observed
// monthly report rows with prediction intervals (analysis/calibration/backtest.hpp). Writes
// backtest.csv backtest_info.csv, backlog.csv and report.html (as `twotier report` renders it) to
// --out. Exit codes: 0 done, 2 bad input or usage.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "analysis/calibration/backtest.hpp"
#include "analysis/calibration/backtest_info.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/study_workbooks.hpp"
#include "analysis/results/dossier_log.hpp"
#include "analysis/results/output_folder.hpp"
#include "analysis/statistics/summary.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "models/units_parse.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

struct BacktestOptions {
  std::string scenario;
  std::string log;
  std::string steps;
  std::string from;
  std::string to;
  CommonOptions common;  // --reps 0: 39; --out empty: results/backtest
  double level = 0.95;
  int misses = 5;
};

int backtest(const BacktestOptions& options) {
  try {
    sim::CivilDate from_date, to_date;
    try {
      from_date = model::parse_date(options.from);
      to_date = model::parse_date(options.to);
    } catch (const model::ValueError& e) {
      std::cerr << "twotier backtest: error: --from/--to: " << e.what()
                << " (allowed: " << e.allowed() << ")\n";
      return kExitBadInput;
    }
    const long days = static_cast<long>(sim::days_between(from_date, to_date));
    if (days < 1) {
      std::cerr << "twotier backtest: error: --to must be after --from\n";
      return kExitBadInput;
    }
    const analysis::DossierLog log = analysis::read_dossier_log(
        options.log, options.steps.empty() ? std::nullopt : std::optional<fs::path>(options.steps));
    const int replications = options.common.replications > 0 ? options.common.replications : 39;
    if (replications < 2) {
      std::cerr << "twotier backtest: error: --reps 1: scenario.replications: a prediction "
                   "interval needs at least 2 replications\n";
      return kExitBadInput;
    }
    const fs::path out =
        options.common.out.empty() ? fs::path("results/backtest") : fs::path(options.common.out);
    analysis::OutputFolder folder = analysis::OutputFolder::claim(out, "twotier backtest");
    folder.refuse_unless_empty(options.common.force);
    const analysis::BacktestRun run = analysis::run_backtest(
        options.scenario, log, from_date, to_date, replications, options.common.threads,
        options.level, out, {options.common.scenario_overrides(), !options.common.quiet});
    const analysis::Backtest& bt = run.result;
    const std::size_t open = run.open_at_start;
    const bool table = !options.common.quiet;
    if (table) {
      std::printf("backtest %s to %s: %s at the start, %s\n", options.from.c_str(),
                  options.to.c_str(),
                  count_of(static_cast<long long>(open), "open dossier").c_str(),
                  count_of(bt.replications, "replication").c_str());
      std::printf("observed values inside their prediction interval: %s of %zu (nominal %s)\n",
                  analysis::percent_text(bt.inside_share).c_str(), bt.rows.size(),
                  analysis::percent_text(bt.nominal_coverage).c_str());
    }
    // Largest misses: distance outside the interval relative to its width.
    std::vector<const analysis::BacktestRow*> misses;
    for (const auto& row : bt.rows)
      if (!row.inside) misses.push_back(&row);
    auto distance = [](const analysis::BacktestRow* r) {
      const double outside = r->observed < r->low ? r->low - r->observed : r->observed - r->high;
      return outside / std::max(1.0, r->high - r->low);
    };
    std::sort(misses.begin(), misses.end(),
              [&](auto* a, auto* b) { return distance(a) > distance(b); });
    if (table && !misses.empty()) std::printf("largest misses:\n");
    for (std::size_t i = 0; table && i < misses.size() && static_cast<int>(i) < options.misses;
         ++i) {
      const auto* r = misses[i];
      std::printf("  %s %04d-%02d %-18s observed %6.0f, predicted %7.1f [%g, %g]\n",
                  r->unit.c_str(), r->year, r->month, r->measure.c_str(), r->observed,
                  r->predicted_mean, r->low, r->high);
    }
    analysis::BacktestInfo info;
    info.scenario = options.scenario;
    info.log = options.log;
    info.from = options.from;
    info.to = options.to;
    info.replications = bt.replications;
    info.level = options.level;
    info.nominal_coverage = bt.nominal_coverage;
    info.open_at_start = open;
    analysis::write_backtest_info_csv(info, out / analysis::kBacktestInfoCsvName);
    analysis::write_workbook(
        out / analysis::kResultsWorkbookName,
        analysis::backtest_sheets(run, info, command_line("twotier backtest")));
    // The report is a convenience, as for `twotier run`: a failure does not fail the back-test.
    try {
      analysis::write_html_report(out, options.common.language());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "twotier backtest: warning: report.html not written: %s\n", e.what());
    }
    folder.keep();
    std::printf("written to %s (and results.xlsx, report.html)\n",
                (out / analysis::kBacktestCsvName).string().c_str());
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

Action add_backtest_command(CLI::App& app) {
  auto options = std::make_shared<BacktestOptions>();
  auto* cmd = app.add_subcommand(
      "backtest", "Simulate from a logged backlog and compare with the logged monthly report");
  cmd->add_option("scenario", options->scenario, "Scenario TOML file")->required();
  cmd->add_option("log", options->log, "Dossier log CSV (docs/log-format.md)")->required();
  cmd->add_option("--steps", options->steps, "Step log CSV (current steps of the backlog)");
  cmd->add_option("--from", options->from, "First day simulated (YYYY-MM-DD)")->required();
  cmd->add_option("--to", options->to, "Day after the last one simulated (YYYY-MM-DD)")->required();
  CommonDefaults defaults =
      CommonDefaults::of("39: [min, max] is then a 95% prediction interval", "results/backtest", 2);
  defaults.why_not = {{kHorizon, "--from and --to set the simulated period"}};
  add_common_options(cmd, options->common, kAllCommon & ~kHorizon, defaults);
  cmd->add_option("--level", options->level, "Prediction level (default 0.95)")
      ->check(number_range(0.5, 0.999));
  return [options]() { return backtest(*options); };
}

}  // namespace twotier::app
