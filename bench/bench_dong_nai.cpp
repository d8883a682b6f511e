// The shipped Dong Nai baseline (scenarios/dong-nai/baseline.toml), one replication of the
// full year on one thread: wall time, events per second, nanoseconds per dossier and peak
// resident memory. Also an overloaded variant (every arrival rate x3: the backlog grows all
// year) to show memory follows the dossiers in the system, and 8 replications on 1 and 2
// threads for the parallel speed-up. Run by hand (minutes on a busy machine):
//   ./build/bin/bench_dong_nai --benchmark_counters_tabular=true
// TWOTIER_BENCH_HORIZON=90d shortens every run (e.g. for profiling).
//
// BM_DongNaiYearVsFloor (issue 23, "the year"): the ratio of `twotier run
// scenarios/dong-nai/baseline.toml --reps 1 --threads 1` to the hand-written province floor
// (../shared/bench/province_floor.cpp, not part of the project: build it as
// ../shared/bench/README.md says), both as child processes, measured back to back
// TWOTIER_FLOOR_ROUNDS times (default 3); the minimum user CPU time of each is kept, as on a
// shared machine only the minimum approaches the quiet-core time:
//   g++ -O2 -std=c++20 -o build/province_floor ../shared/bench/province_floor.cpp
//   TWOTIER_FLOOR=build/province_floor ./build/bin/bench_dong_nai --benchmark_filter=Floor
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/process_memory.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "models/spec.hpp"

namespace {

using namespace twotier;
using Clock = std::chrono::steady_clock;
constexpr double kMiB = 1024.0 * 1024.0;

model::ModelSpec load_baseline(double arrival_factor = 1.0) {
  model::LoadOptions options;
  if (const char* horizon = std::getenv("TWOTIER_BENCH_HORIZON"))
    options.overrides.push_back(std::string("scenario.horizon=") + horizon);
  model::ModelSpec spec = model::load_scenario(
      std::filesystem::path(TWOTIER_SOURCE_DIR) / "scenarios/dong-nai/baseline.toml", options);
  for (model::ArrivalStreamSpec& a : spec.arrivals)
    a.per_day *= arrival_factor;
  return spec;
}

// One replication per iteration; the peak RSS covers this benchmark only where the kernel
// lets us reset the high-water mark (it is then the loaded spec plus the run plus outputs).
void run_one(benchmark::State& state, double arrival_factor, bool write_outputs) {
  const model::ModelSpec spec = load_baseline(arrival_factor);
  const bool reset = analysis::reset_peak_rss();
  std::uint64_t replication = 0;
  double seconds = 0.0;
  model::ReplicationResult r;
  for (auto _ : state) {
    const auto started = Clock::now();
    r = model::run_replication(spec, replication++);
    seconds += std::chrono::duration<double>(Clock::now() - started).count();
    if (write_outputs) {
      const std::filesystem::path out =
          std::filesystem::temp_directory_path() / "twotier_bench_dong_nai";
      analysis::RunMetadata metadata = analysis::describe_run(spec);
      metadata.replications = 1;
      metadata.threads = 1;
      analysis::write_run_outputs(out, metadata, {&r, 1});
      std::filesystem::remove_all(out);
    }
  }
  const double n = static_cast<double>(state.iterations());
  const int province = 0;
  state.counters["dossiers"] = static_cast<double>(r.dossiers);
  state.counters["events"] = static_cast<double>(r.events);
  state.counters["Mevents/s"] = static_cast<double>(r.events) * n / seconds / 1e6;
  state.counters["ns/dossier"] = seconds / n * 1e9 / static_cast<double>(r.dossiers);
  state.counters["open_end"] = r.kpis[province][static_cast<int>(model::Metric::kBacklogEnd)];
  state.counters["peak_MiB"] = static_cast<double>(analysis::peak_rss_bytes()) / kMiB;
  state.counters["peak_is_own"] = reset ? 1.0 : 0.0;
}

void BM_DongNaiBaseline(benchmark::State& state) {
  run_one(state, 1.0, state.range(0) != 0);
}
// Arg 0: the replication only; Arg 1: also summarise and write summary.csv,
// monthly_report.csv and results.h5 (the 256 MB goal counts the outputs).
BENCHMARK(BM_DongNaiBaseline)->Arg(0)->Arg(1)->Unit(benchmark::kSecond)->Iterations(1);

// Every arrival rate x3: the offices cannot keep up and the backlog grows all year; memory
// must follow the open dossiers (open_end), at a few hundred bytes each.
void BM_DongNaiOverloadedX3(benchmark::State& state) {
  run_one(state, 3.0, false);
}
BENCHMARK(BM_DongNaiOverloadedX3)->Unit(benchmark::kSecond)->Iterations(1);

// 8 replications on `threads` worker threads (Arg), through the experiment runner.
void BM_Replications8(benchmark::State& state) {
  const model::ModelSpec spec = load_baseline();
  analysis::ExperimentOptions options;
  options.replications = 8;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const analysis::ExperimentResult result = analysis::run_experiment(spec, options);
    state.SetIterationTime(result.wall_seconds);
    benchmark::DoNotOptimize(result.replications.back().events);
  }
  state.counters["threads"] = static_cast<double>(options.threads);
}
BENCHMARK(BM_Replications8)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

