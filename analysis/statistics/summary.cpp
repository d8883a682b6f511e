// Student-t intervals per (scope, metric), through analysis/statistics/confidence.hpp after
// dropping undefined (NaN) values.
#include "analysis/statistics/summary.hpp"

#include <cassert>
#include <cmath>
#include <cstdio>  // std::snprintf
#include <limits>
#include <stdexcept>

#include "analysis/statistics/confidence.hpp"
#include "analysis/statistics/kpi_columns.hpp"  // metric_range

namespace twotier::analysis {

MeanEstimate estimate_mean(std::span<const double> values, double confidence, ValueRange range) {
  assert(confidence > 0.0 && confidence < 1.0);
  std::vector<double> defined;
  defined.reserve(values.size());
  for (double x : values) {
    if (!std::isnan(x)) defined.push_back(x);
  }
  MeanEstimate estimate;
  estimate.n = static_cast<std::int64_t>(defined.size());
  if (defined.empty()) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    estimate.mean = estimate.ci_low = estimate.ci_high = nan;
    return estimate;
  }
  // With one value the shared interval is already the point [mean, mean].
  const ConfidenceInterval ci = clip_to_range(mean_confidence_interval(defined, confidence), range);
  estimate.mean = ci.mean;
  estimate.ci_low = ci.low;
  estimate.ci_high = ci.high;
  return estimate;
}

std::vector<SummaryRow> summarize(std::span<const model::ReplicationResult> results,
                                  std::span<const std::string> position_labels, double confidence) {
  std::vector<SummaryRow> rows;
  if (results.empty()) return rows;
  const auto& scopes = results.front().scopes;
  for (const auto& r : results) {
    if (r.scopes != scopes || r.kpis.size() != scopes.size() ||
        r.position_utilization.size() != position_labels.size()) {
      throw std::logic_error("summarize: replications disagree on scopes or positions");
    }
  }
  std::vector<double> values(results.size());
  rows.reserve(scopes.size() * model::kMetricCount + position_labels.size());
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    for (int m = 0; m < model::kMetricCount; ++m) {
      for (std::size_t r = 0; r < results.size(); ++r)
        values[r] = results[r].kpis[s][m];
      const auto metric = static_cast<model::Metric>(m);
      rows.push_back({scopes[s], model::metric_name(metric),
                      estimate_mean(values, confidence, metric_range(metric))});
    }
  }
  for (std::size_t p = 0; p < position_labels.size(); ++p) {
    for (std::size_t r = 0; r < results.size(); ++r) {
      values[r] = results[r].position_utilization[p];
    }
    rows.push_back({"position:" + position_labels[p], "utilization",
                    estimate_mean(values, confidence, metric_range("utilization"))});
  }
  return rows;
}

bool is_fraction_metric(std::string_view metric) {
  return metric == "on_time_rate" || metric == "online_share" || metric == "utilization";
}

std::string percent_text(double fraction, int decimals, bool points) {
  if (std::isnan(fraction)) return "-";
  char text[64];
  if (points)
    std::snprintf(text, sizeof text, "%+.*f pp", decimals, 100.0 * fraction);
  else
    std::snprintf(text, sizeof text, "%.*f%%", decimals, 100.0 * fraction);
  return text;
}

const SummaryRow* find_row(std::span<const SummaryRow> rows, std::string_view scope,
                           std::string_view metric) {
  for (const auto& row : rows) {
    if (row.scope == scope && row.metric == metric) return &row;
  }
  return nullptr;
}

}  // namespace twotier::analysis
