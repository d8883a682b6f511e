// The report of a `twotier backtest` folder (analysis/reports/html_report_backtest.hpp): a small
// back-test of the calibration truth against a log of itself is rendered with its coverage,
// one observed-vs-predicted chart per measure (a mark per unit-month), and the largest misses,
// in English and Vietnamese.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include "analysis/calibration/backtest.hpp"
#include "analysis/calibration/backtest_info.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/html_report_backtest.hpp"
#include "analysis/results/csv_records.hpp"
#include "tests/support/calibration_fixtures.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

// Folder of a back-test of the truth on replication 5's log: March and April 2026, 9
// replications (an 80% interval), as `twotier backtest` writes it (without report.html).
// One folder per test case: ctest runs test cases in parallel processes.
fs::path backtest_folder(const std::string& name) {
  const fs::path folder = [&] {
    const fs::path base = test::test_folder(name);
    const analysis::DossierLog log = test::truth_log(5, base / "log");
    const analysis::BacktestRun run = analysis::run_backtest(
        test::truth_scenario(), log, {2026, 3, 2}, {2026, 5, 1}, 9, 2, 0.8, base / "backtest");
    analysis::BacktestInfo info;
    info.scenario = "calibration-truth/scenario.toml";
    info.log = "dossier_log.csv";
    info.from = "2026-03-02";
    info.to = "2026-05-01";
    info.replications = run.result.replications;
    info.level = 0.8;
    info.nominal_coverage = run.result.nominal_coverage;
    info.open_at_start = run.open_at_start;
    analysis::write_backtest_info_csv(info, base / "backtest" / analysis::kBacktestInfoCsvName);
    return base / "backtest";
  }();
  return folder;
}

}  // namespace

TEST_CASE("the report of a back-test shows coverage, a chart per measure and the misses",
          "[html_report_backtest]") {
  const fs::path folder = backtest_folder("html_report_backtest_en");
  REQUIRE(analysis::detect_result_kind(folder) == analysis::ResultKind::kBacktest);
  const auto csv = analysis::read_csv_file(folder / analysis::kBacktestCsvName);
  REQUIRE(csv);
  REQUIRE(csv->rows.size() == 16);  // 2 units x 2 months x 4 measures
  std::size_t inside = 0;
  for (std::size_t r = 0; r < csv->rows.size(); ++r)
    inside += csv->field(r, "inside") == "1" ? 1 : 0;

  const std::string html = analysis::build_html_report(folder, analysis::ReportLanguage::kEnglish);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // Coverage: the share inside as a percentage with its count, and the nominal 80%.
  char share[64];
  std::snprintf(share, sizeof share, "<div class=\"card-value coverage\">%.1f%%</div>",
                100.0 * static_cast<double>(inside) / 16.0);
  CHECK_THAT(html, Catch::Contains(share));
  CHECK_THAT(html, Catch::Contains(std::to_string(inside) + " / 16"));
  CHECK_THAT(html, Catch::Contains("80.0%"));
  CHECK(count(html, "class=\"chart bars\"") == 1);  // share inside by measure
  // One chart per measure, each with a mark per unit-month (4 points), inside or outside.
  CHECK(count(html, "class=\"chart backtest\" data-points=\"4\"") == 4);
  CHECK(count(html, "class=\"mark observed inside\"") == inside);
  CHECK(count(html, "class=\"mark observed outside\"") == 16 - inside);
  CHECK(count(html, "<rect class=\"interval\"") >= 16);
  for (const char* row : {"New dossiers received", "Completed before or on time", "Completed late",
                          "In process, overdue", "Largest misses"})
    CHECK_THAT(html, Catch::Contains(row));
  // The misses table: one row per value outside its interval (at most 15).
  if (inside < 16) {
    CHECK(count(html, "<tr class=\"miss\">") == std::min<std::size_t>(15, 16 - inside));
  } else {
    CHECK_THAT(html, Catch::Contains("class=\"no-misses\""));
  }
  CHECK_FALSE(std::regex_search(html, std::regex("data-points=\"0\"")));
}

TEST_CASE("the Vietnamese back-test report names the official report rows",
          "[html_report_backtest]") {
  const std::string html = analysis::build_html_report(backtest_folder("html_report_backtest_vi"),
                                                       analysis::ReportLanguage::kVietnamese);
  for (const char* text :
       {"Số hồ sơ mới tiếp nhận", "Đã giải quyết trước và đúng hạn", "Đã giải quyết quá hạn",
        "Đang giải quyết quá hạn", "Mức bao phủ", "Các sai lệch lớn nhất", "Kiểm định hồi cứu"})
    CHECK_THAT(html, Catch::Contains(text));
  CHECK_THAT(html, Catch::Contains("lang=\"vi\""));
}

TEST_CASE("a misses table lists an injected miss first", "[html_report_backtest]") {
  const fs::path folder = test::test_folder("html_report_backtest_miss");
  {
    std::ofstream csv(folder / analysis::kBacktestCsvName);
    csv << "unit,year,month,measure,observed,predicted_mean,low,high,inside\n"
           "C1,2026,3,new,100,101.5,90,110,1\n"
           "C1,2026,3,completed_late,40,3.2,1,6,0\n"
           "C2,2026,3,new,70,80,75,85,0\n";
  }
  const std::string html = analysis::build_html_report(folder, analysis::ReportLanguage::kEnglish);
  CHECK(count(html, "<tr class=\"miss\">") == 2);
  // C1 late is 34 above an interval 5 wide (6.8 widths); C2 new is 5 below one 10 wide (0.5).
  CHECK(html.find("<td>6.8</td>") < html.find("<td>0.5</td>"));
  CHECK_THAT(html, Catch::Contains("33.3%"));                              // 1 of 3 inside
  CHECK_THAT(html, Catch::Contains("<div class=\"card-value\">–</div>"));  // no info file
}
