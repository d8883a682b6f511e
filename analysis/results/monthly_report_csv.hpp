// The official monthly report averaged over replications, and DIR/monthly_report.csv.
//
// Every figure is the MEAN over replications of that count (so it may be fractional): a row
// missing from a replication counts as zero there. Rows are ordered by unit index, then year
// and month. Columns: unit,unit_name,year,month,carried_over,new,completed_on_time,
// completed_late,returned_withdrawn,pending_not_due,pending_overdue.
#pragma once

#include <array>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::analysis {

inline constexpr int kMonthlyCountColumns = 7;
// Names of the counts, in MonthlyReportRow order (the CSV and HDF5 column names).
inline constexpr std::array<std::string_view, kMonthlyCountColumns> kMonthlyCountNames = {
    "carried_over",       "new",
    "completed_on_time",  "completed_late",
    "returned_withdrawn", "pending_not_due",
    "pending_overdue"};

struct MonthlyMeanRow {
  int unit = 0;  // index into ModelSpec::units
  int year = 0;
  int month = 0;
  std::array<double, kMonthlyCountColumns> mean{};  // in kMonthlyCountNames order
};

// The counts of `row` in kMonthlyCountNames order.
std::array<std::int64_t, kMonthlyCountColumns> monthly_counts(const model::MonthlyReportRow& row);

std::vector<MonthlyMeanRow> mean_monthly_report(std::span<const model::ReplicationResult> results);

// REQUIRES: every row's unit indexes unit_ids and unit_names.
void write_monthly_report_csv(std::ostream& out, std::span<const MonthlyMeanRow> rows,
                              std::span<const std::string> unit_ids,
                              std::span<const std::string> unit_names);

// Writes `file` through a temporary name (see atomic_file.hpp).
void write_monthly_report_csv(const std::filesystem::path& file,
                              std::span<const MonthlyMeanRow> rows,
                              std::span<const std::string> unit_ids,
                              std::span<const std::string> unit_names);

}  // namespace twotier::analysis
