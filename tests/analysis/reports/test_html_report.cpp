// The HTML report: built from a run folder's files only, self-contained (no URLs), with the
// KPIs, the official monthly report rows in Vietnamese, and every chart holding data marks.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include <catch2/catch.hpp>

#include "analysis/experiments/experiment.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "analysis/results/csv_records.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

// Each test case writes its own folder (ctest runs cases in parallel).
fs::path small_run_folder(const std::string& name, int replications = 3) {
  const fs::path out = fs::path(TWOTIER_BINARY_DIR) / "test-output" / name;
  fs::remove_all(out);
  auto spec = model::load_scenario(
      std::string(TWOTIER_SOURCE_DIR) + "/scenarios/examples/single-commune/scenario.toml",
      model::LoadOptions{{"scenario.horizon=60d"}});
  analysis::ExperimentOptions options;
  options.replications = replications;
  options.threads = 2;
  const auto result = analysis::run_experiment(spec, options);
  auto metadata = analysis::describe_run(spec);
  metadata.replications = replications;
  metadata.command_line = "twotier run single-commune";
  analysis::write_run_outputs(out, metadata, result.replications);
  return out;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("CSV records read back quoted fields and numbers") {
  const auto csv = analysis::parse_csv("a,b,c\n\"x, y\",\"he said \"\"hi\"\"\",1.5\n,,\n");
  REQUIRE(csv.rows.size() == 2);
  CHECK(csv.field(0, "a") == "x, y");
  CHECK(csv.field(0, "b") == "he said \"hi\"");
  CHECK(csv.number(0, "c") == 1.5);
  CHECK(std::isnan(csv.number(1, "c")));
  CHECK(csv.column("missing") == -1);
}

TEST_CASE("the report of a run holds its KPIs, charts and monthly report, and no URL") {
  const fs::path folder = small_run_folder("html_report_run_en");
  CHECK(analysis::detect_result_kind(folder) == analysis::ResultKind::kRun);
  const std::string html = analysis::build_html_report(folder, analysis::ReportLanguage::kEnglish);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("On-time rate"));
  CHECK_THAT(html, Catch::Contains("Model description (STRESS-DES)"));
  CHECK_THAT(html, Catch::Contains("Single commune (example)"));
  // The province on-time rate from summary.csv appears as a percentage.
  const auto summary = analysis::read_csv_file(folder / "summary.csv");
  REQUIRE(summary);
  for (std::size_t r = 0; r < summary->rows.size(); ++r) {
    if (summary->field(r, "scope") == "province" && summary->field(r, "metric") == "on_time_rate") {
      char expected[32];
      std::snprintf(expected, sizeof expected, "%.1f%%", 100.0 * summary->number(r, "mean"));
      CHECK_THAT(html, Catch::Contains(expected));
    }
  }
  // Four charts, each with data marks.
  for (const char* kind : {"chart line-band", "chart bars", "chart heatmap"})
    CHECK(count(html, kind) == 1);
  CHECK(count(html, "class=\"mark") >= 10);
  const std::regex empty_chart("data-points=\"0\"");
  CHECK_FALSE(std::regex_search(html, empty_chart));
}

TEST_CASE("one replication's headline shows no interval, not its mean twice") {
  // summary.csv writes [mean, mean] for n = 1 (docs/output-format.md: "width unknown"); the
  // report must not present that as an exact 95% interval.
  const std::string one = analysis::build_html_report(small_run_folder("html_report_one_rep", 1),
                                                      analysis::ReportLanguage::kEnglish);
  CHECK(count(one, "no interval (1 replication)") >= 8 + 3);      // the table's rows and the cards
  CHECK(count(one, "One replication: no band or whisker") == 2);  // backlog and ranking charts
  const std::string vi = analysis::build_html_report(small_run_folder("html_report_one_rep_vi", 1),
                                                     analysis::ReportLanguage::kVietnamese);
  CHECK_THAT(vi, Catch::Contains("không có khoảng (1 lần lặp)"));
  const std::string three = analysis::build_html_report(small_run_folder("html_report_three_reps"),
                                                        analysis::ReportLanguage::kEnglish);
  CHECK(count(three, "no interval") == 0);
  CHECK(count(three, "One replication") == 0);
  CHECK(count(three, "class=\"card-ci\">") == 3);
}

TEST_CASE("the Vietnamese report uses the official monthly report row names") {
  const fs::path folder = small_run_folder("html_report_run_vi");
  const std::string html =
      analysis::build_html_report(folder, analysis::ReportLanguage::kVietnamese);
  for (const char* row :
       {"Số hồ sơ mới tiếp nhận", "Đã giải quyết trước và đúng hạn", "Đã giải quyết quá hạn",
        "Trả lại/rút hồ sơ", "Đang giải quyết chưa đến hạn", "Đang giải quyết quá hạn"})
    CHECK_THAT(html, Catch::Contains(row));
  CHECK_THAT(html, Catch::Contains("lang=\"vi\""));
}

