// Where an experiment's replications run: worker threads in this process, or MPI ranks (each
// with its own threads) when `twotier` was started by mpirun/srun and built with TWOTIER_MPI.
//
// Every executor returns, on its root process, exactly what run_replications would return in
// one process: results ordered by replication index, each computed from (seed, index) only,
// so outputs are byte-identical however the work was spread. MPI split: rank r of P takes the
// contiguous block of indices [r N / P, (r + 1) N / P) (static, deterministic); rank 0 gathers
// the encoded results. Non-root ranks get an empty `replications` vector and must not write
// outputs. A failed replication on any rank makes run() throw on every rank.
// Use one executor per process (make_executor); run() may be called several times (design
// points of a sweep) but only from one thread, and under MPI by every rank in the same order.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "analysis/experiment.hpp"

namespace twotier::analysis {

class ReplicationExecutor {
 public:
  virtual ~ReplicationExecutor() = default;

  // Runs replications first_replication .. + options.replications - 1. On the root: all of
  // them in index order; elsewhere: an empty result (wall_seconds and threads still set).
  virtual ExperimentResult run(const ReplicationFunction& replicate,
                               const ExperimentOptions& options) = 0;
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
std::unique_ptr<ReplicationExecutor> make_executor();
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

}  // namespace twotier::analysis
