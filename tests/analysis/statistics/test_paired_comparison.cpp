// Tests of analysis::compare_paired and bonferroni_level: hand-computed cases, and an M/M/1 queue
// with a known exact difference in mean wait, run with common and with independent random
// numbers, showing that common random numbers shrink the variance of the difference.
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/statistics/paired_comparison.hpp"
#include "sim/random.hpp"

using twotier::analysis::bonferroni_level;
using twotier::analysis::compare_paired;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean wait in queue of customers 1..n of an M/M/1 queue (Lindley's recursion) started from the
// stationary wait distribution, so every customer's expected wait is exactly
// Wq = lambda / (mu (mu - lambda)) and the run mean has no initialisation bias. Every random
// quantity is drawn by inversion from its own stream, so two service rates fed the same streams
// see the same arrivals and proportionally scaled services (common random numbers).
double mm1_mean_wait(double lambda, double mu, int customers, std::uint64_t seed,
                     std::uint64_t replication) {
  sim::RandomStream initial(seed, replication, "mm1/initial");
  sim::RandomStream arrivals(seed, replication, "mm1/arrivals");
  sim::RandomStream services(seed, replication, "mm1/services");
  const double rho = lambda / mu;
  // Stationary law: P(W = 0) = 1 - rho, P(W > x) = rho exp(-(mu - lambda) x).
  const double u = initial.uniform01();
  double wait = u < 1.0 - rho ? 0.0 : -std::log((1.0 - u) / rho) / (mu - lambda);
  double sum = 0.0;
  for (int i = 0; i < customers; ++i) {
    sum += wait;
    const double service = -std::log(services.uniform_open01()) / mu;
    const double interarrival = -std::log(arrivals.uniform_open01()) / lambda;
    wait = std::max(0.0, wait + service - interarrival);
  }
  return sum / customers;
}

}  // namespace

TEST_CASE("Bonferroni splits the error rate across alternatives", "[paired_comparison]") {
  CHECK(bonferroni_level(0.95, 1) == Approx(0.95));
  CHECK(bonferroni_level(0.95, 5) == Approx(0.99));
  CHECK(bonferroni_level(0.90, 4) == Approx(0.975));
  CHECK_THROWS_AS(bonferroni_level(0.95, 0), std::invalid_argument);
  CHECK_THROWS_AS(bonferroni_level(1.0, 2), std::invalid_argument);
}

TEST_CASE("a paired comparison matches hand-computed values", "[paired_comparison]") {
  const std::vector<double> base{1, 2, 3, 4};
  SECTION("alt = 2 base: differences equal base, correlation 1, ratio var/(4var + var) = 1/5") {
    const std::vector<double> alt{2, 4, 6, 8};
    const auto c = compare_paired(base, alt, 0.95);
    CHECK(c.pairs == 4);
    CHECK(c.base_mean == Approx(2.5));
    CHECK(c.alt_mean == Approx(5.0));
    CHECK(c.difference.mean == Approx(2.5));
    // s = sqrt(5/3), t_{0.975,3} = 3.182446305284263.
    const double hw95 = 3.182446305284263 * std::sqrt(5.0 / 3.0) / 2.0;
    CHECK(c.difference.half_width == Approx(hw95).epsilon(1e-12));
    CHECK(c.adjusted_level == Approx(0.95));
    CHECK(c.significant);  // 2.5 - 2.05 > 0
    CHECK(c.correlation == Approx(1.0));
    CHECK(c.variance_ratio == Approx(0.2));
    SECTION("with five alternatives the 99% interval reaches below 0") {
      // t_{0.995,3} = 5.840909309733; half-width 3.77 > 2.5.
      const auto adjusted = compare_paired(base, alt, 0.95, 5);
      CHECK(adjusted.adjusted_level == Approx(0.99));
      CHECK(adjusted.difference.half_width ==
            Approx(5.840909309733 * std::sqrt(5.0 / 3.0) / 2.0).epsilon(1e-10));
      CHECK_FALSE(adjusted.significant);
    }
  }
  SECTION("a constant shift: zero-width interval, all variance removed") {
    const std::vector<double> alt{0.5, 1.5, 2.5, 3.5};
    const auto c = compare_paired(base, alt, 0.95);
    CHECK(c.difference.mean == Approx(-0.5));
    CHECK(c.difference.half_width == Approx(0.0).margin(1e-12));
    CHECK(c.significant);
    CHECK(c.correlation == Approx(1.0));
    CHECK(c.variance_ratio == Approx(0.0).margin(1e-12));
  }
  SECTION("negatively correlated runs double the variance") {
    const std::vector<double> alt{-1, -2, -3, -4};
    const auto c = compare_paired(base, alt, 0.95);
    CHECK(c.correlation == Approx(-1.0));
    CHECK(c.variance_ratio == Approx(2.0));
  }
  SECTION("pairs with a NaN on either side are skipped") {
    const std::vector<double> b{1, kNaN, 2, 3, 4, 9};
    const std::vector<double> a{2, 7, 4, 6, 8, kNaN};
    const auto c = compare_paired(b, a, 0.95);
    CHECK(c.pairs == 4);
    CHECK(c.base_mean == Approx(2.5));
    CHECK(c.difference.mean == Approx(2.5));
    CHECK(c.correlation == Approx(1.0));
  }
  SECTION("fewer than two pairs give NaN spread statistics and no significance") {
    const std::vector<double> b{1, kNaN};
    const std::vector<double> a{3, 4};
    const auto c = compare_paired(b, a, 0.95);
    CHECK(c.pairs == 1);
    CHECK(c.difference.mean == 2.0);
    CHECK(std::isnan(c.difference.half_width));
    CHECK_FALSE(c.significant);
    CHECK(std::isnan(c.correlation));
    CHECK(std::isnan(c.variance_ratio));
  }
  SECTION("unequal lengths throw") {
    const std::vector<double> alt{1, 2, 3};
    CHECK_THROWS_AS(compare_paired(base, alt, 0.95), std::invalid_argument);
  }
}

