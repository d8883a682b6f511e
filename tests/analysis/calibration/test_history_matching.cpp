// Calibration to reported aggregates (analysis/calibration/calibration_targets.hpp,
// history_matching.hpp): the tables are read with errors that name file, row and column; a
// target's simulated value is computed from the daily series and monthly report as documented;
// and history matching on the single-commune example recovers an officer speed that generated
// the "reported" figures: the true value stays plausible, values far from it are ruled out.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "analysis/calibration/calibration_targets.hpp"
#include "analysis/calibration/history_matching.hpp"
#include "analysis/calibration/history_matching_files.hpp"
#include "analysis/experiments/experiment.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

fs::path temp_folder(const std::string& name) {
  const fs::path dir = fs::path(TWOTIER_BINARY_DIR) / "test-output" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path write(const fs::path& file, const std::string& text) {
  std::ofstream(file) << text;
  return file;
}

const fs::path kExample =
    fs::path(TWOTIER_SOURCE_DIR) / "scenarios/examples/single-commune/scenario.toml";

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

constexpr const char* kHeader =
    "target,metric,scope,from,to,value,tolerance,standard_error,source\n";

}  // namespace

TEST_CASE("calibration targets and parameter ranges are read with errors naming file and row") {
  const fs::path dir = temp_folder("calibration_targets_read");
  SECTION("a valid table: a tolerance is a three-sigma half-width") {
    const auto targets = analysis::read_calibration_targets(
        write(dir / "t.csv", std::string(kHeader) +
                                 "volume,arrivals_per_month,province,2026-01-05,2026-03-31,1000,"
                                 "60,,report A\n"
                                 "ontime,on_time_rate,unit:phu_hoa,2026-02-01,2026-03-31,0.9,,0.01,"
                                 "report B\n"));
    REQUIRE(targets.size() == 2);
    CHECK(targets[0].metric == analysis::TargetMetric::kArrivalsPerMonth);
    CHECK(targets[0].sigma == Approx(20.0));
    CHECK(targets[1].sigma == Approx(0.01));
    CHECK(targets[1].tolerance == Approx(0.03));
  }
  SECTION("bad rows") {
    CHECK_THAT(
        message_of([&] {
          analysis::read_calibration_targets(
              write(dir / "bad_metric.csv",
                    std::string(kHeader) + "x,throughput,province,2026-01-05,2026-01-31,1,1,,s\n"));
        }),
        Catch::Contains("bad_metric.csv:2: error: column 'metric': bad value 'throughput'") &&
            Catch::Contains("arrivals_per_month"));
    CHECK_THAT(message_of([&] {
                 analysis::read_calibration_targets(
                     write(dir / "both.csv", std::string(kHeader) +
                                                 "x,overdue_open,province,2026-03-04,2026-03-04,"
                                                 "1505,376,100,s\n"));
               }),
               Catch::Contains("both.csv:2: error: give exactly one of 'tolerance'"));
    CHECK_THAT(
        message_of([&] {
          analysis::read_calibration_targets(
              write(dir / "stock.csv", std::string(kHeader) +
                                           "x,overdue_open,province,2026-03-01,2026-03-04,"
                                           "1505,376,,s\n"));
        }),
        Catch::Contains("stock.csv:2: error: column 'to'") && Catch::Contains("give from = to"));
    CHECK_THAT(message_of([&] {
                 analysis::read_calibration_targets(
                     write(dir / "rate.csv", std::string(kHeader) +
                                                 "x,on_time_rate,province,2026-01-05,2026-03-04,"
                                                 "98.5,1,,s\n"));
               }),
               Catch::Contains("a fraction from 0 to 1"));
  }
  SECTION("parameter ranges") {
    const auto ranges = analysis::read_parameter_ranges(
        write(dir / "p.csv", "parameter,low,high,scale,source\nstaff.speed,0.5,1.5,log,why\n"));
    REQUIRE(ranges.size() == 1);
    CHECK(ranges[0].log_scale);
    CHECK_THAT(
        message_of([&] {
          analysis::read_parameter_ranges(
              write(dir / "p_bad.csv", "parameter,low,high,scale,source\nstaff.speed,1,1,,why\n"));
        }),
        Catch::Contains("p_bad.csv:2: error: column 'high': 'high' must be greater than 'low'"));
  }
}

