#include "sim/kernel.hpp"

#include <cassert>

namespace sim {

HandlerId Kernel::add_handler(EventHandler& handler) {
  handlers_.push_back(&handler);
  return static_cast<HandlerId>(handlers_.size() - 1);
}

EventHandle Kernel::schedule_cancellable(Instant at, HandlerId handler, std::uint64_t payload,
                                         std::int32_t priority) {
  assert(at >= now_);
  assert(handler < handlers_.size());
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slot_sequence_.size());
    slot_sequence_.push_back(0);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  const std::uint64_t sequence = queue_.push(at, priority, handler, payload, slot);
  slot_sequence_[slot] = sequence;
  ++live_;
  return EventHandle{slot, sequence};
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

std::optional<Instant> Kernel::peek() {
  if (!discard_cancelled_top()) return std::nullopt;
  return queue_.top().time;
}

void Kernel::release_slot(std::uint32_t slot) {
  slot_sequence_[slot] = 0;
  free_slots_.push_back(slot);
}

void Kernel::run_until(Instant end) {
  assert(end >= now_);
  while (discard_cancelled_top() && queue_.top().time <= end) {
    dispatch(queue_.take_top());
    queue_.settle();
  }
  now_ = end;
}

}  // namespace sim
