// Where an experiment's replications run: worker threads in this process, or MPI ranks (each
// with its own threads) when `twotier` was started by mpirun/srun and built with TWOTIER_MPI.
//
// Every executor returns exactly what run_replications would return in one process: results
// ordered by replication index, each computed from (seed, index) only, so outputs are
// byte-identical however the work was spread. MPI split: a batch of experiments (run_batch;
// run() is a batch of one) is laid end to end as one list of M replications, and rank r of P
// takes the contiguous block [r M / P, (r + 1) M / P) of it (static, deterministic), so a
// batch of small experiments still keeps every rank busy. The encoded results go to rank 0
// only (ResultDelivery::kRoot: other ranks get empty `replications` and must not write) or to
// every rank (kEveryRank: all ranks continue with identical data, for commands that take
// decisions from results). A failed replication on any rank makes run() throw on every rank,
// with the error of the lowest failing rank.
// Use one executor per process (make_executor); run() may be called several times (design
// points of a sweep) but only from one thread, and under MPI by every rank in the same order
// with the same experiments.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "analysis/experiments/experiment.hpp"

namespace twotier::analysis {

// One experiment of a batch: its replication function and options (replications, first
// replication, label). Threads, progress and stop are taken from the batch's first job.
struct ExperimentJob {
  ReplicationFunction replicate;
  ExperimentOptions options;
};

// Which MPI ranks receive the results (see the header comment); one process gets them always.
enum class ResultDelivery { kRoot, kEveryRank };

class ReplicationExecutor {
 public:
  virtual ~ReplicationExecutor() = default;

  // Runs replications first_replication .. + options.replications - 1. Where results are
  // delivered: all of them in index order; elsewhere: an empty result (wall_seconds and
  // threads still set).
  virtual ExperimentResult run(const ReplicationFunction& replicate,
                               const ExperimentOptions& options) = 0;
  // Runs several experiments as one batch: result k is what run(jobs[k]) returns (under MPI
  // the batch's wall_seconds go to the first result, 0 to the others). The base
  // runs them one after the other; the MPI executor spreads all their replications at once.
  // REQUIRES: on more than one MPI rank, no job asks to skip replications or for
  // on_replication_done (checkpoints and journals are single-process).
  virtual std::vector<ExperimentResult> run_batch(std::span<const ExperimentJob> jobs);
  // Replications worth running at once to keep every worker busy (ranks x threads of
  // `threads`, as ExperimentOptions::threads); the same on every rank (rank 0's), so a
  // decision taken from it (a block of --select-best) is the same everywhere. Under MPI
  // every rank must call it, in the same order as run().
  virtual int parallel_width(int threads);
  // True on the process that writes outputs and prints (always, except MPI ranks > 0).
  virtual bool is_root() const = 0;
  // Processes sharing the work (1 without MPI).
  virtual int processes() const = 0;
  // "2 threads" or "4 MPI ranks x 2 threads", for progress messages.
  virtual std::string describe(const ExperimentOptions& options) const = 0;
  // A flag on which run() stops (see ExperimentOptions::stop), for replication functions to
  // poll so that replications in progress are abandoned too; nullptr when there is none.
  virtual const std::atomic<bool>* stop_flag() const { return nullptr; }
};

// Threads only (run_replications).
std::unique_ptr<ReplicationExecutor> make_thread_executor();
// MPI when this build has it and the process was launched by an MPI starter (mpirun, srun),
// else threads. Initialises MPI on first use and finalises it at exit.
std::unique_ptr<ReplicationExecutor> make_executor(ResultDelivery delivery = ResultDelivery::kRoot);
// Whether this build can use MPI (TWOTIER_MPI).
bool mpi_available();

// run() over model::run_replication(spec, index), cancellable through options.stop or else
// executor.stop_flag(). `spec` must outlive the call.
ExperimentResult run_experiment(ReplicationExecutor& executor, const model::ModelSpec& spec,
                                const ExperimentOptions& options);
// The same on `executor`, or on threads in this process when it is nullptr (the analysis
// functions that take an optional executor in their options).
ExperimentResult run_experiment(ReplicationExecutor* executor, const model::ModelSpec& spec,
                                const ExperimentOptions& options);
// Experiment k is specs[k] with options[k], run in balanced batches (run_batch) of
// consecutive experiments of about 4 replications per worker (parallel_width of
// options[0].threads; at most 2048 replications unless the workers are more), so that memory
// holds a few experiments' results, not all. `done` gets each result, in order, as its batch
// ends. In one process (nullptr executor: threads; or processes() == 1) there are no batches:
// one experiment after the other, each handed out as it ends. The specs must outlive the call.
// REQUIRES: specs.size() == options.size().
void run_experiments(ReplicationExecutor* executor, std::span<const model::ModelSpec> specs,
                     std::span<const ExperimentOptions> options,
                     const std::function<void(std::size_t k, ExperimentResult&& result)>& done);
// The same, keeping every result: result k is experiment k's.
std::vector<ExperimentResult> run_experiments(ReplicationExecutor* executor,
                                              std::span<const model::ModelSpec> specs,
                                              std::span<const ExperimentOptions> options);

}  // namespace twotier::analysis
