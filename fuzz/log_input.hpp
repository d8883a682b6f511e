// One fuzz input as a dossier log on disk: the bytes are split at the first line "#=" into
// dossier_log.csv and step_log.csv (no step table when there is no separator), written to
// `folder`, read with analysis::read_dossier_log, and the log's period checked as calibrate
// and backtest check it. Shared by fuzz/fuzz_dossier_log.cpp and the regression replay
// (tests/analysis/results/test_fuzz_regressions_logs.cpp). Returns true if the log was read
// and its period accepted, false if it was rejected with a model::ScenarioError; any other
// exception escapes (a bug: a bad log must give a message).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include "analysis/calibration/calibration.hpp"
#include "analysis/results/dossier_log.hpp"
#include "models/scenario_error.hpp"

namespace twotier::fuzz {

inline bool read_fuzz_log(const std::uint8_t* data, std::size_t size,
                          const std::filesystem::path& folder) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = input.find("\n#=\n");
  const std::filesystem::path dossiers = folder / "dossier_log.csv";
  const std::filesystem::path steps = folder / "step_log.csv";
  const std::string_view first = input.substr(0, cut);
  std::ofstream(dossiers, std::ios::binary | std::ios::trunc)
      .write(first.data(), static_cast<std::streamsize>(first.size()));
  std::optional<std::filesystem::path> step_file;
  if (cut != std::string_view::npos) {
    const std::string_view second = input.substr(cut + 4);
    std::ofstream(steps, std::ios::binary | std::ios::trunc)
        .write(second.data(), static_cast<std::streamsize>(second.size()));
    step_file = steps;
  }
  try {
    const analysis::DossierLog log = analysis::read_dossier_log(dossiers, step_file);
    (void)analysis::log_window(log);
    analysis::check_log_period(log, analysis::kMinCalibrationDossiers);
    return true;
  } catch (const model::ScenarioError&) {
    return false;
  }
}

}  // namespace twotier::fuzz