TEST_CASE("common random numbers shrink the variance of a known M/M/1 difference",
          "[paired_comparison]") {
  // lambda = 0.5; base mu = 1 (Wq = 1), alternative mu = 1.25 (Wq = 0.5 / (1.25 * 0.75)).
  constexpr double kLambda = 0.5, kBaseMu = 1.0, kAltMu = 1.25;
  constexpr double kExactDifference = 0.5 / (1.25 * 0.75) - 1.0;  // -0.4667
  constexpr int kReplications = 100, kCustomers = 2000;
  constexpr std::uint64_t kSeed = 20250701;
  std::vector<double> base, alt_common, alt_independent;
  for (int r = 0; r < kReplications; ++r) {
    base.push_back(mm1_mean_wait(kLambda, kBaseMu, kCustomers, kSeed, r));
    alt_common.push_back(mm1_mean_wait(kLambda, kAltMu, kCustomers, kSeed, r));
    alt_independent.push_back(mm1_mean_wait(kLambda, kAltMu, kCustomers, kSeed + 1, r));
  }
  const auto common = compare_paired(base, alt_common, 0.99);
  const auto independent = compare_paired(base, alt_independent, 0.99);
  INFO("common: corr " << common.correlation << " ratio " << common.variance_ratio << " hw "
                       << common.difference.half_width);
  INFO("independent: corr " << independent.correlation << " ratio " << independent.variance_ratio
                            << " hw " << independent.difference.half_width);

  // Both 99% intervals cover the exact difference (fixed seed; each would fail 1% of seeds).
  CHECK(common.difference.low <= kExactDifference);
  CHECK(common.difference.high >= kExactDifference);
  CHECK(independent.difference.low <= kExactDifference);
  CHECK(independent.difference.high >= kExactDifference);

  // Independent streams: the correlation is 0 up to noise. Fisher's z = atanh(r) has sd
  // 1/sqrt(n - 3); 3.29 sd (99.9%) gives |r| < tanh(3.29 / sqrt(97)) = 0.32, so the variance
  // ratio 1 - 2 r sqrt(va vb) / (va + vb) stays within 1 +- 0.32.
  CHECK(std::abs(independent.correlation) < 0.32);
  CHECK(independent.variance_ratio == Approx(1.0).margin(0.32));
  // Common streams: the same congestion episodes hit both systems.
  CHECK(common.correlation > 0.9);
  CHECK(common.variance_ratio < 0.5);
  // The reduction is significant: were the two difference variances equal, their ratio would
  // follow F(99, 99), whose 0.1% quantile is about exp(-3.09 sqrt(2/98 + 2/98)) = 0.54. The
  // half-widths share n and t, so their squared ratio is the variance ratio.
  const double variance_of_difference_ratio =
      std::pow(common.difference.half_width / independent.difference.half_width, 2);
  CHECK(variance_of_difference_ratio < 0.54);
  CHECK(common.significant);
}
