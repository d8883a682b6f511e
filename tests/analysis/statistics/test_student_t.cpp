// Tests of analysis::student_t_quantile and analysis::mean_interval against published t-table
// values and a hand-computed interval.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/statistics/student_t.hpp"

using twotier::analysis::mean_interval;
using twotier::analysis::student_t_quantile;
using twotier::analysis::t_multiplier;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("t quantiles match the published table", "[student_t]") {
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736174707).epsilon(1e-12));
  CHECK(student_t_quantile(0.95, 1) == Approx(6.313751514675043).epsilon(1e-12));
  // Closed forms: nu = 1 is tan(pi (p - 1/2)), nu = 2 is (2p - 1) / sqrt(2p(1 - p)), nu = 4 has a
  // trigonometric form; the others are table values.
  CHECK(student_t_quantile(0.975, 2) == Approx(4.302652729749462).epsilon(1e-12));
  CHECK(student_t_quantile(0.995, 4) == Approx(4.604094871349992).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 7) == Approx(2.364624251592785).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 9) == Approx(2.262157162798205).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 29) == Approx(2.045229642132703).epsilon(1e-12));
  SECTION("the median is 0 and the distribution is symmetric") {
    CHECK(student_t_quantile(0.5, 5) == Approx(0.0).margin(1e-15));
    CHECK(student_t_quantile(0.025, 9) == Approx(-student_t_quantile(0.975, 9)));
  }
  SECTION("many degrees of freedom approach the normal quantile") {
    CHECK(student_t_quantile(0.975, 1e9) == Approx(1.959963984540054).epsilon(1e-8));
  }
  SECTION("t_multiplier is the two-sided quantile with n - 1 degrees of freedom") {
    CHECK(t_multiplier(0.95, 10) == Approx(2.262157162798205).epsilon(1e-12));
    CHECK(t_multiplier(0.99, 5) == Approx(4.604094871349992).epsilon(1e-12));
  }
  SECTION("arguments outside the domain throw") {
    CHECK_THROWS_AS(student_t_quantile(0.0, 5), std::invalid_argument);
    CHECK_THROWS_AS(student_t_quantile(1.0, 5), std::invalid_argument);
    CHECK_THROWS_AS(student_t_quantile(kNaN, 5), std::invalid_argument);
    CHECK_THROWS_AS(student_t_quantile(0.9, 0), std::invalid_argument);
    CHECK_THROWS_AS(t_multiplier(0.95, 1), std::invalid_argument);
    CHECK_THROWS_AS(t_multiplier(1.5, 10), std::invalid_argument);
  }
}

TEST_CASE("a mean interval is mean +- t s / sqrt(n)", "[student_t]") {
  // Mean 5, sum of squared deviations 32, s^2 = 32/7, t_{0.975,7} = 2.364624251592785.
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  const auto ci = mean_interval(xs, 0.95);
  const double expected_hw = 2.364624251592785 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
  CHECK(ci.n == 8);
  CHECK(ci.mean == Approx(5.0));
  CHECK(ci.half_width == Approx(expected_hw).epsilon(1e-12));
  CHECK(ci.low == Approx(5.0 - expected_hw));
  CHECK(ci.high == Approx(5.0 + expected_hw));

  SECTION("NaN values are skipped and not counted") {
    const std::vector<double> with_gaps{kNaN, 2, 4, 4, kNaN, 4, 5, 5, 7, 9, kNaN};
    const auto gapped = mean_interval(with_gaps, 0.95);
    CHECK(gapped.n == 8);
    CHECK(gapped.mean == ci.mean);
    CHECK(gapped.half_width == ci.half_width);
  }
  SECTION("a higher level gives a wider interval") {
    CHECK(mean_interval(xs, 0.99).half_width > ci.half_width);
    CHECK(mean_interval(xs, 0.80).half_width < ci.half_width);
  }
  SECTION("fewer than two values give a NaN half-width") {
    const std::vector<double> one{3.5, kNaN};
    const auto single = mean_interval(one, 0.95);
    CHECK(single.n == 1);
    CHECK(single.mean == 3.5);
    CHECK(std::isnan(single.half_width));
    CHECK(std::isnan(single.low));
    CHECK(std::isnan(single.high));
    const auto none = mean_interval(std::vector<double>{}, 0.95);
    CHECK(none.n == 0);
    CHECK(std::isnan(none.mean));
    CHECK(std::isnan(none.half_width));
  }
  SECTION("identical values give a zero-width interval") {
    const auto flat = mean_interval(std::vector<double>{7, 7, 7}, 0.95);
    CHECK(flat.half_width == 0.0);
    CHECK(flat.low == 7.0);
    CHECK(flat.high == 7.0);
  }
  SECTION("a level outside (0, 1) throws") {
    CHECK_THROWS_AS(mean_interval(xs, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(mean_interval(xs, 95.0), std::invalid_argument);
  }
}
