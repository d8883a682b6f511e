// Interruption and --resume for commands that run experiments (compare, sweep, staff; any new
// one in one line). `resumable_command` adds `--resume DIR` to a subcommand and wraps its
// body: the body loads its inputs, calls session.start(out, force, inputs) once it knows the
// output folder, runs every experiment on session.executor() and writes its outputs; the
// wrapper then writes the complete DIR/results.h5 (analysis/experiments/experiments_h5.hpp).
//
// From start() on, SIGINT/SIGTERM stop the experiments: finished replications are in
// DIR/results.h5 (an ExperimentJournal, flushed per replication), the command prints how to
// resume and exits 128 + signal. `twotier X --resume DIR [--threads N] [--quiet]` re-parses
// the saved arguments in the saved working folder, reruns the command and is served the
// saved replications; its outputs are byte-identical to an uninterrupted run.
//
// Under MPI (mpirun/srun, docs/cluster.md) every rank runs the whole body alike: the executor
// spreads each batch of replications over the ranks and gives every rank all results, so all
// take the same decisions. Only the root writes files (bodies ask writes_outputs()) and
// prints: the other ranks' std::cout and std::cerr are silenced from start() on. Nothing is
// journalled under MPI: no interruption, no resume.
//
// Adoption in a new command: `return resumable_command(cmd, options, body);` in its add_*
// function, with `int body(const Options&, ExperimentSession&)`.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>  // std::streambuf
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/experiments/checkpointing_executor.hpp"
#include "analysis/experiments/experiment_journal.hpp"
#include "analysis/experiments/interrupt.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/commands.hpp"

namespace twotier::app {

class ExperimentSession {
 public:
  // `identity`: the command's arguments as parsed (inputs are given to start()); `resume`:
  // the folder being resumed, if any.
  ExperimentSession(analysis::JournalIdentity identity, std::optional<std::filesystem::path> resume,
                    bool quiet);
  ~ExperimentSession();
  ExperimentSession(const ExperimentSession&) = delete;
  ExperimentSession& operator=(const ExperimentSession&) = delete;

  // Call once the output folder is known, every input has loaded and before any experiment.
  // Refuses (prints why, returns false: exit 2) when `out` may not be written or is in use
  // (analysis/results/output_folder.hpp), holds files of an earlier or interrupted command
  // and this is neither --force nor its --resume, or when the resumed journal belongs to
  // another build, command or inputs. Otherwise creates `out` and its
  // journal (or reopens it) and catches SIGINT/SIGTERM. `inputs`: the resolved scenario texts.
  bool start(const std::filesystem::path& out, bool force, std::vector<std::string> inputs);
  // Where the body runs its experiments. REQUIRES: start() returned true.
  analysis::ReplicationExecutor& executor();
  bool started() const { return executor_ != nullptr; }
  // Whether this process writes the outputs: always, except MPI ranks > 0.
  // REQUIRES: start() returned true.
  bool writes_outputs() const;
  bool resuming() const { return resume_.has_value(); }

  // After the body succeeded: the complete results.h5, renamed over the journal.
  void finish();
  // After ExperimentInterrupted: prints where the work is and how to resume; the exit code.
  int report_interruption();

 private:
  analysis::JournalIdentity identity_;
  std::optional<std::filesystem::path> resume_;
  bool quiet_ = false;
  std::filesystem::path out_;
  // Locked from start() on (root only); what a failed command added is removed with it.
  std::optional<analysis::OutputFolder> folder_;
  std::unique_ptr<analysis::ReplicationExecutor> inner_;  // threads, or MPI ranks
  // Non-root MPI ranks: their silenced streams' buffers, restored by the destructor.
  std::streambuf* saved_cout_ = nullptr;
  std::streambuf* saved_cerr_ = nullptr;
  std::optional<analysis::InterruptScope> interrupt_;
  std::optional<analysis::ExperimentJournal> journal_;
  std::unique_ptr<analysis::CheckpointingExecutor> executor_;
  double started_at_ = 0.0;  // steady clock seconds
};

// The wrapper behind resumable_command: `reset` restores the options to their defaults
// before saved arguments are parsed again; `body` runs the command.
Action make_resumable(CLI::App* cmd, std::function<void()> reset,
                      std::function<int(ExperimentSession&)> body);

template <class Options>
Action resumable_command(CLI::App* cmd, std::shared_ptr<Options> options,
                         int (*body)(const Options&, ExperimentSession&)) {
  return make_resumable(
      cmd, [options] { *options = Options{}; },
      [options, body](ExperimentSession& session) { return body(*options, session); });
}

}  // namespace twotier::app
