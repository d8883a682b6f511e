// `twotier validate` controls its family-wise error (issue 22, class 11): with 99% intervals on
// 16 checks a correct engine failed about one seed in six (the default seed did). Measured here
// over many seeds at the command's defaults: the size (a correct engine fails some check) and,
// for every interval check, the power against a 5% relative bias injected into that check's
// replication estimates. Minutes of CPU: ctest label "manual" (hidden from the default Catch2
// run); `build/bin/twotier_tests "[validation-error-rates]"` prints the figures the README
// quotes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "analysis/statistics/student_t.hpp"
#include "analysis/validation/validation.hpp"

using namespace twotier::analysis;

namespace {

constexpr double kBias = 0.05;

// Runs f(i) for i in [0, count) on at most two threads (the test machine has two cores) and
// returns the results in order.
template <typename F>
auto in_parallel(int count, F f) -> std::vector<decltype(f(0))> {
  std::vector<decltype(f(0))> out(static_cast<std::size_t>(count));
  const int threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 2);
  std::vector<std::future<void>> workers;
  for (int t = 0; t < threads; ++t) {
    workers.push_back(std::async(std::launch::async, [&, t] {
      for (int i = t; i < count; i += threads)
        out[static_cast<std::size_t>(i)] = f(i);
    }));
  }
  for (auto& w : workers)
    w.get();
  return out;
}

// Lower end of the one-sided 95% Wilson interval of a binomial proportion.
double wilson_lower(int successes, int trials) {
  const double z = 1.6449, n = trials, p = successes / n;
  const double centre = p + z * z / (2 * n);
  const double spread = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return (centre - spread) / (1 + z * z / n);
}

// Seeds of a measurement: `fallback`, or TWOTIER_VALIDATE_SEEDS when set (a quick look on a
// busy machine; the README's figures use the defaults).
int seed_count(int fallback) {
  const char* text = std::getenv("TWOTIER_VALIDATE_SEEDS");
  return text != nullptr && std::atoi(text) > 0 ? std::atoi(text) : fallback;
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// The power a row's own noise predicts (normal approximation): the screen misses with
// P(|Z + d/se| > t) and the rerun, on rerun_factor times as many replications, likewise at its
// level; d = |analytic x bias|, se from the row's interval. Averaged over seeds it estimates
// the power with far less noise than the count of caught seeds.
double predicted_power(const ValidationRow& row, double bias, const ValidationOptions& options) {
  const int n = static_cast<int>(row.replications);
  const double se = (row.ci_high - row.ci_low) / 2 / t_multiplier(row.level, n);
  const double factor = std::sqrt(static_cast<double>(options.rerun_factor));
  const double se_screen = row.rerun ? se * factor : se;
  const double se_rerun = row.rerun ? se : se / factor;
  const int n_screen = static_cast<int>(options.replications);
  const double d = std::abs(row.analytic * bias);
  auto miss = [d](double sigma, double t) {
    return normal_cdf(d / sigma - t) + normal_cdf(-d / sigma - t);
  };
  return miss(se_screen, t_multiplier(options.screen_level, n_screen)) *
         miss(se_rerun, t_multiplier(validation_rerun_level(options),
                                     n_screen * static_cast<int>(options.rerun_factor)));
}

std::vector<std::pair<std::string, std::string>> interval_checks() {
  ValidationOptions options;
  options.run_scale = 0.05;  // names only
  std::vector<std::pair<std::string, std::string>> checks;
  for (const auto& r : run_validation(options))
    if (r.analytic != 0) checks.emplace_back(r.case_name, r.metric);
  return checks;
}

// Check k's bias at seed s: +5% and -5% alternate over seeds and over checks, so each check
// sees both signs equally often and each run biases every check.
double bias_of(std::size_t k, int s) {
  return (static_cast<std::size_t>(s) + k) % 2 == 0 ? kBias : -kBias;
}

}  // namespace

