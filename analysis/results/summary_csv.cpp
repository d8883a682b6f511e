#include "analysis/results/summary_csv.hpp"

#include <string>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {

void write_summary_csv(std::ostream& out, std::string_view scenario,
                       std::span<const SummaryRow> rows) {
  out << kSummaryCsvHeader << '\n';
  const std::string scenario_field = csv_field(scenario);
  for (const auto& row : rows) {
    const auto& e = row.estimate;
    out << scenario_field << ',' << csv_field(row.scope) << ',' << csv_field(row.metric) << ','
        << csv_number(e.mean) << ',' << csv_number(e.ci_low) << ',' << csv_number(e.ci_high) << ','
        << e.n << '\n';
  }
}

void write_summary_csv(const std::filesystem::path& file, std::string_view scenario,
                       std::span<const SummaryRow> rows) {
  write_text_atomically(file, [&](std::ostream& out) { write_summary_csv(out, scenario, rows); });
}

}  // namespace twotier::analysis
