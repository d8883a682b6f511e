// DurationSketch (analysis/calibration/duration_sketch.hpp): exact up to its limit (the same
// numbers as the sample functions of distribution_fit.hpp), and beyond it the binned sample
// within the stated bounds: mean, sums and lognormal MLE exact, KS D within the model CDF's
// change over half a bin, quantiles within 0.034%.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/calibration/distribution_fit.hpp"
#include "analysis/calibration/duration_sketch.hpp"
#include "sim/distribution.hpp"
#include "sim/random.hpp"

using namespace twotier;

namespace {
// Lognormal(mean 0.4 h, cv 1.3) effort-like values rounded to the second, with a few zeros.
std::vector<double> sample_of(std::size_t n) {
  sim::RandomStream rng(2026);
  const sim::Distribution d = sim::Distribution::lognormal(0.4, 1.3);
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i)
    values.push_back(i % 997 == 0 ? 0.0 : std::round(d.sample(rng) * 3600.0) / 3600.0);
  return values;
}
}  // namespace

TEST_CASE("a duration sketch is exact up to its limit and bins the rest within its bounds",
          "[calibration][duration_sketch]") {
  const std::vector<double> values = sample_of(20000);
  analysis::DurationSketch exact(values.size()), binned(0), limited(4096);
  double sum = 0.0, sum_squares = 0.0;
  for (double x : values) {
    exact.add(x);
    binned.add(x);
    limited.add(x);
    sum += x;
    sum_squares += x * x;
  }
  REQUIRE(exact.exact());
  REQUIRE_FALSE(binned.exact());
  REQUIRE_FALSE(limited.exact());
  const analysis::LognormalFit reference = analysis::fit_lognormal(values);
  auto cdf = [&](double x) { return analysis::lognormal_cdf(reference, x); };
  const double reference_d = analysis::ks_statistic(values, cdf);
  const std::vector<double> reference_q = analysis::sample_quantiles(values, 100);

  SECTION("exact: the very numbers of the sample functions") {
    CHECK(exact.lognormal().mu == reference.mu);
    CHECK(exact.lognormal().sigma == reference.sigma);
    CHECK(exact.ks_statistic(cdf) == reference_d);
    CHECK(exact.quantiles(100) == reference_q);
  }
  for (const analysis::DurationSketch* sketch : {&binned, &limited}) {
    SECTION("binned: sums exact, lognormal MLE to rounding, KS and quantiles within the bins") {
      CHECK(sketch->size() == values.size());
      CHECK(sketch->sum() == sum);  // same values, same order
      CHECK(sketch->sum_squares() == sum_squares);
      CHECK(sketch->lognormal().mu == Approx(reference.mu).epsilon(1e-12));
      CHECK(sketch->lognormal().sigma == Approx(reference.sigma).epsilon(1e-10));
      // Half a bin is 2^(1/2048) - 1 = 0.0338% of a value; the lognormal density of log x is
      // at most 1 / (sigma sqrt(2 pi)), so F moves by at most 0.000339 / (sigma 2.5).
      const double bound = 0.000339 / (reference.sigma * std::sqrt(2 * M_PI));
      CHECK(std::abs(sketch->ks_statistic(cdf) - reference_d) <= bound);
      const std::vector<double> q = sketch->quantiles(100);
      REQUIRE(q.size() == reference_q.size());
      for (std::size_t i = 0; i < q.size(); ++i)
        CHECK(q[i] == Approx(reference_q[i]).epsilon(0.000339).margin(1e-12));
    }
  }
}
