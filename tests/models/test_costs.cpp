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
