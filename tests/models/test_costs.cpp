// Officer costs from [costs] and the salaries table (models/costs.hpp): one officer's yearly
// cost, a change of staffing, an hour of work, and the cost per point of a gain with its
// interval.
#include <cmath>
#include <string>

#include <catch2/catch.hpp>

#include "models/costs.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;

namespace {

model::ModelSpec load(const char* folder) {
  return model::load_scenario(std::string(TWOTIER_SOURCE_DIR) + "/tests/data/" + folder +
                              "/scenario.toml");
}

}  // namespace

TEST_CASE("an officer's yearly cost is 12 x base salary x coefficient plus on-costs") {
  const auto spec = load("two-communes");
  REQUIRE(model::has_costs(spec));
  CHECK(spec.costs.base_salary == 2340000.0);
  CHECK(spec.positions[0].pay.coefficient == Approx(3.33));
  CHECK(spec.positions[0].pay.source == "assumed");
  const double one = 12 * 2340000.0 * 3.33 * 1.575;
  CHECK(model::yearly_cost_per_officer(spec, 0) == Approx(one));
  std::vector<int> before = {1, 1, 1, 1}, after = {1, 3, 1, 0};
  CHECK(model::staffing_change_cost(spec, before, after) == Approx(one));  // +2 - 1
  CHECK(model::staffing_change_cost(spec, before, before) == 0.0);
  // 8 h a day, about 250 working days: a working hour costs the year over ~2,000 hours.
  CHECK(model::hourly_cost(spec, 0) == Approx(one / 2000).epsilon(0.1));
}

TEST_CASE("without [costs] nothing has a cost") {
  const auto spec = load("commune-desk");
  CHECK_FALSE(model::has_costs(spec));
  CHECK(std::isnan(model::yearly_cost_per_officer(spec, 0)));
}

TEST_CASE("the cost per point follows the gain's interval, unbounded when it reaches 0") {
  const auto clear = model::cost_per_point(100.0, 10.0, 5.0, 20.0);
  CHECK(clear.value == Approx(10.0));
  CHECK(clear.low == Approx(5.0));
  CHECK(clear.high == Approx(20.0));
  const auto unsure = model::cost_per_point(100.0, 10.0, -1.0, 21.0);
  CHECK(std::isinf(unsure.high));
  CHECK(std::isnan(model::cost_per_point(100.0, -2.0, -4.0, 1.0).value));  // no gain
  CHECK(std::isnan(model::cost_per_point(-100.0, 2.0, 1.0, 3.0).value));   // a saving
}

TEST_CASE("an overtime hour costs the officer's hourly pay times the premium (Labour Code 150%)") {
  const std::string two =
      std::string(TWOTIER_SOURCE_DIR) + "/tests/data/two-communes/scenario.toml";
  const auto spec = model::load_scenario(
      two, {{"overtime.premium=1.5", "overtime.premium_source=\"Labour Code 2019 art. 98\""}});
  REQUIRE(spec.overtime.enabled());
  CHECK(spec.overtime.policies[0].premium_source == "Labour Code 2019 art. 98");
  CHECK(model::overtime_hourly_cost(spec, 0) == Approx(1.5 * model::hourly_cost(spec, 0)));
  // A fixed rate is used as given.
  const auto fixed = model::load_scenario(two, {{"overtime.rate=60000"}});
  CHECK(model::overtime_hourly_cost(fixed, 0) == 60000.0);
  // Without [overtime] an hour has no overtime price.
  CHECK(std::isnan(model::overtime_hourly_cost(load("two-communes"), 0)));

  auto error = [](const std::string& file, const std::vector<std::string>& overrides) {
    try {
      model::load_scenario(file, {overrides});
    } catch (const model::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(error(two, {"overtime.premium=1.5", "overtime.rate=1"}),
             Catch::Contains("overtime.premium: give overtime.rate or overtime.premium"));
  CHECK_THAT(error(two, {"overtime.premium=1.5"}),
             Catch::Contains("overtime.premium_source: missing"));
  CHECK_THAT(error(two, {"overtime.premium=0.5", "overtime.premium_source=\"x\""}),
             Catch::Contains("overtime.premium: bad value"));
  CHECK_THAT(error(two, {"overtime.premium_source=\"x\""}),
             Catch::Contains("overtime.premium_source: only with overtime.premium"));
  const std::string desk =
      std::string(TWOTIER_SOURCE_DIR) + "/tests/data/commune-desk/scenario.toml";
  CHECK_THAT(error(desk, {"overtime.premium=1.5", "overtime.premium_source=\"x\""}),
             Catch::Contains("overtime.premium: needs [costs]"));
}
