// Trace tests of sim::Kernel: exact event order, ties, cancellation, run_until semantics.
#include <cmath>  // std::floor
#include <optional>
#include <set>  // std::set: the reference order
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/kernel.hpp"
#include "sim/random.hpp"

namespace {

struct Log : sim::EventHandler {
  std::vector<std::pair<double, std::uint64_t>> seen;
  void handle(const sim::Event& e) override { seen.emplace_back(e.time.seconds, e.payload); }
};

// `count` cancellable events at scrambled times (a multiplicative hash modulo `period`, so the
// heap is not trivially sorted), payload = index; then every one whose index is not a multiple
// of `keep_every` is cancelled. Returns all the handles.
std::vector<sim::EventHandle> schedule_scrambled_keep_every(sim::Kernel& k, sim::HandlerId h,
                                                            std::uint64_t count,
                                                            std::uint64_t period,
                                                            std::uint64_t keep_every) {
  std::vector<sim::EventHandle> handles;
  for (std::uint64_t i = 0; i < count; ++i) {
    const double t = static_cast<double>((i * 7919) % period);
    handles.push_back(k.schedule_cancellable({t}, h, i));
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    if (i % keep_every != 0) REQUIRE(k.cancel(handles[i]));
  }
  return handles;
}

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

TEST_CASE("schedule returns the sequence the event carries when it runs", "[kernel]") {
  // Models use it to recognise a superseded event themselves instead of cancelling it.
  struct Sequences : sim::EventHandler {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;  // (payload, sequence)
    void handle(const sim::Event& e) override { seen.emplace_back(e.payload, e.sequence); }
  } log;
  sim::Kernel k;
  const auto h = k.add_handler(log);
  const std::uint64_t late = k.schedule({3}, h, 0);
  const std::uint64_t early = k.schedule({1}, h, 1);
  auto handle = k.schedule_cancellable({2}, h, 2);
  const std::uint64_t tie = k.schedule({1}, h, 3);
  CHECK(late != 0);
  CHECK(early > late);
  CHECK(handle.sequence > early);
  CHECK(tie > handle.sequence);  // one counter for plain and cancellable events
  while (k.step()) {
  }
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> expected{
      {1, early}, {3, tie}, {2, handle.sequence}, {0, late}};
  CHECK(log.seen == expected);
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
  auto handles = schedule_scrambled_keep_every(k, h, 10000, 10007, 10);
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

TEST_CASE("cancelling the earliest event lets the next one run", "[kernel]") {
  sim::Kernel k;
  Log log;
  const auto h = k.add_handler(log);
  auto first = k.schedule_cancellable({1}, h, 1);
  k.schedule({2}, h, 2);
  k.schedule({3}, h, 3);
  REQUIRE(k.peek()->seconds == 1);  // the cancelled event is at the top of the heap
  CHECK(k.cancel(first));
  CHECK(k.peek()->seconds == 2);
  REQUIRE(k.step());
  CHECK(log.seen == std::vector<std::pair<double, std::uint64_t>>{{2, 2}});
  CHECK(k.now().seconds == 2);
}

TEST_CASE("handles stay valid across a compaction and cancel after it", "[kernel]") {
  sim::Kernel k;
  Log log;
  const auto h = k.add_handler(log);
  // Cancelling 2,500 of 3,000 passes the threshold (more than 1,024 and more than the live).
  auto handles = schedule_scrambled_keep_every(k, h, 3000, 3001, 6);
  REQUIRE(k.heap_size() < 3000);  // compaction ran
  CHECK(k.pending() == 500);
  // Survivors can still be cancelled; new events scheduled after the compaction take part.
  for (std::uint64_t i = 0; i < 3000; i += 12)
    CHECK(k.cancel(handles[i]));
  auto late = k.schedule_cancellable({0.5}, h, 9001);
  k.schedule({0.5}, h, 9002);
  CHECK(k.cancel(late));
  CHECK(k.pending() == 251);
  while (k.step()) {
  }
  REQUIRE(log.seen.size() == 251);
  CHECK(log.seen.front() == std::pair<double, std::uint64_t>{0.5, 9002});
  for (std::size_t i = 1; i < log.seen.size(); ++i) {
    CHECK(log.seen[i - 1].first <= log.seen[i].first);
    CHECK(log.seen[i].second % 12 == 6);
  }
}

namespace {

// While its event is being dispatched, schedules two events (one at the same instant), cancels
// another and peeks: the kernel is between taking the top event and refilling the heap.
struct Reentrant : sim::EventHandler {
  sim::Kernel* kernel = nullptr;
  sim::HandlerId self = 0;
  sim::EventHandle victim;
  std::vector<std::pair<double, std::uint64_t>> seen;
  std::optional<sim::Instant> peeked;
  void handle(const sim::Event& e) override {
    seen.emplace_back(e.time.seconds, e.payload);
    if (e.payload != 1) return;
    kernel->schedule(e.time, self, 10);  // same instant: runs right after this one
    CHECK(kernel->cancel(victim));
    kernel->schedule(e.time + sim::Duration{5}, self, 11);
    peeked = kernel->peek();
  }
};

}  // namespace

TEST_CASE("a handler may schedule, cancel and peek while its event is dispatched", "[kernel]") {
  sim::Kernel k;
  Reentrant r;
  r.kernel = &k;
  r.self = k.add_handler(r);
  k.schedule({1}, r.self, 1);
  r.victim = k.schedule_cancellable({2}, r.self, 2);
  k.schedule({3}, r.self, 3);
  while (k.step()) {
  }
  REQUIRE(r.peeked.has_value());
  CHECK(r.peeked->seconds == 1);
  CHECK(r.seen == std::vector<std::pair<double, std::uint64_t>>{{1, 1}, {1, 10}, {3, 3}, {6, 11}});
  CHECK(k.pending() == 0);
  CHECK(k.heap_size() == 0);
}

namespace {

// Reschedules itself and cancels or schedules others at random, while a reference multiset
// predicts which event must run next (same (time, priority, insertion) order).
struct RandomModel : sim::EventHandler {
  struct Key {
    double time;
    std::int32_t priority;
    std::uint64_t order;  // insertion order
    std::uint64_t payload;
    bool operator<(const Key& o) const {
      if (time != o.time) return time < o.time;
      if (priority != o.priority) return priority < o.priority;
      return order < o.order;
    }
  };
  sim::Kernel* kernel = nullptr;
  sim::HandlerId self = 0;
  sim::RandomStream rng{99};
  std::set<Key> expected;
  std::vector<std::pair<sim::EventHandle, Key>> cancellable;
  std::uint64_t inserted = 0;
  std::uint64_t mismatches = 0;
  std::uint64_t runs = 0;

  void schedule_random() {
    const Key key{kernel->now().seconds + std::floor(rng.uniform01() * 8.0),
                  static_cast<std::int32_t>(rng.uniform01() * 3.0) - 1, inserted++, inserted};
    if (rng.uniform01() < 0.7) {
      cancellable.emplace_back(
          kernel->schedule_cancellable({key.time}, self, key.payload, key.priority), key);
    } else {
      kernel->schedule({key.time}, self, key.payload, key.priority);
    }
    expected.insert(key);
  }
  void handle(const sim::Event& e) override {
    ++runs;
    if (expected.empty() || expected.begin()->payload != e.payload) ++mismatches;
    if (!expected.empty()) expected.erase(expected.begin());
    const int follow_ups = static_cast<int>(rng.uniform01() * 3.0);
    for (int i = 0; i < follow_ups; ++i)
      schedule_random();
    // Cancel up to two random handles; stale ones (already run) must report false.
    for (int i = 0; i < 2 && !cancellable.empty(); ++i) {
      const auto pick = static_cast<std::size_t>(rng.uniform01() * cancellable.size());
      auto [handle, key] = cancellable[pick];
      cancellable[pick] = cancellable.back();
      cancellable.pop_back();
      const bool was_pending = expected.erase(key) == 1;
      if (kernel->cancel(handle) != was_pending) ++mismatches;
    }
  }
};

}  // namespace

TEST_CASE("random schedules and cancels run in the reference order (seeded)", "[kernel]") {
  sim::Kernel k;
  RandomModel m;
  m.kernel = &k;
  m.self = k.add_handler(m);
  for (int i = 0; i < 3000; ++i)
    m.schedule_random();
  bool compacted = false;  // the heap shrank by over 1,000 events in one step: a compaction
  std::size_t heap_before = k.heap_size();
  while (m.runs < 100000 && k.step()) {
    REQUIRE(k.pending() == m.expected.size());
    compacted = compacted || k.heap_size() + 1000 < heap_before;
    heap_before = k.heap_size();
  }
  CHECK(m.mismatches == 0);
  CHECK(m.runs > 1000);
  CHECK(compacted);
}
