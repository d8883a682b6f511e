// A DossierRecordSink that streams a replication's records into the log format of
// docs/log-format.md: FOLDER/dossier_log.csv and FOLDER/step_log.csv. Rows go out as records
// arrive, through a 1 MiB stream buffer, so memory stays flat however long the run; the files
// are written under temporary names and renamed by finish() (an abandoned writer leaves no
// partial log). One writer per replication; not thread-safe.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "models/dossier_record.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

class DossierLogWriter final : public model::DossierRecordSink {
 public:
  // Creates `folder` and opens both files. `spec` must outlive the writer.
  // Throws std::runtime_error if a file cannot be created.
  DossierLogWriter(const model::ModelSpec& spec, const std::filesystem::path& folder);
  ~DossierLogWriter() override;
  DossierLogWriter(const DossierLogWriter&) = delete;
  DossierLogWriter& operator=(const DossierLogWriter&) = delete;

  void on_step(const model::StepRecord& record) override;
  void on_dossier(const model::DossierRecord& record) override;

  // Flushes and renames both files into place. Throws std::runtime_error on a write error.
  void finish();
  std::uint64_t dossiers_written() const { return dossiers_; }
  std::uint64_t steps_written() const { return steps_; }

 private:
  struct File {
    std::filesystem::path target;
    std::filesystem::path temporary;
    std::vector<char> buffer;
    std::ofstream out;
  };
  void open(File& file, const std::filesystem::path& target, const char* header);
  std::string time_text(sim::Instant t) const;

  // Constant after construction.
  const model::ModelSpec& spec_;
  // Written by the replication's event loop.
  File dossier_file_;
  File step_file_;
  std::string line_;
  std::uint64_t dossiers_ = 0;
  std::uint64_t steps_ = 0;
  bool finished_ = false;
};

}  // namespace twotier::analysis
