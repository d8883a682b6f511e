#include "analysis/calibration/duration_sketch.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

namespace twotier::analysis {

namespace {
constexpr double kTiny = 1e-9;  // as fit_lognormal: logs of values <= 0 taken at this
}

void DurationSketch::add(double hours) {
  if (count_ == 0) {
    min_ = max_ = hours;
  } else {
    min_ = std::min(min_, hours);
    max_ = std::max(max_, hours);
  }
  ++count_;
  sum_ += hours;
  sum_squares_ += hours * hours;
  const double log_value = std::log(std::max(hours, kTiny));
  sum_logs_ += log_value;
  const double delta = log_value - log_mean_;
  log_mean_ += delta / static_cast<double>(count_);
  log_m2_ += delta * (log_value - log_mean_);
  if (exact() && values_.size() < exact_limit_) {
    values_.push_back(hours);
    return;
  }
  if (exact()) {
    for (double value : values_)
      bin(value);
    values_.clear();
    values_.shrink_to_fit();
  }
  bin(hours);
}

void DurationSketch::bin(double hours) {
  if (!(hours > 0.0)) {
    ++zeros_;
    return;
  }
  const auto index = static_cast<std::int64_t>(std::floor(std::log2(hours) * kBinsPerDoubling));
  if (bins_.empty()) {
    first_bin_ = index;
    bins_.assign(1, Bin{});
  } else if (index < first_bin_) {
    bins_.insert(bins_.begin(), static_cast<std::size_t>(first_bin_ - index), Bin{});
    first_bin_ = index;
  } else if (index >= first_bin_ + static_cast<std::int64_t>(bins_.size())) {
    bins_.resize(static_cast<std::size_t>(index - first_bin_ + 1), Bin{});
  }
  Bin& bin = bins_[static_cast<std::size_t>(index - first_bin_)];
  if (bin.count == 0)
    bin.value = hours;
  else if (bin.value != hours)
    bin.value = std::numeric_limits<double>::quiet_NaN();  // values differ: the bin's centre
  ++bin.count;
  ++binned_;
}

double DurationSketch::bin_value(std::size_t index) const {
  if (!std::isnan(bins_[index].value)) return bins_[index].value;
  return std::exp2((static_cast<double>(first_bin_ + static_cast<std::int64_t>(index)) + 0.5) /
                   kBinsPerDoubling);
}

LognormalFit DurationSketch::lognormal() const {
  assert(count_ > 0);
  if (exact()) return fit_lognormal(values_);
  return {sum_logs_ / static_cast<double>(count_),
          std::sqrt(log_m2_ / static_cast<double>(count_))};
}

double DurationSketch::binned_value_at(std::uint64_t rank) const {
  if (rank < zeros_) return 0.0;
  std::uint64_t below = zeros_;
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    below += bins_[i].count;
    if (rank < below) return bin_value(i);
  }
  return bin_value(bins_.size() - 1);
}

std::vector<double> DurationSketch::quantiles(int points) const {
  assert(count_ > 0 && points >= 1);
  if (exact()) return sample_quantiles(values_, points);
  // As sample_quantiles: linear interpolation between order statistics at p * n - 0.5.
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(points));
  const double n = static_cast<double>(count_);
  for (int i = 0; i < points; ++i) {
    const double position = std::clamp((i + 0.5) / points * n - 0.5, 0.0, n - 1.0);
    const auto below = static_cast<std::uint64_t>(std::floor(position));
    const std::uint64_t above = std::min<std::uint64_t>(below + 1, count_ - 1);
    const double fraction = position - static_cast<double>(below);
    values.push_back(binned_value_at(below) * (1 - fraction) + binned_value_at(above) * fraction);
  }
  return values;
}

}  // namespace twotier::analysis
