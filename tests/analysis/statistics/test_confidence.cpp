// Student-t confidence intervals against tabulated quantiles.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/statistics/confidence.hpp"

using twotier::analysis::mean_confidence_interval;

TEST_CASE("a t interval uses the n-1 quantile and the sample deviation", "[confidence]") {
  const std::vector<double> v{1, 2, 3, 4, 5};  // mean 3, s = sqrt(2.5)
  const auto ci99 = mean_confidence_interval(v, 0.99);
  CHECK(ci99.n == 5);
  CHECK(ci99.mean == Approx(3.0));
  CHECK(ci99.half_width == Approx(4.604095 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-6));
  CHECK(ci99.low == Approx(3.0 - ci99.half_width));
  CHECK(ci99.contains(3.0));
  const auto ci95 = mean_confidence_interval(v, 0.95);
  CHECK(ci95.half_width == Approx(2.776445 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-6));
  SECTION("one value gives a point interval") {
    const std::vector<double> one{7.0};
    const auto ci = mean_confidence_interval(one);
    CHECK(ci.mean == 7.0);
    CHECK(ci.half_width == 0.0);
  }
}
