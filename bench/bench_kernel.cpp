// Kernel throughput: the classic hold model and an M/M/1 queue on sim::Kernel against a
// hand-written std::priority_queue loop (the raw baseline), with the same RNG in both.
//
// What each benchmark measures:
// - BM_HoldModel/N: one Kernel::step() with N events pending: pop the earliest, dispatch it
//   (virtual call), and the handler schedules one event at now + delay. Delays come from a
//   pre-generated table of 65,536 Exp(1) draws (512 KB, read in order), so no RNG or log() is
//   timed; the pending count stays N.
// - BM_HoldRaw/N: the same steps on a std::priority_queue<pair<double, uint64>> (binary heap,
//   pop then push) with the same delay table: what the machine allows without a kernel.
// - BM_MM1_Kernel / BM_MM1_Raw: 10^6 customers of an M/M/1 queue (rho = 0.9, SplitMix64 and
//   -log(u) draws in both), on the kernel and on a bare std::priority_queue loop; L is printed
//   to show both simulate the same sample path.
// Goals (issue 2): hold model >= 15 M events/s with 1,000 pending events; kernel M/M/1 at
// least 0.7 of the raw loop's customers/s. Rates are per CPU second. The last lines printed
// give the ratios (from the medians when run with --benchmark_repetitions).
// Run a Release build: build/bin/bench_kernel --benchmark_repetitions=5
//     --benchmark_report_aggregates_only=true
#include <cmath>  // std::log
#include <cstdint>
#include <cstdio>      // std::printf
#include <functional>  // std::greater
#include <map>
#include <queue>  // std::priority_queue
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "sim/kernel.hpp"

namespace {

// SplitMix64: a few cycles per draw, so the kernel, not the RNG, dominates the timings.
class CheapRng {
 public:
  explicit CheapRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // In (0, 1]: 53 random bits, never 0, so log() is safe.
  double uniform_half_open() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
  double exponential(double mean) { return -mean * std::log(uniform_half_open()); }

 private:
  std::uint64_t state_;
};

// ---- Hold model -----------------------------------------------------------------------------
// Each event reschedules itself at now + Exp(1); the pending count stays constant. Delays
// come from a pre-generated table so that only the kernel is measured.
class HoldModel final : public sim::EventHandler {
 public:
  HoldModel(sim::Kernel& kernel, std::size_t pending) : kernel_(kernel) {
    CheapRng rng(42);
    delays_.resize(kTableSize);
    for (auto& d : delays_)
      d = rng.exponential(1.0);
    id_ = kernel_.add_handler(*this);
    kernel_.reserve(pending + 1);
    for (std::size_t i = 0; i < pending; ++i) {
      kernel_.schedule(sim::Instant{next_delay()}, id_, i);
    }
  }
  void handle(const sim::Event& event) override {
    kernel_.schedule(event.time + sim::Duration{next_delay()}, id_, event.payload);
  }

 private:
  static constexpr std::size_t kTableSize = 1 << 16;
  double next_delay() { return delays_[cursor_++ & (kTableSize - 1)]; }

