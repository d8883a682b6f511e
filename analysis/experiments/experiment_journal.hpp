// The results.h5 of a compare, sweep or staff command in progress (docs/output-format.md,
// "Interrupted compare, sweep and staff"): every replication that finishes is written and
// flushed at once, so after an interruption the file is valid and holds all finished work.
// Root attribute incomplete = 1; /checkpoint holds the command's identity (subcommand,
// arguments, resolved scenario texts, twotier build) and one group per experiment k (the k-th
// set of replications the command ran, in call order: a command is deterministic given its
// arguments, so its k-th experiment is always the same) with its finished replications.
// A resumed command reopens the journal and is served the saved replications instead of
// recomputing them (analysis/experiments/checkpointing_executor.hpp). Not thread-safe (serial
// HDF5).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::analysis {

// A journal that cannot be used: not one, another build, another command or changed inputs.
// The message says why and what to do.
class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What makes a resumed command the same command.
struct JournalIdentity {
  std::string command;                 // the subcommand: "compare", "sweep", "staff"
  std::vector<std::string> arguments;  // its arguments that decide the results
  std::vector<std::string> settings;   // other arguments (--threads, --quiet): reused, not checked
  std::vector<std::string> inputs;     // the resolved scenario texts it simulates
  std::string working_directory;       // where it ran (relative paths in arguments): not checked
};

// One experiment: its description and the replications saved so far.
struct JournalExperiment {
  std::string label;  // ExperimentOptions::label
  std::uint64_t first_replication = 0;
  std::uint64_t replications = 0;              // the experiment's size
  std::vector<model::ReplicationResult> done;  // saved, by replication index
};

class ExperimentJournal {
 public:
  // Creates `file` (replacing any file of that name) holding `identity`, written by `build`
  // (tests pass another build; default: this one). Throws std::runtime_error on failure.
  static ExperimentJournal create(const std::filesystem::path& file,
                                  const JournalIdentity& identity, const std::string& build = "");
  // Opens a journal to complete it. Throws JournalError unless it was written by this build
  // for an identical command, arguments and inputs (settings may differ).
  static ExperimentJournal reopen(const std::filesystem::path& file,
                                  const JournalIdentity& identity);

  ExperimentJournal(ExperimentJournal&&) noexcept;
  ExperimentJournal& operator=(ExperimentJournal&&) noexcept;
  ~ExperimentJournal();

  // Experiment k as saved, or nothing if none of its replications was saved.
  std::optional<JournalExperiment> experiment(int k) const;
  // Writes replication `result` of experiment k (described by the other arguments; the
  // description is stored with its first replication) and flushes the file.
  // REQUIRES: the journal is open; result.replication in [first, first + replications).
  void add(int k, const std::string& label, std::uint64_t first_replication,
           std::uint64_t replications, const model::ReplicationResult& result);
  // Replications saved, over all experiments.
  std::size_t saved_replications() const;
  const std::filesystem::path& path() const;
  // Closes the file (also done by the destructor).
  void close();

 private:
  struct File;
  explicit ExperimentJournal(std::unique_ptr<File> file);
  std::unique_ptr<File> file_;
};

// Whether `file` is the journal of an interrupted command (any command's).
bool is_experiment_journal(const std::filesystem::path& file);
// The subcommand and identity a journal holds, and the build that wrote it ("0.1.0 (commit
// ...)"), without checking them. Throws JournalError if `file` is not a journal.
struct JournalHeader {
  JournalIdentity identity;
  std::string build;
};
JournalHeader read_journal_header(const std::filesystem::path& file);

}  // namespace twotier::analysis
