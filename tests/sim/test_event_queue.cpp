// Tests of sim::EventQueue: the (time, priority, sequence) order with ties, times as numbers
// (negative, signed zeros, infinity), sequences across 2^32, the split pop (take_top, then a
// push into the hole), remove_if, and a seeded differential test against a std::multiset.
#include <cmath>  // std::signbit, INFINITY
#include <cstdint>
#include <iterator>  // std::next
#include <limits>
#include <set>  // std::multiset: the reference order
#include <vector>

#include <catch2/catch.hpp>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"

namespace {

std::uint64_t push(sim::EventQueue& q, double time, std::int32_t priority, std::uint64_t payload) {
  return q.push(sim::Instant{time}, priority, /*handler=*/0, payload, /*cancel_slot=*/0);
}

std::vector<std::uint64_t> drain_payloads(sim::EventQueue& q) {
  std::vector<std::uint64_t> out;
  while (!q.empty())
    out.push_back(q.pop().payload);
  return out;
}

// The reference order: the same strict order as the kernel's, on full events.
struct RunsBefore {
  bool operator()(const sim::Event& a, const sim::Event& b) const { return sim::runs_before(a, b); }
};

}  // namespace

TEST_CASE("the queue pops by time, then priority, then insertion order", "[event_queue]") {
  sim::EventQueue q;
  push(q, 5, 0, 1);
  push(q, 2, 0, 2);
  push(q, 5, -1, 3);  // same time, lower priority value first
  push(q, 5, 0, 4);   // same time and priority: insertion order
  push(q, 2, 0, 5);
  push(q, 5, std::numeric_limits<std::int32_t>::min(), 6);
  push(q, 5, std::numeric_limits<std::int32_t>::max(), 7);
  CHECK(q.size() == 7);
  CHECK(drain_payloads(q) == std::vector<std::uint64_t>{2, 5, 6, 3, 1, 4, 7});
}

TEST_CASE("many events at one instant run by priority, then in insertion order", "[event_queue]") {
  sim::EventQueue q;
  // 3,000 events at one time with priorities 0..4 in a scrambled pattern: the expected order
  // is a stable sort by priority of the insertion order.
  std::vector<std::uint64_t> expected;
  for (std::int32_t p = 0; p < 5; ++p) {
    for (std::uint64_t i = 0; i < 3000; ++i) {
      if (static_cast<std::int32_t>((i * 7) % 5) == p) expected.push_back(i);
    }
  }
  for (std::uint64_t i = 0; i < 3000; ++i)
    push(q, 86400.0, static_cast<std::int32_t>((i * 7) % 5), i);
  CHECK(drain_payloads(q) == expected);
}

TEST_CASE("times compare as numbers, and the popped time keeps its exact bits", "[event_queue]") {
  sim::EventQueue q;
  push(q, INFINITY, 0, 1);
  push(q, 1.0, 0, 2);
  push(q, +0.0, 0, 3);
  push(q, -0.0, 0, 4);  // the same instant as +0.0: insertion order decides
  push(q, -1e-300, 0, 5);
  push(q, -INFINITY, 0, 6);
  push(q, 5e-324, 0, 7);  // the smallest positive double
  push(q, -2.5, 0, 8);
  std::vector<sim::Event> popped;
  while (!q.empty())
    popped.push_back(q.pop());
  std::vector<std::uint64_t> order;
  for (const auto& e : popped)
    order.push_back(e.payload);
  CHECK(order == std::vector<std::uint64_t>{6, 8, 5, 3, 4, 7, 2, 1});
  CHECK_FALSE(std::signbit(popped[3].time.seconds));  // +0.0 stays +0.0
  CHECK(std::signbit(popped[4].time.seconds));        // -0.0 stays -0.0
}