  sim::Kernel& kernel_;
  std::vector<double> delays_;
  std::size_t cursor_ = 0;
  sim::HandlerId id_ = 0;
};

void BM_HoldModel(benchmark::State& state) {
  sim::Kernel kernel;
  HoldModel model(kernel, static_cast<std::size_t>(state.range(0)));
  for (int i = 0; i < 10000; ++i)
    kernel.step();  // let the heap reach its steady shape
  for (auto _ : state) {
    kernel.step();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
// 23,000 pending: the event-weighted mean depth of the Dong Nai year (docs/performance.md,
// "The event loop's floor"), so this figure times the bare loop at the model's own depth.
BENCHMARK(BM_HoldModel)->Arg(10)->Arg(1000)->Arg(23000)->Arg(100000);

// The hold model's raw baseline: a bare std::priority_queue of (time, id) pairs with the same
// delay table. Shows what the machine allows, since the goal is an absolute rate.
void BM_HoldRaw(benchmark::State& state) {
  CheapRng rng(42);
  std::vector<double> delays(1 << 16);
  for (auto& d : delays)
    d = rng.exponential(1.0);
  std::size_t cursor = 0;
  using Entry = std::pair<double, std::uint64_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> events;
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    events.push({delays[cursor++ & 0xFFFF], static_cast<std::uint64_t>(i)});
  }
  auto step = [&] {
    const Entry e = events.top();
    events.pop();
    events.push({e.first + delays[cursor++ & 0xFFFF], e.second});
  };
  for (int i = 0; i < 10000; ++i)
    step();
  for (auto _ : state) {
    step();
  }
  benchmark::DoNotOptimize(events.top());
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldRaw)->Arg(10)->Arg(1000)->Arg(23000)->Arg(100000);

// ---- M/M/1 ----------------------------------------------------------------------------------
constexpr std::uint64_t kCustomers = 1'000'000;
constexpr double kArrivalMean = 1.0 / 0.9;  // lambda = 0.9
constexpr double kServiceMean = 1.0;        // mu = 1

// What both versions report, to check they simulate the same sample path.
struct Mm1Outcome {
  double area = 0.0;  // integral of the number in system until the last departure
  double end = 0.0;
};

class KernelMm1 final : public sim::EventHandler {
 public:
  explicit KernelMm1(sim::Kernel& kernel) : kernel_(kernel) {
    id_ = kernel_.add_handler(*this);
    kernel_.reserve(4);
    kernel_.schedule(sim::Instant{arrivals_.exponential(kArrivalMean)}, id_, kArrival);
  }
  Mm1Outcome run() {
    while (departed_ < kCustomers && kernel_.step()) {
    }
    return {area_, last_.seconds};
  }
  void handle(const sim::Event& event) override {
    const sim::Instant now = event.time;
    area_ += in_system_ * (now - last_).seconds;
    last_ = now;
    if (event.payload == kArrival) {
      kernel_.schedule(now + sim::Duration{arrivals_.exponential(kArrivalMean)}, id_, kArrival);
      if (++in_system_ == 1) start_service(now);
    } else {
      ++departed_;
      if (--in_system_ > 0) start_service(now);
    }
  }

 private:
  static constexpr std::uint64_t kArrival = 0;
  static constexpr std::uint64_t kDeparture = 1;
  void start_service(sim::Instant now) {
    kernel_.schedule(now + sim::Duration{services_.exponential(kServiceMean)}, id_, kDeparture);
  }

  sim::Kernel& kernel_;
  sim::HandlerId id_ = 0;
  CheapRng arrivals_{1};
  CheapRng services_{2};
  std::uint64_t in_system_ = 0;
  std::uint64_t departed_ = 0;
  double area_ = 0.0;
  sim::Instant last_{};
};

// The raw baseline: the same model as a bare loop over std::priority_queue.
Mm1Outcome raw_mm1() {
  CheapRng arrivals{1};
  CheapRng services{2};
  using Entry = std::pair<double, int>;  // (time, 0 = arrival, 1 = departure)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> events;
  events.push({arrivals.exponential(kArrivalMean), 0});
  std::uint64_t in_system = 0;
  std::uint64_t departed = 0;
  double area = 0.0;
  double last = 0.0;
  while (departed < kCustomers && !events.empty()) {
    const auto [now, kind] = events.top();
    events.pop();
    area += static_cast<double>(in_system) * (now - last);
    last = now;
    if (kind == 0) {
      events.push({now + arrivals.exponential(kArrivalMean), 0});
      if (++in_system == 1) events.push({now + services.exponential(kServiceMean), 1});
    } else {
      ++departed;
      if (--in_system > 0) events.push({now + services.exponential(kServiceMean), 1});
    }
  }
  return {area, last};
}

void BM_MM1_Kernel(benchmark::State& state) {
  Mm1Outcome outcome;
  for (auto _ : state) {
    sim::Kernel kernel;
    KernelMm1 model(kernel);
    outcome = model.run();
    benchmark::DoNotOptimize(outcome);
  }
  state.counters["customers/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kCustomers), benchmark::Counter::kIsRate);
  state.counters["L"] = outcome.area / outcome.end;
}
BENCHMARK(BM_MM1_Kernel)->Unit(benchmark::kMillisecond);

void BM_MM1_Raw(benchmark::State& state) {
  Mm1Outcome outcome;
  for (auto _ : state) {
    outcome = raw_mm1();
    benchmark::DoNotOptimize(outcome);
  }
  state.counters["customers/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kCustomers), benchmark::Counter::kIsRate);
  state.counters["L"] = outcome.area / outcome.end;
}
BENCHMARK(BM_MM1_Raw)->Unit(benchmark::kMillisecond);

// Prints the console table as usual and remembers each run's rate counter for the summary.
class RememberingReporter : public benchmark::ConsoleReporter {
 public:
  RememberingReporter() : ConsoleReporter(OO_Tabular) {}  // no colour codes: output is pasted
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      // With repetitions, the median aggregate (reported after the single runs) wins.
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      for (const char* name : {"customers/s", "events/s"}) {
        const auto it = run.counters.find(name);
        if (it != run.counters.end()) rates[run.run_name.str()] = it->second.value;
      }
    }
  }
  std::map<std::string, double> rates;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RememberingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  const auto& r = reporter.rates;
  const auto kernel = r.find("BM_MM1_Kernel");
  const auto raw = r.find("BM_MM1_Raw");
  if (kernel != r.end() && raw != r.end()) {
    std::printf("M/M/1 kernel/raw customers/s ratio: %.3f (goal >= 0.70)\n",
                kernel->second / raw->second);
  }
  const auto hold = r.find("BM_HoldModel/1000");
  const auto hold_raw = r.find("BM_HoldRaw/1000");
  if (hold != r.end()) {
    std::printf("hold model with 1000 pending: %.1f M events/s (goal >= 15)", hold->second / 1e6);
    if (hold_raw != r.end()) {
      std::printf("; raw std::priority_queue: %.1f M events/s, ratio %.3f", hold_raw->second / 1e6,
                  hold->second / hold_raw->second);
    }
    std::printf("\n");
  }
  return 0;
}
