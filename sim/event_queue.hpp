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
    Event* const h = heap_.data();
    const Event result = h[0];
    const std::size_t n = heap_.size() - 1;  // size after the pop
    if (n > 0) {
      const Event last = h[n];
      // Sift the hole down from the root, moving the earliest child up each level.
      std::size_t hole = 0;
      for (;;) {
        const std::size_t first = hole * kArity + 1;
        if (first >= n) break;
        const std::size_t end = first + kArity < n ? first + kArity : n;
        std::size_t best = first;
        for (std::size_t c = first + 1; c < end; ++c) {
          if (runs_before(h[c], h[best])) best = c;
        }
        if (!runs_before(h[best], last)) break;
        h[hole] = h[best];
        hole = best;
      }
      h[hole] = last;
    }
    heap_.pop_back();
    return result;
  }

 private:
  static constexpr std::size_t kArity = 4;
  std::vector<Event> heap_;
};

}  // namespace sim
