#include "analysis/experiments/scenario_comparison.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

std::vector<ComparisonRow> compare_with_base(const ScenarioColumns& base,
                                             std::span<const ScenarioColumns> alternatives,
                                             double confidence) {
  std::vector<ComparisonRow> rows;
  const int k = static_cast<int>(alternatives.size());
  for (const auto& alt : alternatives) {
    for (const auto& column : base.columns) {
      const KpiColumn* other = find_column(alt.columns, column.scope, column.metric);
      if (other == nullptr) continue;
      if (other->values.size() != column.values.size())
        throw std::invalid_argument(
            "compare: " + alt.name + " has " + std::to_string(other->values.size()) +
            " replications, the base " + std::to_string(column.values.size()));
      rows.push_back({alt.name, column.scope, column.metric,
                      compare_paired(column.values, other->values, confidence, k)});
    }
  }
  return rows;
}

void write_comparison_csv(std::ostream& out, std::span<const ComparisonRow> rows) {
  out << kComparisonCsvHeader << '\n';
  for (const auto& row : rows) {
    const auto& p = row.paired;
    out << csv_field(row.alternative) << ',' << csv_field(row.scope) << ',' << csv_field(row.metric)
        << ',' << csv_number(p.base_mean) << ',' << csv_number(p.alt_mean) << ','
        << csv_number(p.difference.mean) << ',' << csv_number(p.difference.low) << ','
        << csv_number(p.difference.high) << ',' << (p.significant ? 1 : 0) << ','
        << csv_number(p.correlation) << ',' << csv_number(p.variance_ratio) << ',' << p.pairs << ','
        << csv_number(p.adjusted_level) << '\n';
  }
}

void write_comparison_csv(const std::filesystem::path& file, std::span<const ComparisonRow> rows) {
  write_text_atomically(file, [&](std::ostream& out) { write_comparison_csv(out, rows); });
}

namespace {

std::string number(double value) {
  if (std::isnan(value)) return "-";
  char text[64];
  const double magnitude = std::abs(value);
  std::snprintf(text, sizeof text, magnitude != 0 && magnitude < 0.1 ? "%.4g" : "%.4f", value);
  return text;
}

}  // namespace

std::string format_comparison_table(std::span<const ComparisonRow> rows, std::string_view scope,
                                    std::string_view base_name, double confidence) {
  std::string table;
  char line[320];
  std::string current;
  for (const auto& row : rows) {
    if (row.scope != scope) continue;
    if (row.alternative != current) {
      current = row.alternative;
      std::snprintf(line, sizeof line,
                    "\n%s vs %s (%s; paired, %.4g%% simultaneous intervals, %d pairs)\n",
                    current.c_str(), std::string(base_name).c_str(), std::string(scope).c_str(),
                    100.0 * confidence, row.paired.pairs);
      table += line;
      std::snprintf(line, sizeof line, "%-28s %12s %12s %12s  %-27s %4s %6s\n", "metric", "base",
                    "alternative", "difference", "interval", "sig", "corr");
      table += line;
    }
    const auto& p = row.paired;
    // Fractions as percentages and their differences in percentage points (the CSV keeps
    // fractions).
    const bool fraction = is_fraction_metric(row.metric);
    const auto value = [fraction](double v) { return fraction ? percent_text(v) : number(v); };
    const auto change = [fraction](double v) {
      return fraction ? percent_text(v, 2, true) : number(v);
    };
    // (Appending rather than "[" + ...: GCC 12 warns falsely (-Wrestrict) on that form.)
    std::string interval(1, '[');
    interval += change(p.difference.low);
    interval += ", ";
    interval += change(p.difference.high);
    interval += ']';
    std::snprintf(line, sizeof line, "%-28s %12s %12s %12s  %-27s %4s %6s\n", row.metric.c_str(),
                  value(p.base_mean).c_str(), value(p.alt_mean).c_str(),
                  change(p.difference.mean).c_str(), interval.c_str(), p.significant ? "*" : "",
                  number(p.correlation).c_str());
    table += line;
  }
  return table;
}

}  // namespace twotier::analysis
