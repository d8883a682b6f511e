// Back-testing a scenario against a dossier log: start from the backlog open at `from` (taken
// from the log), simulate to `to` with replications, and compare the observed monthly report
// rows per unit (new, completed on time, completed late, pending overdue) with prediction
// intervals from the replications.
//
// Prediction interval (distribution-free): with n replication values sorted x_(1) <= ... <=
// x_(n), [x_(k), x_(n+1-k)] with k = max(1, floor((n + 1) * (1 - level) / 2)) contains a new
// exchangeable value with probability >= (n + 1 - 2k) / (n + 1) (ties only raise it); n = 39
// gives exactly 95%. Months are clipped to [from, to): a partial first or last month is
// compared over the same days. Pure functions except the file writers; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/results/dossier_log.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

inline constexpr const char* kBacklogCsvName = "backlog.csv";
inline constexpr const char* kBacktestCsvName = "backtest.csv";

// The four compared counts, in the order of the CSV.
inline constexpr int kBacktestMeasures = 4;
inline constexpr const char* kBacktestMeasureNames[kBacktestMeasures] = {
    "new", "completed_on_time", "completed_late", "pending_overdue"};

// Writes the dossiers of `log` open at `from` (received before it, not completed by it) as a
// backlog table (docs/scenario-format.md): current_step = the last step started before `from`
// in the step log (the next one if it had ended; at most the procedure's last), else 1.
// Returns the number written. Throws model::ScenarioError naming the log row when a unit or
// procedure is not in `scenario`.
std::size_t write_backlog_csv(const DossierLog& log, LogTime from, const model::ModelSpec& scenario,
                              const std::filesystem::path& file);

struct ObservedMonth {
  std::string unit;
  int year = 0;
  int month = 0;
  std::array<double, kBacktestMeasures> counts{};
};
// Observed counts per unit and month clipped to [from, to), in unit-id then date order.
// pending_overdue: open at the period's end (received before it, not completed by it) with
// due_at before it.
std::vector<ObservedMonth> observed_months(const DossierLog& log, LogTime from, LogTime to);

struct BacktestRow {
  std::string unit;
  int year = 0;
  int month = 0;
  std::string measure;
  double observed = 0.0;
  double predicted_mean = 0.0;
  double low = 0.0;
  double high = 0.0;
  bool inside = false;
};

struct Backtest {
  std::vector<BacktestRow> rows;
  int replications = 0;
  double nominal_coverage = 0.0;  // (n + 1 - 2k) / (n + 1)
  double inside_share = 0.0;
};

// Compares `observed` with the replications' monthly reports of `spec` (units by id).
// REQUIRES: !results.empty(); 0 < level < 1.
Backtest compare_backtest(const model::ModelSpec& spec,
                          const std::vector<model::ReplicationResult>& results,
                          const std::vector<ObservedMonth>& observed, double level = 0.95);

// The whole back-test: loads `scenario` from `from` to `to` (warm-up 0), writes the log's
// open dossiers at `from` to out/backlog.csv and loads them as the scenario's backlog, runs
// `replications` on `threads` and compares with the log. Throws model::ScenarioError on bad
// input. REQUIRES: from < to.
struct BacktestRun {
  Backtest result;
  std::size_t open_at_start = 0;
  std::vector<std::string> unit_ids;    // the scenario's units, for people's tables
  std::vector<std::string> unit_names;  // UTF-8, same order
};
// `overrides` (--seed, --set) apply to the scenario before the window's start, horizon and
// warm-up; `progress` counts the replications on the progress board.
struct BacktestSettings {
  std::vector<std::string> overrides;
  bool progress = false;
};
BacktestRun run_backtest(const std::filesystem::path& scenario, const DossierLog& log,
                         const sim::CivilDate& from, const sim::CivilDate& to, int replications,
                         int threads, double level, const std::filesystem::path& out,
                         const BacktestSettings& settings = {});

// backtest.csv: unit,year,month,measure,observed,predicted_mean,low,high,inside.
void write_backtest_csv(const Backtest& backtest, const std::filesystem::path& file);

}  // namespace twotier::analysis
