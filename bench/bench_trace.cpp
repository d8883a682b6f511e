// The cost of `twotier run --trace` on the Dong Nai baseline year (≈1.75 million dossiers),
// one replication on one thread: without records, with the per-dossier HDF5 table only, and
// with the table and the CSV dossier/step log together (what --trace writes). Reports wall
// time, ns per dossier, the added ns per dossier, the time spent writing HDF5 chunks and its
// MB/s (table file size / write time), the copy of /trace into results.h5, and peak RSS, which
// must not grow with the trace (rows stream out in chunks). Run by hand:
//   ./build/bin/bench_trace --benchmark_counters_tabular=true
// TWOTIER_BENCH_HORIZON=90d shortens every run.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <benchmark/benchmark.h>

#include "analysis/experiments/process_memory.hpp"
#include "analysis/results/dossier_log_writer.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"
#include "analysis/results/trace_record_sink.hpp"
#include "analysis/results/trace_table_h5.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"

namespace {

using namespace twotier;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kMiB = 1024.0 * 1024.0;

model::ModelSpec load_baseline() {
  model::LoadOptions options;
  if (const char* horizon = std::getenv("TWOTIER_BENCH_HORIZON"))
    options.overrides.push_back(std::string("scenario.horizon=") + horizon);
  return model::load_scenario(fs::path(TWOTIER_SOURCE_DIR) / "scenarios/dong-nai/baseline.toml",
                              options);
}

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

enum Mode { kNone = 0, kTable = 1, kTableAndCsv = 2 };

// Arg: Mode. One replication per iteration, then (with a table) results.h5 with /trace.
void BM_DongNaiTrace(benchmark::State& state) {
  const auto mode = static_cast<Mode>(state.range(0));
  const model::ModelSpec spec = load_baseline();
  const fs::path out = fs::temp_directory_path() / "twotier_bench_trace";
  fs::remove_all(out);
  fs::create_directories(out);
  const bool own_peak = analysis::reset_peak_rss();
  const double rss_before = static_cast<double>(analysis::current_rss_bytes());
  double run_seconds = 0.0, write_seconds = 0.0, copy_seconds = 0.0, table_bytes = 0.0;
  model::ReplicationResult r;
  for (auto _ : state) {
    std::optional<analysis::TraceTableWriter> table;
    std::optional<analysis::TraceRecordSink> rows;
    std::optional<analysis::DossierLogWriter> log;
    std::optional<analysis::RecordTee> tee;
    model::DossierRecordSink* records = nullptr;
    if (mode != kNone) {
      table.emplace(out / ".trace.h5.tmp", 8192, analysis::trace_layout_for(spec));
      rows.emplace(spec, 0, *table);
      records = &*rows;
    }
    if (mode == kTableAndCsv) {
      log.emplace(spec, out);
      records = &tee.emplace(*log, *rows);
    }
    const auto started = Clock::now();
    r = model::run_replication(spec, 0, nullptr, records);
    if (rows) rows->finish();
    if (log) log->finish();
    if (table) table->finish();
    run_seconds += since(started);
    if (table) {
      write_seconds += table->write_seconds();
      table_bytes = static_cast<double>(fs::file_size(out / ".trace.h5.tmp"));
      analysis::RunMetadata metadata = analysis::describe_run(spec);
      metadata.replications = 1;
      metadata.trace_table = out / ".trace.h5.tmp";
      metadata.trace_replications = "first";
      const auto copy_started = Clock::now();
      analysis::write_run_outputs(out / "run", metadata, {&r, 1});
      copy_seconds += since(copy_started);
    }
  }
  const double n = static_cast<double>(state.iterations());
  const double dossiers = static_cast<double>(r.dossiers);
  state.counters["dossiers"] = dossiers;
  state.counters["run_s"] = run_seconds / n;
  state.counters["ns/dossier"] = run_seconds / n * 1e9 / dossiers;
  state.counters["h5_write_s"] = write_seconds / n;
  state.counters["h5_ns/dossier"] = write_seconds / n * 1e9 / dossiers;
  state.counters["h5_MB/s"] = write_seconds > 0 ? table_bytes * n / write_seconds / 1e6 : 0.0;
  state.counters["table_MB"] = table_bytes / 1e6;
  state.counters["outputs_s"] = copy_seconds / n;  // results.h5 with /trace copied in
  state.counters["peak_MiB"] = static_cast<double>(analysis::peak_rss_bytes()) / kMiB;
  state.counters["peak_growth_MiB"] =
      (static_cast<double>(analysis::peak_rss_bytes()) - rss_before) / kMiB;
  state.counters["peak_is_own"] = own_peak ? 1.0 : 0.0;
  fs::remove_all(out);
}
BENCHMARK(BM_DongNaiTrace)
    ->ArgName("mode")
    ->Arg(kNone)
    ->Arg(kTable)
    ->Arg(kTableAndCsv)
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
