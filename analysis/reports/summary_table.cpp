#include "analysis/reports/summary_table.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::analysis {
namespace {

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string mean_of(std::span<const SummaryRow> rows, std::string_view scope,
                    std::string_view metric, int decimals) {
  const SummaryRow* row = find_row(rows, scope, metric);
  return row ? fixed(row->estimate.mean, decimals) : "-";
}

// "93.4% (92.8-94.0)"; without the interval when fewer than two replications define it.
std::string rate_with_interval(std::span<const SummaryRow> rows, std::string_view scope) {
  const SummaryRow* row = find_row(rows, scope, "on_time_rate");
  if (!row || row->estimate.n == 0) return "-";
  std::string text = fixed(100.0 * row->estimate.mean, 1) + "%";
  if (row->estimate.has_interval()) {
    text += " (" + fixed(100.0 * row->estimate.ci_low, 1) + "-" +
            fixed(100.0 * row->estimate.ci_high, 1) + ")";
  }
  return text;
}

}  // namespace

std::string format_summary_table(std::span<const SummaryRow> rows, double confidence) {
  const std::string rate_header =
      "on-time rate (" +
      fixed(100.0 * confidence, std::fmod(100.0 * confidence, 1.0) == 0 ? 0 : 1) + "% CI)";
  char line[256];
  std::string table;
  std::snprintf(line, sizeof line, "%-14s %10s %10s  %-25s %12s %12s %13s\n", "scope", "arrivals",
                "completed", rate_header.c_str(), "proc. wdays", "backlog end", "overdue open");
  table += line;
  std::vector<std::string> scopes;
  for (const char* scope : {"province", "tier:commune", "tier:province"})
    if (find_row(rows, scope, "arrivals")) scopes.emplace_back(scope);
  if (scopes.empty()) {  // a unit-focused run (models/focus.hpp): the unit's own row
    for (const SummaryRow& row : rows)
      if (row.scope.starts_with("unit:") && row.metric == "arrivals") scopes.push_back(row.scope);
  }
  for (const std::string& scope : scopes) {
    std::snprintf(line, sizeof line, "%-14s %10s %10s  %-25s %12s %12s %13s\n", scope.c_str(),
                  mean_of(rows, scope, "arrivals", 1).c_str(),
                  mean_of(rows, scope, "completed", 1).c_str(),
                  rate_with_interval(rows, scope).c_str(),
                  mean_of(rows, scope, "processing_workdays_mean", 2).c_str(),
                  mean_of(rows, scope, "backlog_end", 1).c_str(),
                  mean_of(rows, scope, "overdue_open_end", 1).c_str());
    table += line;
  }
  return table;
}

}  // namespace twotier::analysis
