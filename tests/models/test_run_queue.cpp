// Tests of model::RunQueue: it pops in exactly the order of a binary heap under the same
// order, whether items come in order (the ring), out of order (the heap) or mixed, across
// ring growth and wrap-around.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "models/run_queue.hpp"
#include "tests/support/test_lcg.hpp"

using twotier::model::RunQueue;

namespace {

struct Item {
  double key;
  std::uint64_t sequence;
};
struct Later {
  bool operator()(const Item& a, const Item& b) const {
    return a.key != b.key ? a.key > b.key : a.sequence > b.sequence;
  }
};

// Reference: a std heap under the same order.
struct HeapQueue {
  std::vector<Item> heap;
  void push(const Item& item) {
    heap.push_back(item);
    std::push_heap(heap.begin(), heap.end(), Later{});
  }
  Item pop() {
    std::pop_heap(heap.begin(), heap.end(), Later{});
    const Item item = heap.back();
    heap.pop_back();
    return item;
  }
};

using twotier::test::Lcg;

}  // namespace

TEST_CASE("a run queue pops in the order of a heap, in order or not", "[run_queue]") {
  // in_order: share of pushes that come after everything queued (first come, first served
  // has 1: all of them).
  const double in_order = GENERATE(1.0, 0.9, 0.5, 0.0);
  Lcg rng{static_cast<std::uint64_t>(in_order * 1000) + 17};
  RunQueue<Item, Later> queue;
  HeapQueue reference;
  std::uint64_t sequence = 0;
  double last_key = 0.0;
  std::size_t popped = 0;
  for (int i = 0; i < 50000; ++i) {
    // Bursts of pushes then pops, so the ring grows, drains and wraps around.
    const bool push = reference.heap.empty() || rng.uniform() < (i / 2000 % 2 == 0 ? 0.7 : 0.35);
    if (push) {
      // Keys tie often (as under FCFS, key 0): the sequence decides.
      const double key = rng.uniform() < in_order
                             ? last_key + (rng.uniform() < 0.5 ? 0.0 : 1.0)
                             : static_cast<double>(static_cast<int>(rng.uniform() * 50));
      last_key = std::max(last_key, key);
      const Item item{key, ++sequence};
      queue.push(item);
      reference.push(item);
    } else {
      REQUIRE_FALSE(queue.empty());
      const Item want = reference.pop();
      REQUIRE(queue.top().sequence == want.sequence);
      queue.pop();
      ++popped;
    }
    REQUIRE(queue.size() == reference.heap.size());
  }
  while (!reference.heap.empty()) {
    const Item want = reference.pop();
    REQUIRE(queue.top().sequence == want.sequence);
    REQUIRE(queue.top().key == want.key);
    queue.pop();
  }
  CHECK(queue.empty());
  CHECK(popped > 10000);
}
