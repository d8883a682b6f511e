#include "analysis/results/monthly_report_csv.hpp"

#include <cassert>
#include <map>
#include <tuple>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {

std::array<std::int64_t, kMonthlyCountColumns> monthly_counts(const model::MonthlyReportRow& row) {
  return {row.carried_over,       row.received_new,    row.completed_on_time, row.completed_late,
          row.returned_withdrawn, row.pending_not_due, row.pending_overdue};
}

std::vector<MonthlyMeanRow> mean_monthly_report(std::span<const model::ReplicationResult> results) {
  // Sums keyed by (unit, year, month): the map keeps the documented order.
  std::map<std::tuple<int, int, int>, std::array<double, kMonthlyCountColumns>> sums;
  for (const auto& result : results) {
    for (const auto& row : result.monthly_report) {
      auto& sum = sums[{row.unit, row.year, row.month}];
      const auto counts = monthly_counts(row);
      for (int c = 0; c < kMonthlyCountColumns; ++c)
        sum[c] += static_cast<double>(counts[c]);
    }
  }
  std::vector<MonthlyMeanRow> rows;
  rows.reserve(sums.size());
  const double replications = static_cast<double>(results.size());
  for (const auto& [key, sum] : sums) {
    MonthlyMeanRow row;
    std::tie(row.unit, row.year, row.month) = key;
    for (int c = 0; c < kMonthlyCountColumns; ++c)
      row.mean[c] = sum[c] / replications;
    rows.push_back(row);
  }
  return rows;
}

void write_monthly_report_csv(std::ostream& out, std::span<const MonthlyMeanRow> rows,
                              std::span<const std::string> unit_ids,
                              std::span<const std::string> unit_names) {
  out << "unit,unit_name,year,month";
  for (auto name : kMonthlyCountNames)
    out << ',' << name;
  out << '\n';
  for (const auto& row : rows) {
    assert(row.unit >= 0 && static_cast<std::size_t>(row.unit) < unit_ids.size());
    assert(static_cast<std::size_t>(row.unit) < unit_names.size());
    out << csv_field(unit_ids[row.unit]) << ',' << csv_field(unit_names[row.unit]) << ','
        << row.year << ',' << row.month;
    for (double value : row.mean)
      out << ',' << csv_number(value);
    out << '\n';
  }
}

void write_monthly_report_csv(const std::filesystem::path& file,
                              std::span<const MonthlyMeanRow> rows,
                              std::span<const std::string> unit_ids,
                              std::span<const std::string> unit_names) {
  write_text_atomically(
      file, [&](std::ostream& out) { write_monthly_report_csv(out, rows, unit_ids, unit_names); });
}

}  // namespace twotier::analysis
