// Calibration (analysis/calibration/calibration.hpp, analysis/calibration/arrival_fit.hpp,
// poisson_regression, distribution_fit): parameters recovered from a log of a known scenario within
// tolerances from their sampling error, a calibrated scenario the loader accepts, and the building
// blocks against hand computations.
#include <cmath>
#include <map>

#include <catch2/catch.hpp>

#include "analysis/calibration/calibration.hpp"
#include "analysis/calibration/distribution_fit.hpp"
#include "analysis/calibration/poisson_regression.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/calibration_fixtures.hpp"

using namespace twotier;

TEST_CASE("IRLS Poisson regression matches the closed form of a one-factor model") {
  // Two groups: the MLE of each group's mean is its sample mean.
  Eigen::MatrixXd X(6, 2);
  Eigen::VectorXd y(6);
  X << 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1;
  y << 2, 3, 4, 10, 12, 14;
  const analysis::PoissonFit fit = analysis::fit_poisson(X, y);
  REQUIRE(fit.converged);
  CHECK(std::exp(fit.coefficients[0]) == Approx(3.0));
  CHECK(std::exp(fit.coefficients[0] + fit.coefficients[1]) == Approx(12.0));
  // Standard error of log(mean) for a group of 3 counts with mean m: 1 / sqrt(3 m).
  CHECK(fit.standard_errors[0] == Approx(1.0 / std::sqrt(9.0)));
}

TEST_CASE("lognormal MLE, gamma CDF and the KS statistic agree with hand values") {
  const std::vector<double> sample{1.0, std::exp(1.0), std::exp(2.0)};
  const analysis::LognormalFit fit = analysis::fit_lognormal(sample);
  CHECK(fit.mu == Approx(1.0));
  CHECK(fit.sigma == Approx(std::sqrt(2.0 / 3.0)));
  CHECK(analysis::gamma_cdf(2.0, 1.0, 2.0) == Approx(1.0 - std::exp(-1.0)));  // exponential
  // One value at the median: D = 1/2.
  CHECK(analysis::ks_statistic({1.0}, [](double) { return 0.5; }) == Approx(0.5));
  CHECK(analysis::ks_p_value(0.0, 100) == 1.0);
  CHECK(analysis::ks_p_value(0.3, 100) < 1e-6);
}

