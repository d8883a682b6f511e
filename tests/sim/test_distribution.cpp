// Statistical and contract tests of sim::Distribution, sim::Categorical and sim::bernoulli.
// Every statistical check uses a fixed seed and a two-sided 99.9% confidence bound (z = 3.29).
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/distribution.hpp"

namespace {

using Catch::Matchers::Contains;

constexpr double kZ999 = 3.29;  // two-sided 99.9% normal quantile
constexpr int kDraws = 100000;

struct SampleMoments {
  double mean = 0.0;
  double variance = 0.0;        // n-1 denominator
  double fourth_central = 0.0;  // for the standard error of the variance
  double min = 0.0;
  double max = 0.0;
};

SampleMoments sample_moments(const sim::Distribution& d, std::uint64_t seed, int n = kDraws) {
  sim::RandomStream rng(seed);
  std::vector<double> xs(n);
  for (double& x : xs)
    x = d.sample(rng);
  SampleMoments m;
  m.min = xs[0];
  m.max = xs[0];
  for (double x : xs) {
    m.mean += x;
    m.min = std::min(m.min, x);
    m.max = std::max(m.max, x);
  }
  m.mean /= n;
  for (double x : xs) {
    const double e = x - m.mean;
    m.variance += e * e;
    m.fourth_central += e * e * e * e;
  }
  m.variance /= (n - 1);
  m.fourth_central /= n;
  return m;
}

// Sample mean within z * sigma / sqrt(n) of the exact mean; sample variance within
// z * sqrt((m4 - s^4) / n) of the exact variance (asymptotic standard error of s^2).
void check_moments(const sim::Distribution& d, std::uint64_t seed) {
  INFO(d.describe());
  const SampleMoments m = sample_moments(d, seed);
  const double mean_tol = kZ999 * std::sqrt(d.variance() / kDraws);
  CHECK(std::abs(m.mean - d.mean()) <= mean_tol);
  const double var_se =
      std::sqrt(std::max(m.fourth_central - m.variance * m.variance, 0.0) / kDraws);
  CHECK(std::abs(m.variance - d.variance()) <= kZ999 * var_se);
}

// Pearson chi-square statistic of observed counts against expected probabilities; categories
// with probability 0 must have no draws.
double chi_square(const std::vector<long>& counts, const std::vector<double>& p, long n) {
  double stat = 0.0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (p[i] == 0.0) {
      CHECK(counts[i] == 0);
      continue;
    }
    const double expected = p[i] * static_cast<double>(n);
    stat += (counts[i] - expected) * (counts[i] - expected) / expected;
  }
  return stat;
}

}  // namespace

TEST_CASE("every kind has sample moments within a 99.9% CI of its exact moments",
          "[distribution]") {
  check_moments(sim::Distribution::exponential(2.0), 11);
  check_moments(sim::Distribution::erlang(3, 2.0), 12);
  check_moments(sim::Distribution::gamma(2.0, 0.5), 13);
  check_moments(sim::Distribution::gamma(2.0, 1.5), 14);  // shape < 1
  check_moments(sim::Distribution::lognormal(2.0, 0.5), 15);
  check_moments(sim::Distribution::lognormal(1.0, 1.0), 16);
  check_moments(sim::Distribution::triangular(1.0, 2.0, 4.0), 17);
  check_moments(sim::Distribution::triangular(0.0, 0.0, 1.0), 18);  // mode at min
  check_moments(sim::Distribution::triangular(0.0, 1.0, 1.0), 19);  // mode at max
  check_moments(sim::Distribution::uniform(3.0, 5.0), 20);
  check_moments(sim::Distribution::empirical({1.0, 5.0, 10.0}, {0.2, 0.5, 0.3}), 21);
  check_moments(sim::Distribution::empirical({4.0, 0.0, 1.0}, {}, true), 22);
  check_moments(sim::Distribution::empirical({0.0, 1.0, 3.0, 6.0}, {1.0, 3.0, 0.0, 2.0}, true), 23);
}

