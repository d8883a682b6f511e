// Tests of analysis::select_best_kim_nelson: the probability of correct selection on normal
// systems in the least-favourable (slippage) configuration, early stopping when one system is
// far better, the effect of common random numbers, minimisation, budgets and bad options.
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>

#include "analysis/statistics/ranking_selection.hpp"
#include "sim/random.hpp"

using twotier::analysis::Goal;
using twotier::analysis::KimNelsonOptions;
using twotier::analysis::select_best_kim_nelson;

namespace {

// Normal systems: observation r of system i is means[i] + common_sd * Z_r + sd * E_ir, where Z_r
// is shared by every system at replication r (a common random number) and E_ir is its own.
// Checks that each system is asked for replications 0, 1, 2, ... in order.
class NormalSystems {
 public:
  NormalSystems(std::vector<double> means, double sd, double common_sd, std::uint64_t seed,
                std::uint64_t macro)
      : means_(std::move(means)), sd_(sd), common_sd_(common_sd), common_(seed, macro, "common") {
    for (std::size_t i = 0; i < means_.size(); ++i) {
      own_.emplace_back(seed, macro, "system/" + std::to_string(i));
      next_replication_.push_back(0);
    }
  }

  double operator()(int system, int replication) {
    const auto i = static_cast<std::size_t>(system);
    REQUIRE(replication == next_replication_[i]);
    ++next_replication_[i];
    while (static_cast<int>(common_draws_.size()) <= replication)
      common_draws_.push_back(normal_(common_.engine()));
    return means_[i] + common_sd_ * common_draws_[static_cast<std::size_t>(replication)] +
           sd_ * normal_(own_[i].engine());
  }

 private:
  std::vector<double> means_;
  double sd_;
  double common_sd_;
  sim::RandomStream common_;
  std::vector<sim::RandomStream> own_;
  std::vector<double> common_draws_;
  std::vector<int> next_replication_;
  boost::random::normal_distribution<double> normal_{0.0, 1.0};
};

twotier::analysis::SelectionResult run(const KimNelsonOptions& options, NormalSystems systems) {
  return select_best_kim_nelson(options, [&systems](int i, int r) { return systems(i, r); });
}

}  // namespace

TEST_CASE("KN's constant follows the published formula", "[ranking_selection]") {
  // k = 5, alpha = 0.05, n0 = 10: eta = ((0.1 / 4)^(-2/9) - 1) / 2, h^2 = 18 eta.
  const double eta = 0.5 * (std::pow(0.025, -2.0 / 9.0) - 1.0);
  CHECK(twotier::analysis::kim_nelson_h_squared(5, 0.05, 10) == Approx(18.0 * eta));
}

TEST_CASE("KN selects the best system with at least the guaranteed probability",
          "[ranking_selection]") {
  // Slippage configuration: the best exceeds the other four by exactly delta, the hardest case
  // the guarantee covers. PCS >= 0.95; over 200 macro-replications the count of correct
  // selections is then >= 190 - 3.09 sqrt(200 * 0.95 * 0.05) = 180.5 except with prob. 0.001.
  KimNelsonOptions options;
  options.systems = 5;
  options.indifference_zone = 0.5;
  options.alpha = 0.05;
  options.first_stage = 10;
  const std::vector<double> means{0.0, 0.0, 0.5, 0.0, 0.0};
  int correct = 0;
  long observations = 0;
  for (std::uint64_t macro = 0; macro < 200; ++macro) {
    const auto result = run(options, NormalSystems(means, 1.0, 0.0, 4242, macro));
    correct += result.best == 2;
    for (int n : result.replications)
      observations += n;
    CHECK_FALSE(result.budget_exhausted);
    CHECK(result.eliminations.size() + 1 == means.size());
  }
  INFO("observations per macro-replication " << observations / 200.0);
  CHECK(correct >= 181);
}

