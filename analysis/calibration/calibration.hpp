// Calibration: turns a dossier log (analysis/results/dossier_log.hpp) into a scenario.
//
// What is fitted (docs/log-format.md, "Calibration", says how): arrival rates per unit x
// procedure with a shared hour/weekday/month profile and trend
// (analysis/calibration/arrival_fit.hpp); work-step efforts and delay-step durations per procedure
// step (lognormal by maximum likelihood, or the sample's empirical distribution when the sample is
// large and the lognormal is rejected by Kolmogorov-Smirnov); supplementation probability per step;
// the citizen's response time; withdrawal probability; channel mix. What cannot come from a log
// (units' kinds, workflows' tiers and skills, staff, calendar) comes from a staffing scenario
// when given; otherwise it is synthesised (every unit a commune, every step at the filing unit,
// staff estimated from throughput). Every parameter that had too little data keeps the
// staffing scenario's value or a default and is marked as a fallback in the report.
// Pure functions (no I/O except the writer); thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/calibration/arrival_fit.hpp"
#include "analysis/calibration/duration_sketch.hpp"
#include "analysis/results/dossier_log.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

struct CalibrationOptions {
  int min_duration_samples = 10;       // fewer: the effort/delay/response keeps its fallback
  int min_probability_samples = 20;    // fewer: the probability keeps its fallback
  int empirical_min_samples = 500;     // at least this many and KS rejects the lognormal at
  double empirical_ks_p_value = 0.01;  //   this level: write the empirical distribution
  int empirical_points = 100;
  // Values of one duration kept exactly; more go into fixed bins (duration_sketch.hpp), so a
  // large log fits in bounded memory. 0 bins every value.
  std::size_t exact_samples = DurationSketch::kDefaultExactLimit;
  double target_utilization = 0.8;  // staff estimate without a staffing scenario
};

// One line of the fit report (fit_report.csv).
struct FitReportRow {
  std::string parameter;  // arrival_rate, profile_hour, effort, delay, incomplete_probability, ...
  std::string scope;      // unit/procedure, procedure/step, procedure, unit/position, key
  std::string estimate;   // the value written into the scenario
  long long n = 0;        // sample size behind it
  std::string gof_statistic;  // ks_d, pearson_dispersion, or empty
  double gof_value = std::numeric_limits<double>::quiet_NaN();
  double p_value = std::numeric_limits<double>::quiet_NaN();
  bool fallback = false;
  std::string note;  // why a fallback, or what the estimate means
};

struct Calibration {
  model::ModelSpec spec;  // the calibrated scenario (epoch = first day of the log window)
  // Distribution texts that a ModelSpec cannot give back (empirical tables), keyed as
  // "effort/<procedure>/<step number>"; the writer prefers them.
  std::map<std::string, std::string> distribution_text;
  std::vector<FitReportRow> report;
  ArrivalFit arrivals;
  LogTime window_start = 0.0;
  LogTime window_end = 0.0;
};

// What calibration keeps of a log's dossiers: numbers per dossier (about 60 bytes: indices,
// times, channel, outcome, row), the log's unit and procedure ids once each. No dossier id or
// other text. Built by dossier_columns() from a log in memory or by StreamedLog from a file.
struct DossierColumns {
  std::string file;
  bool has_supplementation = false;
  std::vector<std::string> units, procedures;  // ids, in order of first appearance
  std::vector<std::int32_t> unit, procedure;   // per dossier: index into units / procedures
  std::vector<model::Channel> channel;
  std::vector<model::DossierOutcome> outcome;
  std::vector<LogTime> received, due, requested, returned;  // NaN where the cell is empty
  std::vector<int> line;                                    // row in the file
  std::size_t size() const { return received.size(); }
  // Appends one dossier.
  void add(const LoggedDossier& d);
};
DossierColumns dossier_columns(const DossierLog& log);

// The step rows of a log, visited in file order as often as calibration needs (once with a
// staffing scenario, twice without: structure, then durations). `file` is empty without a
// step log.
struct StepRows {
  std::string file;
  std::function<void(const std::function<void(const LoggedStep&)>&)> for_each;
};

// A log read for calibration in one streaming pass over the dossier log (DossierColumns and
// the ids), with the step log read again from its file whenever calibration visits its rows:
// memory does not grow with the step log. Throws model::ScenarioError as read_dossier_log.
class StreamedLog {
 public:
  StreamedLog(const std::filesystem::path& dossiers,
              const std::optional<std::filesystem::path>& steps);
  const DossierColumns& dossiers() const { return dossiers_; }
  StepRows steps() const;
  std::size_t step_rows() const { return step_rows_; }  // counted by the last visit

 private:
  DossierColumns dossiers_;
  DossierIds ids_;
  std::optional<std::filesystem::path> steps_;
  mutable std::size_t step_rows_ = 0;
};

// The observation window of a log: midnight of the first received_at's day to midnight
// after the last one's. Throws model::ScenarioError for an empty log or one spanning more
// than kMaxLogDays (check_log_period).
std::pair<LogTime, LogTime> log_window(const DossierColumns& dossiers);
std::pair<LogTime, LogTime> log_window(const DossierLog& log);

// What a log must hold to be calibrated from or back-tested against.
inline constexpr std::size_t kMinCalibrationDossiers = 20;
inline constexpr double kMaxLogDays = 3660;  // ten years
// Throws model::ScenarioError when the log spans more than kMaxLogDays (naming the row beyond
// the largest gap between received dates: a mistyped year) or, with `min_dossiers` > 0, has
// fewer dossiers than that ("too little data").
void check_log_period(const DossierColumns& dossiers, std::size_t min_dossiers);
void check_log_period(const DossierLog& log, std::size_t min_dossiers);

// REQUIRES: `staffing`, if given, was loaded with its start at the first day of log_window()
// and a horizon covering the window (so its calendars cover the log). Throws
// model::ScenarioError naming the log row when the log names a unit or procedure the staffing
// scenario lacks, or when the log is empty.
Calibration calibrate(const DossierColumns& dossiers, const StepRows& steps,
                      const std::optional<model::ModelSpec>& staffing,
                      const CalibrationOptions& options = {});
// The same for a log in memory.
Calibration calibrate(const DossierLog& log, const std::optional<model::ModelSpec>& staffing,
                      const CalibrationOptions& options = {});

// Writes DIR/scenario.toml with its tables (units, procedures, steps, positions, profiles,
// arrivals, holidays), fit_report.csv and fit_report.md. The TOML lists the fallbacks.
void write_calibration(const Calibration& calibration, const std::filesystem::path& folder);

}  // namespace twotier::analysis
