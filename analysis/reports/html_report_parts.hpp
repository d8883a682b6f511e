// Internal to the HTML report (html_report*.cpp): the labels and formatting every section uses
// (html_report_format.cpp), the sections of a run folder (html_report_run.cpp), which the staff
// and compare reports reuse, and the bodies of experiment folders (html_report_experiments.cpp).
// html_report.cpp picks the body for a folder and wraps it in the page.
#pragma once

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/reports/report_labels.hpp"
#include "analysis/results/csv_records.hpp"
#include "analysis/results/results_h5_reader.hpp"

namespace twotier::analysis::report_parts {

// ---- Labels
std::string metric_label(const Labels& l, const std::string& metric);
// Official monthly report rows, in MonthlyReportRow order: (row key, (English, Vietnamese)).
const std::vector<std::pair<std::string, std::pair<const char*, const char*>>>& monthly_rows();

// ---- Formatting
bool is_rate(const std::string& metric);
// A number for reading: "–" for NaN; a percentage with one decimal; else `decimals` places, or
// (decimals < 0) 0, 1 or 2 places by magnitude.
std::string fmt(double v, bool percent = false, int decimals = -1);
std::string e(const std::string& text);  // HTML-escaped
std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, const std::string& cls = "");
std::string section(const std::string& id, const std::string& title, const std::string& body);
// A CSV file as a table, long fractional numbers shortened, at most max_rows rows.
std::string csv_table(const CsvRecords& csv, std::size_t max_rows = 500);
std::string read_text(const std::filesystem::path& file);

// ---- Run folders (html_report_run.cpp)
struct RunFiles {
  std::filesystem::path folder;
  std::optional<CsvRecords> summary;
  std::optional<CsvRecords> monthly;
  std::optional<ResultsFileSummary> results;
};
RunFiles read_run(const std::filesystem::path& folder);
struct Estimate {
  double mean = std::nan(""), low = std::nan(""), high = std::nan("");
};
Estimate find(const RunFiles& run, const std::string& scope, const std::string& metric);
extern const std::vector<std::string> kHeadlineMetrics;
std::string unit_name(const RunFiles& run, const std::string& id);
std::string description_section(const Labels& l, const RunFiles& run);
std::string headline_section(const Labels& l,
                             const std::vector<std::pair<std::string, const RunFiles*>>& runs,
                             const std::string& scope);
std::string trajectory_section(const Labels& l,
                               const std::vector<std::pair<std::string, const RunFiles*>>& runs);
std::string ranking_section(const Labels& l, const RunFiles& run);
std::string utilisation_section(const Labels& l, const RunFiles& run);
std::string processing_section(const Labels& l, const RunFiles& run);
std::string monthly_section(const Labels& l, const RunFiles& run);
std::string run_body(const Labels& l, const RunFiles& run);

// ---- Experiment folders (html_report_experiments.cpp)
std::string staff_body(const Labels& l, const std::filesystem::path& folder);
std::string compare_body(const Labels& l, const std::filesystem::path& folder);
std::string sweep_body(const Labels& l, const std::filesystem::path& folder);
std::string delegation_body(const Labels& l, const std::filesystem::path& folder);

}  // namespace twotier::analysis::report_parts
