// Tests of sim::PiecewiseConstantRate, sim::NhppArrivals, sim::DailyNhppArrivals and
// next_arrival_by_thinning: exact cumulative/inverse values, arrival counts within 99.9%
// Poisson confidence bounds, and arrivals per day independent of the shape's first day.
#include <algorithm>  // std::upper_bound
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/nhpp.hpp"

namespace {

using Catch::Matchers::Contains;

constexpr double kZ999 = 3.29;  // two-sided 99.9% normal quantile
constexpr double kHour = sim::kSecondsPerHour;

// A working day: closed at night, busy morning, lunch break, quieter afternoon (per hour).
sim::PiecewiseConstantRate working_day() {
  return sim::PiecewiseConstantRate({0, 8 * kHour, 12 * kHour, 13 * kHour, 17 * kHour, 24 * kHour},
                                    {0.0, 6.0 / kHour, 0.0, 3.0 / kHour, 0.0});
}

// Counts per piece of the shape, of arrivals drawn by `next` until it returns nullopt.
template <class Next>
std::vector<long> counts_per_piece(const sim::PiecewiseConstantRate& shape,
                                   const std::vector<double>& breakpoints, Next next) {
  std::vector<long> counts(shape.pieces(), 0);
  sim::Instant t = shape.begin();
  while (auto arrival = next(t)) {
    t = *arrival;
    REQUIRE(shape.rate_at(t) > 0.0);  // never inside a zero-rate piece
    std::size_t i = 0;
    while (t.seconds >= breakpoints[i + 1])
      ++i;
    ++counts[i];
  }
  return counts;
}

}  // namespace

TEST_CASE("cumulative and its inverse are exact on a hand example", "[nhpp]") {
  const sim::PiecewiseConstantRate r({10, 20, 30, 40}, {1.0, 0.0, 2.0});
  CHECK(r.begin().seconds == 10);
  CHECK(r.end().seconds == 40);
  CHECK(r.max_rate() == 2.0);
  CHECK(r.total() == 30.0);
  CHECK(r.rate_at({5}) == 0.0);
  CHECK(r.rate_at({10}) == 1.0);
  CHECK(r.rate_at({25}) == 0.0);
  CHECK(r.rate_at({39}) == 2.0);
  CHECK(r.rate_at({40}) == 0.0);
  CHECK(r.cumulative({0}) == 0.0);
  CHECK(r.cumulative({15}) == 5.0);
  CHECK(r.cumulative({25}) == 10.0);
  CHECK(r.cumulative({35}) == 20.0);
  CHECK(r.cumulative({100}) == 30.0);
  CHECK(r.inverse_cumulative(0.0)->seconds == 10.0);
  CHECK(r.inverse_cumulative(5.0)->seconds == 15.0);
  // The first time the integral reaches 10 is the start of the zero piece, not its end.
  CHECK(r.inverse_cumulative(10.0)->seconds == 20.0);
  CHECK(r.inverse_cumulative(10.5)->seconds == 30.25);
  CHECK(r.inverse_cumulative(30.0)->seconds == 40.0);
  CHECK_FALSE(r.inverse_cumulative(30.001).has_value());
}

TEST_CASE("the inverse from a hint equals the inverse without one", "[nhpp]") {
  // 200 pieces, every third of rate zero (runs of equal cumulative values), so the search must
  // find the first breakpoint reaching lambda, not any. Lambdas: exact breakpoint values,
  // values between, beyond the total; hints: all valid ones, 0, and past the end.
  std::vector<double> breakpoints{0.0};
  std::vector<double> rates;
  for (int i = 0; i < 200; ++i) {
    breakpoints.push_back(breakpoints.back() + 1.0 + (i % 7));
    rates.push_back(i % 3 == 2 ? 0.0 : 0.5 + (i % 5));
  }
  const sim::PiecewiseConstantRate r(breakpoints, rates);
  std::vector<double> lambdas{-1.0, 0.0, r.total(), r.total() * 1.0001};
  for (std::size_t j = 0; j < breakpoints.size(); ++j) {
    const double c = r.cumulative({breakpoints[j]});
    lambdas.push_back(c);
    lambdas.push_back(c + 0.25);
    lambdas.push_back(std::nextafter(c, 0.0));
  }
  for (const double lambda : lambdas) {
    const std::optional<sim::Instant> expected = r.inverse_cumulative(lambda);
    for (std::size_t hint = 0; hint <= breakpoints.size() + 1; ++hint) {
      std::size_t h = hint;
      const std::optional<sim::Instant> got = r.inverse_cumulative(lambda, h);
      REQUIRE(got.has_value() == expected.has_value());
      if (expected) {
        REQUIRE(got->seconds == expected->seconds);
        if (lambda > 0.0) {  // the hint names the breakpoint that closes the piece found
          REQUIRE(h >= 1);
          REQUIRE(h < breakpoints.size());
          CHECK(r.cumulative({breakpoints[h - 1]}) < lambda);
          CHECK(r.cumulative({breakpoints[h]}) >= lambda);
        }
      }
    }
  }
}

