// Non-homogeneous Poisson arrivals with a piecewise-constant rate.
//
// PiecewiseConstantRate is an immutable shape: rate r[i] (events per second) on [t[i], t[i+1])
// and 0 outside [t[0], t[n]). It keeps the cumulative intensity at every breakpoint, so
// cumulative() and inverse_cumulative() take O(log n) by binary search. NhppArrivals draws the
// next arrival by inversion (one uniform per arrival, so it keeps common random numbers across
// scenarios that only change `scale`). next_arrival_by_thinning works for any bounded rate and
// is kept to cross-check inversion. Thread safety: the shape may be shared; NhppArrivals and
// RandomStream are per replication.
#pragma once

#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/random.hpp"
#include "sim/time.hpp"

namespace sim {

class PiecewiseConstantRate {
 public:
  // Throws std::invalid_argument unless breakpoints has rates.size() + 1 >= 2 finite, strictly
  // increasing entries and every rate is finite and >= 0.
  PiecewiseConstantRate(std::vector<double> breakpoints_seconds, std::vector<double> rates);

  // Rate at t: r[i] for t in [t[i], t[i+1]), 0 before t[0] and from t[n] on.
  double rate_at(Instant t) const;
  // Integral of the rate from t[0] to t (0 before t[0], the total from t[n] on).
  double cumulative(Instant t) const;
  // First t with cumulative(t) >= lambda: begin() for lambda <= 0, nullopt when lambda exceeds
  // the total. Never lands inside a zero-rate piece.
  std::optional<Instant> inverse_cumulative(double lambda) const;
  // The same, searching from `hint` (a breakpoint index, e.g. the one the previous call left):
  // O(1) when lambda lies in or just after the hint's piece, as for the successive targets of
  // one arrival stream; O(log n) in every case. Updates `hint`. Same result as without.
  std::optional<Instant> inverse_cumulative(double lambda, std::size_t& hint) const;
  double max_rate() const { return max_rate_; }
  double total() const { return cumulative_.back(); }
  Instant begin() const { return {breakpoints_.front()}; }
  Instant end() const { return {breakpoints_.back()}; }
  std::size_t pieces() const { return rates_.size(); }

 private:
  // Index i of the piece [t[i], t[i+1]) holding t. REQUIRES: begin() <= t < end()
  std::size_t piece_of(double t) const;

  // Constant after construction.
  std::vector<double> breakpoints_;  // n + 1 strictly increasing
  std::vector<double> rates_;        // n, each >= 0
  std::vector<double> cumulative_;   // n + 1: integral from t[0] to t[i]; nondecreasing
  double max_rate_ = 0.0;
};

class NhppArrivals {
 public:
  // Intensity scale * shape.rate_at(t). The shape must outlive this object.
  // REQUIRES: scale finite and >= 0 (asserted; 0 gives no arrivals)
  NhppArrivals(const PiecewiseConstantRate& shape, double scale);

  // The next arrival strictly after `after`: draws E ~ Exp(1) by inversion of one uniform and
  // returns shape.inverse_cumulative(shape.cumulative(after) + E / scale); nullopt when that is
  // past shape.end(). O(log n); allocates nothing.
  std::optional<Instant> next(Instant after, RandomStream& rng);

  double scale() const { return scale_; }

 private:
  // Constant after construction.
  const PiecewiseConstantRate* shape_;
  double scale_;
  // Cache: when `after` is the previous arrival, its cumulative intensity is already known.
  std::optional<Instant> last_arrival_;
  double last_target_ = 0.0;
  std::size_t hint_ = 1;  // breakpoint that closed the previous arrival's piece
};

// NhppArrivals whose draws on each day come from that day's own stream: day d (Instant
// [d * 86400, (d + 1) * 86400)) draws from RandomStream(derive_day_seed(stream_seed, epoch_day
// + d)), starting at the day's midnight, so the arrivals on a date depend only on (stream seed,
// date, the rate on that date), never on when the run started or what an earlier day drew.
// A Poisson process restricted to disjoint days is independent across them, so this is the
// same process as NhppArrivals (other draws). A day without arrivals costs one reseed and one
// uniform. The shape must outlive this object.
class DailyNhppArrivals {
 public:
  // REQUIRES: scale finite and >= 0 (asserted; 0 gives no arrivals). epoch_day: the serial day
  // (days_from_civil) of Instant 0.
  DailyNhppArrivals(const PiecewiseConstantRate& shape, double scale, std::uint64_t stream_seed,
                    std::int64_t epoch_day);

  // The next arrival strictly after `after` (nullopt past shape.end()). Called with the previous
  // arrival, it continues that day's stream; otherwise it replays `after`'s day from its
  // midnight and skips the arrivals at or before `after`. Allocates nothing.
  std::optional<Instant> next(Instant after);

  double scale() const { return scale_; }

  // The stream of the draws that mark the arrivals of t's day (a dossier's channel): its own
  // substream per date too (derive_day_seed(splitmix64(stream_seed ^ kMarksKey), serial
  // day)), drawn in the order of that day's arrivals, so the marks of a date's arrivals do not
  // depend on the run's start either. REQUIRES: t the arrival being handled (in time order).
  RandomStream& marks(Instant t);

 private:
  // Makes `day`'s stream current (drawn from its midnight); `begin`: the cumulative intensity
  // at that midnight when known (the previous day's end).
  void open_day(std::int64_t day, std::optional<double> begin = std::nullopt);

  // Constant after construction.
  const PiecewiseConstantRate* shape_;
  double scale_;
  std::uint64_t stream_seed_;
  std::int64_t epoch_day_;
  // The current day, its stream, and the cumulative intensity at its two midnights.
  std::int64_t day_ = 0;
  RandomStream rng_{0};
  double day_begin_ = 0.0;
  double day_end_ = 0.0;
  // The previous arrival and its cumulative intensity (the stream continues from it).
  std::optional<Instant> last_arrival_;
  double last_target_ = 0.0;
  std::size_t hint_ = 1;
  // The marks' stream and its day.
  std::int64_t marks_day_ = INT64_MIN;
  RandomStream marks_{0};
};

// Next arrival strictly after `after` and before `end` of a Poisson process with intensity
// rate(Instant) (events per second), by thinning a homogeneous process of rate max_rate
// (Lewis and Shedler): candidates every Exp(max_rate), each kept with probability
// rate(t) / max_rate. Returns nullopt when no arrival falls before `end`.
// REQUIRES: 0 <= rate(t) <= max_rate on (after, end)
template <class RateFn>
std::optional<Instant> next_arrival_by_thinning(Instant after, Instant end, double max_rate,
                                                RateFn rate, RandomStream& rng) {
  if (!(max_rate > 0.0)) return std::nullopt;
  double t = after.seconds;
  for (;;) {
    t += -std::log(rng.uniform_open01()) / max_rate;
    if (t >= end.seconds) return std::nullopt;
    const double r = rate(Instant{t});
    assert(r >= 0.0 && r <= max_rate * (1.0 + 1e-12));
    if (rng.uniform01() * max_rate < r) return Instant{t};
  }
}

}  // namespace sim
