// DurationSketch: the sample of one duration (an effort, a delay, a response time; hours, >= 0)
// gathered while a log streams past, in bounded memory, for fit_duration in calibration.cpp.
//
// Invariants: the count, sum, sum of squares, minimum, maximum and the log-moments (sum of logs
// and Welford's sum of squared log deviations) are exact over every value added, in the order
// added. The first `exact_limit` values are kept as they are; at the next one they move into
// fixed bins of 1/1024 of a doubling, with zero in a bin of its own. A bin whose values are all
// equal keeps that value (logged durations are whole seconds: short ones stay exact); a bin
// with different values is represented by its geometric centre (within 0.034%). So: the mean,
// CV and lognormal MLE are those of the whole sample; the Kolmogorov-Smirnov statistic and the
// sample quantiles are exact up to `exact_limit` values and beyond that those of the binned
// sample (the KS D moves by at most the model CDF's change over half a bin: 0.00014 for a
// lognormal with sigma 1; quantiles by at most 0.034%). No random numbers: the result depends
// only on the values and their order.
// Memory: 8 bytes a value up to the limit, then 16 bytes a bin between the smallest and largest
// value (about 26,000 bins from one second to a year). Not thread-safe.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/calibration/distribution_fit.hpp"

namespace twotier::analysis {

class DurationSketch {
 public:
  static constexpr std::size_t kDefaultExactLimit = 4096;
  static constexpr int kBinsPerDoubling = 1024;

  explicit DurationSketch(std::size_t exact_limit = kDefaultExactLimit)
      : exact_limit_(exact_limit) {}

  // REQUIRES: hours >= 0 (a negative value is counted as 0 in the bins).
  void add(double hours);

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // Whether every value is kept as it is (size() <= exact_limit).
  bool exact() const { return binned_ == 0 && zeros_ == 0; }
  double sum() const { return sum_; }
  double sum_squares() const { return sum_squares_; }
  double min() const { return min_; }
  double max() const { return max_; }

  // The lognormal MLE (fit_lognormal of the whole sample; in binned mode from the exact
  // log-moments). REQUIRES: !empty().
  LognormalFit lognormal() const;
  // The KS statistic against `cdf` (ks_statistic of the sample, or of the binned sample).
  // REQUIRES: !empty().
  template <class Cdf>
  double ks_statistic(Cdf&& cdf) const;
  // The (i + 0.5) / points quantiles, as sample_quantiles. REQUIRES: !empty(), points >= 1.
  std::vector<double> quantiles(int points) const;

 private:
  void bin(double hours);
  double bin_value(std::size_t index) const;  // the representative of bins_[index]
  // The value of the order statistic of rank `rank` (0-based) of the binned sample.
  double binned_value_at(std::uint64_t rank) const;

  std::size_t exact_limit_;
  std::size_t count_ = 0;
  double sum_ = 0.0, sum_squares_ = 0.0, min_ = 0.0, max_ = 0.0;
  double sum_logs_ = 0.0, log_mean_ = 0.0, log_m2_ = 0.0;  // Welford on log(max(x, tiny))
  std::vector<double> values_;                             // the values while exact
  // Bins: zeros_, then bins_[i] = the values in bin first_bin_ + i of floor(log2(x) * 1024):
  // their count and their common value (NaN when they differ).
  struct Bin {
    std::uint64_t count = 0;
    double value = 0.0;
  };
  std::uint64_t zeros_ = 0, binned_ = 0;
  std::int64_t first_bin_ = 0;
  std::vector<Bin> bins_;
};

template <class Cdf>
double DurationSketch::ks_statistic(Cdf&& cdf) const {
  if (exact()) return analysis::ks_statistic(values_, cdf);
  const double n = static_cast<double>(count_);
  double d = 0.0, below = 0.0;
  auto step = [&](double value, std::uint64_t count) {
    if (count == 0) return;
    const double f = cdf(value);
    d = std::max({d, (below + count) / n - f, f - below / n});
    below += static_cast<double>(count);
  };
  step(0.0, zeros_);
  for (std::size_t i = 0; i < bins_.size(); ++i)
    step(bin_value(i), bins_[i].count);
  return d;
}

}  // namespace twotier::analysis
