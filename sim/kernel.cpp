#include "sim/kernel.hpp"

#include <cassert>

namespace sim {

HandlerId Kernel::add_handler(EventHandler& handler) {
  handlers_.push_back(&handler);
  return static_cast<HandlerId>(handlers_.size() - 1);
}

Event Kernel::make_event(Instant at, HandlerId handler, std::uint64_t payload,
                         std::int32_t priority) {
  assert(at >= now_);
  assert(handler < handlers_.size());
  Event e;
  e.time = at;
  e.priority = priority;
  e.handler = handler;
  e.sequence = next_sequence_++;
  e.payload = payload;
  return e;
}

void Kernel::schedule(Instant at, HandlerId handler, std::uint64_t payload, std::int32_t priority) {
  queue_.push(make_event(at, handler, payload, priority));
  ++live_;
}

EventHandle Kernel::schedule_cancellable(Instant at, HandlerId handler, std::uint64_t payload,
                                         std::int32_t priority) {
  Event e = make_event(at, handler, payload, priority);
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slot_sequence_.size());
    slot_sequence_.push_back(0);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  slot_sequence_[slot] = e.sequence;
  e.cancel_slot = slot;
  queue_.push(e);
  ++live_;
  return EventHandle{slot, e.sequence};
}

bool Kernel::is_pending(const EventHandle& handle) const {
  return handle.slot != 0 && handle.slot < slot_sequence_.size() &&
         slot_sequence_[handle.slot] == handle.sequence;
}

bool Kernel::cancel(EventHandle& handle) {
  const bool pending = is_pending(handle);
  if (pending) {
    slot_sequence_[handle.slot] = 0;
    free_slots_.push_back(handle.slot);
    --live_;
    ++cancelled_in_heap_;
    // Small heaps are left alone: discarding at the top is cheaper than rebuilding.
    if (cancelled_in_heap_ > 1024 && cancelled_in_heap_ > live_) compact();
  }
  handle = EventHandle{};
  return pending;
}

void Kernel::compact() {
  // A freed slot may already hold a newer live event; is_cancelled() compares sequences, so
  // only the stale copies go.
  queue_.remove_if([this](const Event& e) { return is_cancelled(e); });
  cancelled_in_heap_ = 0;
}

bool Kernel::discard_cancelled_top() {
  while (!queue_.empty()) {
    if (!is_cancelled(queue_.top())) return true;
    queue_.pop();  // cancelled: its slot was already freed by cancel()
    --cancelled_in_heap_;
  }
  return false;
}

std::optional<Instant> Kernel::peek() {
  if (!discard_cancelled_top()) return std::nullopt;
  return queue_.top().time;
}

void Kernel::dispatch(const Event& event) {
  if (event.cancel_slot != 0) {
    slot_sequence_[event.cancel_slot] = 0;
    free_slots_.push_back(event.cancel_slot);
  }
  --live_;
  now_ = event.time;
  ++events_run_;
  handlers_[event.handler]->handle(event);
}

bool Kernel::step() {
  if (!discard_cancelled_top()) return false;
  dispatch(queue_.pop());
  return true;
}

void Kernel::run_until(Instant end) {
  assert(end >= now_);
  while (discard_cancelled_top() && queue_.top().time <= end) {
    dispatch(queue_.pop());
  }
  now_ = end;
}

}  // namespace sim
