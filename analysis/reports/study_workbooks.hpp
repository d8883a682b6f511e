// results.xlsx of the commands that study a scenario rather than run it once, laid out for
// people beside their CSV contracts (which stay as docs/output-format.md defines them):
// - sweep: one row per design point with its values and the headline KPIs of the printed scope
//   with intervals; the tornado's levers when there is one;
// - delegation: every authority option of every domain with its KPIs and intervals, the
//   paired differences from the domain as it is, and the officers each option needs;
// - backtest: every observed monthly figure beside its prediction interval, with unit names;
// - calibrate --targets: every parameter set simulated (plausible or not) and every target with
//   the range the plausible sets give it.
// Rates as percentages, counts rounded, days with decimals, names in full; each book ends with a
// sheet saying how it was made. Sheet builders are pure; write_* writes atomically (one thread).
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "analysis/calibration/backtest.hpp"
#include "analysis/calibration/backtest_info.hpp"
#include "analysis/calibration/history_matching.hpp"
#include "analysis/decisions/delegation_explorer.hpp"
#include "analysis/experiments/design.hpp"
#include "analysis/experiments/sweep_design.hpp"
#include "analysis/results/results_workbook.hpp"
#include "analysis/results/run_metadata.hpp"

namespace twotier::analysis {

struct SweepWorkbook {
  std::span<const SweepFactor> factors;
  std::span<const SweepResult> results;
  std::string scope = "province";  // whose KPIs the points sheet shows
  RunMetadata base;                // the base scenario: names, seed, replications, command line
  double confidence = 0.95;
  std::string design;  // "grid", "lhs" or "tornado"
  // The tornado, when there is one (empty bars otherwise).
  std::span<const TornadoBar> bars;
  std::string tornado_metric;
  double tornado_baseline = 0.0;
};
std::vector<WorkbookSheet> sweep_sheets(const SweepWorkbook& book);

std::vector<WorkbookSheet> delegation_sheets(const DelegationExploration& exploration,
                                             const std::string& command_line);

// Unit names from run.unit_ids / run.unit_names; `info` says how the back-test was made.
std::vector<WorkbookSheet> backtest_sheets(const BacktestRun& run, const BacktestInfo& info,
                                           const std::string& command_line);

std::vector<WorkbookSheet> calibration_sheets(const HistoryMatchingResult& result,
                                              const std::string& scenario_name,
                                              const std::string& command_line);

}  // namespace twotier::analysis
