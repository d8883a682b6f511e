// Dossier logs (docs/log-format.md): the CSV export of a dossier-processing system, one row
// per dossier, with an optional table of steps. Reading checks every cell and throws
// model::ScenarioError "file:row: error: column 'x': bad value 'y' (allowed: ...)" on the first
// problem. Times are local date-times; in memory they are LogTime seconds since
// 1970-01-01T00:00 local (no time zone, no daylight saving). Pure values, thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/dossier_record.hpp"
#include "models/spec.hpp"
#include "sim/civil_date.hpp"
#include "sim/time.hpp"

namespace twotier::analysis {

// Seconds since 1970-01-01T00:00 local time.
using LogTime = double;

inline constexpr const char* kDossierLogName = "dossier_log.csv";
inline constexpr const char* kStepLogName = "step_log.csv";

// "2026-01-05T08:15:00" (rounded to the second).
std::string format_log_time(LogTime t);
LogTime log_time(const sim::CivilDate& date, double seconds_of_day = 0.0);
// The instant of `t` in a simulation whose epoch is 00:00 of `epoch`, and back.
sim::Instant to_instant(LogTime t, const sim::CivilDate& epoch);
LogTime from_instant(sim::Instant t, const sim::CivilDate& epoch);
sim::CivilDate date_of(LogTime t);

struct LoggedDossier {
  std::string id;
  std::string unit;
  std::string procedure;
  model::Channel channel = model::Channel::kInPerson;
  LogTime received = 0.0;
  std::optional<LogTime> due;
  std::optional<LogTime> completed;  // when it left (result, return or withdrawal)
  model::DossierOutcome outcome = model::DossierOutcome::kPending;
  std::optional<LogTime> supplement_requested;
  std::optional<LogTime> supplement_returned;
  int line = 0;  // row in the file (header = 1), for messages
};

struct LoggedStep {
  std::size_t dossier = 0;  // index into DossierLog::dossiers
  int step = 1;             // 1-based step number, as in steps.csv
  LogTime started = 0.0;
  LogTime ended = 0.0;
  std::string position;  // officer position id; empty for steps without an officer
  int line = 0;
};

struct DossierLog {
  std::string file;
  std::string steps_file;            // empty without a step table
  bool has_supplementation = false;  // the optional supplement_* columns were present
  std::vector<LoggedDossier> dossiers;
  std::vector<LoggedStep> steps;  // in file order
};

// Reads and checks a dossier log and, if given, its step table. Checks: required columns,
// known channels and outcomes, date-times, unique ids, completed_at present exactly when the
// outcome is not pending, no time before received_at, supplement_returned_at only after a
// request; steps name a logged dossier, step >= 1, started_at <= ended_at.
DossierLog read_dossier_log(const std::filesystem::path& dossiers,
                            const std::optional<std::filesystem::path>& steps = std::nullopt);

}  // namespace twotier::analysis
