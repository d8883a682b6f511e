#include "sim/statistics.hpp"

#include <algorithm>  // std::min, std::max, std::clamp
#include <cassert>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace sim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

// ---------------------------------------------------------------------------------------------
// Tally

void Tally::add(double x) {
  ++count_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(count_);
  sum_squared_deviations_ += delta * (x - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
  sum_ += x;
}

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(count_);
  const double n_b = static_cast<double>(other.count_);
  const double n = n_a + n_b;
  const double delta = other.mean_ - mean_;
  mean_ += delta * n_b / n;
  sum_squared_deviations_ += other.sum_squared_deviations_ + delta * delta * n_a * n_b / n;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

double Tally::mean() const {
  return count_ == 0 ? kNaN : mean_;
}

double Tally::variance() const {
  return count_ < 2 ? kNaN : sum_squared_deviations_ / static_cast<double>(count_ - 1);
}

double Tally::stddev() const {
  return std::sqrt(variance());
}
double Tally::min() const {
  return count_ == 0 ? kNaN : min_;
}
double Tally::max() const {
  return count_ == 0 ? kNaN : max_;
}

// ---------------------------------------------------------------------------------------------
// TimeWeighted

TimeWeighted::TimeWeighted(Instant start, double initial)
    : start_(start), last_update_(start), value_(initial), max_(initial) {}

void TimeWeighted::set(Instant t, double value) {
  assert(t >= last_update_);
  integral_ += value_ * (t - last_update_).seconds;
  last_update_ = t;
  value_ = value;
  max_ = std::max(max_, value);
}

double TimeWeighted::integral(Instant until) const {
  assert(until >= last_update_);
  return integral_ + value_ * (until - last_update_).seconds;
}

double TimeWeighted::average(Instant until) const {
  const double span = (until - start_).seconds;
  if (span <= 0.0) return value_;
  return integral(until) / span;
}

void TimeWeighted::reset(Instant t) {
  assert(t >= last_update_);
  start_ = t;
  last_update_ = t;
  integral_ = 0.0;
  max_ = value_;
}

// ---------------------------------------------------------------------------------------------
// QuantileSketch

QuantileSketch::QuantileSketch(double relative_error)
    : alpha_(relative_error),
      gamma_((1.0 + relative_error) / (1.0 - relative_error)),
      log_gamma_(std::log(gamma_)) {
  if (!(relative_error > 0.0 && relative_error < 1.0)) {
    std::ostringstream message;
    message << "sim::QuantileSketch: relative_error must be in (0, 1), got " << relative_error;
    throw std::invalid_argument(message.str());
  }
}

int QuantileSketch::bucket_of(double x) const {
  // ceil without the libm call (baseline x86-64 has no rounding instruction): truncate, then
  // step up when the truncation went down. Same integer as std::ceil for every finite value.
  const double y = std::log(x) / log_gamma_;
  int i = static_cast<int>(y);
  if (static_cast<double>(i) < y) ++i;
  return i;
}

int QuantileSketch::bucket_index(double x) const {
  assert(x > 0.0 && std::isfinite(x));
  return bucket_of(x);
}

void QuantileSketch::cover(int i) {
  if (buckets_.empty()) {
    buckets_.assign(1, 0);
    first_bucket_ = i;
    return;
  }
  const int slack = static_cast<int>(buckets_.size() / 2);
  if (i < first_bucket_) {
    const int grow = (first_bucket_ - i) + slack;
    buckets_.insert(buckets_.begin(), static_cast<std::size_t>(grow), 0);
    first_bucket_ -= grow;
  } else if (i >= first_bucket_ + static_cast<int>(buckets_.size())) {
    // vector::resize grows capacity geometrically, so no slack is needed at this end.
    buckets_.resize(static_cast<std::size_t>(i - first_bucket_ + 1), 0);
  }
}

void QuantileSketch::add(double x) {
  assert(x >= 0.0 && std::isfinite(x));
  ++count_;
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
  if (x == 0.0) {
    ++zero_count_;
    return;
  }
  const int i = bucket_of(x);
  cover(i);
  ++buckets_[static_cast<std::size_t>(i - first_bucket_)];
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.alpha_ != alpha_) {
    std::ostringstream message;
    message << "sim::QuantileSketch::merge: relative errors differ (" << alpha_ << " vs "
            << other.alpha_ << "); only sketches with equal relative_error merge";
    throw std::invalid_argument(message.str());
  }
  if (other.count_ == 0) return;
  if (!other.buckets_.empty()) {
    cover(other.first_bucket_);
    cover(other.first_bucket_ + static_cast<int>(other.buckets_.size()) - 1);
    const std::size_t offset = static_cast<std::size_t>(other.first_bucket_ - first_bucket_);
    for (std::size_t j = 0; j < other.buckets_.size(); ++j) {
      buckets_[offset + j] += other.buckets_[j];
    }
  }
  zero_count_ += other.zero_count_;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double QuantileSketch::quantile(double q) const {
  assert(q >= 0.0 && q <= 1.0);
  assert(count_ > 0);
  if (q <= 0.0) return min_;
  if (q >= 1.0) return max_;
  const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(count_ - 1));
  if (rank < zero_count_) return 0.0;
  std::uint64_t seen = zero_count_;
  for (std::size_t j = 0; j < buckets_.size(); ++j) {
    seen += buckets_[j];
    if (seen > rank) {
      // The midpoint in relative terms of (gamma^(i-1), gamma^i]: within alpha of both ends.
      const int i = first_bucket_ + static_cast<int>(j);
      const double estimate = 2.0 * std::exp(i * log_gamma_) / (1.0 + gamma_);
      // Clamping moves the estimate towards the true value, which lies in [min, max].
      return std::clamp(estimate, min_, max_);
    }
  }
  return max_;  // not reached: the buckets hold count_ - zero_count_ values
}

}  // namespace sim
