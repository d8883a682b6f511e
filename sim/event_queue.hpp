// The future-event set: a 4-ary min-heap of 16-byte entries (time key, priority, record index)
// over a side table of records (time, sequence, payload, handler, cancellation slot).
//
// Invariants: entries are ordered by (time, priority, sequence); the time is compared as an
// order-preserving integer key and the sequence is read from the record only when time and
// priority tie. Sequences are 64-bit, unique and never reused, so the order is total and any
// correct heap pops the events in exactly the same order. A record belongs to exactly one entry
// while that entry is in the heap and is recycled when the entry leaves.
// Why this shape (measured with bench/bench_kernel.cpp, see docs/performance.md): sifting moves
// 16-byte entries (a family of four siblings spans one or two cache lines) and compares integers
// with conditional moves; the record is touched once per event. Pop is split (take_top, then
// settle) so that a handler scheduling one event refills the root with one sift-down instead of a
// sift-down plus a sift-up. Once the peak number of pending events is reached, nothing is
// allocated. Not thread-safe; one queue per replication.
#pragma once

#include <bit>  // std::bit_cast
#include <cassert>
#include <cstddef>  // std::size_t
#include <cstdint>
#include <vector>

#include "sim/event.hpp"

namespace sim {

class EventQueue {
 public:
  EventQueue() = default;
  // Numbers events from `first_sequence` on (tests use it to cross 2^32 or approach 2^64).
  explicit EventQueue(std::uint64_t first_sequence) : next_sequence_(first_sequence) {}
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  // Live entries, not counting a root taken by take_top() and not yet refilled.
  std::size_t size() const { return heap_.size() - (root_taken_ ? 1 : 0); }
  bool empty() const { return size() == 0; }
  void reserve(std::size_t n) {
    heap_.reserve(n);
    records_.reserve(n);
    free_records_.reserve(n);
  }
  void clear() {
    heap_.clear();
    records_.clear();
    free_records_.clear();
    root_taken_ = false;
  }

  // Adds an event and returns its sequence (1, 2, 3, ...: insertion order). `cancel_slot` is
  // kept for the kernel (0 = not cancellable). Allocates only above the peak size so far.
  // REQUIRES: !isnan(time.seconds)
  std::uint64_t push(Instant time, std::int32_t priority, HandlerId handler, std::uint64_t payload,
                     std::uint32_t cancel_slot) {
    assert(time.seconds == time.seconds);  // not NaN: order_key needs an ordered value
    const std::uint64_t sequence = next_sequence_++;
    const Entry entry{order_key(time.seconds), priority,
                      new_record(time, sequence, payload, handler, cancel_slot)};
    if (root_taken_) {
      // The common case inside a handler: the popped root is still a hole, fill it from above.
      root_taken_ = false;
      sift_down(0, entry, heap_.size());
    } else {
      std::size_t hole = heap_.size();
      heap_.push_back(entry);  // allocates only when above the peak size so far
      sift_up(hole, entry);
    }
    return sequence;
  }

  // The earliest event. REQUIRES: !empty()
  Event top() {
    settle();
    assert(!heap_.empty());
    return event_of(heap_.front());
  }

  // Removes the earliest event and returns it; the root stays a hole until the next push or
  // settle() (any other member settles first). REQUIRES: !empty()
  Event take_top() {
    settle();
    assert(!heap_.empty());
    const Event e = event_of(heap_.front());
    free_records_.push_back(heap_.front().record);
    root_taken_ = true;
    return e;
  }

  // Fills a hole left by take_top() with the last entry.
  void settle() {
    if (!root_taken_) return;
    root_taken_ = false;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last, heap_.size());
  }

  // REQUIRES: !empty()
  Event pop() {
    const Event e = take_top();
    settle();
    return e;
  }

