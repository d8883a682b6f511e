// The future-event set: a 4-ary min-heap of 16-byte entries (time key, priority, record index)
// over a side table of records (time, sequence, payload, handler, cancellation slot).
//
// Invariants: entries are ordered by (time, priority, sequence); the time is compared as an
// order-preserving integer key and the sequence is read from the record only when time and
// priority tie. Sequences are 64-bit, unique and never reused, so the order is total and any
// correct heap pops the events in exactly the same order. A record belongs to exactly one entry
// while that entry is in the heap and is recycled when the entry leaves.
// Why this shape (measured with bench/bench_kernel.cpp, see docs/performance.md): sifting moves
// 16-byte entries (a family of four siblings fills one cache line: the storage is line-aligned
// and offset) and compares integers with conditional moves; deep levels are prefetched one level
// ahead; the record is touched once per event. Pop is split (take_top, then
// settle) so that a handler scheduling one event refills the root with one sift-down instead of a
// sift-down plus a sift-up. Once the peak number of pending events is reached, nothing is
// allocated. Not thread-safe; one queue per replication.
#pragma once

#include <bit>  // std::bit_cast
#include <cassert>
#include <cstddef>  // std::size_t
#include <cstdint>
#include <new>  // ::operator new with std::align_val_t
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
  std::size_t size() const { return count() - (root_taken_ ? 1 : 0); }
  bool empty() const { return size() == 0; }
  void reserve(std::size_t n) {
    heap_.reserve(n + kPad);
    records_.reserve(n);
    free_records_.reserve(n);
  }
  void clear() {
    heap_.resize(kPad);
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
      sift_down(0, entry, count());
    } else {
      std::size_t hole = count();
      heap_.push_back(entry);  // allocates only when above the peak size so far
      sift_up(hole, entry);
    }
    return sequence;
  }

  // The earliest event. REQUIRES: !empty()
  Event top() {
    settle();
    assert(count() > 0);
    return event_of(root());
  }

  // Removes the earliest event and returns it; the root stays a hole until the next push or
  // settle() (any other member settles first). REQUIRES: !empty()
  Event take_top() {
    settle();
    assert(count() > 0);
    const Event e = event_of(root());
    free_records_.push_back(root().record);
    root_taken_ = true;
    return e;
  }

  // Fills a hole left by take_top() with the last entry.
  void settle() {
    if (!root_taken_) return;
    root_taken_ = false;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (count() > 0) sift_down(0, last, count());
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
    Entry* const h = entries();
    const std::size_t n = count();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (drop(event_of(h[i]))) {
        free_records_.push_back(h[i].record);
      } else {
        h[kept++] = h[i];
      }
    }
    heap_.resize(kPad + kept);
    // Floyd's bottom-up construction: sift down every parent, last first.
    if (kept < 2) return;
    for (std::size_t i = (kept - 2) / kArity + 1; i-- > 0;) {
      const Entry e = h[i];
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

  // The heap's storage starts on a cache line and entry i is stored at heap_[kPad + i], so the
  // four children of any entry (4i+1 .. 4i+4, at heap_[4i+4 .. 4i+7]) fill exactly one line: a
  // level of a sift touches one line, not two for three families in four.
  static constexpr std::size_t kLine = 64;
  static constexpr std::size_t kPad = kArity - 1;
  static_assert(kArity * sizeof(Entry) == kLine);
  template <class T>
  struct LineAligned {
    using value_type = T;
    LineAligned() = default;
    template <class U>
    LineAligned(const LineAligned<U>&) {}
    T* allocate(std::size_t n) {
      return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{kLine}));
    }
    void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{kLine}); }
    template <class U>
    bool operator==(const LineAligned<U>&) const {
      return true;
    }
  };

  // Sifts prefetch the next level only from this index on: the top six levels (1,365 entries,
  // 21 KB) are used by every sift and stay in cache, and small heaps need no prefetch.
  static constexpr std::size_t kPrefetchFrom = 1365;

  std::size_t count() const { return heap_.size() - kPad; }
  Entry* entries() { return heap_.data() + kPad; }
  const Entry& root() const { return heap_[kPad]; }
  struct Record {
    Instant time;  // exactly as scheduled (order_key maps -0.0 and +0.0 to one key)
    std::uint64_t sequence;
    std::uint64_t payload;
    HandlerId handler;
    std::uint32_t cancel_slot;
  };
  static_assert(kLine % sizeof(Record) == 0);

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
    Entry* const h = entries();
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
    Entry* const h = entries();
    for (;;) {
      const std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      // The next level is one of the four children's families: the four lines from
      // first * kArity + 1 on. Fetch them while this level is compared (the heap outgrows L1).
      // Addresses as integers: lines past the end may be fetched, never dereferenced.
      if (const std::size_t next = first * kArity + 1; next >= kPrefetchFrom && next < n) {
        const std::uintptr_t line = reinterpret_cast<std::uintptr_t>(h + next);
        __builtin_prefetch(reinterpret_cast<const void*>(line));
        __builtin_prefetch(reinterpret_cast<const void*>(line + kLine));
        __builtin_prefetch(reinterpret_cast<const void*>(line + 2 * kLine));
        __builtin_prefetch(reinterpret_cast<const void*>(line + 3 * kLine));
      }
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

  // Written by push/pop/remove_if only. kPad unused entries, then the heap (see LineAligned).
  std::vector<Entry, LineAligned<Entry>> heap_ = std::vector<Entry, LineAligned<Entry>>(kPad);
  // Line-aligned too: two 32-byte records per line, none straddling two lines (with malloc's
  // 16-byte alignment every other record did, two misses for its one read).
  std::vector<Record, LineAligned<Record>> records_;
  std::vector<std::uint32_t> free_records_;  // indices into records_ not held by an entry
  std::uint64_t next_sequence_ = 1;
  bool root_taken_ = false;  // the root was taken by take_top() and awaits a refill
};

}  // namespace sim
