#include "sim/event_queue.hpp"

#include <cassert>

namespace sim {

void EventQueue::push(const Event& event) {
  // Sift the hole up from the end instead of swapping: one write per level.
  std::size_t hole = heap_.size();
  heap_.emplace_back();
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!runs_before(event, heap_[parent])) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = event;
}

Event EventQueue::pop() {
  assert(!heap_.empty());
  Event result = heap_.front();
  const Event last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0, last);
  return result;
}

void EventQueue::sift_down(std::size_t hole, const Event& event) {
  // Move the hole down, lifting the smallest child each level; one write per level.
  const std::size_t n = heap_.size();
  for (;;) {
    const std::size_t first = hole * kArity + 1;
    if (first >= n) break;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    std::size_t best = first;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (runs_before(heap_[c], heap_[best])) best = c;
    }
    if (!runs_before(heap_[best], event)) break;
    heap_[hole] = heap_[best];
    hole = best;
  }
  heap_[hole] = event;
}

void EventQueue::rebuild() {
  // Floyd's bottom-up heap construction: O(n).
  if (heap_.size() < 2) return;
  for (std::size_t i = (heap_.size() - 2) / kArity + 1; i-- > 0;) {
    const Event e = heap_[i];
    sift_down(i, e);
  }
}

}  // namespace sim
