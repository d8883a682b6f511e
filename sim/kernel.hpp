// The discrete-event kernel: a clock, a future-event set and a table of handlers.
//
// It offers little more than now / schedule / cancel / peek / step / run_until; resources,
// calendars and statistics are built on this public API. Events at equal time run by
// priority, then in insertion order, so a run is fully determined by what was scheduled.
// No global state: one Kernel per replication, so replications run on threads without locks.
// Cancellation is lazy: a cancelled event stays in the heap and is discarded when it reaches
// the top, so cancel() is O(1) and never scans. When cancelled events outnumber live ones the
// heap is compacted in O(n) (amortised O(1) per cancel), so the heap never holds more than
// about twice the live events: memory follows what is pending, not what was ever scheduled.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/event.hpp"
#include "sim/event_queue.hpp"

namespace sim {

class Kernel {
 public:
  Kernel() = default;
  explicit Kernel(Instant start) : now_(start) {}
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // Registers a handler; the returned id is what events name. The handler must outlive the
  // kernel's run.
  HandlerId add_handler(EventHandler& handler);

  Instant now() const { return now_; }

  // Returns the event's sequence (Event::sequence when it runs; unique, never 0), so that a
  // model can recognise a superseded event itself instead of cancelling it (cheaper when
  // superseding is rare: see Replication::schedule_work_done).
  // REQUIRES: at >= now()
  std::uint64_t schedule(Instant at, HandlerId handler, std::uint64_t payload,
                         std::int32_t priority = 0) {
    assert(at >= now_);
    assert(handler < handlers_.size());
    const std::uint64_t sequence = queue_.push(at, priority, handler, payload, /*cancel_slot=*/0);
    ++live_;
    return sequence;
  }
  // REQUIRES: delay >= 0
  void schedule_in(Duration delay, HandlerId handler, std::uint64_t payload,
                   std::int32_t priority = 0) {
    schedule(now_ + delay, handler, payload, priority);
  }
  // As schedule(), but returns a handle that cancel() accepts.
  EventHandle schedule_cancellable(Instant at, HandlerId handler, std::uint64_t payload,
                                   std::int32_t priority = 0);

  // Cancels a pending event; returns false (and does nothing) when the handle is empty, the
  // event already ran or was already cancelled. Resets the handle.
  bool cancel(EventHandle& handle);
  bool is_pending(const EventHandle& handle) const;

  // Time of the next live event, if any. Discards cancelled events found at the top.
  std::optional<Instant> peek();
  // Runs the next live event; returns false when there is none.
  bool step() {
    if (!discard_cancelled_top()) return false;
    // take_top leaves the root empty: the handler's first schedule() refills it in one sift.
    dispatch(queue_.take_top());
    queue_.settle();
    return true;
  }
  // Runs every event with time <= end (including events those events schedule at <= end),
  // then sets the clock to end. Events after end stay pending; a later run_until resumes.
  // REQUIRES: end >= now()
  void run_until(Instant end);

  // Live events (scheduled, neither run nor cancelled).
  std::uint64_t pending() const { return live_; }
  std::uint64_t events_run() const { return events_run_; }
  // Events held in the heap, live or cancelled-but-not-yet-removed (for memory checks).
  std::size_t heap_size() const { return queue_.size(); }
  // Pre-sizes the event heap so a run of known size does not grow it.
  void reserve(std::size_t events) { queue_.reserve(events); }

 private:
  // The hot path (schedule, step, run_until) is inline: one call per event, the handler's.
  // Pops cancelled events off the top. Returns false when the queue is empty afterwards.
  bool discard_cancelled_top() {
    while (!queue_.empty()) {
      if (!is_cancelled(queue_.top())) return true;
      queue_.pop();  // cancelled: its slot was already freed by cancel()
      --cancelled_in_heap_;
    }
    return false;
  }
  bool is_cancelled(const Event& event) const {
    return event.cancel_slot != 0 && slot_sequence_[event.cancel_slot] != event.sequence;
  }
  void compact();
  void dispatch(const Event& event) {
    if (event.cancel_slot != 0) release_slot(event.cancel_slot);
    --live_;
    now_ = event.time;
    ++events_run_;
    handlers_[event.handler]->handle(event);
  }
  void release_slot(std::uint32_t slot);

  // Written only by the event loop and schedule/cancel.
  Instant now_{};
  EventQueue queue_;  // also numbers the events (sequence)
  std::uint64_t live_ = 0;
  std::uint64_t cancelled_in_heap_ = 0;  // cancelled events not yet removed from queue_
  std::uint64_t events_run_ = 0;
  // slot_sequence_[s] is the sequence of the live event holding cancellation slot s, or 0
  // when the slot is free. Slot 0 is reserved for "not cancellable".
  std::vector<std::uint64_t> slot_sequence_{0};
  std::vector<std::uint32_t> free_slots_;
  // Constant after the handlers are registered.
  std::vector<EventHandler*> handlers_;
};

}  // namespace sim
