// Back-testing (analysis/calibration/backtest.hpp): the backlog taken from a log, observed monthly
// counts by hand, and a scenario calibrated on one log of a known truth covering a fresh log of the
// same truth at about the nominal rate.
#include <fstream>

#include <catch2/catch.hpp>

#include "analysis/calibration/backtest.hpp"
#include "analysis/calibration/calibration.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/calibration_fixtures.hpp"

using namespace twotier;

TEST_CASE("observed monthly counts follow the report's definitions") {
  analysis::DossierLog log;
  auto t = [](int month, int day, double hour) {
    return analysis::log_time({2026, month, day}, hour * 3600);
  };
  using O = model::DossierOutcome;
  auto dossier = [](analysis::LogTime received, analysis::LogTime due,
                    std::optional<analysis::LogTime> completed, O outcome) {
    analysis::LoggedDossier d;
    d.unit = "u";
    d.procedure = "p";
    d.received = received;
    d.due = due;
    d.completed = completed;
    d.outcome = outcome;
    return d;
  };
  log.dossiers = {dossier(t(1, 20, 8), t(1, 25, 17), t(2, 3, 9), O::kLate),
                  dossier(t(2, 2, 8), t(2, 4, 17), t(2, 4, 9), O::kOnTime),
                  dossier(t(2, 10, 8), t(2, 12, 17), std::nullopt, O::kPending)};
  const auto months = analysis::observed_months(log, t(2, 1, 0), t(4, 1, 0));
  REQUIRE(months.size() == 2);
  CHECK(months[0].month == 2);
  CHECK(months[0].counts == std::array<double, 4>{2, 1, 1, 1});  // new, on time, late, overdue
  CHECK(months[1].counts == std::array<double, 4>{0, 0, 0, 1});
}

TEST_CASE(
    "a calibrated scenario back-tested on a fresh log of the same truth covers about the "
    "nominal share") {
  const auto folder = test::test_folder("backtest_coverage");
  const analysis::DossierLog training = test::truth_log(21, folder / "training");
  const model::ModelSpec staffing = model::load_scenario(test::truth_scenario());
  analysis::write_calibration(analysis::calibrate(training, staffing), folder / "calibrated");
  const analysis::DossierLog fresh = test::truth_log(22, folder / "fresh");

  const analysis::BacktestRun run =
      analysis::run_backtest(folder / "calibrated/scenario.toml", fresh, {2026, 3, 2}, {2026, 5, 1},
                             39, 2, 0.95, folder / "backtest");
  CHECK(run.open_at_start > 0);
  const analysis::Backtest& bt = run.result;
  CHECK(bt.nominal_coverage == Approx(0.95));
  // 2 units x 2 months x 4 counts. With 16 exchangeable values at 95%, P(12 or fewer inside) is
  // below 0.7%; calibration error widens the miss rate somewhat, so the bound is generous.
  REQUIRE(bt.rows.size() == 16);
  CHECK(bt.inside_share >= 0.75);
  std::ifstream csv(folder / "backtest/backtest.csv");
  std::string header;
  std::getline(csv, header);
  CHECK(header == "unit,year,month,measure,observed,predicted_mean,low,high,inside");
}
