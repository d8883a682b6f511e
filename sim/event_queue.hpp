// The future-event set: a 4-ary min-heap of sim::Event values stored contiguously.
//
// Why 4-ary: half the depth of a binary heap and children in one or two cache lines; measured
// against std::priority_queue in bench/bench_kernel.cpp. Memory is reused: once the vector has
// grown to the peak number of pending events, push and pop allocate nothing. push and pop are
// defined here, inline, because they are the kernel's innermost loop (bench_kernel measured
// ~15% fewer instructions per event than out-of-line calls).
// Not thread-safe; one queue per replication.
#pragma once

#include <cassert>
#include <cstddef>  // std::size_t
#include <vector>

#include "sim/event.hpp"

namespace sim {

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

  // REQUIRES: !empty()
  const Event& top() const { return heap_.front(); }

  void push(const Event& event) {
    const Event e = event;  // a copy: `event` may live in heap_, which push_back may move
    std::size_t hole = heap_.size();
    heap_.push_back(e);  // allocates only when above the peak size so far
    Event* const h = heap_.data();
    // Sift the hole up instead of swapping: one write per level.
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!runs_before(e, h[parent])) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = e;
  }

  // REQUIRES: !empty()
  Event pop() {
    assert(!heap_.empty());
    const Event result = heap_.front();
    const std::size_t n = heap_.size() - 1;  // size after the pop
    if (n > 0) sift_down(0, heap_[n], n);
    heap_.pop_back();
    return result;
  }

  // Removes every event for which `drop(event)` is true and restores the heap in O(n).
  template <class Predicate>
  void remove_if(Predicate drop) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < heap_.size(); ++i) {
      if (!drop(heap_[i])) heap_[kept++] = heap_[i];
    }
    heap_.resize(kept);
    // Floyd's bottom-up construction: sift down every parent, last first.
    if (kept < 2) return;
    for (std::size_t i = (kept - 2) / kArity + 1; i-- > 0;) {
      const Event e = heap_[i];
      sift_down(i, e, kept);
    }
  }

 private:
  static constexpr std::size_t kArity = 4;

  // Places `event` (a copy, not an element that moves) at `hole` or below it, lifting the
  // earliest child each level; only the first n elements count. One write per level.
  void sift_down(std::size_t hole, const Event event, std::size_t n) {
    Event* const h = heap_.data();
    for (;;) {
      const std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (runs_before(h[c], h[best])) best = c;
      }
      if (!runs_before(h[best], event)) break;
      h[hole] = h[best];
      hole = best;
    }
    h[hole] = event;
  }

  std::vector<Event> heap_;
};

}  // namespace sim
