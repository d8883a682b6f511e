#include "sim/nhpp.hpp"

#include <algorithm>  // std::upper_bound, std::lower_bound
#include <sstream>
#include <stdexcept>
#include <string>

namespace sim {

namespace {

[[noreturn]] void reject(const std::string& what) {
  throw std::invalid_argument("sim::PiecewiseConstantRate: " + what);
}

std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

}  // namespace

PiecewiseConstantRate::PiecewiseConstantRate(std::vector<double> breakpoints_seconds,
                                             std::vector<double> rates)
    : breakpoints_(std::move(breakpoints_seconds)), rates_(std::move(rates)) {
  if (rates_.empty()) reject("at least one rate is needed");
  if (breakpoints_.size() != rates_.size() + 1) {
    reject("need one more breakpoint than rates, got " + std::to_string(breakpoints_.size()) +
           " breakpoints for " + std::to_string(rates_.size()) + " rates");
  }
  for (std::size_t i = 0; i < breakpoints_.size(); ++i) {
    if (!std::isfinite(breakpoints_[i])) {
      reject("breakpoint[" + std::to_string(i) + "] must be finite, got " +
             number(breakpoints_[i]));
    }
    if (i > 0 && !(breakpoints_[i] > breakpoints_[i - 1])) {
      reject("breakpoints must be strictly increasing, got breakpoint[" + std::to_string(i) +
             "]=" + number(breakpoints_[i]) + " after " + number(breakpoints_[i - 1]));
    }
  }
  cumulative_.assign(breakpoints_.size(), 0.0);
  for (std::size_t i = 0; i < rates_.size(); ++i) {
    if (!(std::isfinite(rates_[i]) && rates_[i] >= 0.0)) {
      reject("rate[" + std::to_string(i) + "] must be finite and >= 0, got " + number(rates_[i]));
    }
    cumulative_[i + 1] = cumulative_[i] + rates_[i] * (breakpoints_[i + 1] - breakpoints_[i]);
    max_rate_ = std::max(max_rate_, rates_[i]);
  }
}

std::size_t PiecewiseConstantRate::piece_of(double t) const {
  assert(t >= breakpoints_.front() && t < breakpoints_.back());
  const auto after = std::upper_bound(breakpoints_.begin(), breakpoints_.end(), t);
  return static_cast<std::size_t>(after - breakpoints_.begin()) - 1;
}

double PiecewiseConstantRate::rate_at(Instant t) const {
  if (t.seconds < breakpoints_.front() || t.seconds >= breakpoints_.back()) return 0.0;
  return rates_[piece_of(t.seconds)];
}

double PiecewiseConstantRate::cumulative(Instant t) const {
  if (t.seconds <= breakpoints_.front()) return 0.0;
  if (t.seconds >= breakpoints_.back()) return cumulative_.back();
  const std::size_t i = piece_of(t.seconds);
  return cumulative_[i] + rates_[i] * (t.seconds - breakpoints_[i]);
}

std::optional<Instant> PiecewiseConstantRate::inverse_cumulative(double lambda) const {
  std::size_t no_hint = 0;  // searches everything
  return inverse_cumulative(lambda, no_hint);
}

std::optional<Instant> PiecewiseConstantRate::inverse_cumulative(double lambda,
                                                                 std::size_t& hint) const {
  if (lambda <= 0.0) return begin();
  if (lambda > cumulative_.back()) return std::nullopt;
  // The answer is the first j with cumulative_[j] >= lambda (as lower_bound finds it); j >= 1.
  // When it is at or after the hint, gallop forward from the hint (1, 2, 4, ... breakpoints)
  // and finish with a binary search in the last step; otherwise search everything.
  const std::size_t n = cumulative_.size();
  std::size_t j;
  if (hint >= 1 && hint < n && cumulative_[hint - 1] < lambda) {
    std::size_t low = hint;  // cumulative_[low - 1] < lambda
    std::size_t step = 1;
    std::size_t high = low;
    while (high < n && cumulative_[high] < lambda) {
      low = high + 1;
      high = low + step - 1 < n ? low + step - 1 : n;
      step *= 2;
    }
    // cumulative_[low - 1] < lambda and (high == n or cumulative_[high] >= lambda); j in
    // [low, high], and j <= n - 1 since cumulative_.back() >= lambda.
    const auto at =
        std::lower_bound(cumulative_.begin() + static_cast<std::ptrdiff_t>(low),
                         cumulative_.begin() + static_cast<std::ptrdiff_t>(high), lambda);
    j = static_cast<std::size_t>(at - cumulative_.begin());
  } else {
    const auto at = std::lower_bound(cumulative_.begin(), cumulative_.end(), lambda);
    j = static_cast<std::size_t>(at - cumulative_.begin());
  }
  hint = j;
  // cumulative_[j - 1] < lambda <= cumulative_[j] (j >= 1 since cumulative_[0] = 0 < lambda),
  // so piece j - 1 has a positive rate.
  assert(j >= 1 && j < cumulative_.size());
  const std::size_t i = j - 1;
  const double t = breakpoints_[i] + (lambda - cumulative_[i]) / rates_[i];
  return Instant{std::min(t, breakpoints_[j])};  // rounding must not leave the piece
}

NhppArrivals::NhppArrivals(const PiecewiseConstantRate& shape, double scale)
    : shape_(&shape), scale_(scale) {
  assert(std::isfinite(scale) && scale >= 0.0);
}

std::optional<Instant> NhppArrivals::next(Instant after, RandomStream& rng) {
  if (!(scale_ > 0.0)) return std::nullopt;
  const double from =
      (last_arrival_ && *last_arrival_ == after) ? last_target_ : shape_->cumulative(after);
  const double target = from - std::log(rng.uniform_open01()) / scale_;
  const std::optional<Instant> arrival = shape_->inverse_cumulative(target, hint_);
  if (arrival) {
    last_arrival_ = arrival;
    last_target_ = target;
  }
  return arrival;
}

DailyNhppArrivals::DailyNhppArrivals(const PiecewiseConstantRate& shape, double scale,
                                     std::uint64_t stream_seed, std::int64_t epoch_day)
    : shape_(&shape), scale_(scale), stream_seed_(stream_seed), epoch_day_(epoch_day) {
  assert(std::isfinite(scale) && scale >= 0.0);
}

void DailyNhppArrivals::open_day(std::int64_t day, std::optional<double> begin) {
  day_ = day;
  rng_ = RandomStream(derive_day_seed(stream_seed_, epoch_day_ + day));
  day_begin_ =
      begin ? *begin : shape_->cumulative(Instant{static_cast<double>(day) * kSecondsPerDay});
  day_end_ = shape_->cumulative(Instant{static_cast<double>(day + 1) * kSecondsPerDay});
}

RandomStream& DailyNhppArrivals::marks(Instant t) {
  constexpr std::uint64_t kMarksKey = 0x6d61726b73;  // "marks"
  const auto day = static_cast<std::int64_t>(std::floor(t.seconds / kSecondsPerDay));
  if (day != marks_day_) {
    marks_day_ = day;
    marks_ = RandomStream(derive_day_seed(splitmix64(stream_seed_ ^ kMarksKey), epoch_day_ + day));
  }
  return marks_;
}

std::optional<Instant> DailyNhppArrivals::next(Instant after) {
  if (!(scale_ > 0.0)) return std::nullopt;
  double from = 0.0;
  if (last_arrival_ && *last_arrival_ == after) {
    from = last_target_;
  } else {
    open_day(static_cast<std::int64_t>(std::floor(after.seconds / kSecondsPerDay)));
    from = day_begin_;
  }
  for (;;) {
    const double target = from - std::log(rng_.uniform_open01()) / scale_;
    if (target > day_end_) {  // none left on this day: the next day's stream, from its midnight
      if (static_cast<double>(day_ + 1) * kSecondsPerDay >= shape_->end().seconds)
        return std::nullopt;
      open_day(day_ + 1, day_end_);
      from = day_begin_;
      continue;
    }
    const std::optional<Instant> arrival = shape_->inverse_cumulative(target, hint_);
    from = target;
    if (!arrival || *arrival <= after) continue;  // before `after`: drawn and skipped
    last_arrival_ = arrival;
    last_target_ = target;
    return arrival;
  }
}

}  // namespace sim
