// `twotier validate` controls its family-wise error (issue 22, class 11): with 99% intervals on
// 16 checks a correct engine failed about one seed in six (the default seed did). Measured here
// over many seeds: a correct engine fails rarely, and a 5% relative bias injected into any one
// check is caught. Slow (ctest label "slow"; hidden from the default Catch2 run).
#include <catch2/catch.hpp>

#include <cstdint>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/validation/validation.hpp"

using namespace twotier::analysis;

namespace {

bool all_pass(const std::vector<ValidationRow>& rows) {
  for (const auto& r : rows)
    if (!r.pass) return false;
  return true;
}

}  // namespace

TEST_CASE("a correct engine fails validate for at most about 1% of seeds",
          "[.][validation-error-rates]") {
  constexpr int kSeeds = 100;
  int failures = 0;
  for (int s = 0; s < kSeeds; ++s) {
    ValidationOptions options;
    options.seed = 1000 + static_cast<std::uint64_t>(s);
    if (!all_pass(run_validation(options))) ++failures;
  }
  std::cout << "validate, correct engine: " << failures << " of " << kSeeds
            << " seeds fail (bound 1%)\n";
  // P(Binomial(100, 0.01) >= 5) < 0.4%: more would mean the bound does not hold.
  CHECK(failures <= 4);
}

TEST_CASE("a 5% relative bias in any one check fails validate", "[.][validation-error-rates]") {
  constexpr int kSeeds = 20;
  // Every interval check, by name, from one unbiased run.
  ValidationOptions plain;
  std::vector<std::pair<std::string, std::string>> checks;
  for (const auto& r : run_validation(plain))
    if (r.analytic != 0) checks.emplace_back(r.case_name, r.metric);
  REQUIRE(checks.size() == validation_interval_checks());
  int worst = kSeeds;
  for (const auto& [case_name, metric] : checks) {
    int caught = 0;
    for (int s = 0; s < kSeeds; ++s) {
      ValidationOptions options;
      options.seed = 5000 + static_cast<std::uint64_t>(s);
      options.only_case = case_name;
      options.biased_case = case_name;
      options.biased_metric = metric;
      options.relative_bias = s % 2 == 0 ? 0.05 : -0.05;
      if (!all_pass(run_validation(options))) ++caught;
    }
    std::cout << "validate, 5% bias in " << case_name << " / " << metric << ": caught " << caught
              << " of " << kSeeds << "\n";
    worst = std::min(worst, caught);
    INFO(case_name << " / " << metric);
    CHECK(caught >= kSeeds * 8 / 10);
  }
  std::cout << "validate, weakest check catches a 5% bias in " << worst << " of " << kSeeds
            << " seeds\n";
}