// Runs `argv` as a child with stdout/stderr to /dev/null; returns its user CPU seconds and
// peak RSS (bytes), or a negative time when it could not run or failed.
struct ChildCost {
  double user_seconds = -1.0;
  double peak_bytes = 0.0;
};
ChildCost run_child(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  ChildCost cost;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) == 0) {
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      cost.user_seconds =
          static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec * 1e-6;
      cost.peak_bytes = static_cast<double>(usage.ru_maxrss) * 1024.0;
    }
  }
  posix_spawn_file_actions_destroy(&actions);
  return cost;
}

// The year against the floor, alternated, `rounds` times; minimum of each (see the top).
void BM_DongNaiYearVsFloor(benchmark::State& state) {
  const char* floor = std::getenv("TWOTIER_FLOOR");
  const std::string floor_path = floor ? floor : "build/province_floor";
  if (access(floor_path.c_str(), X_OK) != 0) {
    state.SkipWithError(("no floor program at " + floor_path +
                         ": g++ -O2 -std=c++20 -o build/province_floor "
                         "../shared/bench/province_floor.cpp (or set TWOTIER_FLOOR)")
                            .c_str());
    return;
  }
  const char* rounds_text = std::getenv("TWOTIER_FLOOR_ROUNDS");
  const int rounds = std::max(1, rounds_text ? std::atoi(rounds_text) : 3);
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / "twotier_bench_year_vs_floor";
  const std::vector<std::string> year = {
      (self.parent_path() / "twotier").string(),
      "run",
      (std::filesystem::path(TWOTIER_SOURCE_DIR) / "scenarios/dong-nai/baseline.toml").string(),
      "--reps",
      "1",
      "--threads",
      "1",
      "--out",
      out.string(),
      "--force",
      "-q"};
  double year_min = 1e300, floor_min = 1e300, peak = 0.0;
  for (auto _ : state) {
    for (int r = 0; r < rounds; ++r) {
      const ChildCost f = run_child({floor_path});
      const ChildCost y = run_child(year);
      if (f.user_seconds < 0.0 || y.user_seconds < 0.0) {
        state.SkipWithError("the floor or `twotier run` failed");
        return;
      }
      floor_min = std::min(floor_min, f.user_seconds);
      year_min = std::min(year_min, y.user_seconds);
      peak = std::max(peak, y.peak_bytes);
    }
  }
  std::filesystem::remove_all(out);
  state.counters["year_user_s"] = year_min;
  state.counters["floor_user_s"] = floor_min;
  state.counters["ratio"] = year_min / floor_min;
  state.counters["year_peak_MiB"] = peak / kMiB;
  state.counters["rounds"] = rounds;
}
BENCHMARK(BM_DongNaiYearVsFloor)->Unit(benchmark::kSecond)->Iterations(1);

// Remembers each benchmark's real time, to print the speed-up line after the table.
class RememberingReporter : public benchmark::ConsoleReporter {
 public:
  RememberingReporter() : benchmark::ConsoleReporter(OO_None) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs)
      seconds[run.benchmark_name()] = run.GetAdjustedRealTime();
  }
  std::map<std::string, double> seconds;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RememberingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  const auto one = reporter.seconds.find("BM_Replications8/1/iterations:1/manual_time");
  const auto two = reporter.seconds.find("BM_Replications8/2/iterations:1/manual_time");
  if (one != reporter.seconds.end() && two != reporter.seconds.end())
    std::printf("8 replications: 1 thread %.2f s, 2 threads %.2f s, speed-up %.2f (goal >= 1.8)\n",
                one->second, two->second, one->second / two->second);
  return 0;
}
