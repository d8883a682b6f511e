#include "analysis/statistics/kpi_columns.hpp"

#include <limits>
#include <stdexcept>

namespace twotier::analysis {

std::vector<KpiColumn> kpi_columns(std::span<const model::ReplicationResult> results,
                                   std::span<const std::string> position_labels) {
  std::vector<KpiColumn> columns;
  if (results.empty()) return columns;
  const auto& scopes = results.front().scopes;
  for (const auto& r : results) {
    if (r.scopes != scopes || r.kpis.size() != scopes.size() ||
        r.position_utilization.size() != position_labels.size())
      throw std::logic_error("kpi_columns: replications disagree on scopes or positions");
  }
  columns.reserve(scopes.size() * model::kMetricCount + position_labels.size());
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    for (int m = 0; m < model::kMetricCount; ++m) {
      KpiColumn column{scopes[s], model::metric_name(static_cast<model::Metric>(m)), {}};
      column.values.reserve(results.size());
      for (const auto& r : results)
        column.values.push_back(r.kpis[s][m]);
      columns.push_back(std::move(column));
    }
  }
  for (std::size_t p = 0; p < position_labels.size(); ++p) {
    KpiColumn column{"position:" + position_labels[p], "utilization", {}};
    for (const auto& r : results)
      column.values.push_back(r.position_utilization[p]);
    columns.push_back(std::move(column));
  }
  return columns;
}

bool is_model_metric(std::string_view metric) {
  for (int m = 0; m < model::kMetricCount; ++m)
    if (metric == model::metric_name(static_cast<model::Metric>(m))) return true;
  return false;
}

double kpi_value(const model::ReplicationResult& result, std::string_view scope,
                 std::string_view metric) {
  for (std::size_t s = 0; s < result.scopes.size(); ++s) {
    if (result.scopes[s] != scope) continue;
    for (int m = 0; m < model::kMetricCount; ++m)
      if (metric == model::metric_name(static_cast<model::Metric>(m))) return result.kpis[s][m];
  }
  return std::numeric_limits<double>::quiet_NaN();
}

const KpiColumn* find_column(std::span<const KpiColumn> columns, std::string_view scope,
                             std::string_view metric) {
  for (const auto& column : columns)
    if (column.scope == scope && column.metric == metric) return &column;
  return nullptr;
}

}  // namespace twotier::analysis
