// The validation cases at half their run length with a fixed seed: every analytic
// value must lie in its 99% interval. Deterministic for the seed, so never flaky; the
// intervals are the honest t intervals (checked to be narrow, so a pass means something).
#include <catch2/catch.hpp>

#include "analysis/validation/validation.hpp"

using namespace twotier::analysis;

TEST_CASE("the kernel reproduces queueing theory within 99% intervals", "[validation]") {
  ValidationOptions options;
  options.replications = 10;
  options.seed = 20250701;
  options.run_scale = 0.5;
  const auto rows = run_validation(options);
  REQUIRE(rows.size() == 18);
  for (const auto& r : rows) {
    INFO(r.case_name << " / " << r.metric << ": analytic " << r.analytic << ", simulated "
                     << r.simulated << " in [" << r.ci_low << ", " << r.ci_high << "]");
    CHECK(r.pass);
    CHECK(r.ci_low <= r.simulated);
    CHECK(r.simulated <= r.ci_high);
    if (r.analytic > 0) {
      // Half-width within 20% of the value: the interval is informative, not just wide.
      CHECK((r.ci_high - r.ci_low) / 2 < 0.20 * r.analytic);
    } else {
      CHECK(r.simulated <= kLittleTolerance);
    }
  }
  SECTION("the same options give the same rows") {
    const auto again = run_validation(options);
    REQUIRE(again.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      CHECK(again[i].simulated == rows[i].simulated);
  }
}