TEST_CASE("a folder without result files is refused with the files looked for") {
  const fs::path empty = fs::path(TWOTIER_BINARY_DIR) / "test-output" / "empty_folder";
  fs::create_directories(empty);
  CHECK_THROWS_WITH(analysis::detect_result_kind(empty), Catch::Contains("no result files found"));
}

TEST_CASE("compare and sweep folders become forest and tornado charts") {
  const fs::path compare = fs::path(TWOTIER_BINARY_DIR) / "test-output" / "report_compare";
  fs::create_directories(compare);
  {
    std::ofstream out(compare / "comparison.csv");
    out << "alternative,scope,metric,base_mean,alt_mean,diff_mean,diff_ci_low,diff_ci_high,"
           "significant\n"
        << "more staff,province,on_time_rate,0.9,0.95,0.05,0.03,0.07,true\n"
        << "less staff,province,on_time_rate,0.9,0.88,-0.02,-0.05,0.01,false\n";
  }
  const std::string html = analysis::build_html_report(compare, analysis::ReportLanguage::kEnglish);
  CHECK(count(html, "chart forest") == 1);
  CHECK(count(html, "mark point") == 2);
  const fs::path sweep = fs::path(TWOTIER_BINARY_DIR) / "test-output" / "report_sweep";
  fs::create_directories(sweep);
  {
    std::ofstream out(sweep / "tornado.csv");
    out << "rank,factor,low_value,high_value,low_response,high_response,swing,baseline_response\n"
        << "1,positions.land,1,3,0.7,0.97,0.27,0.9\n2,arrivals.scale,0.8,1.2,0.95,0.85,0.1,0.9\n";
  }
  const std::string tornado =
      analysis::build_html_report(sweep, analysis::ReportLanguage::kEnglish);
  CHECK(count(tornado, "chart tornado") == 1);
  CHECK(count(tornado, "mark bar") == 4);
}

namespace {

// A staff folder for one commune as `twotier staff --scope unit:phu_hoa` leaves it: the
// confirmation runs of the current staffing and of one more one-stop officer at Phú Hòa, and
// targets.csv and staffing.csv (with `cost_column`, a cost column as a later staff may add).
fs::path one_unit_staff_folder(const std::string& name, bool cost_column) {
  const fs::path out = fs::path(TWOTIER_BINARY_DIR) / "test-output" / name;
  fs::remove_all(out);
  fs::create_directories(out);
  auto spec = model::load_scenario(
      std::string(TWOTIER_SOURCE_DIR) + "/tests/data/two-communes/scenario.toml",
      model::LoadOptions{{"scenario.horizon=40d"}});
  analysis::ExperimentOptions options;
  options.replications = 3;
  options.threads = 2;
  for (const char* which : {"current", "recommended"}) {
    if (std::string(which) == "recommended")
      for (auto& p : spec.positions)
        if (p.id == "one_stop" && spec.units[static_cast<std::size_t>(p.unit)].id == "phu_hoa")
          ++p.officers;
    const auto result = analysis::run_experiment(spec, options);
    auto metadata = analysis::describe_run(spec);
    metadata.replications = 3;
    metadata.command_line = "twotier staff --scope unit:phu_hoa";
    analysis::write_run_outputs(out / which, metadata, result.replications);
  }
  {
    std::ofstream targets(out / "targets.csv");
    targets << "scope,target,before_mean,before_ci_low,before_ci_high,after_mean,after_ci_low,"
               "after_ci_high,met_before,met_after\n"
            << "unit:phu_hoa,on_time_rate>=0.9,0.8160,0.78,0.85,0.9460,0.93,0.96,false,true\n";
    std::ofstream staffing(out / "staffing.csv");
    staffing << "unit,position,current,recommended,change,kpi_before,kpi_after,kpi_after_ci_low,"
                "kpi_after_ci_high,kpi_scope,kpi_metric"
             << (cost_column ? ",yearly_cost_vnd" : "") << "\n"
             << "phu_hoa,one_stop,1,2,1,0.816,0.946,0.93,0.96,unit:phu_hoa,on_time_rate"
             << (cost_column ? ",12345678" : "") << "\n";
  }
  return out;
}

// What a reader sees: no tags, and neither the code, the resolved scenario nor the folded
// details (command lines and ids belong there).
std::string visible_text(std::string html) {
  for (const char* tag : {"style", "pre", "code", "details"}) {
    const std::regex block(std::string("<") + tag + "[^>]*>[\\s\\S]*?</" + tag + ">");
    html = std::regex_replace(html, block, " ");
  }
  return std::regex_replace(html, std::regex("<[^>]*>"), " ");
}

}  // namespace

