// Staffing targets: parsing with clear errors, and judging on the confidence bound.
#include <catch2/catch.hpp>

#include "analysis/decisions/staffing_target.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;
using analysis::parse_target;
using analysis::TargetError;

TEST_CASE("a target is a metric, >= or <=, and a number or percentage") {
  const auto a = parse_target("on_time_rate>=0.98");
  CHECK(a.metric == model::Metric::kOnTimeRate);
  CHECK(a.sense == analysis::TargetSense::kAtLeast);
  CHECK(a.value == Approx(0.98));
  const auto b = parse_target(" backlog_end <= 120 ");
  CHECK(b.metric == model::Metric::kBacklogEnd);
  CHECK(b.sense == analysis::TargetSense::kAtMost);
  CHECK(b.value == 120);
  CHECK(parse_target("on_time_rate>=98%").value == Approx(0.98));
}

TEST_CASE("bad targets are rejected with a message naming the problem and what is allowed") {
  auto message = [](const char* text) {
    try {
      parse_target(text);
    } catch (const TargetError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  SECTION("unknown metric lists the allowed ones") {
    const auto m = message("on_time>=0.9");
    CHECK_THAT(m, Catch::Contains("unknown metric 'on_time'"));
    CHECK_THAT(m, Catch::Contains("on_time_rate"));
  }
  SECTION("strict comparisons are not allowed") {
    CHECK_THAT(message("on_time_rate>0.9"), Catch::Contains("comparison '>' is not allowed"));
    CHECK_THAT(message("on_time_rate=>0.9"), Catch::Contains("'=>'"));
  }
  SECTION("no comparison at all") {
    CHECK_THAT(message("on_time_rate 0.9"), Catch::Contains("no comparison"));
  }
  SECTION("value must be a number") {
    CHECK_THAT(message("backlog_end<=lots"), Catch::Contains("'lots' is not a number"));
    CHECK_THAT(message("backlog_end<="), Catch::Contains("is not a number"));
  }
  SECTION("an on-time rate is a fraction") {
    CHECK_THAT(message("on_time_rate>=98"), Catch::Contains("outside [0, 1]"));
  }
  SECTION("no metric") {
    CHECK_THAT(message(">=3"), Catch::Contains("no metric"));
  }
}

TEST_CASE("scopes name the province, one unit or every commune") {
  const auto spec = model::load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                         "/scenarios/examples/single-commune/scenario.toml");
  CHECK(analysis::parse_target_scope("province", spec).kind ==
        analysis::TargetScope::Kind::kProvince);
  CHECK(analysis::parse_target_scope("units", spec).kind ==
        analysis::TargetScope::Kind::kEveryCommune);
  const auto unit = analysis::parse_target_scope("unit:phu_hoa", spec);
  CHECK(unit.kind == analysis::TargetScope::Kind::kUnit);
  CHECK(spec.units[static_cast<std::size_t>(unit.unit)].id == "phu_hoa");
  CHECK_THROWS_WITH(analysis::parse_target_scope("unit:nowhere", spec),
                    Catch::Contains("no unit 'nowhere'"));
  CHECK_THROWS_WITH(analysis::parse_target_scope("district", spec),
                    Catch::Contains("allowed: province, unit:<id>, units"));
}

TEST_CASE("a target is met only when the pessimistic confidence bound meets it") {
  const auto at_least = parse_target("on_time_rate>=0.9");
  CHECK(analysis::target_met(at_least, {0.95, 0.91, 0.99, 5}));
  CHECK_FALSE(analysis::target_met(at_least, {0.95, 0.85, 1.0, 5}));  // mean meets, bound not
  CHECK(analysis::target_shortfall(at_least, {0.95, 0.85, 1.0, 5}) == Approx(0.05 / 0.9));
  const auto at_most = parse_target("backlog_end<=10");
  CHECK(analysis::target_met(at_most, {8, 6, 10, 5}));
  CHECK_FALSE(analysis::target_met(at_most, {8, 6, 12, 5}));
  const double nan = std::nan("");
  CHECK_FALSE(analysis::target_met(at_least, {nan, nan, nan, 0}));
}
