#include "analysis/confidence.hpp"

#include <cassert>
#include <cmath>  // std::sqrt

#include <boost/math/distributions/students_t.hpp>

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
    const boost::math::students_t t(n - 1.0);
    const double quantile = boost::math::quantile(t, 1.0 - (1.0 - level) / 2.0);
    ci.half_width = quantile * stddev / std::sqrt(n);
  }
  ci.low = ci.mean - ci.half_width;
  ci.high = ci.mean + ci.half_width;
  return ci;
}

}  // namespace twotier::analysis
