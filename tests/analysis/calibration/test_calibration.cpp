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

TEST_CASE("the streamed fit from the log files gives the parameters of the fit in memory",
          "[calibration][streaming]") {
  const auto folder = test::test_folder("calibration_streamed");
  const analysis::DossierLog log = test::truth_log(13, folder);
  const analysis::StreamedLog streamed(folder / analysis::kDossierLogName,
                                       folder / analysis::kStepLogName);
  REQUIRE(streamed.dossiers().size() == log.dossiers.size());
  const auto [start, end] = analysis::log_window(log);
  model::LoadOptions load;
  load.overrides = {"scenario.horizon=" + std::to_string(std::lround((end - start) / 86400)) + "d"};
  const model::ModelSpec staffing = model::load_scenario(test::truth_scenario(), load);
  auto same_report = [](const analysis::Calibration& a, const analysis::Calibration& b) {
    REQUIRE(a.report.size() == b.report.size());
    for (std::size_t r = 0; r < a.report.size(); ++r) {
      const auto &x = a.report[r], &y = b.report[r];
      INFO(x.parameter << " " << x.scope);
      CHECK(x.parameter == y.parameter);
      CHECK(x.scope == y.scope);
      CHECK(x.estimate == y.estimate);
      CHECK(x.n == y.n);
      CHECK(x.fallback == y.fallback);
      CHECK(x.note == y.note);
      CHECK((x.gof_value == y.gof_value || (std::isnan(x.gof_value) && std::isnan(y.gof_value))));
    }
  };

  SECTION("exactly the same scenario and report when every duration is kept exactly") {
    // The truth's log is small: every step has fewer values than the exact limit.
    same_report(analysis::calibrate(streamed.dossiers(), streamed.steps(), staffing),
                analysis::calibrate(log, staffing));
    same_report(analysis::calibrate(streamed.dossiers(), streamed.steps(), std::nullopt),
                analysis::calibrate(log, std::nullopt));
    CHECK(streamed.step_rows() == log.steps.size());
  }
  SECTION("with every duration binned: the same parameters within the bins' tolerances") {
    analysis::CalibrationOptions binned;
    binned.exact_samples = 0;
    const analysis::Calibration a = analysis::calibrate(log, staffing);
    const analysis::Calibration b =
        analysis::calibrate(streamed.dossiers(), streamed.steps(), staffing, binned);
    REQUIRE(a.report.size() == b.report.size());
    int durations = 0;
    for (std::size_t r = 0; r < a.report.size(); ++r) {
      const auto &x = a.report[r], &y = b.report[r];
      INFO(x.parameter << " " << x.scope << ": " << x.estimate << " vs " << y.estimate);
      REQUIRE(x.scope == y.scope);
      CHECK(x.n == y.n);
      CHECK(x.fallback == y.fallback);
      const bool duration =
          x.parameter == "effort" || x.parameter == "delay" || x.parameter == "citizen_response";
      if (!duration) {
        CHECK(x.estimate == y.estimate);  // counts: sufficient statistics, exact
        continue;
      }
      if (x.fallback || std::isnan(x.gof_value)) continue;
      ++durations;
      // KS D within the bins' bound (lognormal sigma >= 0.3 here: 0.0018), and so the same
      // family unless the two candidates were that close.
      CHECK(std::abs(x.gof_value - y.gof_value) <= 0.002);
      CHECK(x.estimate.substr(0, x.estimate.find('(')) ==
            y.estimate.substr(0, y.estimate.find('(')));
    }
    CHECK(durations >= 4);
    // The fitted distributions' means: exact (moments and lognormal MLE keep every value).
    for (std::size_t p = 0; p < a.spec.procedures.size(); ++p) {
      for (std::size_t k = 0; k < a.spec.procedures[p].steps.size(); ++k)
        CHECK(b.spec.procedures[p].steps[k].effort.hours.mean() ==
              Approx(a.spec.procedures[p].steps[k].effort.hours.mean()).epsilon(1e-9));
      CHECK(b.spec.procedures[p].citizen_response.hours.mean() ==
            Approx(a.spec.procedures[p].citizen_response.hours.mean()).epsilon(1e-9));
    }
  }
}