TEST_CASE("a one-commune staff report puts the commune first and is wholly Vietnamese") {
  const fs::path folder = one_unit_staff_folder("html_report_staff_unit_vi", false);
  const std::string html =
      analysis::build_html_report(folder, analysis::ReportLanguage::kVietnamese);
  CHECK_THAT(html, Catch::Contains("<h1>Đề xuất biên chế: Xã Phú Hòa</h1>"));
  // The unit first, the province after.
  const auto at = [&](const char* text) {
    const auto p = html.find(text);
    INFO(text);
    CHECK(p != std::string::npos);
    return p;
  };
  const auto finding = at("Kết luận"), positions = at("Cán bộ theo vị trí: Xã Phú Hòa"),
             cost = at("Chi phí: chưa có"), trajectory = at("Diễn biến tồn đọng: Xã Phú Hòa"),
             monthly = at("Báo cáo tháng: Xã Phú Hòa"), province = at("Bối cảnh toàn tỉnh"),
             method = at("Phương pháp và chi tiết");
  CHECK(finding < positions);
  CHECK(positions < cost);
  CHECK(cost < trajectory);
  CHECK(trajectory < monthly);
  CHECK(monthly < province);
  CHECK(province < method);
  // The finding in words, with names, Vietnamese numbers and the verdicts.
  CHECK_THAT(html, Catch::Contains("thêm 1 cán bộ bộ phận một cửa (1 → 2)"));
  CHECK_THAT(html, Catch::Contains("81,6% (khoảng tin cậy 95%: 78,0%–85,0%)"));
  CHECK_THAT(html, Catch::Contains("chưa đạt chỉ tiêu"));
  CHECK_THAT(html, Catch::Contains("Tỷ lệ giải quyết đúng hạn ≥ 90,0%"));
  CHECK_THAT(html, Catch::Contains("điểm %"));
  const std::string text = visible_text(html);
  // No id, raw CSV header or English word reaches the reader (the scenario's own name aside).
  const std::string words = std::regex_replace(text, std::regex("Two communes \\(test\\)"), " ");
  CHECK_FALSE(std::regex_search(words, std::regex("[A-Za-z]+_[A-Za-z_]+")));
  for (const char* english : {"the", "and", "of", "with", "Current", "Recommended", "Officers",
                              "mean", "interval", "Target", "true", "false", "days", "finance"}) {
    INFO(english);
    CHECK_FALSE(std::regex_search(words, std::regex(std::string("\\b") + english + "\\b")));
  }
  // Decimal commas: no "81.6%" nor "0.8160".
  CHECK_FALSE(std::regex_search(words, std::regex("[0-9]\\.[0-9]+ ?%")));
  CHECK_FALSE(std::regex_search(words, std::regex("0\\.[0-9]{3,}")));
  CHECK(words.find("tài chính") != std::string::npos);  // the finance position, by name
}

TEST_CASE("a staff result's cost column appears in the unit's report") {
  const fs::path folder = one_unit_staff_folder("html_report_staff_unit_cost", true);
  const std::string vi = analysis::build_html_report(folder, analysis::ReportLanguage::kVietnamese);
  CHECK_THAT(vi, Catch::Contains("Chi phí/năm (đồng)"));
  CHECK_THAT(vi, Catch::Contains("12.345.678"));
  CHECK(vi.find("Chi phí: chưa có") == std::string::npos);
  const std::string en = analysis::build_html_report(folder, analysis::ReportLanguage::kEnglish);
  CHECK_THAT(en, Catch::Contains("<h1>Staffing request: Xã Phú Hòa</h1>"));
  CHECK_THAT(en, Catch::Contains("12,345,678"));
  CHECK_THAT(en, Catch::Contains("1 more one-stop desk officer (1 → 2)"));
  CHECK(en.find("Kết luận") == std::string::npos);
}

TEST_CASE("a run folder seen from one unit, and a scope that names no unit") {
  const fs::path folder = small_run_folder("html_report_run_unit");
  const std::string html =
      analysis::build_html_report(folder, analysis::ReportLanguage::kVietnamese, "unit:phu_hoa");
  CHECK_THAT(html, Catch::Contains("<h1>Báo cáo đơn vị: Xã Phú Hòa</h1>"));
  CHECK(html.find("Kết luận") < html.find("Bối cảnh toàn tỉnh"));
  CHECK(html.find("Diễn biến tồn đọng: Xã Phú Hòa") < html.find("Bối cảnh toàn tỉnh"));
  // By name, without diacritics' case mattering.
  CHECK_NOTHROW(
      analysis::build_html_report(folder, analysis::ReportLanguage::kEnglish, "xã phú hòa"));
  CHECK_THROWS_AS(
      analysis::build_html_report(folder, analysis::ReportLanguage::kEnglish, "unit:nowhere"),
      analysis::ReportError);
}
