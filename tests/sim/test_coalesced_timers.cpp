// sim::CoalescedTimers: timers sharing instants fire in the order one kernel event per timer
// would give; cancellation, re-arming and memory under churn.
#include <cstdint>
#include <utility>  // std::pair
#include <vector>

#include <catch2/catch.hpp>

#include "sim/coalesced_timers.hpp"
#include "sim/kernel.hpp"
#include "sim/random.hpp"

namespace {

constexpr std::uint64_t kTimerBase = std::uint64_t{1} << 32;
constexpr std::int32_t kTimerPriority = 1;
using Log = std::vector<std::pair<double, std::uint32_t>>;  // (time, key); key ~0u: flow event

// A random model: flow events (priority 0) arm and disarm timers of 64 keys at a few distinct
// instants. Run either with CoalescedTimers or with one cancellable kernel event per timer; the
// same stream drives both, so their logs must be equal.
class Model : public sim::EventHandler {
 public:
  explicit Model(bool coalesced)
      : coalesced_(coalesced),
        handler_(kernel_.add_handler(*this)),
        timers_(kernel_, handler_, kTimerBase, kTimerPriority),
        handles_(kKeys) {
    for (std::uint32_t i = 0; i < 8; ++i)
      kernel_.schedule(sim::Instant{static_cast<double>(i)}, handler_, i);
  }
  Log run() {
    kernel_.run_until(sim::Instant{400});
    return log_;
  }
  std::uint64_t stored() const { return timers_.stored_entries(); }

  void handle(const sim::Event& event) override {
    if (event.payload >= kTimerBase) {
      if (coalesced_) {
        timers_.fire(event.payload, [this](std::uint32_t key) { on_timer(key); });
      } else {
        handles_[event.payload - kTimerBase] = {};
        on_timer(static_cast<std::uint32_t>(event.payload - kTimerBase));
      }
      return;
    }
    log_.emplace_back(kernel_.now().seconds, ~0u);
    for (int n = 0; n < 3; ++n) {
      const auto key = static_cast<std::uint32_t>(rng_.uniform01() * kKeys);
      if (rng_.uniform01() < 0.3) {
        disarm(key);
      } else {  // deadlines on a grid of 10 s: many timers per instant
        arm(key, sim::Instant{(static_cast<int>(kernel_.now().seconds / 10) + 1 +
                               static_cast<int>(rng_.uniform01() * 4)) *
                              10.0});
      }
    }
    // Flow events land on the grid too, so flow and timers tie in time.
    const double step = rng_.uniform01() < 0.5 ? 10.0 : 3.0 + 7.0 * rng_.uniform01();
    kernel_.schedule(kernel_.now() + sim::Duration{step}, handler_, 0);
  }

 private:
  static constexpr std::uint32_t kKeys = 64;
  void arm(std::uint32_t key, sim::Instant at) {
    if (coalesced_) {
      timers_.arm(key, at);
    } else {
      kernel_.cancel(handles_[key]);
      handles_[key] = kernel_.schedule_cancellable(at, handler_, kTimerBase + key, kTimerPriority);
    }
  }
  void disarm(std::uint32_t key) {
    if (coalesced_) {
      timers_.disarm(key);
    } else {
      kernel_.cancel(handles_[key]);
    }
  }
  void on_timer(std::uint32_t key) {
    log_.emplace_back(kernel_.now().seconds, key);
    // Every fifth timer re-arms another key at this very instant: it runs after the others.
    if (key % 5 == 0) arm((key + 7) % kKeys, kernel_.now());
  }

  const bool coalesced_;
  sim::Kernel kernel_;
  sim::HandlerId handler_;
  sim::CoalescedTimers timers_;
  std::vector<sim::EventHandle> handles_;
  sim::RandomStream rng_{42};
  Log log_;
};

struct Recorder : sim::EventHandler {
  sim::Kernel kernel;
  sim::HandlerId handler = kernel.add_handler(*this);
  sim::CoalescedTimers timers{kernel, handler, kTimerBase, kTimerPriority};
  Log log;
  void handle(const sim::Event& event) override {
    timers.fire(event.payload,
                [this](std::uint32_t key) { log.emplace_back(kernel.now().seconds, key); });
  }
};

}  // namespace

TEST_CASE("coalesced timers fire in the order of one kernel event per timer", "[timers]") {
  Model coalesced(true);
  Model reference(false);
  const Log a = coalesced.run();
  const Log b = reference.run();
  REQUIRE(a.size() > 500);
  CHECK(a == b);
}

TEST_CASE("a disarmed or re-armed timer fires once, at its last instant", "[timers]") {
  Recorder r;
  r.timers.arm(1, sim::Instant{10});
  r.timers.arm(2, sim::Instant{10});
  r.timers.arm(3, sim::Instant{10});
  r.timers.arm(1, sim::Instant{20});  // moves key 1 later
  r.timers.disarm(2);
  r.timers.disarm(2);  // harmless
  r.timers.disarm(9);  // never armed: harmless
  CHECK(r.timers.armed(1));
  CHECK_FALSE(r.timers.armed(2));
  CHECK(r.timers.pending_instants() == 2);
  r.kernel.run_until(sim::Instant{100});
  CHECK(r.log == Log{{10, 3}, {20, 1}});
  CHECK(r.timers.armed_count() == 0);
  CHECK(r.timers.stored_entries() == 0);
  CHECK(r.timers.pending_instants() == 0);
  CHECK_FALSE(r.timers.armed(3));
}

TEST_CASE("cancelled timers do not pile up while their instant is pending", "[timers]") {
  Recorder r;
  // A million arm/disarm pairs at one far instant, 10 timers left armed.
  for (std::uint32_t i = 0; i < 1'000'000; ++i) {
    r.timers.arm(i % 1000, sim::Instant{1e6});
    if (i % 1000 >= 10) r.timers.disarm(i % 1000);
  }
  CHECK(r.timers.armed_count() == 10);
  CHECK(r.timers.stored_entries() < 10'000);
  r.kernel.run_until(sim::Instant{2e6});
  CHECK(r.log.size() == 10);
}