TEST_CASE("calibration recovers the arrival rates and effort means of a known scenario") {
  const auto folder = test::test_folder("calibration_recovery");
  const analysis::DossierLog log = test::truth_log(11, folder);
  const model::ModelSpec truth = model::load_scenario(test::truth_scenario());
  const auto [start, end] = analysis::log_window(log);
  REQUIRE(analysis::date_of(start) == truth.epoch_date);
  model::LoadOptions load;
  load.overrides = {"scenario.horizon=" + std::to_string(std::lround((end - start) / 86400)) + "d"};
  const model::ModelSpec staffing = model::load_scenario(test::truth_scenario(), load);
  const analysis::Calibration c = analysis::calibrate(log, staffing);

  SECTION("arrival rates within 4 standard errors (the fit's sqrt(N) / exposure)") {
    REQUIRE(c.spec.arrivals.size() == 4);
    for (std::size_t s = 0; s < c.spec.arrivals.size(); ++s) {
      const auto& a = c.spec.arrivals[s];
      double expected = 0.0;
      for (const auto& t : truth.arrivals)
        if (t.unit == a.unit && t.procedure == a.procedure) expected = t.per_day;
      INFO(c.spec.units[a.unit].id << "/" << c.spec.procedures[a.procedure].id);
      CHECK(std::abs(a.per_day - expected) < 4 * c.arrivals.per_day_se[s]);
    }
    // The closed hours and weekend have factor 0; Monday's factor is 1.2 times Tuesday's.
    CHECK(c.arrivals.hour[3] == 0.0);
    CHECK(c.arrivals.weekday[6] == 0.0);
    CHECK(c.arrivals.weekday[0] / c.arrivals.weekday[1] == Approx(1.2).epsilon(0.15));
  }
  SECTION("effort means within 4 standard errors of the sample mean") {
    std::map<std::pair<int, int>, std::vector<double>> efforts;
    for (std::size_t p = 0; p < truth.procedures.size(); ++p)
      for (std::size_t k = 0; k < truth.procedures[p].steps.size(); ++k) {
        const double expected = truth.procedures[p].steps[k].effort.hours.mean();
        const double fitted = c.spec.procedures[p].steps[k].effort.hours.mean();
        // The sample size and CV behind this step, from the report.
        long long n = 0;
        for (const auto& row : c.report)
          if (row.parameter == "effort" &&
              row.scope == truth.procedures[p].id + "/" + std::to_string(k + 1))
            n = row.n;
        REQUIRE(n > 100);
        const double cv = std::sqrt(truth.procedures[p].steps[k].effort.hours.scv());
        INFO(truth.procedures[p].id << " step " << k + 1 << ": n = " << n);
        CHECK(std::abs(fitted - expected) <= 4 * expected * cv / std::sqrt(n) + 1e-3);
      }
  }
  SECTION("probabilities and the channel mix within 4 binomial standard errors") {
    auto probability_check = [&](double estimate, double truth_value, const std::string& scope,
                                 const std::string& parameter) {
      long long n = 0;
      for (const auto& row : c.report)
        if (row.parameter == parameter && row.scope == scope) n = row.n;
      INFO(parameter << " " << scope << ": n = " << n);
      REQUIRE(n >= 20);
      CHECK(std::abs(estimate - truth_value) <=
            4 * std::sqrt(truth_value * (1 - truth_value) / n) + 1e-9);
    };
    for (std::size_t p = 0; p < truth.procedures.size(); ++p) {
      const auto& proc = truth.procedures[p];
      probability_check(c.spec.procedures[p].steps[0].incomplete_probability,
                        proc.steps[0].incomplete_probability, proc.id + "/1",
                        "incomplete_probability");
      probability_check(c.spec.procedures[p].withdraw_probability, proc.withdraw_probability,
                        proc.id, "withdraw_probability");
      CHECK(std::abs(c.spec.procedures[p].channel_mix[1] - proc.channel_mix[1]) < 0.05);
    }
  }
  SECTION("the written scenario loads, and the fallbacks are marked") {
    analysis::write_calibration(c, folder / "calibrated");
    const model::ModelSpec loaded = model::load_scenario(folder / "calibrated/scenario.toml");
    CHECK(loaded.arrivals.size() == 4);
    CHECK(loaded.procedures[1].steps[1].effort.hours.mean() ==
          Approx(c.spec.procedures[1].steps[1].effort.hours.mean()).epsilon(1e-9));
    std::ifstream report(folder / "calibrated/fit_report.csv");
    std::string text((std::istreambuf_iterator<char>(report)), {});
    CHECK_THAT(text, Catch::Contains("profile_trend,yearly,0,") && Catch::Contains(",yes,"));
  }
}

TEST_CASE("calibration without a staffing scenario synthesises units, steps and staff") {
  const auto folder = test::test_folder("calibration_no_staffing");
  const analysis::DossierLog log = test::truth_log(12, folder);
  const analysis::Calibration c = analysis::calibrate(log, std::nullopt);
  analysis::write_calibration(c, folder / "calibrated");
  const model::ModelSpec loaded = model::load_scenario(folder / "calibrated/scenario.toml");
  CHECK(loaded.units.size() == 2);
  CHECK(loaded.procedures.size() == 2);
  CHECK(loaded.procedures[0].deadline_workdays == 1);  // implied by due_at
  CHECK(loaded.procedures[1].deadline_workdays == 5);
  for (const auto& position : loaded.positions)
    CHECK(position.officers >= 1);
}