TEST_CASE("a correct engine fails validate for at most about 1% of seeds",
          "[.][validation-error-rates]") {
  const int kSeeds = seed_count(200);
  const auto checks = interval_checks();
  const auto runs = in_parallel(kSeeds, [](int s) {
    ValidationOptions options;
    options.seed = 1000 + static_cast<std::uint64_t>(s);
    return run_validation(options);
  });
  int failures = 0;
  std::vector<int> misses(checks.size(), 0);
  for (const auto& rows : runs) {
    bool fail = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].pass) continue;
      fail = true;
      if (i < misses.size()) ++misses[i];
    }
    failures += fail ? 1 : 0;
  }
  std::cout << "validate, correct engine: " << failures << " of " << kSeeds
            << " seeds fail (bound 1%)\n";
  for (std::size_t k = 0; k < checks.size(); ++k)
    if (misses[k] > 0)
      std::cout << "  failed by " << checks[k].first << " / " << checks[k].second << ": "
                << misses[k] << "\n";
  // P(Binomial(200, 0.01) >= 7) < 0.5%: more would mean the bound does not hold.
  CHECK(failures <= 2 + kSeeds / 50);
}

TEST_CASE("a 5% relative bias in any one check fails validate with probability >= 90%",
          "[.][validation-error-rates]") {
  const int kSeeds = seed_count(100);
  const auto checks = interval_checks();
  REQUIRE(checks.size() == validation_interval_checks());
  const auto runs = in_parallel(kSeeds, [&checks](int s) {
    ValidationOptions options;
    options.seed = 5000 + static_cast<std::uint64_t>(s);
    if (const char* only = std::getenv("TWOTIER_VALIDATE_CASE")) options.only_case = only;
    options.relative_bias = [&checks, s](const std::string& case_name, const std::string& metric) {
      for (std::size_t k = 0; k < checks.size(); ++k)
        if (checks[k].first == case_name && checks[k].second == metric) return bias_of(k, s);
      return 0.0;
    };
    return run_validation(options);
  });
  std::cout << "validate, 5% relative bias injected, " << kSeeds
            << " seeds (half +5%, half -5%); power = share of seeds that fail the check\n";
  double weakest = 1.0;
  for (std::size_t k = 0; k < checks.size(); ++k) {
    // TWOTIER_VALIDATE_CASE: that case only (a quick look at one check after a change).
    if (runs.front().size() < checks.size() && checks[k].first != runs.front().front().case_name)
      continue;
    int caught = 0, caught_up = 0, caught_down = 0, seeds_up = 0;
    double predicted = 0.0;
    for (int s = 0; s < kSeeds; ++s) {
      const auto& rows = runs[static_cast<std::size_t>(s)];
      const auto found = std::find_if(rows.begin(), rows.end(), [&](const ValidationRow& r) {
        return r.case_name == checks[k].first && r.metric == checks[k].second;
      });
      REQUIRE(found != rows.end());
      const ValidationRow& row = *found;
      predicted += predicted_power(row, bias_of(k, s), ValidationOptions{}) / kSeeds;
      seeds_up += bias_of(k, s) > 0 ? 1 : 0;
      if (row.pass) continue;
      ++caught;
      ++(bias_of(k, s) > 0 ? caught_up : caught_down);
    }
    const double power = static_cast<double>(caught) / kSeeds;
    weakest = std::min(weakest, power);
    char line[256];
    std::snprintf(line, sizeof line,
                  "  %-30s %-28s power %5.1f%% (+5%%: %d/%d, -5%%: %d/%d; 95%% lower bound "
                  "%.1f%%; predicted from the noise %.1f%%)\n",
                  checks[k].first.c_str(), checks[k].second.c_str(), 100 * power, caught_up,
                  seeds_up, caught_down, kSeeds - seeds_up, 100 * wilson_lower(caught, kSeeds),
                  100 * predicted);
    std::cout << line;
    INFO(checks[k].first << " / " << checks[k].second);
    CHECK(predicted >= 0.9);
    // The count is noisy with few seeds; with the default 100 it must show 90% as well.
    if (kSeeds >= 100) CHECK(power >= 0.9);
  }
  std::cout << "validate, weakest check catches a 5% bias with probability " << 100 * weakest
            << "%\n";
}
