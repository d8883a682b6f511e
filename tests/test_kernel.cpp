// Trace tests of sim::Kernel: exact event order, ties, cancellation, run_until semantics.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/kernel.hpp"

namespace {

struct Log : sim::EventHandler {
  std::vector<std::pair<double, std::uint64_t>> seen;
  void handle(const sim::Event& e) override { seen.emplace_back(e.time.seconds, e.payload); }
};

}  // namespace

TEST_CASE("events run in (time, priority, insertion) order", "[kernel]") {
  sim::Kernel k;
  Log log;
  const auto h = k.add_handler(log);
  k.schedule({5}, h, 1);
  k.schedule({2}, h, 2);
  k.schedule({5}, h, 3, -1);  // same time, lower priority value runs first
  k.schedule({5}, h, 4);      // same time and priority: insertion order
  k.schedule({2}, h, 5);
  while (k.step()) {
  }
  const std::vector<std::pair<double, std::uint64_t>> expected{
      {2, 2}, {2, 5}, {5, 3}, {5, 1}, {5, 4}};
  CHECK(log.seen == expected);
  CHECK(k.now().seconds == 5);
  CHECK(k.events_run() == 5);
}

TEST_CASE("a cancelled event never runs and cancel is idempotent", "[kernel]") {
  sim::Kernel k;
  Log log;
  const auto h = k.add_handler(log);
  auto a = k.schedule_cancellable({1}, h, 10);
  auto b = k.schedule_cancellable({2}, h, 20);
  k.schedule({3}, h, 30);
  CHECK(k.pending() == 3);
  CHECK(k.cancel(a));
  auto a_copy = a;
  CHECK_FALSE(k.cancel(a_copy));
  CHECK(k.pending() == 2);
  CHECK(k.peek()->seconds == 2);
  SECTION("a handle of an event that already ran is stale") {
    auto b_copy = b;
    REQUIRE(k.step());
    CHECK_FALSE(k.is_pending(b_copy));
    CHECK_FALSE(k.cancel(b_copy));
  }
  SECTION("a reused slot does not revive a stale handle") {
    auto stale = b;
    REQUIRE(k.cancel(b));
    auto c = k.schedule_cancellable({4}, h, 40);
    CHECK(c.slot == stale.slot);
    CHECK_FALSE(k.cancel(stale));
    CHECK(k.is_pending(c));
    while (k.step()) {
    }
    CHECK(log.seen == std::vector<std::pair<double, std::uint64_t>>{{3, 30}, {4, 40}});
  }
}

TEST_CASE("run_until runs events at the end time and leaves later ones pending", "[kernel]") {
  sim::Kernel k;
  Log log;
  const auto h = k.add_handler(log);
  k.schedule({1}, h, 1);
  k.schedule({2}, h, 2);
  k.schedule({3}, h, 3);
  k.run_until({2});
  CHECK(log.seen.size() == 2);
  CHECK(k.now().seconds == 2);
  CHECK(k.pending() == 1);
  k.run_until({10});
  CHECK(log.seen.size() == 3);
  CHECK(k.now().seconds == 10);
}

TEST_CASE("mass cancellation compacts the heap and keeps the order of the survivors", "[kernel]") {
  sim::Kernel k;
  Log log;
  const auto h = k.add_handler(log);
  std::vector<sim::EventHandle> handles;
  // Times in a scrambled order (multiplicative hash) so the heap is not trivially sorted.
  for (std::uint64_t i = 0; i < 10000; ++i) {
    const double t = static_cast<double>((i * 7919) % 10007);
    handles.push_back(k.schedule_cancellable({t}, h, i));
  }
  for (std::uint64_t i = 0; i < 10000; ++i) {
    if (i % 10 != 0) REQUIRE(k.cancel(handles[i]));
  }
  CHECK(k.pending() == 1000);
  // Compaction bounds the heap near twice the live events, not the 10,000 ever scheduled.
  CHECK(k.heap_size() <= 2 * 1000 + 1025);
  // A stale handle stays stale after compaction.
  CHECK_FALSE(k.cancel(handles[1]));
  while (k.step()) {
  }
  REQUIRE(log.seen.size() == 1000);
  for (std::size_t i = 1; i < log.seen.size(); ++i) {
    CHECK(log.seen[i - 1].first <= log.seen[i].first);
  }
  for (const auto& [time, payload] : log.seen)
    CHECK(payload % 10 == 0);
}
