// analysis/experiments/overtime_costs: the overtime an alternative's officers work, priced at
// their hourly pay x the premium ([overtime] premium, models/costs.hpp), scaled to a year,
// and the cost per point of on-time rate gained against the base (issue 20 item 2).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "analysis/experiments/compare_run.hpp"
#include "analysis/experiments/overtime_costs.hpp"
#include "models/costs.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;

TEST_CASE("overtime in a comparison is priced per year with its cost per point gained",
          "[compare_run][overtime]") {
  const std::string file =
      std::string(TWOTIER_SOURCE_DIR) + "/tests/data/two-communes/scenario.toml";
  std::vector<model::ModelSpec> specs = {
      model::load_scenario(file, {{"scenario.horizon=\"60d\""}}),
      model::load_scenario(file, {{"scenario.horizon=\"60d\"", "overtime.premium=1.5",
                                   "overtime.premium_source=\"Labour Code 2019 art. 98\""}})};
  specs[1].name = "with overtime";
  analysis::CompareOptions options;
  options.replications = 3;
  options.threads = 2;
  const auto run = analysis::run_comparison(specs, options);
  const auto rows = analysis::overtime_costs(specs, run, 0.95);
  REQUIRE(rows.size() == 1);  // the base has no overtime: no row
  const analysis::OvertimeCost& r = rows.front();
  CHECK(r.scenario == "with overtime");
  REQUIRE(r.hours_a_year.mean > 0);  // phu_hoa is busy: its officers stay on
  CHECK(r.hours_a_year.ci_low >= 0);
  // Every hour at 150 % of an officer's hourly pay: the cost lies between the cheapest and the
  // dearest position's price x the hours.
  double low = INFINITY, high = 0;
  for (std::size_t p = 0; p < specs[1].positions.size(); ++p) {
    const double rate = model::overtime_hourly_cost(specs[1], static_cast<int>(p));
    if (std::isnan(rate)) continue;
    CHECK(rate == Approx(1.5 * model::hourly_cost(specs[1], static_cast<int>(p))));
    low = std::min(low, rate);
    high = std::max(high, rate);
  }
  CHECK(r.cost_a_year.mean >= low * r.hours_a_year.mean * (1 - 1e-9));
  CHECK(r.cost_a_year.mean <= high * r.hours_a_year.mean * (1 + 1e-9));
  // The gain is the comparison's province on-time difference, in points; the cost per point
  // exists exactly when cost and gain are positive.
  CHECK(std::isfinite(r.gain_points));
  if (r.gain_points > 0) {
    CHECK(r.per_point.value == Approx(r.cost_a_year.mean / r.gain_points));
  } else {
    CHECK(std::isnan(r.per_point.value));
  }
  CHECK_THAT(
      analysis::format_overtime_costs(rows, 0.95),
      Catch::StartsWith("Overtime in with overtime: ") && Catch::Contains("million VND a year"));
}
