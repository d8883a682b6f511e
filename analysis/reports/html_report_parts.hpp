// Internal to the HTML report (html_report*.cpp): the labels and formatting every section uses
// (html_report_format.cpp), the sections of a run folder (html_report_run.cpp), which the staff
// and compare reports reuse, and the bodies of experiment folders (html_report_experiments.cpp).
// html_report.cpp picks the body for a folder and wraps it in the page.
#pragma once

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <functional>
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

// Human names of CSV columns, scopes, domains, positions and targets ("on_time_rate>=0.9" →
// "On-time rate ≥ 90.0%"), never the raw id where a name is known.
std::string column_label(const Labels& l, const std::string& column);
using UnitNames = std::function<std::string(const std::string&)>;  // unit id → name
std::string scope_label(const Labels& l, const std::string& scope, const UnitNames& unit_names);
std::string domain_name(const Labels& l, const std::string& domain);
std::string target_label(const Labels& l, const std::string& target);

// ---- Formatting (numbers through Labels: l.num, l.pct, l.points)
// Rates and shares (stored as fractions, shown as percentages).
bool is_rate(const std::string& metric);
std::string e(const std::string& text);  // HTML-escaped
std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, const std::string& cls = "");
std::string section(const std::string& id, const std::string& title, const std::string& body);
// A CSV file as a table for people: headers, metrics, scopes, units and positions by name,
// rates as percentages and their differences in points, yes/no; at most max_rows rows.
std::string csv_table(const Labels& l, const CsvRecords& csv, std::size_t max_rows = 500,
                      const UnitNames& unit_names = {});
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
  double n = 0;  // replications defining it; below 2 the bounds are the mean, not an interval
  bool has_interval() const { return n >= 2; }
};
Estimate find(const RunFiles& run, const std::string& scope, const std::string& metric);
extern const std::vector<std::string> kHeadlineMetrics;
std::string unit_name(const RunFiles& run, const std::string& id);  // the id when unknown
// Index of unit `id` in results.unit_ids; unit_ids.size() when absent.
std::size_t unit_index(const ResultsFileSummary& results, const std::string& id);
std::string procedure_name(const RunFiles& run, const std::string& id);
std::string description_section(const Labels& l, const RunFiles& run);
std::string headline_section(const Labels& l,
                             const std::vector<std::pair<std::string, const RunFiles*>>& runs,
                             const std::string& scope);
// The daily backlog and overdue stock with bands: the province's, or one unit's (`unit` = id).
std::string trajectory_section(const Labels& l,
                               const std::vector<std::pair<std::string, const RunFiles*>>& runs,
                               const std::string& unit = "");
// Every unit's on-time rate; with `unit`, that unit highlighted and its rank said.
std::string ranking_section(const Labels& l, const RunFiles& run, const std::string& unit = "");
std::string utilisation_section(const Labels& l, const RunFiles& run);
std::string processing_section(const Labels& l, const RunFiles& run);
// The official monthly report rows: province totals, or one unit's (`unit` = id).
std::string monthly_section(const Labels& l, const RunFiles& run, const std::string& unit = "",
                            const std::string& title_suffix = "");
std::string run_body(const Labels& l, const RunFiles& run);

// ---- A report's title and body (html_report.cpp wraps them in the page)
struct ReportBody {
  std::string title;
  std::string html;
};
UnitNames unit_names_of(const RunFiles& run);  // `run` must outlive the result

// ---- One unit first, or a staff folder (html_report_unit.cpp)
// A staff folder: for one unit (`unit`, or the only unit scope of targets.csv) the unit first
// and the province as context; else the province's or every commune's recommendation.
ReportBody staff_report(const Labels& l, const std::filesystem::path& folder,
                        const std::string& unit = "");
// A run folder seen from one unit (`twotier report DIR --scope unit:ID`).
ReportBody unit_run_report(const Labels& l, const RunFiles& run, const std::string& unit);

// ---- Experiment folders (html_report_experiments.cpp)
std::string compare_body(const Labels& l, const std::filesystem::path& folder);
std::string sweep_body(const Labels& l, const std::filesystem::path& folder);
std::string delegation_body(const Labels& l, const std::filesystem::path& folder);

}  // namespace twotier::analysis::report_parts
