// One replication of the two-tier dossier flow: a dossier's life on sim::Kernel, from
// arrival to the returned result, measured against its statutory deadline.
//
// Reads a const ModelSpec (shared by concurrent replications; nothing here is global) and
// returns plain KPI tables. Randomness comes only from streams keyed by what they drive
// ("arrival/<unit>/<procedure>", "effort/<unit>/<procedure>/<step index>", "channel/...",
// "incomplete/...", "citizen/...", "field_check/..."), so scenarios sharing a unit and a
// procedure see the same draws. The flow rules and KPI conventions are in
// docs/model-runtime.md.
#pragma once

#include <atomic>  // std::atomic<bool> cancel flag
#include <cstdint>
#include <stdexcept>

#include "models/dossier_record.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"
#include "models/trace.hpp"

namespace twotier::model {

// Runs replication `replication` of `spec` from spec.start to spec.end. `trace`, if given,
// receives every step of every dossier (slow; for tests and debugging). `records`, if given,
// receives a StepRecord per finished step and a DossierRecord per dossier that leaves, then
// one per dossier still open at the horizon (outcome pending), for logs (docs/log-format.md).
// REQUIRES: spec is valid as the loader checks it; every calendar covers [0, spec.end]
// (calendars should extend past the horizon so deadlines near the end can be computed;
// deadlines beyond a calendar's range count as "after the horizon").
// Throws std::invalid_argument if a calendar ends before spec.end.
ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  TraceSink* trace = nullptr, DossierRecordSink* records = nullptr);

// Thrown by the cancellable run_replication when its flag is set: the replication was
// abandoned and has no result.
class ReplicationCancelled : public std::runtime_error {
 public:
  ReplicationCancelled() : std::runtime_error("replication cancelled") {}
};

// The same, but polls `cancel` after every simulated day and throws ReplicationCancelled once
// it is true (an interrupted experiment stops within a day's work). Until then it runs
// exactly the events of the call above, so an uncancelled result is identical.
ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  const std::atomic<bool>& cancel, TraceSink* trace = nullptr,
                                  DossierRecordSink* records = nullptr);

// The same, watched: `cancel` as above when not null; `days_done`, when not null, gains 1
// after every simulated day (for progress displays that move inside a long replication).
// Either way the events run are those of the first call, so results are identical.
ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  const std::atomic<bool>* cancel,
                                  std::atomic<std::int64_t>* days_done, TraceSink* trace = nullptr,
                                  DossierRecordSink* records = nullptr);

}  // namespace twotier::model
