// `twotier validate` controls its family-wise error (issue 22, class 11): with 99% intervals on
// 16 checks a correct engine failed about one seed in six (the default seed did). Measured here
// over many seeds at the command's defaults: the size (a correct engine fails some check) and,
// for every interval check, the power against a 5% relative bias injected into that check's
// replication estimates. Minutes of CPU: ctest label "manual" (hidden from the default Catch2
// run); `build/bin/twotier_tests "[validation-error-rates]"` prints the figures the README
// quotes. The last test, "[validation-power]" (ctest validation_power_full_model, label slow,
// about 20 s of CPU), holds the full-model checks to their power on 10 fixed seeds each.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>

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

// The standard error of a row's mean (from its interval).
double standard_error(const ValidationRow& row) {
  return (row.ci_high - row.ci_low) / 2 /
         t_multiplier(row.level, static_cast<int>(row.replications));
}

// The power of both stages against an error d of the mean (normal approximation) when one
// replication's estimate has standard deviation sigma: the screen misses with
// P(|Z + d/se| > t) on `replications`, and the rerun, on rerun_factor times as many, likewise
// at its level.
double two_stage_power(double d, double sigma, const ValidationOptions& options) {
  const int n_screen = static_cast<int>(options.replications);
  const int n_rerun = n_screen * static_cast<int>(options.rerun_factor);
  auto miss = [d](double se, double t) {
    return normal_cdf(std::abs(d) / se - t) + normal_cdf(-std::abs(d) / se - t);
  };
  return miss(sigma / std::sqrt(n_screen), t_multiplier(options.screen_level, n_screen)) *
         miss(sigma / std::sqrt(n_rerun), t_multiplier(validation_rerun_level(options), n_rerun));
}

