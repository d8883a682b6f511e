// results.xlsx: the workbook is a valid zip of the parts Excel expects, sheet names are made
// acceptable and unique, Vietnamese names and numbers are stored as given with their formats,
// and a run's workbook holds a wide sheet per scope kind with unit names.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/results_workbook.hpp"
#include "analysis/results/xlsx_workbook.hpp"
#include "tests/support/synthetic_results.hpp"
#include "tests/support/zip_entries.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / "twotier_test_xlsx" / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

}  // namespace

TEST_CASE("a workbook stores its sheets, Vietnamese texts and formatted numbers as given",
          "[outputs][xlsx]") {
  const fs::path file = scratch("plain") / "book.xlsx";
  analysis::WorkbookSheet units;
  units.name = "Units";
  units.notes = {"Đồng Nai baseline"};
  units.columns = {{"unit", analysis::CellFormat::kText, 12},
                   {"name", analysis::CellFormat::kText, 20},
                   {"on time", analysis::CellFormat::kPercent, 10},
                   {"backlog", analysis::CellFormat::kCount, 10}};
  units.rows = {{"phu_hoa", "Xã Phú Hòa", 0.953, 12.4},
                {"phuoc_tan", "Phường Phước Tân", std::nan(""), 7.0}};
  analysis::WorkbookSheet other;
  other.name = "a/b:c";
  other.columns = {{"x", analysis::CellFormat::kDecimal, 5}};
  other.rows = {{1.5}};
  const std::vector<analysis::WorkbookSheet> sheets = {units, other};
  analysis::write_workbook(file, sheets);

  REQUIRE(fs::exists(file));
  CHECK_FALSE(fs::exists(analysis::temporary_path_for(file)));
  const auto parts = test::read_zip_entries(file);
  for (const char* part :
       {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml",
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"})
    CHECK(parts.count(part) == 1);
  const std::string& workbook = parts.at("xl/workbook.xml");
  CHECK(workbook.find("name=\"Units\"") != std::string::npos);
  CHECK(workbook.find("name=\"a-b-c\"") != std::string::npos);
  const std::string& strings = parts.at("xl/sharedStrings.xml");
  CHECK(strings.find("Xã Phú Hòa") != std::string::npos);
  CHECK(strings.find("Phường Phước Tân") != std::string::npos);
  CHECK(strings.find("Đồng Nai baseline") != std::string::npos);
  const std::string& sheet1 = parts.at("xl/worksheets/sheet1.xml");
  CHECK(sheet1.find("<v>0.953</v>") != std::string::npos);
  CHECK(sheet1.find("<v>12.4</v>") != std::string::npos);
  CHECK(sheet1.find("<pane ") != std::string::npos);        // the header row stays in view
  CHECK(sheet1.find("<autoFilter ") != std::string::npos);  // and filters every column
  const std::string& styles = parts.at("xl/styles.xml");
  CHECK(styles.find("formatCode=\"0.0%\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"#,##0\"") != std::string::npos);

  SECTION("the same content gives the same bytes (no clock in the file)") {
    const fs::path again = file.parent_path() / "again.xlsx";
    analysis::write_workbook(again, sheets);
    CHECK(test::read_zip_entries(again) == parts);
  }
}

TEST_CASE("sheet names are shortened to Excel's 31 letters, cleaned and made unique",
          "[outputs][xlsx]") {
  CHECK(analysis::workbook_sheet_name("Province and tiers") == "Province and tiers");
  CHECK(analysis::workbook_sheet_name("x[1]*?") == "x-1---");
  CHECK(analysis::workbook_sheet_name("") == "sheet");
  // 31 letters, not 31 bytes: Vietnamese letters are whole.
  const std::string long_name =
      analysis::workbook_sheet_name("Phường Phước Tân và Xã Phú Hòa cùng các đơn vị khác");
  CHECK(long_name == "Phường Phước Tân và Xã Phú Hòa ");

  const fs::path file = scratch("names") / "book.xlsx";
  std::vector<analysis::WorkbookSheet> sheets(2);
  sheets[0].name = sheets[1].name = "Units";
  analysis::write_workbook(file, sheets);
  const std::string workbook = test::read_zip_entries(file).at("xl/workbook.xml");
  CHECK(workbook.find("name=\"Units\"") != std::string::npos);
  CHECK(workbook.find("name=\"Units (2)\"") != std::string::npos);
}

TEST_CASE("a workbook that cannot be written throws and leaves nothing behind", "[outputs][xlsx]") {
  const fs::path folder = scratch("failure");
  const fs::path blocker = folder / "not_a_folder";
  { std::ofstream(blocker) << "x"; }
  std::vector<analysis::WorkbookSheet> sheets(1);
  CHECK_THROWS(analysis::write_workbook(blocker / "book.xlsx", sheets));
  CHECK(fs::is_regular_file(blocker));
}

TEST_CASE(
    "a run's workbook has a wide sheet per scope kind with names, the monthly report "
    "and staffing",
    "[outputs][xlsx]") {
  const auto results = test::synthetic_results(4);
  analysis::RunMetadata metadata;
  metadata.scenario_name = "synthetic";
  metadata.replications = 4;
  metadata.unit_ids = {"a", "b"};
  metadata.unit_names = {"Xã Phú Hòa", "Phường Phước Tân"};
  metadata.position_labels = test::synthetic_position_labels();
  metadata.position_officers = {3, 2};
  const auto summary = analysis::summarize(results, metadata.position_labels, 0.95);
  const auto monthly = analysis::mean_monthly_report(results);

  const auto sheets = analysis::scope_sheets(summary, metadata);
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].name == "Province and tiers");
  CHECK(sheets[0].rows.size() == 3);
  CHECK(sheets[1].name == "Units");
  REQUIRE(sheets[1].rows.size() == 2);
  const auto& phu_hoa = sheets[1].rows[0];
  CHECK(std::get<std::string>(phu_hoa[0].value) == "a");
  CHECK(std::get<std::string>(phu_hoa[1].value) == "Xã Phú Hòa");
  // Columns: id, name, then (mean, low, high) per headline metric; on-time is the third.
  REQUIRE(sheets[1].columns.size() == 2 + 3 * analysis::headline_metrics().size());
  CHECK(sheets[1].columns[2 + 3 * 2].title == "on time");
  CHECK(sheets[1].columns[2 + 3 * 2].format == analysis::CellFormat::kPercent);
  const auto* on_time = analysis::find_row(summary, "unit:a", "on_time_rate");
  REQUIRE(on_time != nullptr);
  CHECK(std::get<double>(phu_hoa[2 + 3 * 2].value) == on_time->estimate.mean);
  CHECK(std::get<double>(phu_hoa[2 + 3 * 2 + 1].value) == on_time->estimate.ci_low);

  CHECK(analysis::metric_cell_format("processing_workdays_mean") == analysis::CellFormat::kDecimal);
  CHECK(analysis::metric_cell_format("time_in_system_days_mean") == analysis::CellFormat::kDecimal);
  CHECK(analysis::metric_cell_format("backlog_end") == analysis::CellFormat::kCount);
  CHECK(analysis::metric_cell_format("online_share") == analysis::CellFormat::kPercent);

  const auto staffing = analysis::staffing_sheet(metadata, results);
  REQUIRE(staffing.rows.size() == 2);
  CHECK(std::get<std::string>(staffing.rows[1][1].value) == "Phường Phước Tân");
  CHECK(std::get<double>(staffing.rows[1][3].value) == 2.0);

  const fs::path file = scratch("run") / analysis::kResultsWorkbookName;
  analysis::write_run_workbook(file, metadata, results, summary, monthly);
  const auto parts = test::read_zip_entries(file);
  const std::string& workbook = parts.at("xl/workbook.xml");
  for (const char* name : {"Province and tiers", "Units", "Monthly report", "Staffing", "Run"})
    CHECK(workbook.find("name=\"" + std::string(name) + "\"") != std::string::npos);
  CHECK(parts.at("xl/sharedStrings.xml").find("Xã Phú Hòa") != std::string::npos);
}
