// Tests of analysis designs: grid order, Latin hypercube stratification and reproducibility,
// the one-at-a-time runs and the tornado ranking.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/experiments/design.hpp"

using namespace twotier::analysis;

TEST_CASE("a full grid lists every combination with the last factor fastest", "[design]") {
  const std::vector<LevelFactor> factors{{"officers", {"2", "3"}},
                                         {"policy", {"fifo", "edf", "sjf"}}};
  const auto grid = full_grid(factors);
  REQUIRE(grid.points.size() == 6);
  const std::vector<std::vector<int>> expected{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
  CHECK(grid.points == expected);
  CHECK(grid.level(4, 0) == "3");
  CHECK(grid.level(4, 1) == "edf");
  SECTION("a single factor with one level gives one point") {
    const std::vector<LevelFactor> one{{"x", {"1"}}};
    CHECK(full_grid(one).points == std::vector<std::vector<int>>{{0}});
  }
  SECTION("bad factors throw") {
    CHECK_THROWS_AS(full_grid(std::vector<LevelFactor>{}), std::invalid_argument);
    CHECK_THROWS_AS(full_grid(std::vector<LevelFactor>{{"x", {}}}), std::invalid_argument);
    CHECK_THROWS_AS(full_grid(std::vector<LevelFactor>{{"x", {"1"}}, {"x", {"2"}}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(full_grid(std::vector<LevelFactor>{{"", {"1"}}}), std::invalid_argument);
    const LevelFactor wide{"w", std::vector<std::string>(1000, "v")};
    CHECK_THROWS_AS(
        full_grid(std::vector<LevelFactor>{wide, {"v", wide.levels}, {"u", wide.levels}}),
        std::invalid_argument);
  }
}

TEST_CASE("a Latin hypercube puts one point in each stratum of every factor", "[design]") {
  const std::vector<RangeFactor> factors{
      {"arrival_scale", 0.8, 1.2}, {"staff", 10, 20}, {"fixed", 5, 5}};
  constexpr int kPoints = 17;
  const auto design = latin_hypercube(factors, kPoints, 12345);
  REQUIRE(design.points.size() == kPoints);
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const double width = factors[f].high - factors[f].low;
    std::vector<int> hits(kPoints, 0);
    for (const auto& point : design.points) {
      const double v = point[f];
      CHECK(v >= factors[f].low);
      CHECK(v <= factors[f].high);
      if (width > 0) {
        const int stratum = static_cast<int>((v - factors[f].low) / width * kPoints);
        ++hits[static_cast<std::size_t>(std::min(stratum, kPoints - 1))];
      }
    }
    if (width > 0) CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
  SECTION("the same seed gives the same design, another seed another") {
    CHECK(latin_hypercube(factors, kPoints, 12345).points == design.points);
    CHECK(latin_hypercube(factors, kPoints, 12346).points != design.points);
  }
  SECTION("the factors' orders are not all the same permutation") {
    std::vector<std::size_t> order0(kPoints), order1(kPoints);
    for (std::size_t p = 0; p < kPoints; ++p)
      order0[p] = order1[p] = p;
    const auto by = [&](std::size_t f) {
      return [&, f](std::size_t a, std::size_t b) {
        return design.points[a][f] < design.points[b][f];
      };
    };
    std::sort(order0.begin(), order0.end(), by(0));
    std::sort(order1.begin(), order1.end(), by(1));
    CHECK(order0 != order1);
  }
  SECTION("bad input throws") {
    CHECK_THROWS_AS(latin_hypercube(factors, 0, 1), std::invalid_argument);
    CHECK_THROWS_AS(latin_hypercube(std::vector<RangeFactor>{{"x", 2, 1}}, 3, 1),
                    std::invalid_argument);
    CHECK_THROWS_AS(latin_hypercube(std::vector<RangeFactor>{{"x", 0, INFINITY}}, 3, 1),
                    std::invalid_argument);
  }
}

TEST_CASE("a Latin hypercube over level lists balances the levels", "[design]") {
  const std::vector<LevelFactor> factors{{"policy", {"fifo", "edf", "sjf"}},
                                         {"staff", {"8", "10", "12", "14"}},
                                         {"hours", {"40", "44", "48", "52", "56"}}};
  SECTION("P a multiple of L uses every level exactly P / L times") {
    const auto design = latin_hypercube(factors, 12, 7);  // 12 = 4 * 3 levels; 12 / 5 is not
    for (std::size_t f = 0; f < 2; ++f) {
      std::vector<int> count(factors[f].levels.size(), 0);
      for (const auto& point : design.points)
        ++count[static_cast<std::size_t>(point[f])];
      const int expected = 12 / static_cast<int>(factors[f].levels.size());
      CHECK(std::all_of(count.begin(), count.end(), [&](int c) { return c == expected; }));
    }
    SECTION("otherwise each level is used floor(P/L) - 1 .. ceil(P/L) + 1 times") {
      std::vector<int> count(5, 0);
      for (const auto& point : design.points)
        ++count[static_cast<std::size_t>(point[2])];
      for (int c : count) {
        CHECK(c >= 1);
        CHECK(c <= 4);
      }
    }
  }
  SECTION("the level design uses the same strata as the range design") {
    const std::vector<RangeFactor> unit{{"policy", 0, 1}, {"staff", 0, 1}, {"hours", 0, 1}};
    const auto levels = latin_hypercube(factors, 9, 99);
    const auto ranges = latin_hypercube(unit, 9, 99);
    for (std::size_t p = 0; p < 9; ++p)
      for (std::size_t f = 0; f < 3; ++f)
        CHECK(
            levels.points[p][f] ==
            static_cast<int>(ranges.points[p][f] * static_cast<double>(factors[f].levels.size())));
  }
}

TEST_CASE("one-at-a-time runs move a single factor to its low and high", "[design]") {
  const std::vector<RangeFactor> factors{{"a", 1, 3}, {"b", 10, 30}};
  const std::vector<double> baseline{2, 20};
  const auto runs = one_at_a_time(factors, baseline);
  REQUIRE(runs.size() == 5);
  CHECK(runs[0].factor == -1);
  CHECK(runs[0].setting == OneAtATimeSetting::kBaseline);
  CHECK(runs[0].values == std::vector<double>{2, 20});
  CHECK(runs[1].factor == 0);
  CHECK(runs[1].setting == OneAtATimeSetting::kLow);
  CHECK(runs[1].values == std::vector<double>{1, 20});
  CHECK(runs[2].setting == OneAtATimeSetting::kHigh);
  CHECK(runs[2].values == std::vector<double>{3, 20});
  CHECK(runs[3].factor == 1);
  CHECK(runs[3].values == std::vector<double>{2, 10});
  CHECK(runs[4].values == std::vector<double>{2, 30});
  CHECK_THROWS_AS(one_at_a_time(factors, std::vector<double>{1}), std::invalid_argument);
  CHECK_THROWS_AS(one_at_a_time(factors, std::vector<double>{1, NAN}), std::invalid_argument);
}

TEST_CASE("a tornado ranks levers by the swing they cause", "[design]") {
  const std::vector<FactorEffect> effects{{"staff", 12, 8},
                                          {"arrivals", 5, 15},
                                          {"undefined", NAN, 3},
                                          {"hours", 9, 13},
                                          {"policy", 10, 10}};
  const auto bars = tornado_ranking(effects);
  REQUIRE(bars.size() == 5);
  std::vector<std::string> order;
  for (const auto& bar : bars)
    order.push_back(bar.factor);
  // staff and hours tie at 4 and keep their input order.
  CHECK(order == std::vector<std::string>{"arrivals", "staff", "hours", "policy", "undefined"});
  CHECK(bars[0].swing == 10);
  CHECK(bars[1].low_response == 12);
  CHECK(bars[1].high_response == 8);
  CHECK(bars[3].swing == 0);
  CHECK(std::isnan(bars[4].swing));
}
