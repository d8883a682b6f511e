// The files of one `twotier run` in its output folder: summary.csv, monthly_report.csv,
// utilisation.csv, results.xlsx and results.h5, each written under a temporary name and renamed
// when complete. Call from one thread (HDF5).
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "analysis/results/run_metadata.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/replication_result.hpp"

namespace twotier::analysis {

inline constexpr const char* kSummaryCsvName = "summary.csv";
inline constexpr const char* kMonthlyReportCsvName = "monthly_report.csv";
inline constexpr const char* kResultsH5Name = "results.h5";

// The result files of an earlier run present in `folder` (empty if none or no folder).
std::vector<std::filesystem::path> existing_result_files(const std::filesystem::path& folder);

// Summarises `results` at metadata.confidence, creates `folder` and writes the five files.
// Returns the summary rows (for the printed table).
// REQUIRES: !results.empty(); results ordered by replication index and mutually consistent.
std::vector<SummaryRow> write_run_outputs(const std::filesystem::path& folder,
                                          const RunMetadata& metadata,
                                          std::span<const model::ReplicationResult> results);

}  // namespace twotier::analysis
