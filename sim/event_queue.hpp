// The future-event set: a 4-ary min-heap of sim::Event values stored contiguously.
//
// Why 4-ary: half the depth of a binary heap and children in one or two cache lines; measured
// against std::priority_queue in bench/bench_kernel.cpp. Memory is reused: once the vector has
// grown to the peak number of pending events, push and pop allocate nothing.
// Not thread-safe; one queue per replication.
#pragma once

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

  void push(const Event& event);
  // REQUIRES: !empty()
  Event pop();

  // Removes every event for which `drop(event)` is true and restores the heap in O(n).
  template <class Predicate>
  void remove_if(Predicate drop) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < heap_.size(); ++i) {
      if (!drop(heap_[i])) heap_[kept++] = heap_[i];
    }
    heap_.resize(kept);
    rebuild();
  }

 private:
  static constexpr std::size_t kArity = 4;
  // Moves `event` down from `hole` until the heap property holds below it.
  void sift_down(std::size_t hole, const Event& event);
  void rebuild();
  std::vector<Event> heap_;
};

}  // namespace sim