TEST_CASE("sequences keep insertion order across 2^32 and up to 2^64 - 1", "[event_queue]") {
  SECTION("crossing 2^32") {
    const std::uint64_t start = (std::uint64_t{1} << 32) - 3;
    sim::EventQueue q(start);
    for (std::uint64_t i = 0; i < 6; ++i)
      CHECK(push(q, 7.0, 0, i) == start + i);
    CHECK(drain_payloads(q) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
  }
  SECTION("the last sequences before 2^64") {
    const std::uint64_t start = std::numeric_limits<std::uint64_t>::max() - 5;
    sim::EventQueue q(start);
    for (std::uint64_t i = 0; i < 5; ++i)
      push(q, 7.0, 0, i);
    CHECK(drain_payloads(q) == std::vector<std::uint64_t>{0, 1, 2, 3, 4});
  }
  // 64 bits at 10^9 events per second last 584 years: a run never wraps.
}

TEST_CASE("a push into the hole left by take_top keeps the order", "[event_queue]") {
  sim::EventQueue q;
  for (std::uint64_t i = 0; i < 50; ++i)
    push(q, static_cast<double>((i * 17) % 50), 0, i);
  SECTION("the taken root is not counted") {
    const sim::Event first = q.take_top();
    CHECK(first.time.seconds == 0.0);
    CHECK(q.size() == 49);
    push(q, 0.0, 0, 100);  // at the same time as the taken one: runs next
    CHECK(q.size() == 50);
    CHECK(q.top().payload == 100);
  }
  SECTION("top and remove_if fill the hole first") {
    q.take_top();
    CHECK(q.top().time.seconds == 1.0);
    q.take_top();
    q.remove_if([](const sim::Event& e) { return e.payload % 2 == 0; });
    CHECK(q.size() == 24);
    double last = -1;
    while (!q.empty()) {
      const sim::Event e = q.pop();
      CHECK(e.payload % 2 == 1);
      CHECK(e.time.seconds > last);
      last = e.time.seconds;
    }
  }
  SECTION("taking the only event leaves an empty queue") {
    sim::EventQueue one;
    push(one, 3.0, 0, 9);
    CHECK(one.take_top().payload == 9);
    CHECK(one.empty());
    one.settle();
    CHECK(one.empty());
    push(one, 4.0, 0, 10);
    CHECK(one.pop().payload == 10);
  }
}

TEST_CASE("the queue pops in the same order as a sorted reference (seeded random operations)",
          "[event_queue]") {
  // Times from a small grid of values so that ties in time, and in time and priority, are
  // frequent; every operation is checked against a std::multiset ordered by runs_before.
  sim::RandomStream rng(20260117);
  sim::EventQueue q;
  std::multiset<sim::Event, RunsBefore> reference;
  double now = 0.0;
  std::uint64_t next_payload = 0;
  auto push_random = [&] {
    sim::Event e;
    e.time = sim::Instant{now + std::floor(rng.uniform01() * 20.0) * 0.5};
    e.priority = static_cast<std::int32_t>(rng.uniform01() * 5.0) - 2;
    e.handler = static_cast<sim::HandlerId>(rng.uniform01() * 3.0);
    e.payload = next_payload++;
    e.sequence = q.push(e.time, e.priority, e.handler, e.payload, 0);
    reference.insert(e);
  };
  auto check_same = [](const sim::Event& got, const sim::Event& want) {
    REQUIRE(got.payload == want.payload);
    REQUIRE(got.sequence == want.sequence);
    REQUIRE(got.time.seconds == want.time.seconds);
    REQUIRE(got.priority == want.priority);
    REQUIRE(got.handler == want.handler);
  };
  for (int i = 0; i < 200; ++i)
    push_random();
  for (int step = 0; step < 60000; ++step) {
    const double u = rng.uniform01();
    if (u < 0.40 && !reference.empty()) {
      // A dispatch that schedules 0, 1 or 2 events, as a handler does.
      const sim::Event got = q.take_top();
      check_same(got, *reference.begin());
      reference.erase(reference.begin());
      now = got.time.seconds;
      const int follow_ups = static_cast<int>(rng.uniform01() * 3.0);
      for (int k = 0; k < follow_ups; ++k)
        push_random();
      q.settle();
    } else if (u < 0.70 && !reference.empty()) {
      const sim::Event got = q.pop();
      check_same(got, *reference.begin());
      reference.erase(reference.begin());
      now = got.time.seconds;
    } else if (u < 0.9995) {
      push_random();
    } else {
      // Rarely: drop a third of the events, as the kernel's compaction does.
      q.remove_if([](const sim::Event& e) { return e.payload % 3 == 0; });
      for (auto it = reference.begin(); it != reference.end();)
        it = it->payload % 3 == 0 ? reference.erase(it) : std::next(it);
    }
    REQUIRE(q.size() == reference.size());
  }
  while (!reference.empty()) {
    check_same(q.pop(), *reference.begin());
    reference.erase(reference.begin());
  }
  CHECK(q.empty());
}