TEST_CASE("exact moments follow the documented parameterisations", "[distribution]") {
  SECTION("lognormal from mean and cv") {
    const auto d = sim::Distribution::lognormal(2.0, 0.5);
    CHECK(d.mean() == 2.0);
    CHECK(d.variance() == Approx(1.0));
    CHECK(d.scv() == Approx(0.25));
    // The log of a draw is normal with mu = ln(mean) - sigma^2/2, sigma^2 = ln(1 + cv^2).
    sim::RandomStream rng(5);
    double sum_log = 0.0;
    for (int i = 0; i < kDraws; ++i)
      sum_log += std::log(d.sample(rng));
    const double sigma2 = std::log(1.25);
    const double mu = std::log(2.0) - sigma2 / 2.0;
    CHECK(std::abs(sum_log / kDraws - mu) <= kZ999 * std::sqrt(sigma2 / kDraws));
  }
  SECTION("erlang and gamma") {
    CHECK(sim::Distribution::erlang(4, 2.0).scv() == Approx(0.25));
    CHECK(sim::Distribution::gamma(3.0, 0.2).variance() == Approx(0.36));
    CHECK(sim::Distribution::exponential(3.0).scv() == Approx(1.0));
  }
  SECTION("triangular and uniform") {
    const auto t = sim::Distribution::triangular(1.0, 2.0, 4.0);
    CHECK(t.mean() == Approx(7.0 / 3.0));
    CHECK(t.variance() == Approx((1 + 4 + 16 - 2 - 4 - 8) / 18.0));
    CHECK(sim::Distribution::uniform(3.0, 5.0).variance() == Approx(4.0 / 12.0));
  }
  SECTION("interpolated empirical with equal weights has equally likely segments") {
    const auto d = sim::Distribution::empirical({3.0, 0.0, 1.0}, {}, true);
    CHECK(d.mean() == Approx(0.5 * 0.5 + 0.5 * 2.0));
    sim::RandomStream rng(6);
    long below_one = 0;
    for (int i = 0; i < kDraws; ++i) {
      const double x = d.sample(rng);
      REQUIRE(x >= 0.0);
      REQUIRE(x <= 3.0);
      below_one += x < 1.0;
    }
    CHECK(std::abs(below_one - 0.5 * kDraws) <= kZ999 * std::sqrt(0.25 * kDraws));
  }
  SECTION("zero spread gives a constant") {
    sim::RandomStream rng(7);
    CHECK(sim::Distribution::gamma(2.0, 0.0).sample(rng) == 2.0);
    CHECK(sim::Distribution::lognormal(2.0, 0.0).sample(rng) == 2.0);
    CHECK(sim::Distribution::uniform(2.0, 2.0).sample(rng) == 2.0);
    CHECK(sim::Distribution::empirical({2.5}, {}, true).sample(rng) == 2.5);
    // Only the segment touching the weighted end value carries mass.
    const auto end_weighted = sim::Distribution::empirical({1.0, 2.0, 3.0}, {1.0, 0.0, 0.0}, true);
    for (int i = 0; i < 100; ++i)
      CHECK(end_weighted.sample(rng) <= 2.0);
    CHECK(sim::Distribution::deterministic(0.0).scv() == 0.0);
    CHECK(sim::Distribution().describe() == "deterministic(value=0)");
  }
}

TEST_CASE("describe names the kind and its parameters", "[distribution]") {
  CHECK(sim::Distribution::deterministic(1.5).describe() == "deterministic(value=1.5)");
  CHECK(sim::Distribution::exponential(2).describe() == "exponential(mean=2)");
  CHECK(sim::Distribution::erlang(3, 2).describe() == "erlang(k=3, mean=2)");
  CHECK(sim::Distribution::gamma(2, 0.5).describe() == "gamma(mean=2, cv=0.5)");
  CHECK(sim::Distribution::lognormal(2, 0.5).describe() == "lognormal(mean=2, cv=0.5)");
  CHECK(sim::Distribution::triangular(1, 2, 4).describe() == "triangular(min=1, mode=2, max=4)");
  CHECK(sim::Distribution::uniform(1, 2).describe() == "uniform(min=1, max=2)");
  CHECK(sim::Distribution::empirical({1, 3}).describe() == "empirical(n=2, discrete, mean=2)");
  CHECK(sim::Distribution::empirical({1, 3}, {}, true).describe() ==
        "empirical(n=2, interpolated, mean=2)");
}

TEST_CASE("scaled keeps the shape and multiplies every value", "[distribution]") {
  const std::vector<sim::Distribution> all{
      sim::Distribution::deterministic(1.5),
      sim::Distribution::exponential(2),
      sim::Distribution::erlang(3, 2),
      sim::Distribution::gamma(2, 0.5),
      sim::Distribution::lognormal(2, 0.5),
      sim::Distribution::triangular(1, 2, 4),
      sim::Distribution::uniform(1, 2),
      sim::Distribution::empirical({1, 3, 7}, {1, 2, 1}),
      sim::Distribution::empirical({1, 3, 7}, {1, 2, 1}, true)};
  for (const auto& d : all) {
    INFO(d.describe());
    const auto s = d.scaled(2.5);
    CHECK(s.kind() == d.kind());
    CHECK(s.mean() == Approx(2.5 * d.mean()));
    CHECK(s.scv() == Approx(d.scv()).margin(1e-12));
    // Same stream, same draws times the factor (keeps common random numbers across scenarios).
    sim::RandomStream r1(8), r2(8);
    for (int i = 0; i < 20; ++i)
      CHECK(s.sample(r2) == Approx(2.5 * d.sample(r1)));
  }
  CHECK_THROWS_AS(sim::Distribution::exponential(1).scaled(0.0), std::invalid_argument);
}

