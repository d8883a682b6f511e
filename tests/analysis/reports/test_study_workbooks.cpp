// The workbooks of sweep, backtest and calibrate --targets: one row per point, figure or set,
// with names and the KPIs formatted as people read them (rates as %, counts rounded).
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/reports/study_workbooks.hpp"

using namespace twotier::analysis;

namespace {

const WorkbookSheet& sheet_named(const std::vector<WorkbookSheet>& sheets,
                                 const std::string& name) {
  for (const auto& sheet : sheets)
    if (sheet.name == name) return sheet;
  FAIL("no sheet " << name);
  return sheets.front();
}

std::size_t column_of(const WorkbookSheet& sheet, const std::string& title) {
  for (std::size_t c = 0; c < sheet.columns.size(); ++c)
    if (sheet.columns[c].title == title) return c;
  FAIL("no column " << title << " in " << sheet.name);
  return 0;
}

double number_in(const WorkbookCell& cell) {
  REQUIRE(std::holds_alternative<double>(cell.value));
  return std::get<double>(cell.value);
}

std::string text_in(const WorkbookCell& cell) {
  REQUIRE(std::holds_alternative<std::string>(cell.value));
  return std::get<std::string>(cell.value);
}

}  // namespace

TEST_CASE("the sweep workbook has a row per point with its values and the scope's KPIs",
          "[outputs][xlsx]") {
  std::vector<SweepFactor> factors(1);
  factors[0].key = "positions.phu_hoa.one_stop";
  factors[0].levels = {"1", "2"};
  std::vector<SweepResult> results(2);
  for (int p = 0; p < 2; ++p) {
    results[p].point.id = p;
    results[p].point.values = {p == 0 ? "1" : ""};
    results[p].summary = {{"unit:phu_hoa", "on_time_rate", {0.8 + 0.1 * p, 0.75, 0.95, 4}},
                          {"unit:phu_hoa", "arrivals", {120.4, 110.0, 130.0, 4}}};
  }
  SweepWorkbook book;
  book.factors = factors;
  book.results = results;
  book.scope = "unit:phu_hoa";
  book.base.unit_ids = {"phu_hoa"};
  book.base.unit_names = {"Xã Phú Hòa"};
  book.base.replications = 4;
  book.design = "grid";
  const auto sheets = sweep_sheets(book);
  REQUIRE(sheets.size() == 2);  // no tornado: Points and Sweep
  const WorkbookSheet& points = sheet_named(sheets, "Points");
  REQUIRE(points.rows.size() == 2);
  CHECK(points.notes.front().starts_with("Xã Phú Hòa"));
  const std::size_t on_time = column_of(points, "on time");
  CHECK(points.columns[on_time].format == CellFormat::kPercent);
  CHECK(points.columns[column_of(points, "dossiers received")].format == CellFormat::kCount);
  CHECK(number_in(points.rows[1][on_time]) == Approx(0.9));
  CHECK(number_in(points.rows[0][column_of(points, "on time low")]) == 0.75);
  CHECK(text_in(points.rows[0][column_of(points, "positions.phu_hoa.one_stop")]) == "1");
  CHECK(text_in(points.rows[1][column_of(points, "positions.phu_hoa.one_stop")]) ==
        "(as in the scenario)");
  // A KPI the summary lacks stays blank, not zero.
  CHECK(std::holds_alternative<std::monostate>(
      points.rows[0][column_of(points, "backlog (mean)")].value));

  SECTION("a tornado adds its levers, ranked") {
    const std::vector<TornadoBar> bars = {{"positions.phu_hoa.one_stop", 0.8, 0.9, 0.1}};
    book.bars = bars;
    book.tornado_metric = "on_time_rate";
    book.tornado_baseline = 0.85;
    const auto with_tornado = sweep_sheets(book);
    const WorkbookSheet& tornado = sheet_named(with_tornado, "Tornado");
    REQUIRE(tornado.rows.size() == 1);
    CHECK(text_in(tornado.rows[0][column_of(tornado, "low value")]) == "1");
    CHECK(text_in(tornado.rows[0][column_of(tornado, "high value")]) == "2");
    CHECK(tornado.columns[column_of(tornado, "swing")].format == CellFormat::kPercent);
  }
}

TEST_CASE("the backtest workbook names each unit beside its observed and predicted figures",
          "[outputs][xlsx]") {
  BacktestRun run;
  run.unit_ids = {"phu_hoa"};
  run.unit_names = {"Xã Phú Hòa"};
  run.result.replications = 39;
  run.result.nominal_coverage = 0.95;
  run.result.inside_share = 0.5;
  run.result.rows = {{"phu_hoa", 2026, 3, "new", 100, 98.5, 90, 110, true},
                     {"phu_hoa", 2026, 3, "completed_late", 9, 2.0, 0, 5, false}};
  BacktestInfo info;
  info.from = "2026-03-01";
  info.to = "2026-04-01";
  const auto sheets = backtest_sheets(run, info, "twotier backtest ...");
  const WorkbookSheet& months = sheet_named(sheets, "Months");
  REQUIRE(months.rows.size() == 2);
  CHECK(text_in(months.rows[0][column_of(months, "name")]) == "Xã Phú Hòa");
  CHECK(number_in(months.rows[0][column_of(months, "predicted")]) == 98.5);
  CHECK(text_in(months.rows[1][column_of(months, "inside")]) == "no");
  const WorkbookSheet& about = sheet_named(sheets, "Backtest");
  bool coverage = false;
  for (const auto& row : about.rows)
    coverage = coverage || text_in(row[1]) == "50.0% of 2 figures (nominal 95.0%)";
  CHECK(coverage);
}

TEST_CASE("the calibration workbook lists every set and each target's plausible range",
          "[outputs][xlsx]") {
  HistoryMatchingResult result;
  result.parameters = {{"staff.speed", 0.5, 2.0, false, ""}};
  CalibrationTarget target;
  target.id = "on_time";
  target.metric = TargetMetric::kOnTimeRate;
  target.scope = "province";
  target.value = 0.9;
  target.tolerance = 0.05;
  result.targets = {target};
  result.options.waves = 1;
  result.options.points_per_wave = 3;
  for (int s = 0; s < 3; ++s) {
    EvaluatedSet set;
    set.wave = 1;
    set.index = s;
    set.parameters = {0.5 + 0.5 * s};
    set.mean = {0.8 + 0.05 * s};
    set.max_implausibility = s == 0 ? INFINITY : 1.0;
    set.plausible = s > 0;
    result.sets.push_back(set);
  }
  const auto sheets = calibration_sheets(result, "Example", "twotier calibrate ...");
  const WorkbookSheet& sets = sheet_named(sheets, "Parameter sets");
  REQUIRE(sets.rows.size() == 3);
  CHECK(number_in(sets.rows[2][column_of(sets, "staff.speed")]) == 1.5);
  // An infinite implausibility (a target the set cannot answer) is written blank.
  CHECK(std::isnan(number_in(sets.rows[0][column_of(sets, "largest implausibility")])));
  const WorkbookSheet& targets = sheet_named(sheets, "Targets");
  REQUIRE(targets.rows.size() == 1);
  const WorkbookCell& lowest = targets.rows[0][column_of(targets, "lowest")];
  CHECK(number_in(lowest) == Approx(0.85));  // the plausible sets only
  CHECK(lowest.format == CellFormat::kPercent);
  CHECK(number_in(targets.rows[0][column_of(targets, "highest")]) == Approx(0.9));
}
