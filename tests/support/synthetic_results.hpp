// Synthetic ReplicationResult values for the analysis tests, so experiments, summaries and
// outputs can be tested without running the model. Deterministic in the replication index.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::test {

// Two units, three days, one month; KPI values vary with the index so that the summary has
// a non-zero spread, and the on-time rate of "unit:b" is undefined (NaN) in odd replications.
inline model::ReplicationResult synthetic_result(std::uint64_t replication) {
  model::ReplicationResult r;
  r.replication = replication;
  r.scopes = {"province", "tier:commune", "tier:province", "unit:a", "unit:b"};
  const double x = static_cast<double>(replication);
  for (std::size_t s = 0; s < r.scopes.size(); ++s) {
    model::KpiRow row{};
    for (int m = 0; m < model::kMetricCount; ++m) {
      row[m] = 100.0 * static_cast<double>(s) + m + std::sin(x + 0.1 * m) / 3.0;
    }
    row[static_cast<int>(model::Metric::kOnTimeRate)] = 0.9 + 0.01 * std::cos(x);
    if (r.scopes[s] == "unit:b" && replication % 2 == 1) {
      row[static_cast<int>(model::Metric::kOnTimeRate)] = std::nan("");
    }
    r.kpis.push_back(row);
  }
  r.position_utilization = {0.5 + 0.01 * x, 0.25};
  r.position_overtime_hours = {2.0 + x, 0.0};
  r.monthly_report = {{0, 2026, 1, 0, 10 + static_cast<std::int64_t>(replication), 7, 1, 0, 2, 0},
                      {1, 2026, 1, 1, 4, 3, 0, 1, 1, 0}};
  r.daily.days = 3;
  r.daily.units = 2;
  for (int d = 0; d < 3; ++d) {
    for (int u = 0; u < 2; ++u) {
      const auto v = static_cast<std::int32_t>(replication * 100 + d * 10 + u);
      r.daily.arrivals.push_back(v);
      r.daily.completions.push_back(v + 1);
      r.daily.backlog.push_back(v + 2);
      r.daily.overdue.push_back(v + 3);
    }
  }
  r.events = 1000 + replication;
  r.dossiers = 50 + replication;
  return r;
}

inline std::vector<model::ReplicationResult> synthetic_results(int count) {
  std::vector<model::ReplicationResult> results;
  for (int i = 0; i < count; ++i)
    results.push_back(synthetic_result(static_cast<std::uint64_t>(i)));
  return results;
}

inline const std::vector<std::string>& synthetic_position_labels() {
  static const std::vector<std::string> labels{"a/one_stop", "b/land"};
  return labels;
}

}  // namespace twotier::test
