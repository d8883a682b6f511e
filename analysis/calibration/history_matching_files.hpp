// The files of `twotier calibrate --targets` in its output folder (docs/calibration.md):
//   calibration_runs.csv  every parameter set simulated: wave, parameters, per target the
//                         simulated mean, its noise and implausibility, the maximum, plausible;
//   parameter_sets.csv    the plausible sets only, one column per parameter (the input of
//                         `--parameter-sets`);
//   calibration_fit.md    the fit report: method, per target the reported value and the range
//                         the plausible sets give, per parameter its prior and plausible range.
// Each file is written under a temporary name and renamed (analysis/results/atomic_file.hpp).
#pragma once

#include <filesystem>
#include <string>

#include "analysis/calibration/history_matching.hpp"

namespace twotier::analysis {

// `scenario` names the scenario in the report.
void write_history_matching(const HistoryMatchingResult& result, const std::string& scenario,
                            const std::filesystem::path& folder);

// The report's text (calibration_fit.md), also printed by the command.
std::string history_matching_report(const HistoryMatchingResult& result,
                                    const std::string& scenario);

}  // namespace twotier::analysis
