// DIR/summary.csv: one line per (scope, metric) with the across-replication mean and its
// Student-t interval. Columns: scenario,scope,metric,mean,ci_low,ci_high,n. Numbers are in
// shortest round-trip form; an undefined value (n == 0) is an empty field.
#pragma once

#include <filesystem>
#include <ostream>
#include <span>
#include <string_view>

#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

inline constexpr std::string_view kSummaryCsvHeader = "scenario,scope,metric,mean,ci_low,ci_high,n";

void write_summary_csv(std::ostream& out, std::string_view scenario,
                       std::span<const SummaryRow> rows);

// Writes `file` through a temporary name (see atomic_file.hpp).
void write_summary_csv(const std::filesystem::path& file, std::string_view scenario,
                       std::span<const SummaryRow> rows);

}  // namespace twotier::analysis
