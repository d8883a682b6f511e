// A priority queue for items that mostly arrive in order: an item that comes after every item
// of the in-order run (a ring, oldest first) is appended to it, any other goes to a binary
// heap; the top is the better of the run's front and the heap's top. Under first come, first
// served (every offer later than the ones before) the heap stays empty and a push or pop is
// a ring operation instead of a sift over the whole backlog.
// Pops in exactly the order of a heap under the same strict weak order `Later` (a < b iff
// later(b, a)); items that tie leave in an unspecified order, as from a heap, so callers
// break ties (OfficerDispatch: by a unique offer sequence).
// Storage only grows (doubling), so steady state allocates nothing. Single-threaded.
#pragma once

#include <algorithm>  // std::push_heap, std::pop_heap
#include <cassert>
#include <cstddef>
#include <vector>

namespace twotier::model {

template <class T, class Later>
class RunQueue {
 public:
  bool empty() const { return run_count_ == 0 && heap_.empty(); }
  std::size_t size() const { return run_count_ + heap_.size(); }

  void push(const T& item) {
    if (run_count_ == 0 || later_(item, run_back())) {
      if (run_count_ == ring_.size()) grow();
      ring_[(run_head_ + run_count_) & (ring_.size() - 1)] = item;
      ++run_count_;
    } else {
      heap_.push_back(item);
      std::push_heap(heap_.begin(), heap_.end(), later_);
    }
  }
  // The best item. REQUIRES: !empty()
  const T& top() const {
    assert(!empty());
    return from_run() ? ring_[run_head_] : heap_.front();
  }
  // Removes the best item. REQUIRES: !empty()
  void pop() {
    assert(!empty());
    if (from_run()) {
      run_head_ = (run_head_ + 1) & (ring_.size() - 1);
      --run_count_;
    } else {
      std::pop_heap(heap_.begin(), heap_.end(), later_);
      heap_.pop_back();
    }
  }

 private:
  const T& run_back() const { return ring_[(run_head_ + run_count_ - 1) & (ring_.size() - 1)]; }
  // Whether the best item is the run's front (the heap's top comes first only if better).
  bool from_run() const {
    if (run_count_ == 0) return false;
    return heap_.empty() || !later_(ring_[run_head_], heap_.front());
  }
  void grow() {
    std::vector<T> bigger(ring_.empty() ? 16 : 2 * ring_.size());
    for (std::size_t i = 0; i < run_count_; ++i)
      bigger[i] = ring_[(run_head_ + i) & (ring_.size() - 1)];
    ring_.swap(bigger);
    run_head_ = 0;
  }

  [[no_unique_address]] Later later_{};
  std::vector<T> ring_;  // the in-order run: capacity a power of two (or 0)
  std::size_t run_head_ = 0;
  std::size_t run_count_ = 0;
  std::vector<T> heap_;  // the others, a binary heap under later_ (best on top)
};

}  // namespace twotier::model