TEST_CASE("invalid rate shapes throw with the bad value", "[nhpp]") {
  using R = sim::PiecewiseConstantRate;
  CHECK_THROWS_WITH(R({0, 1}, {-1.0}), Contains("rate[0]") && Contains("-1"));
  CHECK_THROWS_WITH(R({0, 1, 1}, {1.0, 1.0}), Contains("strictly increasing"));
  CHECK_THROWS_WITH(R({0, 1}, {1.0, 2.0}), Contains("2 breakpoints for 2 rates"));
  CHECK_THROWS_AS(R({0}, {}), std::invalid_argument);
}

TEST_CASE("the arrival count matches the integrated rate", "[nhpp]") {
  const auto shape = working_day();
  const double scale = 500.0;  // expected 500 * (24 + 12) = 18000 arrivals
  sim::NhppArrivals arrivals(shape, scale);
  sim::RandomStream rng(2024);
  long count = 0;
  sim::Instant t = shape.begin();
  while (auto next = arrivals.next(t, rng)) {
    REQUIRE(*next > t);
    t = *next;
    ++count;
  }
  const double expected = scale * shape.total();
  CHECK(expected == Approx(18000.0));
  CHECK(std::abs(count - expected) <= kZ999 * std::sqrt(expected));
}

TEST_CASE("inversion and thinning give consistent counts per piece", "[nhpp]") {
  const auto shape = working_day();
  const std::vector<double> breakpoints{0,          8 * kHour,  12 * kHour,
                                        13 * kHour, 17 * kHour, 24 * kHour};
  const double scale = 200.0;
  sim::NhppArrivals by_inversion(shape, scale);
  sim::RandomStream rng_a(7), rng_b(8);
  const auto inverted = counts_per_piece(
      shape, breakpoints, [&](sim::Instant after) { return by_inversion.next(after, rng_a); });
  const auto rate = [&](sim::Instant t) { return scale * shape.rate_at(t); };
  const auto thinned = counts_per_piece(shape, breakpoints, [&](sim::Instant after) {
    return sim::next_arrival_by_thinning(after, shape.end(), scale * shape.max_rate(), rate, rng_b);
  });
  for (std::size_t i = 0; i < shape.pieces(); ++i) {
    INFO("piece " << i);
    const double expected =
        scale * (shape.cumulative({breakpoints[i + 1]}) - shape.cumulative({breakpoints[i]}));
    if (expected == 0.0) {
      CHECK(inverted[i] == 0);
      CHECK(thinned[i] == 0);
      continue;
    }
    CHECK(std::abs(inverted[i] - expected) <= kZ999 * std::sqrt(expected));
    CHECK(std::abs(thinned[i] - expected) <= kZ999 * std::sqrt(expected));
    // Difference of two independent Poisson counts has variance N1 + N2.
    CHECK(std::abs(inverted[i] - thinned[i]) <= kZ999 * std::sqrt(inverted[i] + thinned[i]));
  }
}

TEST_CASE("thinning follows a smooth rate", "[nhpp]") {
  // rate(t) = 5 (1 + sin t) on [0, 200): integral = 5 (200 + 1 - cos 200).
  const auto rate = [](sim::Instant t) { return 5.0 * (1.0 + std::sin(t.seconds)); };
  sim::RandomStream rng(9);
  long count = 0;
  sim::Instant t{0};
  while (auto next = sim::next_arrival_by_thinning(t, {200}, 10.0, rate, rng)) {
    t = *next;
    ++count;
  }
  const double expected = 5.0 * (200.0 + 1.0 - std::cos(200.0));
  CHECK(std::abs(count - expected) <= kZ999 * std::sqrt(expected));
}

TEST_CASE("no arrival past the end or at zero scale", "[nhpp]") {
  const auto shape = working_day();
  sim::RandomStream rng(3);
  sim::NhppArrivals arrivals(shape, 10.0);
  CHECK_FALSE(arrivals.next(shape.end(), rng).has_value());
  CHECK_FALSE(arrivals.next({shape.end().seconds + 5}, rng).has_value());
  // From before the shape starts, the first arrival is in the first busy piece.
  const auto first = arrivals.next({-1000}, rng);
  REQUIRE(first.has_value());
  CHECK(first->seconds >= 8 * kHour);
  sim::NhppArrivals silent(shape, 0.0);
  CHECK_FALSE(silent.next(shape.begin(), rng).has_value());
  CHECK_FALSE(sim::next_arrival_by_thinning(
                  {0}, {10}, 0.0, [](sim::Instant) { return 0.0; }, rng)
                  .has_value());
}