TEST_CASE("invalid parameters throw with the bad value and what is allowed", "[distribution]") {
  using D = sim::Distribution;
  CHECK_THROWS_WITH(D::exponential(-1), Contains("mean") && Contains("-1") && Contains("> 0"));
  CHECK_THROWS_AS(D::exponential(0), std::invalid_argument);
  CHECK_THROWS_WITH(D::erlang(0, 1), Contains("k") && Contains(">= 1") && Contains("got 0"));
  CHECK_THROWS_WITH(D::gamma(1, -0.1), Contains("cv") && Contains("-0.1") && Contains(">= 0"));
  CHECK_THROWS_WITH(D::lognormal(-2, 0.5), Contains("mean") && Contains("-2"));
  CHECK_THROWS_AS(D::lognormal(std::nan(""), 0.5), std::invalid_argument);
  CHECK_THROWS_WITH(D::triangular(3, 2, 1), Contains("min <= mode <= max") && Contains("min=3"));
  CHECK_THROWS_AS(D::triangular(1, 1, 1), std::invalid_argument);
  CHECK_THROWS_WITH(D::uniform(2, 1), Contains("min <= max") && Contains("min=2, max=1"));
  CHECK_THROWS_WITH(D::empirical({}), Contains("values must not be empty"));
  CHECK_THROWS_WITH(D::empirical({1, 2}, {1}), Contains("1 weights for 2 values"));
  CHECK_THROWS_WITH(D::empirical({1, 2}, {-1, 2}), Contains("weight[0]") && Contains("-1"));
  CHECK_THROWS_AS(D::empirical({1, 2}, {0, 0}), std::invalid_argument);
  CHECK_THROWS_WITH(sim::Categorical({}), Contains("must not be empty"));
  CHECK_THROWS_AS(sim::Categorical({0.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_WITH(sim::Categorical({1.0, -1.0}), Contains("weight[1]"));
}

TEST_CASE("categorical frequencies pass a chi-square test", "[distribution]") {
  // 99.9% quantiles of the chi-square distribution by degrees of freedom.
  SECTION("small table with a zero weight") {
    const sim::Categorical c({1.0, 2.0, 3.0, 4.0, 0.0});
    CHECK(c.size() == 5);
    CHECK(c.probability(3) == Approx(0.4));
    CHECK(c.probability(4) == 0.0);
    sim::RandomStream rng(31);
    std::vector<long> counts(c.size());
    for (int i = 0; i < kDraws; ++i)
      ++counts[c.sample(rng)];
    std::vector<double> p;
    for (std::size_t i = 0; i < c.size(); ++i)
      p.push_back(c.probability(i));
    CHECK(chi_square(counts, p, kDraws) < 16.266);  // df = 3
  }
  SECTION("skewed table of ten categories") {
    const sim::Categorical c({50, 1, 2, 3, 5, 8, 13, 21, 0.5, 0.25});
    sim::RandomStream rng(32);
    std::vector<long> counts(c.size());
    for (int i = 0; i < kDraws; ++i)
      ++counts[c.sample(rng)];
    std::vector<double> p;
    for (std::size_t i = 0; i < c.size(); ++i)
      p.push_back(c.probability(i));
    CHECK(chi_square(counts, p, kDraws) < 27.877);  // df = 9
  }
  SECTION("discrete empirical values") {
    const auto d = sim::Distribution::empirical({1.0, 5.0, 10.0}, {0.2, 0.5, 0.3});
    sim::RandomStream rng(33);
    std::vector<long> counts(3);
    for (int i = 0; i < kDraws; ++i) {
      const double x = d.sample(rng);
      ++counts[x == 1.0 ? 0 : x == 5.0 ? 1 : 2];
    }
    CHECK(chi_square(counts, {0.2, 0.5, 0.3}, kDraws) < 13.816);  // df = 2
  }
}

TEST_CASE("bernoulli is true with probability p", "[distribution]") {
  sim::RandomStream rng(41);
  long hits = 0;
  for (int i = 0; i < kDraws; ++i)
    hits += sim::bernoulli(rng, 0.3);
  CHECK(std::abs(hits - 0.3 * kDraws) <= kZ999 * std::sqrt(0.3 * 0.7 * kDraws));
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(sim::bernoulli(rng, 0.0));
    REQUIRE(sim::bernoulli(rng, 1.0));
  }
}

TEST_CASE("an inline categorical draws exactly as the categorical it copies", "[distribution]") {
  // Zero weights too (a channel mix without post): the same alias table, the same draws.
  for (const std::vector<double>& weights :
       {std::vector<double>{0.6, 0.3, 0.1}, std::vector<double>{0.0, 1.0, 0.0},
        std::vector<double>{0.25, 0.0, 0.75}}) {
    const sim::Categorical table(weights);
    const sim::InlineCategorical<3> inline_table(table);
    sim::RandomStream a(77), b(77);
    for (int i = 0; i < 10000; ++i)
      REQUIRE(inline_table.sample(a) == table.sample(b));
  }
}
