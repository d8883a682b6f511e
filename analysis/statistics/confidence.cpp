#include "analysis/statistics/confidence.hpp"

#include <algorithm>  // std::clamp
#include <cassert>
#include <cmath>  // std::sqrt, std::isnan

#include "analysis/statistics/student_t.hpp"  // t_multiplier: the one t quantile of the project

namespace twotier::analysis {

ConfidenceInterval mean_confidence_interval(std::span<const double> values, double level) {
  assert(!values.empty());
  assert(level > 0 && level < 1);
  ConfidenceInterval ci;
  ci.n = values.size();
  // Welford: stable for values with a large common offset.
  double mean = 0.0;
  double sum_squares = 0.0;
  std::size_t k = 0;
  for (const double x : values) {
    ++k;
    const double delta = x - mean;
    mean += delta / static_cast<double>(k);
    sum_squares += delta * (x - mean);
  }
  ci.mean = mean;
  if (ci.n >= 2) {
    const double n = static_cast<double>(ci.n);
    const double stddev = std::sqrt(sum_squares / (n - 1.0));
    ci.half_width = t_multiplier(level, static_cast<int>(ci.n)) * stddev / std::sqrt(n);
  }
  ci.low = ci.mean - ci.half_width;
  ci.high = ci.mean + ci.half_width;
  return ci;
}

ConfidenceInterval clip_to_range(ConfidenceInterval ci, ValueRange range) {
  assert(range.low <= range.high);
  if (!std::isnan(ci.low)) ci.low = std::clamp(ci.low, range.low, range.high);
  if (!std::isnan(ci.high)) ci.high = std::clamp(ci.high, range.low, range.high);
  return ci;
}

}  // namespace twotier::analysis
