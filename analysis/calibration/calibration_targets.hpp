// Calibration to reported aggregates: the figures a province reported (targets), the free
// parameters with their ranges, and how one replication's result gives each target's simulated
// value. Read from two CSV tables (docs/calibration.md has their columns and an example).
//
// A target's metric is evaluated over its own period (`from`..`to`, dates inclusive) from the
// replication's daily series and monthly report, so one run over the union of the periods answers
// every target. Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "models/replication_result.hpp"
#include "models/spec.hpp"
#include "sim/civil_date.hpp"

namespace twotier::analysis {

// What a target measures. Each has the scopes it accepts (check_targets says which).
enum class TargetMetric {
  kArrivalsPerMonth,      // receipts in the period per average month (365.25 / 12 days)
  kArrivalShare,          // receipts of the scope / receipts of the province, in the period
  kOnTimeRate,            // completed on time / completed, over the calendar months of the period
  kOverdueOpen,           // open overdue dossiers at the end of `to` (from = to)
  kBacklogOpen,           // open dossiers at the end of `to` (from = to)
  kOverdueFlagSyncShare,  // share of "overdue" flags that are data-sync errors (whole run)
};
const char* to_string(TargetMetric metric);

struct CalibrationTarget {
  std::string id;  // unique, [a-z0-9_]
  TargetMetric metric;
  // "province", "tier:commune", "tier:province" (by the procedure's authority), "filed:commune",
  // "filed:province" (by the level of the unit where the dossier was filed) or "unit:<id>".
  std::string scope;
  sim::CivilDate from;
  sim::CivilDate to;  // >= from
  double value = 0.0;
  // The observation's uncertainty as a standard deviation: the standard error given, or a
  // tolerance ±t read as a 3-sigma half-width (t / 3), so that with no simulation noise a
  // parameter set is plausible for this target exactly when |simulated - value| <= t.
  double sigma = 0.0;
  double tolerance = 0.0;  // ±t as given, or 3 sigma when a standard error was given
  std::string source;
  std::string file;  // where it was read, for messages
  int line = 0;
};

// A free parameter: a `--set` path (any key the scenario's overrides accept) and the range it is
// searched over.
struct ParameterRange {
  std::string key;
  double low = 0.0;
  double high = 0.0;       // > low
  bool log_scale = false;  // sample log(value) uniformly (low > 0)
  std::string source;      // why this range
};

// Throw model::ScenarioError ("file:row: error: column 'x': ...") on a malformed table.
std::vector<CalibrationTarget> read_calibration_targets(const std::filesystem::path& file);
std::vector<ParameterRange> read_parameter_ranges(const std::filesystem::path& file);

// Checks every target against the scenario it will be simulated with: the scope exists, the
// period lies inside [start, end) of the run, the metric accepts the scope and the period.
// Throws model::ScenarioError naming the target's file and row.
void check_targets(const std::vector<CalibrationTarget>& targets, const model::ModelSpec& spec);

// The simulated value of `target` in one replication of `spec` (NaN when the scope completed
// nothing in the period, for a rate). REQUIRES: check_targets passed for `spec`.
double simulated_value(const CalibrationTarget& target, const model::ModelSpec& spec,
                       const model::ReplicationResult& result);

// The last day any target needs (to set the run's horizon).
sim::CivilDate last_target_day(const std::vector<CalibrationTarget>& targets);

}  // namespace twotier::analysis
