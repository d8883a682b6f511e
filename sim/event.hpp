// A scheduled event: a small value ordered by (time, priority, insertion sequence).
//
// Events carry no closures: `handler` names a registered sim::EventHandler and `payload` is
// opaque to the kernel (a model packs an entity index and an event kind into it). This keeps
// the event loop free of allocation. An Event is what handlers see; the future-event set
// stores it as a 16-byte heap entry plus a record (sim/event_queue.hpp).
#pragma once

#include <cstdint>  // std::uint32_t, std::uint64_t

#include "sim/time.hpp"

namespace sim {

using HandlerId = std::uint32_t;

struct Event {
  Instant time;
  std::int32_t priority = 0;      // at equal time, lower runs first
  HandlerId handler = 0;          // index returned by Kernel::add_handler
  std::uint64_t sequence = 0;     // insertion order: breaks the remaining ties, never reused
  std::uint64_t payload = 0;      // opaque to the kernel
  std::uint32_t cancel_slot = 0;  // 0 = not cancellable; else a slot in the kernel's table
};

// Strict ordering of the future-event set: earlier time, then lower priority, then earlier
// insertion. Two distinct events never compare equal because sequences are unique.
inline bool runs_before(const Event& a, const Event& b) {
  if (a.time.seconds != b.time.seconds) return a.time.seconds < b.time.seconds;
  if (a.priority != b.priority) return a.priority < b.priority;
  return a.sequence < b.sequence;
}

// Receives the events scheduled for it. Implementations are model components; the kernel
// calls handle() with its clock already advanced to event.time.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
};

// Identifies a cancellable pending event. Stale handles (event already run or cancelled) are
// safe to pass to Kernel::cancel, which then does nothing.
struct EventHandle {
  std::uint32_t slot = 0;
  std::uint64_t sequence = 0;
  bool empty() const { return slot == 0; }
};

}  // namespace sim