  // Removes every event for which `drop(event)` is true and restores the heap in O(n).
  template <class Predicate>
  void remove_if(Predicate drop) {
    settle();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < heap_.size(); ++i) {
      if (drop(event_of(heap_[i]))) {
        free_records_.push_back(heap_[i].record);
      } else {
        heap_[kept++] = heap_[i];
      }
    }
    heap_.resize(kept);
    // Floyd's bottom-up construction: sift down every parent, last first.
    if (kept < 2) return;
    for (std::size_t i = (kept - 2) / kArity + 1; i-- > 0;) {
      const Entry e = heap_[i];
      sift_down(i, e, kept);
    }
  }

 private:
  static constexpr std::size_t kArity = 4;

  struct Entry {
    std::uint64_t time_key;  // order_key(time): compares like the time, as an integer
    std::int32_t priority;
    std::uint32_t record;  // index into records_
  };
  static_assert(sizeof(Entry) == 16);
  struct Record {
    Instant time;  // exactly as scheduled (order_key maps -0.0 and +0.0 to one key)
    std::uint64_t sequence;
    std::uint64_t payload;
    HandlerId handler;
    std::uint32_t cancel_slot;
  };

  std::uint32_t new_record(Instant time, std::uint64_t sequence, std::uint64_t payload,
                           HandlerId handler, std::uint32_t cancel_slot) {
    std::uint32_t index;
    if (free_records_.empty()) {
      index = static_cast<std::uint32_t>(records_.size());
      records_.push_back(Record{time, sequence, payload, handler, cancel_slot});
    } else {
      index = free_records_.back();
      free_records_.pop_back();
      records_[index] = Record{time, sequence, payload, handler, cancel_slot};
    }
    return index;
  }

  // Maps a time to an unsigned integer with the same order, so that comparisons are integer
  // compares (a conditional move, no trip through the floating-point unit). Non-negative
  // times (including -0.0, equal to +0.0) get the top bit set; negative ones are inverted.
  // REQUIRES: !isnan(seconds)
  static std::uint64_t order_key(double seconds) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(seconds);
    return seconds >= 0.0 ? bits | kSignBit : ~bits;
  }
  static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

  Event event_of(const Entry& entry) const {
    const Record& r = records_[entry.record];
    Event e;
    e.time = r.time;
    e.priority = entry.priority;
    e.handler = r.handler;
    e.sequence = r.sequence;
    e.payload = r.payload;
    e.cancel_slot = r.cancel_slot;
    return e;
  }

  // Same order as runs_before(Event, Event); the record is read only on a (time, priority) tie.
  bool runs_before(const Entry& a, const Entry& b) const {
    if (a.time_key != b.time_key) return a.time_key < b.time_key;
    if (a.priority != b.priority) return a.priority < b.priority;
    return records_[a.record].sequence < records_[b.record].sequence;
  }

  // Sifts the hole at `hole` up to where `entry` belongs and writes it there. One write per
  // level (a moving hole, not swaps).
  void sift_up(std::size_t hole, const Entry entry) {
    Entry* const h = heap_.data();
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!runs_before(entry, h[parent])) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = entry;
  }

  // Places `entry` (a copy, not an element that moves) at `hole` or below it, lifting the
  // earliest child each level; only the first n elements count. One write per level.
  void sift_down(std::size_t hole, const Entry entry, std::size_t n) {
    Entry* const h = heap_.data();
    for (;;) {
      const std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (runs_before(h[c], h[best])) best = c;
      }
      if (!runs_before(h[best], entry)) break;
      // The entry lifted into the root is the next take_top(): fetch its record while the sift
      // goes on (large heaps: +10-25% in the hold model at 30,000-100,000 pending events).
      if (hole == 0) __builtin_prefetch(&records_[h[best].record]);
      h[hole] = h[best];
      hole = best;
    }
    h[hole] = entry;
  }

  // Written by push/pop/remove_if only.
  std::vector<Entry> heap_;
  std::vector<Record> records_;
  std::vector<std::uint32_t> free_records_;  // indices into records_ not held by an entry
  std::uint64_t next_sequence_ = 1;
  bool root_taken_ = false;  // heap_[0] was taken by take_top() and awaits a refill
};

}  // namespace sim
