// The plausibility table (models/plausibility.hpp): impossible values are errors, unusual ones
// warnings, and docs/scenario-format.md states the same table.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "models/plausibility.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"
#include "models/units_parse.hpp"

using namespace twotier::model;

TEST_CASE("values outside the possible range are errors, outside the usual range warnings",
          "[plausibility]") {
  CHECK_THROWS_AS(require_possible(Quantity::kCoefficientOfVariation, 1e-200), ValueError);
  CHECK_THROWS_AS(require_possible(Quantity::kCoefficientOfVariation, 1e308), ValueError);
  CHECK_NOTHROW(require_possible(Quantity::kCoefficientOfVariation, 0.0));
  CHECK_NOTHROW(require_possible(Quantity::kCoefficientOfVariation, 0.7));
  CHECK_THROWS_AS(require_possible(Quantity::kSurgeFactor, 1e300), ValueError);
  CHECK_THROWS_AS(require_possible(Quantity::kOutageBetweenHours, 0.0001 / 60), ValueError);
  CHECK(!implausible(Quantity::kSurgeFactor, 3.0));
  CHECK(!implausible(Quantity::kSurgeFactor, 0.0));
  CHECK(*implausible(Quantity::kSurgeFactor, 50.0) ==
        "a surge factor of 50 is unusual (usually 0.05 to 10); is it a typo?");
  const UnitContext context{};
  CHECK_THROWS_AS(parse_delay("gamma(2h, 1e-200)", DelayUse::kEffort, context), ValueError);
  CHECK_THROWS_AS(parse_delay("lognormal(2h, 1e308)", DelayUse::kEffort, context), ValueError);
  CHECK_THROWS_AS(parse_delay("exp(1e-300h)", DelayUse::kEffort, context), ValueError);
  CHECK_NOTHROW(parse_delay("const(0h)", DelayUse::kDelay, context));
  CHECK(implausible_distribution(Quantity::kDurationHours,
                                 parse_delay("exp(0.1min)", DelayUse::kDelay, context).hours));
  CHECK(!implausible_distribution(Quantity::kDurationHours,
                                  parse_delay("gamma(2h, 0.7)", DelayUse::kDelay, context).hours));
}

TEST_CASE("docs/scenario-format.md states every row of the plausibility table", "[plausibility]") {
  std::ifstream in(std::filesystem::path(TWOTIER_SOURCE_DIR) / "docs" / "scenario-format.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string docs = text.str();
  auto shown = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return std::string(buffer);
  };
  for (const PlausibleRange& r : plausible_ranges()) {
    INFO(r.name);
    CHECK(docs.find(shown(r.largest) + r.unit) != std::string::npos);
    CHECK(docs.find(shown(r.usual_high) + r.unit) != std::string::npos);
    CHECK(docs.find(shown(r.usual_low) + r.unit) != std::string::npos);
  }
}

TEST_CASE("an unusual value loads and check and run print a warning naming where it is set",
          "[plausibility]") {
  const auto scenario = std::filesystem::path(TWOTIER_SOURCE_DIR) / "tests" / "data" /
                        "two-communes" / "scenario.toml";
  LoadOptions load;
  load.overrides = {"outages.province_between=exp(2h)", "outages.province_repair=const(1h)"};
  const ModelSpec spec = load_scenario(scenario, load);
  const auto warnings = scenario_warnings(spec);
  REQUIRE_FALSE(warnings.empty());
  CHECK(warnings.front() ==
        "[outages] province_between: mean: a mean time between outages of 2h is unusual "
        "(usually 24h to 8.766e+04h); is it a typo?");
  load.overrides = {"outages.province_between=exp(0.0001min)", "outages.province_repair=const(1h)"};
  CHECK_THROWS_WITH(load_scenario(scenario, load),
                    Catch::Contains("a duration of 1.667e-06h is impossible"));
}
