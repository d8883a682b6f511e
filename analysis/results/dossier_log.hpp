// Dossier logs (docs/log-format.md): the CSV export of a dossier-processing system, one row
// per dossier, with an optional table of steps. Reading checks every cell and throws
// model::ScenarioError "file:row: error: column 'x': bad value 'y' (allowed: ...)" on the first
// problem. Times are local date-times; in memory they are LogTime seconds since
// 1970-01-01T00:00 local (no time zone, no daylight saving). Pure values, thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/csv_reader.hpp"
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

// The ids of a log's dossiers, to resolve step rows: the ids' bytes in one block and an
// open-addressing table whose slots hold each id's first 16 bytes, length and hash, so that a
// lookup of a short id touches one slot (about 60 bytes a dossier with the ids). Thread-compatible.
class DossierIds {
 public:
  // Adds `id` as dossier `index` first seen on `line`; if it was there already, returns the
  // line it was first seen on and adds nothing. REQUIRES: index == size().
  std::optional<int> insert(std::string_view id, std::size_t index, int line);
  std::optional<std::size_t> find(std::string_view id) const;
  std::size_t size() const { return starts_.size(); }

 private:
  struct Slot {
    char prefix[16];           // the id's first bytes, zero-padded
    std::uint32_t length = 0;  // of the id
    std::uint32_t index = 0;   // dossier index + 1; 0 = empty
  };
  static Slot slot_for(std::string_view id);
  std::string_view id_of(std::size_t index) const;
  bool matches(const Slot& slot, const Slot& key, std::string_view id) const;
  void grow();
  std::string bytes_;                  // every id, one after the other
  std::vector<std::uint64_t> starts_;  // per dossier index: where its id starts in bytes_
  std::vector<int> lines_;             // per dossier index: its row
  std::vector<Slot> slots_;            // a power of two, at most half full
};

// A dossier log read one row at a time (models/csv_reader.hpp: memory does not grow with the
// file except for the ids), each row checked as read_dossier_log says. Not thread-safe.
class DossierLogReader {
 public:
  explicit DossierLogReader(const std::filesystem::path& dossiers);
  const std::string& file() const { return csv_.file(); }
  bool has_supplementation() const { return has_supplementation_; }
  // Reads the next dossier into `d` (its strings reuse their capacity); false at the end.
  // Throws model::ScenarioError naming the row on a bad value or a duplicate id.
  bool next(LoggedDossier& d);
  // The ids read so far (dossier i = the i-th row read).
  const DossierIds& ids() const { return ids_; }
  DossierIds release_ids() { return std::move(ids_); }

 private:
  model::CsvReader csv_;
  bool has_supplementation_ = false;
  DossierIds ids_;
  int id_, unit_, procedure_, channel_, received_, due_, completed_, outcome_, requested_,
      returned_;  // column indices
};

// A step log read one row at a time against the dossiers of `ids` (read from `dossier_file`).
// Not thread-safe; `ids` must outlive the reader.
class StepLogReader {
 public:
  StepLogReader(const std::filesystem::path& steps, const DossierIds& ids,
                std::string dossier_file);
  const std::string& file() const { return csv_.file(); }
  // Reads the next step into `s`; false at the end. Throws model::ScenarioError naming the row.
  bool next(LoggedStep& s);

 private:
  model::CsvReader csv_;
  const DossierIds& ids_;
  std::string dossier_file_;
  int id_, step_, started_, ended_, position_;  // column indices
};

// Reads and checks a dossier log and, if given, its step table. Checks: required columns,
// known channels and outcomes, date-times, unique ids, completed_at present exactly when the
// outcome is not pending, no time before received_at, supplement_returned_at only after a
// request; steps name a logged dossier, step >= 1, started_at <= ended_at.
DossierLog read_dossier_log(const std::filesystem::path& dossiers,
                            const std::optional<std::filesystem::path>& steps = std::nullopt);

}  // namespace twotier::analysis
