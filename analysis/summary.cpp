// Student-t intervals per (scope, metric). Uses boost::math::students_t directly (the
// quantile of the t distribution with n-1 degrees of freedom).
#include "analysis/summary.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cassert>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace twotier::analysis {

MeanEstimate estimate_mean(std::span<const double> values, double confidence) {
  assert(confidence > 0.0 && confidence < 1.0);
  // Welford's update: stable for large, close values (e.g. utilisations near 1).
  std::int64_t n = 0;
  double mean = 0.0;
  double sum_squares = 0.0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    sum_squares += delta * (x - mean);
  }
  MeanEstimate estimate;
  estimate.n = n;
  if (n == 0) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    estimate.mean = estimate.ci_low = estimate.ci_high = nan;
    return estimate;
  }
  estimate.mean = mean;
  estimate.ci_low = estimate.ci_high = mean;
  if (n < 2) return estimate;
  const double variance = sum_squares / static_cast<double>(n - 1);
  const boost::math::students_t t(static_cast<double>(n - 1));
  const double quantile = boost::math::quantile(t, 0.5 + confidence / 2.0);
  const double half_width = quantile * std::sqrt(variance / static_cast<double>(n));
  estimate.ci_low = mean - half_width;
  estimate.ci_high = mean + half_width;
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
      rows.push_back({scopes[s], model::metric_name(static_cast<model::Metric>(m)),
                      estimate_mean(values, confidence)});
    }
  }
  for (std::size_t p = 0; p < position_labels.size(); ++p) {
    for (std::size_t r = 0; r < results.size(); ++r) {
      values[r] = results[r].position_utilization[p];
    }
    rows.push_back(
        {"position:" + position_labels[p], "utilization", estimate_mean(values, confidence)});
  }
  return rows;
}

const SummaryRow* find_row(std::span<const SummaryRow> rows, std::string_view scope,
                           std::string_view metric) {
  for (const auto& row : rows) {
    if (row.scope == scope && row.metric == metric) return &row;
  }
  return nullptr;
}

}  // namespace twotier::analysis
