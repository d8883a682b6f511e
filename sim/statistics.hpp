// Streaming statistics for simulation output: Tally (observations), TimeWeighted (a
// piecewise-constant quantity over time) and QuantileSketch (quantiles with bounded relative
// error). Each is a small value updated in O(1) amortised without per-observation allocation,
// and each merges with another of its kind (to pool replications or threads). Not
// synchronised: one object per thread, merged afterwards.
#pragma once

#include <algorithm>  // std::min, std::max
#include <cassert>
#include <cmath>  // std::isfinite (assertions)
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/time.hpp"

namespace sim {

// Count, mean, variance (Welford's update; Chan et al.'s formula to merge), min, max, sum.
class Tally {
 public:
  void add(double x);
  // Afterwards this describes the union of both sets of observations.
  void merge(const Tally& other);

  std::uint64_t count() const { return count_; }
  // NaN when count() == 0.
  double mean() const;
  // Sample variance (n - 1 denominator); NaN when count() < 2.
  double variance() const;
  double stddev() const;
  // NaN when count() == 0.
  double min() const;
  double max() const;
  double sum() const { return sum_; }

 private:
  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double sum_squared_deviations_ = 0.0;  // M2 of Welford
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  double sum_ = 0.0;
};

// Time-average of a piecewise-constant quantity (backlog, busy servers): the value holds from
// each update until the next. Updates must come in nondecreasing time.
class TimeWeighted {
 public:
  explicit TimeWeighted(Instant start = {}, double initial = 0.0);

  // REQUIRES: t >= last update time
  void set(Instant t, double value);
  // set(t, current() + delta). REQUIRES: t >= last update time
  void add(Instant t, double delta) { set(t, value_ + delta); }

  double current() const { return value_; }
  // Largest value held since the start (or the last reset).
  double max() const { return max_; }
  // integral(until) / (until - start); current() when until == start.
  // REQUIRES: until >= last update time
  double average(Instant until) const;
  // Integral of the value over [start, until]. REQUIRES: until >= last update time
  double integral(Instant until) const;
  // Restarts the averaging at t (end of warm-up), keeping the current value.
  // REQUIRES: t >= last update time
  void reset(Instant t);

  Instant start() const { return start_; }

 private:
  Instant start_;
  Instant last_update_;
  double value_;
  double max_;
  double integral_ = 0.0;  // over [start_, last_update_]
};

// Quantiles of nonnegative values with relative error at most `alpha` (a DDSketch-style
// log-bucket histogram). A positive x goes to bucket i = ceil(log_gamma(x)) with
// gamma = (1 + alpha) / (1 - alpha), i.e. bucket i holds (gamma^(i-1), gamma^i]; zeros are
// counted exactly. Error bound: with n = count() and k = floor(q (n - 1)), quantile(q) returns
// an estimate v of the k-th smallest value x_(k) (0-based) with |v - x_(k)| <= alpha * x_(k)
// (up to ~1e-15 relative from rounding in the logarithm); q = 0 and q = 1 give the exact min and
// max. Memory: one 8-byte counter per bucket between the smallest and largest positive value,
// about ln(max/min) / (2 alpha) buckets (1382 for values over 1e-3..1e3 at alpha = 0.005);
// add() allocates only when a value widens that range.
class QuantileSketch {
 public:
  // REQUIRES: 0 < relative_error < 1 (throws std::invalid_argument otherwise)
  explicit QuantileSketch(double relative_error = 0.005);

  // REQUIRES: x >= 0 and finite
  void add(double x);
  // add(x) split in two, so one value added to several sketches with the same relative error
  // takes one logarithm: add_in_bucket(x, bucket_index(x)) == add(x) for x > 0.
  // REQUIRES: x > 0 and finite; add_in_bucket: bucket == bucket_index(x) of an equal sketch
  int bucket_index(double x) const;
  void add_in_bucket(double x, int bucket) {
    reserve_in_bucket(x, bucket);
    count_in_bucket(bucket);
  }
  // add_in_bucket in two parts, for a caller that defers the bucket's count (its counter is
  // likely a cache miss): reserve_in_bucket does the rest (count, min, max, the same growth in
  // the same order), count_in_bucket adds the value to its bucket later. The state after both
  // is the same as after add_in_bucket whatever came between them (counts commute);
  // quantile() and merge() need every reserved value counted first.
  void reserve_in_bucket(double x, int bucket) {
    assert(x > 0.0 && std::isfinite(x) && bucket == bucket_of(x));
    ++count_;
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
    // Inline when the bucket is already covered (five calls per departure).
    if (bucket < first_bucket_ || bucket - first_bucket_ >= static_cast<int>(buckets_.size()))
        [[unlikely]]
      cover(bucket);
  }
  // REQUIRES: reserve_in_bucket(x, bucket) was called before, once per count_in_bucket
  void count_in_bucket(int bucket) { ++buckets_[static_cast<std::size_t>(bucket - first_bucket_)]; }
  // Afterwards this sketches the union of both inputs, exactly as if every value had been added
  // here. Throws std::invalid_argument unless both have the same relative_error().
  void merge(const QuantileSketch& other);

  // REQUIRES: 0 <= q <= 1 and count() > 0
  double quantile(double q) const;
  std::uint64_t count() const { return count_; }
  double relative_error() const { return alpha_; }
  double min() const { return min_; }
  double max() const { return max_; }

 private:
  int bucket_of(double x) const;
  // Makes buckets_ cover index i, growing by at least half its size to amortise the copies.
  void cover(int i);

  // Constant after construction.
  double alpha_;
  double gamma_;
  double log_gamma_;
  // buckets_[j] counts values in bucket first_bucket_ + j.
  std::vector<std::uint64_t> buckets_;
  int first_bucket_ = 0;
  std::uint64_t zero_count_ = 0;
  std::uint64_t count_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sim