TEST_CASE("a target is checked against the run and evaluated from the daily series") {
  model::LoadOptions load;
  load.overrides = {"scenario.horizon=60d", "scenario.warmup=0d"};
  const model::ModelSpec spec = model::load_scenario(kExample, load);
  const fs::path dir = temp_folder("calibration_targets_eval");
  const auto targets = analysis::read_calibration_targets(
      write(dir / "t.csv", std::string(kHeader) +
                               "volume,arrivals_per_month,province,2026-01-05,2026-03-05,1,1,,s\n"
                               "share,arrival_share,unit:phu_hoa,2026-01-05,2026-03-05,0.5,1,,s\n"
                               "stock,overdue_open,province,2026-02-27,2026-02-27,1,1,,s\n"
                               "backlog,backlog_open,unit:phu_hoa,2026-02-27,2026-02-27,1,1,,s\n"
                               "ontime,on_time_rate,province,2026-02-01,2026-02-28,0.9,0.1,,s\n"
                               "desks,arrival_share,filed:commune,2026-01-05,2026-03-05,0.7,1,,s\n"
                               "prov,overdue_open,filed:province,2026-02-27,2026-02-27,1,1,,s\n"));
  analysis::check_targets(targets, spec);
  const model::ReplicationResult r = model::run_replication(spec, 0);
  const model::DailySeries& d = r.daily;
  auto day_sum = [&](const std::vector<std::int32_t>& v, int first, int last, int unit) {
    double total = 0;
    for (int day = first; day <= last; ++day)
      for (int u = 0; u < d.units; ++u)
        if (unit < 0 || u == unit) total += v[static_cast<std::size_t>(day * d.units + u)];
    return total;
  };
  // 2026-01-05 is day 0; 2026-03-05 day 59; 2026-02-27 day 53.
  CHECK(analysis::simulated_value(targets[0], spec, r) ==
        Approx(day_sum(d.arrivals, 0, 59, -1) / 60.0 * 365.25 / 12.0));
  CHECK(analysis::simulated_value(targets[1], spec, r) ==
        Approx(day_sum(d.arrivals, 0, 59, 0) / day_sum(d.arrivals, 0, 59, -1)));
  CHECK(analysis::simulated_value(targets[2], spec, r) == day_sum(d.overdue, 53, 53, -1));
  CHECK(analysis::simulated_value(targets[3], spec, r) == day_sum(d.backlog, 53, 53, 0));
  double on_time = 0, late = 0;
  for (const auto& m : r.monthly_report)
    if (m.year == 2026 && m.month == 2) {
      on_time += static_cast<double>(m.completed_on_time);
      late += static_cast<double>(m.completed_late);
    }
  REQUIRE(on_time + late > 0);
  CHECK(analysis::simulated_value(targets[4], spec, r) == Approx(on_time / (on_time + late)));

  // filed:commune / filed:province: the units where dossiers were filed, by level.
  double commune_level = 0, all = day_sum(d.arrivals, 0, 59, -1), provincial_overdue = 0;
  int provincial_units = 0;
  for (int u = 0; u < d.units; ++u) {
    const auto kind = spec.units[static_cast<std::size_t>(u)].kind;
    if (kind == model::UnitKind::kWard || kind == model::UnitKind::kCommune ||
        kind == model::UnitKind::kSpecialZone) {
      commune_level += day_sum(d.arrivals, 0, 59, u);
    } else {
      provincial_overdue += day_sum(d.overdue, 53, 53, u);
      ++provincial_units;
    }
  }
  REQUIRE(provincial_units > 0);
  REQUIRE(commune_level > 0);
  CHECK(analysis::simulated_value(targets[5], spec, r) == Approx(commune_level / all));
  CHECK(analysis::simulated_value(targets[6], spec, r) == provincial_overdue);

  SECTION("a period outside the run, an unknown unit or a partial tier rate are rejected") {
    auto check_one = [&](const std::string& row) {
      return message_of([&] {
        analysis::check_targets(
            analysis::read_calibration_targets(write(dir / "one.csv", std::string(kHeader) + row)),
            spec);
      });
    };
    CHECK_THAT(check_one("x,overdue_open,province,2026-06-01,2026-06-01,1,1,,s\n"),
               Catch::Contains("one.csv:2: error: target 'x': period 2026-06-01..2026-06-01 is "
                               "not inside the run (2026-01-05..2026-03-05)"));
    CHECK_THAT(check_one("x,overdue_open,unit:nowhere,2026-02-01,2026-02-01,1,1,,s\n"),
               Catch::Contains("unknown scope 'unit:nowhere'"));
    CHECK_THAT(check_one("x,on_time_rate,tier:commune,2026-02-01,2026-02-28,0.9,0.1,,s\n"),
               Catch::Contains("on_time_rate of a tier is known only over the whole run"));
    CHECK_THAT(
        check_one("x,overdue_flag_sync_share,filed:commune,2026-01-05,2026-03-05,0.6,0.1,,s\n"),
        Catch::Contains("not by filing level"));
    CHECK_THAT(check_one("x,overdue_open,filed:district,2026-02-01,2026-02-01,1,1,,s\n"),
               Catch::Contains("unknown scope 'filed:district' (allowed: province, tier:commune, "
                               "tier:province, filed:commune, filed:province"));
  }
}

