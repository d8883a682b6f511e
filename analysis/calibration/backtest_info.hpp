// backtest_info.csv: what a `twotier backtest` folder's backtest.csv was made from (scenario,
// log, period, replications, prediction level and its exact nominal coverage, backlog at the
// start), as `key,value` rows, so that `twotier report` can describe the back-test from the
// folder alone. Pure functions plus the file writer/reader; thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace twotier::analysis {

inline constexpr const char* kBacktestInfoCsvName = "backtest_info.csv";

struct BacktestInfo {
  std::string scenario;  // as given on the command line
  std::string log;
  std::string from;  // ISO dates: first day simulated, day after the last
  std::string to;
  int replications = 0;
  double level = 0.0;             // the requested prediction level
  double nominal_coverage = 0.0;  // the exact level of the order-statistic interval
  std::size_t open_at_start = 0;  // dossiers of the log open at `from` (the backlog)
};

// Writes `info` to `file` (through a temporary name).
void write_backtest_info_csv(const BacktestInfo& info, const std::filesystem::path& file);
// nullopt when `file` does not exist (older folders); unknown keys are ignored, missing ones
// keep their defaults. Throws std::runtime_error when it cannot be read.
std::optional<BacktestInfo> read_backtest_info_csv(const std::filesystem::path& file);

}  // namespace twotier::analysis
