// DIR/results.h5: everything a report needs, so reports can be rebuilt without re-running.
// Layout (documented with examples in docs/output-format.md): /metadata (attributes),
// /units, /summary, /monthly_report, /replications/{kpi, position_utilization, daily/...,
// monthly_report}. Written to a temporary name and renamed when complete. Not thread-safe
// (the serial HDF5 library): call from one thread.
#pragma once

#include <filesystem>
#include <span>

#include "analysis/results/monthly_report_csv.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/replication_result.hpp"

namespace twotier::analysis {

// Version of the layout below; bumped when a dataset is renamed or changes meaning.
inline constexpr int kResultsFormatVersion = 1;

// REQUIRES: all results share scopes, position count and daily shape; metadata.unit_ids
// and position_labels match them. Throws std::runtime_error (with HDF5's message) on failure.
void write_results_h5(const std::filesystem::path& file, const RunMetadata& metadata,
                      std::span<const model::ReplicationResult> results,
                      std::span<const SummaryRow> summary,
                      std::span<const MonthlyMeanRow> monthly_means);

}  // namespace twotier::analysis