TEST_CASE("history matching recovers the officer speed that produced the reported figures") {
  // "Reported" figures: the example run with officers at speed 1.15 and another seed than the
  // calibration's, so the calibration cannot reproduce them by sharing random numbers.
  const double true_speed = 1.15;
  model::LoadOptions truth_load;
  truth_load.overrides = {"scenario.horizon=120d", "scenario.warmup=0d", "scenario.seed=777",
                          "staff.speed=1.15"};
  const model::ModelSpec truth = model::load_scenario(kExample, truth_load);
  const fs::path dir = temp_folder("history_matching");
  const std::string period = "2026-02-01,2026-04-30";
  auto targets = analysis::read_calibration_targets(
      write(dir / "targets.csv", std::string(kHeader) + "ontime,on_time_rate,province," + period +
                                     ",0.5,0.05,,truth\n" + "volume,arrivals_per_month,province," +
                                     period + ",100,10,,truth\n"));
  analysis::ExperimentOptions run;
  run.replications = 8;
  run.threads = 2;
  const analysis::ExperimentResult truth_runs = analysis::run_experiment(truth, run);
  for (auto& t : targets) {
    double sum = 0;
    for (const auto& r : truth_runs.replications)
      sum += analysis::simulated_value(t, truth, r);
    t.value = sum / 8.0;
  }
  INFO("reported on-time " << targets[0].value << ", arrivals/month " << targets[1].value);
  // The speed matters: the example is loaded enough for the on-time rate to move with it.
  REQUIRE(targets[0].value > 0.6);
  REQUIRE(targets[0].value < 0.95);
  // Tolerances: 3 points of on-time rate, 5% of the volume.
  targets[0].tolerance = 0.03;
  targets[0].sigma = 0.01;
  targets[1].tolerance = 0.05 * targets[1].value;
  targets[1].sigma = targets[1].tolerance / 3.0;

  const std::vector<analysis::ParameterRange> parameters = {
      {"staff.speed", 0.6, 2.0, true, "test"}};
  auto spec_for = [&](const std::vector<std::string>& overrides) {
    model::LoadOptions o;
    o.overrides = {"scenario.horizon=120d", "scenario.warmup=0d"};
    o.overrides.insert(o.overrides.end(), overrides.begin(), overrides.end());
    return model::load_scenario(kExample, o);
  };
  analysis::HistoryMatchingOptions options;
  options.points_per_wave = 12;
  options.waves = 2;
  options.replications = 4;
  options.threads = 2;
  options.design_seed = 11;
  const analysis::HistoryMatchingResult result =
      analysis::history_match(targets, parameters, spec_for, options);
  REQUIRE(result.sets.size() == 24);
  REQUIRE(result.plausible_count() > 0);
  double lo = 10, hi = 0;
  for (const auto& s : result.sets) {
    if (!s.plausible) continue;
    lo = std::min(lo, s.parameters[0]);
    hi = std::max(hi, s.parameters[0]);
    CHECK(s.max_implausibility <= 3.0);
  }
  INFO("plausible speeds " << lo << " to " << hi);
  // The truth lies inside the plausible range, widened by one stratum of the design.
  CHECK(lo <= true_speed * 1.15);
  CHECK(hi >= true_speed / 1.15);
  // The slowest and fastest officers of the prior are ruled out; wave 2 samples a narrower box.
  for (const auto& s : result.sets)
    if (s.parameters[0] < 0.95 || s.parameters[0] > 1.6) CHECK_FALSE(s.plausible);
  CHECK(result.wave_boxes[1][0].second - result.wave_boxes[1][0].first <
        result.wave_boxes[0][0].second - result.wave_boxes[0][0].first);

  SECTION("the files: every set, the plausible ones, and a report") {
    analysis::write_history_matching(result, "example", dir / "out");
    std::ifstream sets(dir / "out" / "parameter_sets.csv");
    std::string header;
    std::getline(sets, header);
    CHECK(header == "set,staff.speed");
    std::size_t rows = 0;
    for (std::string line; std::getline(sets, line);)
      ++rows;
    CHECK(rows == result.plausible_count());
    std::ifstream runs(dir / "out" / "calibration_runs.csv");
    std::getline(runs, header);
    CHECK(header ==
          "wave,set,staff.speed,ontime_mean,ontime_noise_se,ontime_implausibility,volume_mean,"
          "volume_noise_se,volume_implausibility,max_implausibility,plausible");
    const std::string report = analysis::history_matching_report(result, "example");
    CHECK_THAT(report, Catch::Contains("parameter sets are consistent with every target") &&
                           Catch::Contains("| `staff.speed` | 0.6 – 2 | log |"));
  }
}
