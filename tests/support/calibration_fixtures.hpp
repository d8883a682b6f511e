// Logs generated from the known truth scenario tests/data/calibration-truth/ through the
// runtime's DossierRecordSink (the same writer as `twotier run --trace`). Test-only helpers.
#pragma once

#include <filesystem>
#include <string>

#include "analysis/results/dossier_log.hpp"
#include "analysis/results/dossier_log_writer.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::test {

inline std::filesystem::path truth_scenario() {
  return std::filesystem::path(TWOTIER_SOURCE_DIR) / "tests/data/calibration-truth/scenario.toml";
}

// A fresh folder under the build tree's test-output/.
inline std::filesystem::path test_folder(const std::string& name) {
  const auto folder = std::filesystem::path(TWOTIER_BINARY_DIR) / "test-output" / name;
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

// Runs replication `replication` of the truth and writes its log into `folder`.
inline analysis::DossierLog truth_log(std::uint64_t replication,
                                      const std::filesystem::path& folder) {
  const model::ModelSpec truth = model::load_scenario(truth_scenario());
  {
    analysis::DossierLogWriter writer(truth, folder);
    model::run_replication(truth, replication, nullptr, &writer);
    writer.finish();
  }
  return analysis::read_dossier_log(folder / analysis::kDossierLogName,
                                    folder / analysis::kStepLogName);
}

}  // namespace twotier::test