// The power a row's own noise predicts: two_stage_power with d = analytic x bias and sigma from
// the row's interval. Averaged over seeds it estimates the power with far less noise than the
// count of caught seeds.
double predicted_power(const ValidationRow& row, double bias, const ValidationOptions& options) {
  const double sigma = standard_error(row) * std::sqrt(static_cast<double>(row.replications));
  return two_stage_power(row.analytic * bias, sigma, options);
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

namespace {

// One check's power against a 5% bias over seeds 7000, 7001, ...: the count of seeds that
// failed it, and the replication noise pooled over the seeds with a one-sided bound.
struct PowerMeasurement {
  int seeds = 0;
  int caught = 0;
  double analytic = 0.0;
  double sigma = 0.0;      // standard deviation of one replication's estimate, bias removed
  double dof = 0.0;        // of the pooled variance
  double predicted = 0.0;  // mean over seeds of predicted_power
};

PowerMeasurement measure_power(const std::string& case_name, int seeds, double run_scale) {
  const auto runs = in_parallel(seeds, [&](int s) {
    ValidationOptions options;
    options.seed = 7000 + static_cast<std::uint64_t>(s);
    options.run_scale = run_scale;
    options.only_case = case_name;
    options.relative_bias = [s](const std::string&, const std::string&) { return bias_of(0, s); };
    return run_validation(options);
  });
  PowerMeasurement m;
  m.seeds = seeds;
  double sum_squares = 0.0;
  for (int s = 0; s < seeds; ++s) {
    const auto& rows = runs[static_cast<std::size_t>(s)];
    REQUIRE(rows.size() == 1);  // the full-model cases have one metric each
    const ValidationRow& row = rows.front();
    const double n = static_cast<double>(row.replications);
    const double sigma = standard_error(row) * std::sqrt(n) / (1 + bias_of(0, s));
    sum_squares += (n - 1) * sigma * sigma;
    m.dof += n - 1;
    m.analytic = row.analytic;
    m.predicted += predicted_power(row, bias_of(0, s), ValidationOptions{}) / seeds;
    m.caught += row.pass ? 0 : 1;
  }
  m.sigma = std::sqrt(sum_squares / m.dof);
  return m;
}

// The power against +-5% (half the seeds each) if one replication's unbiased estimate had
// standard deviation sigma (a biased run's estimates, and so their noise, are scaled by 1 + b).
double power_at(double analytic, double sigma) {
  const ValidationOptions defaults;
  return (two_stage_power(analytic * kBias, sigma * (1 + kBias), defaults) +
          two_stage_power(analytic * kBias, sigma * (1 - kBias), defaults)) /
         2;
}

// sigma's one-sided bound: P(true sigma below the lower bound) = alpha (chi-square on dof).
double sigma_bound(const PowerMeasurement& m, double alpha, bool upper) {
  const boost::math::chi_squared chi(m.dof);
  const double q = boost::math::quantile(chi, upper ? alpha : 1 - alpha);
  return m.sigma * std::sqrt(m.dof / q);
}

// The smallest count k of caught seeds with P(Binomial(seeds, p) < k) <= alpha.
int fewest_caught(int seeds, double p, double alpha) {
  double below = 0.0;  // P(X < k)
  for (int k = 0; k <= seeds; ++k) {
    const double pmf =
        std::exp(std::lgamma(seeds + 1.0) - std::lgamma(k + 1.0) - std::lgamma(seeds - k + 1.0) +
                 k * std::log(p) + (seeds - k) * std::log1p(-p));
    if (below + pmf > alpha) return k;
    below += pmf;
  }
  return seeds;
}

constexpr const char* kFullModelCases[] = {"Erlang-A M/M/3+M desk (full model)",
                                           "2 x M/M/1 split officers (full model)",
                                           "M/M/2 pooled cross-trained officers (full model)"};

}  // namespace

// The full-model checks (issue 18: Erlang-A desk, split and pooled officers) at the command's
// run lengths, 10 seeds each, +5% and -5% alternating. Two criteria per case, each at level
// alpha = 1% / (2 criteria x 3 cases), so a validate whose three checks each catch a 5% bias
// with probability >= 90% fails this test with probability <= 1% (Bonferroni):
// - the count: caught in at least k of 10 seeds, k the smallest with P(Bin(10, 0.9) < k) <=
//   alpha (k = 6);
// - the noise: the power predicted from the replication noise pooled over the seeds (about
//   190-590 degrees of freedom), taken at sigma's lower (1 - alpha) bound, >= 90%.
// Both fail for a check that lost its power: the negative control runs the same cases 50x
// shorter (power ~4%) and requires the noise criterion to fail there.
// About 20 s of CPU: ctest `validation_power_full_model`, label slow.
TEST_CASE("a 5% bias in the Erlang-A, split or pooled check is caught with power >= 90%",
          "[.][validation-power]") {
  constexpr int kSeeds = 10;
  constexpr double kRequired = 0.9;
  const double alpha = 0.01 / (2 * std::size(kFullModelCases));
  const int needed = fewest_caught(kSeeds, kRequired, alpha);
  CHECK(needed == 6);
  for (const char* name : kFullModelCases) {
    const PowerMeasurement m = measure_power(name, kSeeds, 1.0);
    const double optimistic = power_at(m.analytic, sigma_bound(m, alpha, false));
    const double conservative = power_at(m.analytic, sigma_bound(m, alpha, true));
    char line[320];
    std::snprintf(line, sizeof line,
                  "  %-50s caught %d/%d (need %d); 5%% bias = %.2f sigma/sqrt(20); power %.6f "
                  "predicted (mean over seeds %.6f), %.6f to %.6f at sigma's %.2f%% bounds\n",
                  name, m.caught, m.seeds, needed, m.analytic * kBias / (m.sigma / std::sqrt(20.0)),
                  power_at(m.analytic, m.sigma), m.predicted, conservative, optimistic,
                  100 * (1 - alpha));
    std::cout << line;
    INFO(name);
    CHECK(m.caught >= needed);
    CHECK(optimistic >= kRequired);
  }
  {  // The negative control: the noise criterion fails a check that lost its power.
    const PowerMeasurement m = measure_power(kFullModelCases[1], 4, 0.02);
    const double optimistic = power_at(m.analytic, sigma_bound(m, alpha, false));
    std::cout << "  negative control, " << kFullModelCases[1] << " at 1/50 of its run: power "
              << optimistic << " at sigma's lower bound\n";
    CHECK(optimistic < kRequired);
  }
}
