// Student-t confidence interval of a mean from independent replication values.
//
// Pure function; thread-safe. The quantile comes from analysis/statistics/student_t.hpp
// (mean_interval there is the NaN-skipping variant with a NaN width for n < 2; this one keeps width
// 0). The interval assumes the replication values are i.i.d. and roughly normal (true for long-run
// averages by the central limit theorem).
#pragma once

#include <cstddef>  // std::size_t
#include <span>

namespace twotier::analysis {

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

}  // namespace twotier::analysis
