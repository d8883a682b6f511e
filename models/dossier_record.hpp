// Flat records of a dossier's life for logs and tables: one DossierRecord when a dossier
// leaves (or is still open at the horizon) and one StepRecord per finished step.
//
// The runtime calls a DossierRecordSink only when one is given (run_replication's `records`).
// Records are plain values except the id view, valid during the call only (copy what you
// keep). A sink belongs to one replication (not thread-safe). The CSV log format written from
// these records is in docs/log-format.md; an HDF5 per-dossier table can reuse them as they are.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/spec.hpp"
#include "sim/time.hpp"

namespace twotier::model {

// How a dossier's life ended, as exported by provincial systems. The runtime writes kOnTime,
// kLate, kWithdrawn (the citizen withdrew after a supplementation request) and kPending (open
// at the horizon); kReturned (returned without a result) appears only in real exports and is
// reported together with withdrawals (the report's returned_withdrawn column).
enum class DossierOutcome : std::uint8_t { kOnTime, kLate, kReturned, kWithdrawn, kPending };
const char* to_string(DossierOutcome outcome);
std::optional<DossierOutcome> parse_dossier_outcome(std::string_view text);
// "on_time, late, returned, withdrawn, pending", for error messages.
const char* dossier_outcome_names();

struct DossierRecord {
  std::string_view id;  // the backlog id, or "D<n>" for the n-th dossier received (from 1)
  int unit = 0;         // filing unit, index into ModelSpec::units
  int procedure = 0;    // index into ModelSpec::procedures
  Channel channel = Channel::kInPerson;
  sim::Instant received;             // start of the statutory clock
  std::optional<sim::Instant> due;   // the last appointment set; none if past the calendar
  std::optional<sim::Instant> left;  // result returned or withdrawn; none while pending
  DossierOutcome outcome = DossierOutcome::kPending;
  std::optional<sim::Instant> supplement_requested;  // the citizen was asked to supplement
  std::optional<sim::Instant> supplement_returned;   // the citizen brought it back
  // Calendar time spent in steps of each tier (index: Tier; transfers count for the tier of
  // their step, time with the citizen for neither). Pending: up to the horizon.
  std::array<sim::Duration, kTierCount> tier_time{};
};

struct StepRecord {
  std::string_view dossier;  // as DossierRecord::id
  int unit = 0;              // filing unit
  int procedure = 0;
  int step = 0;          // index into the procedure's steps (the log writes step + 1)
  sim::Instant started;  // work: when the officer began; delay/transfer: when it began
  sim::Instant ended;
  int position = -1;  // index into ModelSpec::positions for work steps, else -1
};

struct DossierRecordSink {
  virtual ~DossierRecordSink() = default;
  virtual void on_step(const StepRecord& record) = 0;
  virtual void on_dossier(const DossierRecord& record) = 0;
};

}  // namespace twotier::model
