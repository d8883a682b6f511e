// Tests of analysis::check_precision, the --precision / --max-reps stopping rule: hand-computed
// decisions, the cap, degenerate KPIs, and a sequential loop on normal data that stops near the
// sample size theory predicts.
#include <climits>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>

#include "analysis/statistics/sequential_precision.hpp"
#include "sim/random.hpp"

using twotier::analysis::check_precision;
using twotier::analysis::PrecisionRule;

namespace {
// Mean 100, s = sqrt(16/3), n = 4: half-width t_{0.975,3} s / 2 = 3.6742 (3.67% of the mean).
const std::vector<double> kFour{98, 102, 98, 102};
const double kFourHalfWidth = 3.182446305284263 * std::sqrt(16.0 / 3.0) / 2.0;
}  // namespace

TEST_CASE("the precision rule decides from the relative half-width", "[sequential_precision]") {
  PrecisionRule rule;
  rule.max_replications = 100;
  SECTION("a loose target is met at once") {
    rule.relative_half_width = 0.05;
    const std::vector<std::vector<double>> kpis{kFour};
    const auto d = check_precision(kpis, rule);
    CHECK(d.all_met);
    CHECK_FALSE(d.budget_exhausted);
    CHECK(d.additional_replications == 0);
    CHECK(d.target_replications == 4);
    CHECK(d.kpis[0].relative_half_width == Approx(kFourHalfWidth / 100));
    CHECK(d.kpis[0].needed_replications == 4);
  }
  SECTION("a tight target asks for ceil(n (h / (r mean))^2) replications") {
    rule.relative_half_width = 0.02;
    const std::vector<std::vector<double>> kpis{kFour};
    const auto d = check_precision(kpis, rule);
    const int expected = static_cast<int>(std::ceil(4 * std::pow(kFourHalfWidth / 2.0, 2)));
    CHECK(expected == 14);
    CHECK_FALSE(d.all_met);
    CHECK(d.kpis[0].needed_replications == 14);
    CHECK(d.target_replications == 14);
    CHECK(d.additional_replications == 10);
    SECTION("the cap limits the target, and reaching it stops the run") {
      rule.max_replications = 10;
      const auto capped = check_precision(kpis, rule);
      CHECK(capped.target_replications == 10);
      CHECK(capped.additional_replications == 6);
      rule.max_replications = 4;
      const auto exhausted = check_precision(kpis, rule);
      CHECK(exhausted.budget_exhausted);
      CHECK(exhausted.additional_replications == 0);
    }
    SECTION("the slowest KPI sets the target") {
      const std::vector<double> precise{100, 100.1, 99.9, 100};
      const std::vector<std::vector<double>> two{precise, kFour};
      const auto d2 = check_precision(two, rule);
      CHECK(d2.kpis[0].met);
      CHECK_FALSE(d2.kpis[1].met);
      CHECK(d2.target_replications == 14);
    }
    SECTION("a KPI undefined in some replications needs proportionally more") {
      const double nan = std::nan("");
      const std::vector<std::vector<double>> gappy{{98, nan, 102, 98, nan, 102}};
      const auto g = check_precision(gappy, rule);
      CHECK(g.kpis[0].interval.n == 4);
      CHECK(g.kpis[0].needed_replications == 21);  // 14 values at 4 per 6 replications
      CHECK(g.additional_replications == 15);
    }
  }
  SECTION("degenerate KPIs") {
    SECTION("a constant KPI is exact, even at zero") {
      const std::vector<std::vector<double>> kpis{{0, 0, 0}, {5, 5, 5}};
      const auto d = check_precision(kpis, rule);
      CHECK(d.all_met);
      CHECK(d.kpis[0].relative_half_width == 0.0);
    }
    SECTION("a zero mean with spread can never be met and asks for the cap") {
      const std::vector<std::vector<double>> kpis{{-1, 1, -1, 1}};
      const auto d = check_precision(kpis, rule);
      CHECK_FALSE(d.all_met);
      CHECK(d.kpis[0].needed_replications == INT_MAX);
      CHECK(d.target_replications == 100);
    }
    SECTION("below the minimum no verdict is given") {
      rule.min_replications = 5;
      const std::vector<std::vector<double>> kpis{{7, 7, 7}};
      const auto d = check_precision(kpis, rule);
      CHECK_FALSE(d.all_met);
      CHECK(d.target_replications == 5);
      CHECK(d.additional_replications == 2);
    }
  }
  SECTION("bad rules throw") {
    const std::vector<std::vector<double>> kpis{kFour};
    auto bad = rule;
    bad.relative_half_width = 0;
    CHECK_THROWS_AS(check_precision(kpis, bad), std::invalid_argument);
    bad = rule;
    bad.level = 1;
    CHECK_THROWS_AS(check_precision(kpis, bad), std::invalid_argument);
    bad = rule;
    bad.max_replications = 1;
    CHECK_THROWS_AS(check_precision(kpis, bad), std::invalid_argument);
    CHECK_THROWS_AS(check_precision(std::vector<std::vector<double>>{}, rule),
                    std::invalid_argument);
  }
}

TEST_CASE("a sequential run stops near the theoretical sample size", "[sequential_precision]") {
  // N(100, 10^2) replications with a 1% target: h = 1.96 * 10 / sqrt(n) <= 1 needs n = 385.
  // The loop follows the rule from 10 pilot replications.
  sim::RandomStream rng(2024, 0, "test/precision");
  boost::random::normal_distribution<double> normal(100.0, 10.0);
  PrecisionRule rule;
  rule.relative_half_width = 0.01;
  rule.max_replications = 5000;
  std::vector<std::vector<double>> kpis(1);
  for (int i = 0; i < 10; ++i)
    kpis[0].push_back(normal(rng.engine()));
  int rounds = 0;
  for (;;) {
    const auto d = check_precision(kpis, rule);
    if (d.all_met || d.budget_exhausted) {
      CHECK(d.all_met);
      CHECK(d.kpis[0].relative_half_width <= 0.01);
      break;
    }
    ++rounds;
    REQUIRE(rounds < 20);
    for (int i = 0; i < d.additional_replications; ++i)
      kpis[0].push_back(normal(rng.engine()));
  }
  INFO("replications " << kpis[0].size() << " in " << rounds << " rounds");
  // Stopping needs t s / sqrt(n) <= 1, and at n ~ 300+ s is within 13% of 10 (3.29 sd of s is
  // 3.29 / sqrt(2n)), so n >= 385 * 0.87^2 = 290. The largest jump comes from the pilot: s^2
  // from 10 values is at most 2.07 sigma^2 (chi^2_9 / 9 at 99.9%) and t_{0.975,9} = 2.262, so
  // n* <= 385 * 2.07 * (2.262 / 1.96)^2 = 1061.
  CHECK(kpis[0].size() >= 280);
  CHECK(kpis[0].size() <= 1100);
  CHECK(rounds <= 6);
}
