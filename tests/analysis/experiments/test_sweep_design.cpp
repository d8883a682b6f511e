// analysis/sweep_design: --vary parsing, grid and Latin hypercube points, sweep.csv rows, and
// a tornado through the model where one lever (officers: M/M/1 vs M/M/3) obviously dominates
// another (the warm-up length) on the mean time in system.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>

#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/sweep_design.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;
namespace fs = std::filesystem;

TEST_CASE("a varied key takes level lists and numeric ranges with a unit (--vary)",
          "[sweep_design]") {
  const auto levels = analysis::parse_sweep_factor("tables.positions=a.csv, b.csv");
  CHECK(levels.key == "tables.positions");
  CHECK_FALSE(levels.is_range);
  CHECK(levels.levels == std::vector<std::string>{"a.csv", "b.csv"});
  CHECK(levels.low_text() == "a.csv");
  CHECK(levels.high_text() == "b.csv");

  const auto days = analysis::parse_sweep_factor("scenario.horizon=60d..120d");
  CHECK(days.is_range);
  CHECK(days.low == 60);
  CHECK(days.high == 120);
  CHECK(days.suffix == "d");
  CHECK(days.whole);
  CHECK(days.range_text(90.4) == "90d");

  const auto share = analysis::parse_sweep_factor("x.y=0.5..0.75");
  CHECK_FALSE(share.whole);
  CHECK(share.range_text(0.6) == "0.6");

  CHECK_THROWS_AS(analysis::parse_sweep_factor("nokey"), std::invalid_argument);
  CHECK_THROWS_AS(analysis::parse_sweep_factor("k=1d..2h"), std::invalid_argument);
  CHECK_THROWS_AS(analysis::parse_sweep_factor("k=5..1"), std::invalid_argument);
  CHECK_THROWS_AS(analysis::parse_sweep_factor("k=a,,b"), std::invalid_argument);
}

TEST_CASE("a grid has one point per combination; sweep.csv one row per point and KPI",
          "[sweep_design]") {
  const std::vector<analysis::SweepFactor> factors{analysis::parse_sweep_factor("a.x=1,2"),
                                                   analysis::parse_sweep_factor("b.y=10..30")};
  const auto points = analysis::sweep_points(factors, analysis::SweepDesign::kGrid, 3, 1);
  REQUIRE(points.size() == 6);
  CHECK(points[0].values == std::vector<std::string>{"1", "10"});
  CHECK(points[1].values == std::vector<std::string>{"1", "20"});
  CHECK(points[5].values == std::vector<std::string>{"2", "30"});
  CHECK(points[4].overrides(factors) == std::vector<std::string>{"a.x=2", "b.y=20"});

  std::vector<analysis::SweepResult> results;
  for (const auto& p : points)
    results.push_back({p,
                       {{"province", "arrivals", {1.0, 0.5, 1.5, 3}},
                        {"province", "on_time_rate", {0.9, 0.8, 1.0, 3}}}});
  std::ostringstream out;
  analysis::write_sweep_csv(out, factors, results);
  const std::string csv = out.str();
  CHECK(csv.rfind("point,a.x,b.y,scope,metric,mean,ci_low,ci_high,n\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 6 * 2);
  CHECK(csv.find("\n5,2,30,province,on_time_rate,0.9,0.8,1,3\n") != std::string::npos);
  CHECK_THROWS_AS(analysis::sweep_points(factors, analysis::SweepDesign::kGrid, 1, 1),
                  std::invalid_argument);
}

// (Ends written with a decimal point: "0..1" would take whole values, 0 or 1.)
TEST_CASE("a Latin hypercube puts one point in each stratum of every range", "[sweep_design]") {
  const std::vector<analysis::SweepFactor> factors{analysis::parse_sweep_factor("a.x=0.0..1.0"),
                                                   analysis::parse_sweep_factor("b.y=100.0..200.0"),
                                                   analysis::parse_sweep_factor("c.z=p,q")};
  const int n = 8;
  const auto points =
      analysis::sweep_points(factors, analysis::SweepDesign::kLatinHypercube, n, 42);
  REQUIRE(points.size() == n);
  std::set<int> strata_a, strata_b;
  int q = 0;
  for (const auto& p : points) {
    strata_a.insert(static_cast<int>(std::stod(p.values[0]) * n));
    strata_b.insert(static_cast<int>((std::stod(p.values[1]) - 100.0) / 100.0 * n));
    q += p.values[2] == "q";
  }
  CHECK(strata_a.size() == n);
  CHECK(strata_b.size() == n);
  CHECK(q == n / 2);  // two levels, eight points: each level four times
  SECTION("the same seed gives the same points") {
    const auto again =
        analysis::sweep_points(factors, analysis::SweepDesign::kLatinHypercube, n, 42);
    for (int i = 0; i < n; ++i)
      CHECK(again[i].values == points[i].values);
  }
}

TEST_CASE("one at a time: the baseline, then each factor low and high", "[sweep_design]") {
  const std::vector<analysis::SweepFactor> factors{analysis::parse_sweep_factor("a.x=1,2,3"),
                                                   analysis::parse_sweep_factor("b.y=5..9")};
  const auto points = analysis::one_at_a_time_points(factors);
  REQUIRE(points.size() == 5);
  CHECK(points[0].overrides(factors).empty());
  CHECK(points[1].overrides(factors) == std::vector<std::string>{"a.x=1"});
  CHECK(points[2].overrides(factors) == std::vector<std::string>{"a.x=3"});
  CHECK(points[3].overrides(factors) == std::vector<std::string>{"b.y=5"});
  CHECK(points[4].overrides(factors) == std::vector<std::string>{"b.y=9"});
  CHECK(points[4].label == "b.y high");
}

TEST_CASE("the tornado ranks the number of officers above the warm-up length", "[sweep_design]") {
  const fs::path dir = fs::path(TWOTIER_SOURCE_DIR) / "scenarios/validation";
  const std::vector<analysis::SweepFactor> factors{
      analysis::parse_sweep_factor("scenario.warmup=5d..20d"),
      analysis::parse_sweep_factor("tables.positions=" + (dir / "positions_c1.csv").string() + "," +
                                   (dir / "positions_c3.csv").string())};
  const auto points = analysis::one_at_a_time_points(factors);
  std::vector<analysis::SweepResult> runs;
  analysis::ExperimentOptions options;
  options.replications = 3;
  options.threads = 2;
  for (const auto& point : points) {
    model::LoadOptions load;
    load.overrides = {"scenario.horizon=120d"};
    for (const auto& o : point.overrides(factors))
      load.overrides.push_back(o);
    const auto spec = model::load_scenario(dir / "mm1.toml", load);
    const auto experiment = analysis::run_experiment(spec, options);
    runs.push_back({point, analysis::summarize(experiment.replications,
                                               analysis::describe_run(spec).position_labels)});
  }
  const auto bars =
      analysis::tornado_from_runs(factors, runs, "province", "time_in_system_days_mean");
  REQUIRE(bars.size() == 2);
  CHECK(bars[0].factor == "tables.positions");
  CHECK(bars[0].swing > 5 * bars[1].swing);
  // M/M/1 (2 h) against M/M/3 (about 1 h) at lambda = 0.5/h, mu = 1/h, in days.
  CHECK(bars[0].low_response > bars[0].high_response);
  const std::string text = analysis::format_tornado(bars, "time_in_system_days_mean", 0.08);
  CHECK(text.find("1. tables.positions") != std::string::npos);
}
