// The experiment runner: N independent replications of one ModelSpec on T worker threads.
//
// Replication i is seeded inside run_replication from (spec.seed, first_replication + i), and
// its result is stored at index i, so the results are bit-identical for any thread count and
// completion order. Workers share only the read-only spec and an atomic ticket counter. The
// first exception thrown by a replication stops the dispatch and is rethrown to the caller.
// An experiment can be interrupted (a stop flag, set by analysis/experiments/interrupt.hpp on
// SIGINT) and resumed (replications done earlier are skipped); finished replications are handed to
// a callback one at a time, so the caller can save each at once
// (analysis/experiments/checkpoint.hpp).
#pragma once

#include <atomic>      // std::atomic<bool> stop flag
#include <cstdint>     // std::uint64_t
#include <functional>  // std::function
#include <string>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::model {
struct ModelSpec;
}

namespace twotier::analysis {

struct ExperimentOptions {
  int replications = 10;  // N, >= 1
  int threads = 0;        // T; 0 = std::thread::hardware_concurrency()
  // Count towards the command's progress line (analysis/experiments/progress_board.hpp).
  bool progress = false;
  // Simulated days one replication runs (the progress unit; the runners over a spec fill it
  // in); 0: progress counts whole replications.
  double days_each = 0.0;
  std::uint64_t first_replication = 0;  // index of the first replication (to extend a run)
  // What is simulated ("scenario baseline", "point 3"): kept by checkpointing executors
  // (analysis/experiments/checkpointing_executor.hpp) to check that a resumed command repeats
  // itself.
  std::string label;

  // Once *stop is true no replication starts and the running ones are abandoned (they throw
  // model::ReplicationCancelled); the result says `interrupted`. nullptr: never stops.
  const std::atomic<bool>* stop = nullptr;
  // skip[i]: replication first_replication + i was done by an earlier run; its slot is left
  // empty for the caller. Empty (nothing skipped) or of size `replications`.
  std::vector<bool> skip;
  // Called with each finished replication, one call at a time, in completion order, on a
  // worker thread. An exception thrown here stops the experiment like a failed replication.
  std::function<void(const model::ReplicationResult&)> on_replication_done;
};

struct ExperimentResult {
  // Ordered by replication index: replications[i].replication == first_replication + i.
  std::vector<model::ReplicationResult> replications;
  double wall_seconds = 0.0;   // elapsed time of the whole experiment
  int threads = 1;             // worker threads actually used
  bool interrupted = false;    // *options.stop was set before every replication finished
  std::vector<bool> finished;  // finished[i]: slot i holds a result computed by this call
};

// Runs one replication given its absolute index. Must be safe to call concurrently.
using ReplicationFunction = std::function<model::ReplicationResult(std::uint64_t replication)>;

// The dispatch itself, independent of the model (tests drive it with synthetic results).
// REQUIRES: options.replications >= 1, options.threads >= 0.
ExperimentResult run_replications(const ReplicationFunction& replicate,
                                  const ExperimentOptions& options);

// run_replications over model::run_replication(spec, index), cancellable through
// options.stop and counting simulated days for the progress line. `spec` must outlive the call.
ExperimentResult run_experiment(const model::ModelSpec& spec, const ExperimentOptions& options);

// The days a replication of `spec` simulates (ExperimentOptions::days_each).
double replication_days(const model::ModelSpec& spec);
// The progress board's day counter when `options` shows progress, else nullptr (for
// model::run_replication's `days_done`).
std::atomic<std::int64_t>* progress_days(const ExperimentOptions& options);

// Worker threads used for `options`: the requested count (or the hardware's), at most N.
int effective_threads(const ExperimentOptions& options);

}  // namespace twotier::analysis
