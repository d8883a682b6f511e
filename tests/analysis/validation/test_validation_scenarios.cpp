// The shipped scenarios/validation/ files run through the full government model (loader,
// calendar, arrivals, officers, KPIs) and must reproduce the textbook queues they describe.
// Fixed seed, 99% Student-t intervals over replications: deterministic, never flaky.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/experiments/experiment.hpp"
#include "analysis/statistics/confidence.hpp"
#include "analysis/statistics/queueing_theory.hpp"
#include "models/scenario_loader.hpp"

namespace {

using twotier::model::Metric;

struct Observed {
  twotier::analysis::ConfidenceInterval sojourn_hours;
  twotier::analysis::ConfidenceInterval backlog;
  twotier::analysis::ConfidenceInterval utilization;
};

Observed run_validation_scenario(const std::string& file) {
  twotier::model::LoadOptions options;
  // Shorter than the shipped 730 days so the suite stays fast; the intervals widen to match.
  options.overrides = {"scenario.horizon=\"240d\"", "scenario.warmup=\"20d\""};
  const auto spec = twotier::model::load_scenario(
      std::string(TWOTIER_SOURCE_DIR) + "/scenarios/validation/" + file, options);
  twotier::analysis::ExperimentOptions run;
  run.replications = 12;
  run.threads = 2;
  run.progress = false;
  const auto result = twotier::analysis::run_experiment(spec, run);
  std::vector<double> sojourn, backlog, utilization;
  for (const auto& rep : result.replications) {
    const auto province = std::find(rep.scopes.begin(), rep.scopes.end(), "province");
    REQUIRE(province != rep.scopes.end());
    const auto& kpi = rep.kpis[static_cast<std::size_t>(province - rep.scopes.begin())];
    sojourn.push_back(kpi[static_cast<int>(Metric::kTimeInSystemDaysMean)] * 24.0);
    backlog.push_back(kpi[static_cast<int>(Metric::kBacklogMean)]);
    utilization.push_back(rep.position_utilization.at(0));
  }
  return {twotier::analysis::mean_confidence_interval(sojourn, 0.99),
          twotier::analysis::mean_confidence_interval(backlog, 0.99),
          twotier::analysis::mean_confidence_interval(utilization, 0.99)};
}

void check_against(const Observed& o, double sojourn_hours, double number_in_system, double rho) {
  INFO("W: analytic " << sojourn_hours << ", simulated " << o.sojourn_hours.mean << " ["
                      << o.sojourn_hours.low << ", " << o.sojourn_hours.high << "]");
  CHECK(o.sojourn_hours.low <= sojourn_hours);
  CHECK(sojourn_hours <= o.sojourn_hours.high);
  // An interval that passes only because it is wide proves nothing.
  CHECK(o.sojourn_hours.half_width < 0.08 * sojourn_hours);
  INFO("L: analytic " << number_in_system << ", simulated " << o.backlog.mean);
  CHECK(o.backlog.low <= number_in_system);
  CHECK(number_in_system <= o.backlog.high);
  INFO("rho: analytic " << rho << ", simulated " << o.utilization.mean);
  CHECK(o.utilization.low <= rho);
  CHECK(rho <= o.utilization.high);
}

}  // namespace

TEST_CASE("validation scenario M/M/1 matches the closed form", "[validation][model]") {
  namespace qt = twotier::analysis;
  const double lambda = 0.5, mu = 1.0;
  check_against(run_validation_scenario("mm1.toml"), qt::mm1_sojourn_mean(lambda, mu),
                qt::mm1_number_mean(lambda, mu), lambda / mu);
}

TEST_CASE("validation scenario M/M/3 matches Erlang C", "[validation][model]") {
  namespace qt = twotier::analysis;
  const double lambda = 2.4, mu = 1.0;
  check_against(run_validation_scenario("mmc.toml"), qt::mmc_sojourn_mean(3, lambda, mu),
                qt::mmc_number_mean(3, lambda, mu), lambda / (3 * mu));
}

TEST_CASE("validation scenario M/D/1 matches Pollaczek-Khinchine", "[validation][model]") {
  namespace qt = twotier::analysis;
  const double lambda = 0.5, service = 1.0;
  const double sojourn = qt::md1_wait_mean(lambda, service) + service;
  check_against(run_validation_scenario("md1.toml"), sojourn, lambda * sojourn, lambda * service);
}

TEST_CASE("validation scenario split: two officers each on their own skill are two M/M/1 queues",
          "[validation][model]") {
  namespace qt = twotier::analysis;
  const double lambda = 0.6, mu = 1.0;  // per queue
  // Every dossier waits in an M/M/1 queue; the province holds both queues.
  check_against(run_validation_scenario("split.toml"), qt::mm1_sojourn_mean(lambda, mu),
                2.0 * qt::mm1_number_mean(lambda, mu), lambda / mu);
}

TEST_CASE("validation scenario pooled: fully cross-trained officers at proficiency 1 are M/M/2",
          "[validation][model]") {
  namespace qt = twotier::analysis;
  const double lambda = 1.2, mu = 1.0;  // both streams
  check_against(run_validation_scenario("pooled.toml"), qt::mmc_sojourn_mean(2, lambda, mu),
                qt::mmc_number_mean(2, lambda, mu), lambda / (2 * mu));
}

TEST_CASE("validation scenario Erlang-A: impatient citizens at 3 counters leave as M/M/3+M says",
          "[validation][model][reception]") {
  namespace qt = twotier::analysis;
  const double p_abandon = qt::erlang_a_abandon_probability(3, 2.4, 1.0, 0.5);
  REQUIRE(p_abandon == Approx(0.119855).margin(5e-7));
  twotier::model::LoadOptions options;
  options.overrides = {"scenario.horizon=\"240d\"", "scenario.warmup=\"20d\""};
  const auto spec = twotier::model::load_scenario(
      std::string(TWOTIER_SOURCE_DIR) + "/scenarios/validation/erlang_a.toml", options);
  twotier::analysis::ExperimentOptions run;
  run.replications = 12;
  run.threads = 2;
  run.progress = false;
  const auto result = twotier::analysis::run_experiment(spec, run);
  std::vector<double> rate;
  for (const auto& rep : result.replications)
    rate.push_back(rep.kpis.front()[static_cast<int>(Metric::kDeskAbandonRate)]);
  const auto ci = twotier::analysis::mean_confidence_interval(rate, 0.99);
  INFO("P(abandon): analytic " << p_abandon << ", simulated " << ci.mean << " [" << ci.low << ", "
                               << ci.high << "]");
  CHECK(ci.low <= p_abandon);
  CHECK(p_abandon <= ci.high);
  CHECK(ci.half_width < 0.08 * p_abandon);
}
