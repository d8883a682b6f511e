// `twotier backtest SCENARIO LOG.csv --from DATE --to DATE [--reps N] [--steps STEPS.csv]`:
// simulate from the backlog open at --from (from the log) to --to and compare the observed
// monthly report rows with prediction intervals (analysis/backtest.hpp). Writes backtest.csv
// and backlog.csv to --out. Exit codes: 0 done, 2 bad input or usage.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "analysis/backtest.hpp"
#include "analysis/dossier_log.hpp"
#include "analysis/experiment.hpp"
#include "apps/commands.hpp"
#include "models/scenario_loader.hpp"
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
  int replications = 39;
  int threads = 0;
  double level = 0.95;
  std::string out = "results/backtest";
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
    const analysis::LogTime from = analysis::log_time(from_date);
    const analysis::LogTime to = analysis::log_time(to_date);

    model::LoadOptions load;
    load.overrides = {"scenario.start=" + sim::to_string(from_date),
                      "scenario.horizon=" + std::to_string(days) + "d", "scenario.warmup=0d"};
    const model::ModelSpec structure = model::load_scenario(options.scenario, load);
    const fs::path out = options.out;
    fs::create_directories(out);
    const fs::path backlog = fs::absolute(out / analysis::kBacklogCsvName);
    const std::size_t open = analysis::write_backlog_csv(log, from, structure, backlog);
    if (open > 0) load.overrides.push_back("tables.backlog=" + backlog.string());
    const model::ModelSpec spec = model::load_scenario(options.scenario, load);

    analysis::ExperimentOptions experiment;
    experiment.replications = options.replications;
    experiment.threads = options.threads;
    const analysis::ExperimentResult result = analysis::run_experiment(spec, experiment);
    const analysis::Backtest bt = analysis::compare_backtest(
        spec, result.replications, analysis::observed_months(log, from, to), options.level);
    analysis::write_backtest_csv(bt, out / analysis::kBacktestCsvName);

    std::printf("backtest %s to %s: %zu open dossiers at the start, %d replications\n",
                options.from.c_str(), options.to.c_str(), open, bt.replications);
    std::printf(
        "observed values inside their prediction interval: %.1f%% of %zu (nominal "
        "%.1f%%)\n",
        100.0 * bt.inside_share, bt.rows.size(), 100.0 * bt.nominal_coverage);
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
    if (!misses.empty()) std::printf("largest misses:\n");
    for (std::size_t i = 0; i < misses.size() && static_cast<int>(i) < options.misses; ++i) {
      const auto* r = misses[i];
      std::printf("  %s %04d-%02d %-18s observed %6.0f, predicted %7.1f [%g, %g]\n",
                  r->unit.c_str(), r->year, r->month, r->measure.c_str(), r->observed,
                  r->predicted_mean, r->low, r->high);
    }
    std::printf("written to %s\n", (out / analysis::kBacktestCsvName).string().c_str());
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
  cmd->add_option("--reps", options->replications,
                  "Replications (default 39: [min, max] is then a 95% prediction interval)")
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--level", options->level, "Prediction level (default 0.95)")
      ->check(CLI::Range(0.5, 0.999));
  cmd->add_option("--threads", options->threads, "Worker threads (default: all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", options->out, "Output folder (default results/backtest)");
  return [options]() { return backtest(*options); };
}

}  // namespace twotier::app
