#include "analysis/statistics/summary_columns.hpp"

namespace twotier::analysis {

SummaryColumns summary_columns(std::span<const SummaryRow> rows) {
  SummaryColumns c;
  for (const auto& row : rows) {
    c.scope.push_back(row.scope);
    c.metric.push_back(row.metric);
    c.mean.push_back(row.estimate.mean);
    c.ci_low.push_back(row.estimate.ci_low);
    c.ci_high.push_back(row.estimate.ci_high);
    c.n.push_back(row.estimate.n);
  }
  return c;
}

}  // namespace twotier::analysis