TEST_CASE("KN stops after the first stage when one system is far better", "[ranking_selection]") {
  KimNelsonOptions options;
  options.systems = 4;
  options.indifference_zone = 0.5;
  options.first_stage = 10;
  SECTION("maximising") {
    const auto result = run(options, NormalSystems({0.0, 0.0, 10.0, 0.0}, 1.0, 0.0, 7, 0));
    CHECK(result.best == 2);
    CHECK(result.replications == std::vector<int>{10, 10, 10, 10});
    REQUIRE(result.eliminations.size() == 3);
    for (const auto& e : result.eliminations) {
      CHECK(e.replications == 10);
      CHECK(e.eliminated_by == 2);
    }
    CHECK(result.sample_means[2] == Approx(10.0).margin(3.29 / std::sqrt(10.0)));
  }
  SECTION("minimising") {
    options.goal = Goal::kMinimize;
    const auto result = run(options, NormalSystems({0.0, -10.0, 0.0, 0.0}, 1.0, 0.0, 7, 1));
    CHECK(result.best == 1);
    CHECK(result.replications == std::vector<int>{10, 10, 10, 10});
    CHECK(result.sample_means[1] == Approx(-10.0).margin(3.29 / std::sqrt(10.0)));
  }
}

TEST_CASE("common random numbers let KN stop sooner", "[ranking_selection]") {
  // Each observation carries a replication effect with sd 3 besides its own noise of sd 1. With
  // CRN the effect cancels in differences (var 2); without, it doubles their variance to 20,
  // and KN's sample sizes grow with that variance.
  KimNelsonOptions options;
  options.systems = 3;
  options.indifference_zone = 0.5;
  options.first_stage = 10;
  const std::vector<double> means{0.0, 1.0, 0.0};
  long with_crn = 0, without_crn = 0;
  int correct_with_crn = 0;
  for (std::uint64_t macro = 0; macro < 20; ++macro) {
    const auto crn = run(options, NormalSystems(means, 1.0, 3.0, 99, macro));
    // Without CRN: the replication effect becomes part of each system's own noise.
    const auto independent =
        run(options, NormalSystems(means, std::sqrt(1.0 + 9.0), 0.0, 99, macro));
    correct_with_crn += crn.best == 1;
    for (int i = 0; i < 3; ++i) {
      with_crn += crn.replications[static_cast<std::size_t>(i)];
      without_crn += independent.replications[static_cast<std::size_t>(i)];
    }
  }
  INFO("observations with CRN " << with_crn << ", without " << without_crn);
  CHECK(correct_with_crn >= 18);  // gap 2 delta: PCS is near 1
  CHECK(with_crn * 3 < without_crn);
}

TEST_CASE("KN honours a replication budget and trivial inputs", "[ranking_selection]") {
  KimNelsonOptions options;
  options.systems = 3;
  options.indifference_zone = 0.1;
  options.first_stage = 5;
  SECTION("equal systems exhaust a small budget") {
    options.max_replications = 12;
    const auto result = run(options, NormalSystems({1.0, 1.0, 1.0}, 1.0, 0.0, 3, 0));
    CHECK(result.budget_exhausted);
    for (int n : result.replications)
      CHECK(n <= 12);
  }
  SECTION("a single system is selected without sampling") {
    options.systems = 1;
    const auto result = select_best_kim_nelson(options, [](int, int) -> double {
      FAIL("sampled");
      return 0.0;
    });
    CHECK(result.best == 0);
    CHECK(result.replications == std::vector<int>{0});
  }
  SECTION("identical observations end at once with the lowest index") {
    const auto result = select_best_kim_nelson(options, [](int, int) { return 4.0; });
    CHECK(result.best == 0);
    CHECK(result.replications == std::vector<int>{5, 5, 5});
  }
  SECTION("bad options and non-finite observations throw") {
    const auto constant = [](int, int) { return 1.0; };
    auto bad = options;
    bad.indifference_zone = 0.0;
    CHECK_THROWS_AS(select_best_kim_nelson(bad, constant), std::invalid_argument);
    bad = options;
    bad.alpha = 0.5;
    CHECK_THROWS_AS(select_best_kim_nelson(bad, constant), std::invalid_argument);
    bad = options;
    bad.first_stage = 1;
    CHECK_THROWS_AS(select_best_kim_nelson(bad, constant), std::invalid_argument);
    bad = options;
    bad.max_replications = 3;
    CHECK_THROWS_AS(select_best_kim_nelson(bad, constant), std::invalid_argument);
    CHECK_THROWS_AS(select_best_kim_nelson(options, [](int, int) { return std::nan(""); }),
                    std::domain_error);
  }
}
