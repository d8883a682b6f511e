// A seam for exact trace tests: the replication reports each step of a dossier's life.
//
// The runtime calls TraceSink::record only when a sink is given (the views are valid during
// the call only: copy what you keep). Events, in the order they happen to a dossier:
// "arrive", "receive", "appointment" (time = the due instant set or moved), "queue:<step>",
// "start:<step>", "end:<step>", "rework:<step>" (an officer's error: the step is queued again), "field_check", "supplementation", "resubmit", "withdraw",
// "overdue" (apology slip), "complete". A sink belongs to one replication (not thread-safe).
#pragma once

#include <string_view>

#include "sim/time.hpp"

namespace twotier::model {

struct TraceRecord {
  std::string_view dossier;  // the backlog id, or "D<n>" for the n-th dossier received (from 1)
  std::string_view event;
  sim::Instant time;
};

struct TraceSink {
  virtual ~TraceSink() = default;
  virtual void record(const TraceRecord& record) = 0;
};

}  // namespace twotier::model
