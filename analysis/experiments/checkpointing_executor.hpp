// A ReplicationExecutor that numbers the experiments (run() calls) of a command in call order,
// saves every finished replication of experiment k in an ExperimentJournal, and serves the
// replications saved by an interrupted run of the same command instead of recomputing them.
// It also keeps, for every experiment, its label and replications' KPIs (for the complete
// results.h5, analysis/experiments/experiments_h5.hpp). Replication i of an experiment is a
// function of the experiment alone, so a resumed command gets exactly the results of an
// uninterrupted one.
//
// While it runs, the stop flag (analysis/experiments/interrupt.hpp) abandons the replications in
// progress; run() then throws ExperimentInterrupted, which the command turns into its exit message.
// Call run() from one thread, like any executor. Under MPI (no journal) only the root keeps
// records (it alone writes results.h5).
#pragma once

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/experiments/experiment_journal.hpp"
#include "analysis/experiments/replication_executor.hpp"

namespace twotier::analysis {

// Thrown by CheckpointingExecutor::run when the stop flag interrupted an experiment (the
// finished replications are saved).
class ExperimentInterrupted : public std::runtime_error {
 public:
  ExperimentInterrupted() : std::runtime_error("the experiment was interrupted") {}
};

// One experiment as the complete results.h5 records it.
struct ExperimentRecord {
  std::string label;
  std::uint64_t first_replication = 0;
  std::vector<std::string> scopes;               // of its first replication
  std::vector<std::uint64_t> index;              // replication indices, in order
  std::vector<std::vector<model::KpiRow>> kpis;  // [replication][scope]
};

class CheckpointingExecutor final : public ReplicationExecutor {
 public:
  // `inner` runs the replications; `journal` (nullptr: nothing saved or served) and `stop`
  // (nullptr: never stops) must outlive this executor.
  CheckpointingExecutor(ReplicationExecutor& inner, ExperimentJournal* journal,
                        const std::atomic<bool>* stop);
  CheckpointingExecutor(const CheckpointingExecutor&) = delete;
  CheckpointingExecutor& operator=(const CheckpointingExecutor&) = delete;

  // Experiment number experiments() (then counted). Throws JournalError when the journal's
  // experiment of that number has another label or range (the command did not repeat itself),
  // ExperimentInterrupted when stopped.
  ExperimentResult run(const ReplicationFunction& replicate,
                       const ExperimentOptions& options) override;
  // Without a journal: the inner executor's batch (under MPI spread over the ranks at once),
  // numbered and recorded as experiments in order. With one: run() for each job in order.
  std::vector<ExperimentResult> run_batch(std::span<const ExperimentJob> jobs) override;
  int parallel_width(int threads) override { return inner_.parallel_width(threads); }
  bool is_root() const override { return inner_.is_root(); }
  int processes() const override { return inner_.processes(); }
  std::string describe(const ExperimentOptions& options) const override {
    return inner_.describe(options);
  }
  const std::atomic<bool>* stop_flag() const override { return stop_; }

  int experiments() const { return next_experiment_; }
  // Replications served from the journal instead of run, over all experiments so far.
  std::size_t served() const { return served_; }
  const std::vector<ExperimentRecord>& records() const { return records_; }

 private:
  // Keeps `result`'s label and KPIs for results.h5 (on the root).
  void record(const ExperimentOptions& options, const ExperimentResult& result);

  ReplicationExecutor& inner_;
  ExperimentJournal* const journal_;
  const std::atomic<bool>* const stop_;
  int next_experiment_ = 0;
  std::size_t served_ = 0;
  std::vector<ExperimentRecord> records_;
};

}  // namespace twotier::analysis
