// Across-replication summaries: the mean of each (scope, metric) with a Student-t interval.
//
// Replication values are treated as i.i.d. observations of the metric. NaN values (a metric
// undefined in a replication, e.g. the on-time rate of a scope that completed nothing) are
// skipped, so n counts only the replications where the metric is defined. With n == 1 the
// interval is the point [mean, mean] (no spread can be estimated; read it as "unknown width");
// with n == 0 mean and bounds are NaN. Every interval is clipped to the quantity's range
// (confidence.hpp: clip_to_range; the range of a KPI comes from analysis::metric_range), so a
// count's bounds are >= 0 and a rate's are in [0, 1]; coverage is the t-interval's. When all
// values are equal the interval has width 0: no variation was seen, which is not certainty.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>  // std::int64_t
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/statistics/confidence.hpp"  // ValueRange
#include "models/replication_result.hpp"

namespace twotier::analysis {

inline constexpr double kDefaultConfidence = 0.95;

struct MeanEstimate {
  double mean = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  std::int64_t n = 0;  // values that were not NaN
  // False when n < 2: the bounds then equal the mean (or are NaN when n == 0).
  bool has_interval() const { return n >= 2; }
};

// Student-t interval mean ± t_{(1+confidence)/2, n-1} · s/√n over the non-NaN values, clipped
// to `range` (the values the quantity can take: say it, there is no default).
// REQUIRES: 0 < confidence < 1.
MeanEstimate estimate_mean(std::span<const double> values, double confidence, ValueRange range);

struct SummaryRow {
  std::string scope;   // "province", "tier:commune", "unit:<id>", "position:<unit>/<pos>", ...
  std::string metric;  // model::metric_name(...) or "utilization"
  MeanEstimate estimate;
};

// One row per scope of the results (in their order) and metric (in model::Metric order),
// then one "utilization" row per position, scoped "position:<label>". Each row's interval is
// clipped to metric_range(metric).
// REQUIRES: every result has the same scopes and position_labels.size() utilisation values;
// 0 < confidence < 1.
std::vector<SummaryRow> summarize(std::span<const model::ReplicationResult> results,
                                  std::span<const std::string> position_labels,
                                  double confidence = kDefaultConfidence);

// Whether `metric` is a fraction in [0, 1] (on_time_rate, online_share, utilization). The
// terminal shows fractions as percentages everywhere (percent_text); CSVs keep fractions.
bool is_fraction_metric(std::string_view metric);
// "93.4%" with `decimals` decimals; "-" for NaN. `points`: "+1.2 pp", a difference of two
// percentages (signed).
std::string percent_text(double fraction, int decimals = 1, bool points = false);

// The row for (scope, metric), or nullptr.
const SummaryRow* find_row(std::span<const SummaryRow> rows, std::string_view scope,
                           std::string_view metric);

}  // namespace twotier::analysis