TEST_CASE("arrivals from the same stream are reproducible", "[nhpp]") {
  const auto shape = working_day();
  std::vector<double> a, b;
  for (auto* out : {&a, &b}) {
    sim::NhppArrivals arrivals(shape, 20.0);
    sim::RandomStream rng(5, 0, "arrivals");
    sim::Instant t = shape.begin();
    while (auto next = arrivals.next(t, rng)) {
      t = *next;
      out->push_back(t.seconds);
    }
  }
  CHECK(!a.empty());
  CHECK(a == b);
}

namespace {

// `days` days of working_day() from day `first` (hourly pieces, as the model builds them).
sim::PiecewiseConstantRate working_days(int first, int days) {
  const auto day = working_day();
  std::vector<double> breakpoints{first * sim::kSecondsPerDay};
  std::vector<double> rates;
  for (int h = first * 24; h < (first + days) * 24; ++h) {
    rates.push_back(day.rate_at({(h % 24 + 0.5) * kHour}));
    breakpoints.push_back((h + 1) * kHour);
  }
  return sim::PiecewiseConstantRate(std::move(breakpoints), std::move(rates));
}

std::vector<double> daily_arrivals(const sim::PiecewiseConstantRate& shape, double scale,
                                   std::uint64_t seed) {
  sim::DailyNhppArrivals arrivals(shape, scale, seed, 20000);
  std::vector<double> out;
  sim::Instant t = shape.begin();
  while (auto next = arrivals.next(t)) {
    REQUIRE(*next > t);
    REQUIRE(shape.rate_at(*next) > 0.0);  // never inside a zero-rate piece
    t = *next;
    out.push_back(t.seconds);
  }
  return out;
}

}  // namespace

TEST_CASE("arrivals drawn per day do not depend on the first day of the shape", "[nhpp]") {
  // Days 0-59 and days 31-59 of the same rate, the same stream seed: from day 31 on, the same
  // arrivals at the same instants (up to the rounding of the cumulative intensity).
  const std::vector<double> long_run = daily_arrivals(working_days(0, 60), 20.0, 77);
  const std::vector<double> short_run = daily_arrivals(working_days(31, 29), 20.0, 77);
  std::vector<double> tail;
  for (const double t : long_run)
    if (t >= 31 * sim::kSecondsPerDay) tail.push_back(t);
  REQUIRE(short_run.size() == tail.size());
  for (std::size_t i = 0; i < tail.size(); ++i)
    CHECK(short_run[i] == Approx(tail[i]).margin(1e-6));
  CHECK(tail.size() > 1000);
  // Another seed draws other arrivals.
  CHECK(daily_arrivals(working_days(31, 29), 20.0, 78) != short_run);
  SECTION("a stream continued from an instant inside a day replays that day up to it") {
    const auto shape = working_days(0, 60);
    sim::DailyNhppArrivals arrivals(shape, 20.0, 77, 20000);
    const sim::Instant noon{40 * sim::kSecondsPerDay + 12.5 * kHour};
    const auto first = arrivals.next(noon);
    REQUIRE(first.has_value());
    const auto later = std::upper_bound(long_run.begin(), long_run.end(), noon.seconds);
    REQUIRE(later != long_run.end());
    CHECK(first->seconds == Approx(*later).margin(1e-6));
  }
}

TEST_CASE("arrivals drawn per day match the integrated rate", "[nhpp]") {
  // 200 working days at scale 5: expected 5 * 36 * 200 = 36000 arrivals; per piece kind
  // (morning, afternoon) within 99.9% Poisson bounds, none at night or at lunch.
  const auto shape = working_days(0, 200);
  const std::vector<double> arrivals = daily_arrivals(shape, 5.0, 2024);
  double morning = 0, afternoon = 0;
  for (const double t : arrivals) {
    const double hour = std::fmod(t, sim::kSecondsPerDay) / kHour;
    (hour < 12.0 ? morning : afternoon) += 1.0;
  }
  const double expected_morning = 5.0 * 24 * 200, expected_afternoon = 5.0 * 12 * 200;
  // Two counts checked: 99.9% bounds each keep the family-wise level at 99.8%.
  CHECK(std::abs(morning - expected_morning) <= kZ999 * std::sqrt(expected_morning));
  CHECK(std::abs(afternoon - expected_afternoon) <= kZ999 * std::sqrt(expected_afternoon));
  sim::DailyNhppArrivals silent(shape, 0.0, 1, 0);
  CHECK_FALSE(silent.next(shape.begin()).has_value());
}
