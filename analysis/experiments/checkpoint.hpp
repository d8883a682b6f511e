// The results.h5 of a run in progress, so that an interrupted run loses no finished
// replication (docs/output-format.md, "Interrupted runs"). The file has the root attribute
// incomplete = 1 and a group /checkpoint holding what `twotier run --resume DIR` needs to redo
// the same run (scenario file, --set overrides, replications, confidence level and the
// resolved scenario text) and one group per finished replication, each flushed to disk as
// soon as it is written: after an interruption the file is valid and complete up to the last
// finished replication. When the run ends, the complete results.h5 (written under a temporary
// name) is renamed over it. Not thread-safe (serial HDF5): one caller at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::analysis {

// What identifies a run, so a resumed run is the same run.
struct CheckpointIdentity {
  std::string scenario_file;           // the scenario TOML as typed (relative to the folder below)
  std::string working_directory;       // where the run started; a resume loads from there
  std::vector<std::string> overrides;  // "key=value" overrides (--seed, --horizon, --set)
  int replications = 0;
  double confidence = 0.95;
  std::string scenario_text;  // ModelSpec::source_text; a resume refuses if it has changed
};

struct Checkpoint {
  CheckpointIdentity identity;
  std::vector<model::ReplicationResult> done;  // finished replications, by index
};

class CheckpointWriter {
 public:
  // Creates `file` (replacing any file of that name) holding `identity` and no replication.
  // Throws std::runtime_error on failure.
  static CheckpointWriter create(const std::filesystem::path& file,
                                 const CheckpointIdentity& identity);
  // Opens an existing checkpoint to add the remaining replications.
  static CheckpointWriter reopen(const std::filesystem::path& file);

  CheckpointWriter(CheckpointWriter&&) noexcept;
  CheckpointWriter& operator=(CheckpointWriter&&) noexcept;
  ~CheckpointWriter();

  // Writes one finished replication and flushes the file. REQUIRES: the file is open.
  void add(const model::ReplicationResult& result);
  // Closes the file (also done by the destructor).
  void close();

 private:
  struct File;
  explicit CheckpointWriter(std::unique_ptr<File> file);
  std::unique_ptr<File> file_;
};

// Whether `file` is a readable HDF5 file marked incomplete (a checkpoint).
bool is_checkpoint(const std::filesystem::path& file);
// Reads a checkpoint. Throws std::runtime_error if `file` is not one.
Checkpoint read_checkpoint(const std::filesystem::path& file);

}  // namespace twotier::analysis
