// Student-t confidence interval of a mean from independent replication values.
//
// Pure function; thread-safe. The quantile comes from analysis/statistics/student_t.hpp
// (mean_interval there is the NaN-skipping variant with a NaN width for n < 2; this one keeps width
// 0). The interval assumes the replication values are i.i.d. and roughly normal (true for long-run
// averages by the central limit theorem).
//
// Levels of bounded quantities (counts >= 0, rates in [0, 1]) get the t-interval intersected
// with the quantity's range (ValueRange): the true mean lies in the range, so
// P(mean in [low, high] ∩ range) = P(mean in [low, high]) and the coverage is exactly the
// t-interval's, while no bound is impossible. docs/output-format.md ("Intervals") says why this
// method was chosen over logit or log-scale intervals.
#pragma once

#include <cstddef>  // std::size_t
#include <limits>
#include <span>

namespace twotier::analysis {

// The values a quantity can take, from its definition (analysis::metric_range for KPIs).
struct ValueRange {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();

  static constexpr ValueRange unbounded() { return {}; }  // e.g. differences of paired runs
  static constexpr ValueRange non_negative() {            // counts, times, hours
    return {0.0, std::numeric_limits<double>::infinity()};
  }
  static constexpr ValueRange unit_interval() { return {0.0, 1.0}; }  // rates, shares
};

struct ConfidenceInterval {
  double mean = 0.0;
  double half_width = 0.0;  // t_{1-(1-level)/2, n-1} * s / sqrt(n); 0 when n < 2
  double low = 0.0;
  double high = 0.0;
  std::size_t n = 0;

  bool contains(double x) const { return low <= x && x <= high; }
};

// REQUIRES: !values.empty(), 0 < level < 1. With one value the interval is that point.
ConfidenceInterval mean_confidence_interval(std::span<const double> values, double level = 0.99);

// The interval of a quantity that can only take values in `range`: low and high clipped to the
// range (mean and half_width unchanged; half_width is the unclipped t half-width). Coverage of
// the true mean is unchanged, because the true mean is inside the range. A NaN bound stays NaN.
// REQUIRES: range.low <= range.high.
ConfidenceInterval clip_to_range(ConfidenceInterval ci, ValueRange range);

}  // namespace twotier::analysis
