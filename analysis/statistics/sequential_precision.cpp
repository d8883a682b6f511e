#include "analysis/statistics/sequential_precision.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace twotier::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void validate(const PrecisionRule& rule) {
  if (!(rule.relative_half_width > 0.0) || !std::isfinite(rule.relative_half_width))
    throw std::invalid_argument("precision: relative half-width " +
                                std::to_string(rule.relative_half_width) +
                                " must be finite and > 0, e.g. 0.02 for 2%");
  if (!(rule.level > 0.0 && rule.level < 1.0))
    throw std::invalid_argument("precision: confidence level " + std::to_string(rule.level) +
                                " is outside (0, 1)");
  if (rule.min_replications < 2)
    throw std::invalid_argument("precision: minimum replications " +
                                std::to_string(rule.min_replications) + " must be >= 2");
  if (rule.max_replications < rule.min_replications)
    throw std::invalid_argument("precision: --max-reps " + std::to_string(rule.max_replications) +
                                " is below the minimum of " +
                                std::to_string(rule.min_replications) + " replications");
}

// Total values needed for this KPI, by the rule in the header.
KpiPrecision assess(std::span<const double> values, const PrecisionRule& rule) {
  KpiPrecision out{mean_interval(values, rule.level), kNaN, false, 0};
  const int n = out.interval.n;
  const double h = out.interval.half_width;
  if (n >= 2) out.relative_half_width = h == 0.0 ? 0.0 : h / std::abs(out.interval.mean);
  double needed_values;
  if (n < rule.min_replications) {
    needed_values = std::max(rule.min_replications, n + 1);
  } else if (h <= rule.relative_half_width * std::abs(out.interval.mean)) {  // h == 0 included
    out.met = true;
    needed_values = n;
  } else {
    const double ratio = h / (rule.relative_half_width * std::abs(out.interval.mean));
    needed_values = std::max(std::ceil(n * ratio * ratio), n + 1.0);  // inf when the mean is 0
  }
  // In replications: values are defined in n of values.size() replications.
  const double defined_fraction =
      n > 0 ? static_cast<double>(n) / static_cast<double>(values.size()) : 1.0;
  const double needed =
      out.met ? static_cast<double>(values.size()) : std::ceil(needed_values / defined_fraction);
  out.needed_replications = needed >= INT_MAX ? INT_MAX : static_cast<int>(needed);
  return out;
}

}  // namespace

PrecisionDecision check_precision(std::span<const std::vector<double>> kpi_values,
                                  const PrecisionRule& rule) {
  validate(rule);
  if (kpi_values.empty()) throw std::invalid_argument("precision: no KPIs chosen to control");
  PrecisionDecision out{{}, true, false, 0, 0};
  int done = 0;  // replications run: the longest KPI vector (all should be equally long)
  int needed = 0;
  for (const auto& values : kpi_values) {
    out.kpis.push_back(assess(values, rule));
    out.all_met = out.all_met && out.kpis.back().met;
    done = std::max(done, static_cast<int>(values.size()));
    needed = std::max(needed, out.kpis.back().needed_replications);
  }
  out.target_replications = std::min(needed, rule.max_replications);
  out.budget_exhausted = !out.all_met && done >= rule.max_replications;
  out.additional_replications =
      out.all_met || out.budget_exhausted ? 0 : std::max(1, out.target_replications - done);
  return out;
}

}  // namespace twotier::analysis
