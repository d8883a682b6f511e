// results.xlsx of a run: the same results as the CSVs, laid out for people. A wide sheet per
// kind of scope (province and tiers, units, domains, procedures: one row per scope with its
// name and the headline KPIs, each with its interval), the monthly report with unit names,
// staffing (officers and utilisation per position) and how the run was made. Rates show as
// percentages, counts rounded; the CSVs keep the contract (long format, ids, fractions, full
// precision: docs/output-format.md). Sheet builders are pure, so other commands' workbooks
// (compare, staff) reuse them.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/results/monthly_report_csv.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/xlsx_workbook.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/replication_result.hpp"

namespace twotier::analysis {

inline constexpr const char* kResultsWorkbookName = "results.xlsx";

// The KPIs a person looks at first, in the order the wide sheets show them.
std::span<const std::string_view> headline_metrics();

// How a KPI reads: a rate as a percentage, a count rounded, days and hours with decimals.
CellFormat metric_cell_format(std::string_view metric);

// A short English heading for a KPI ("on-time rate"); the metric name when it has none.
std::string metric_heading(std::string_view metric);

// The name of a scope for people: a unit's or procedure's name from `metadata`, "Province",
// "Commune tier", "Land" (domain); the scope itself otherwise.
std::string scope_display_name(std::string_view scope, const RunMetadata& metadata);

// One wide sheet per scope kind present in `summary` (province with tiers, units, domains,
// procedures), one row per scope: its id, its name, then mean, low and high of each headline
// KPI. `replications` and metadata.confidence go in the sheet's note.
std::vector<WorkbookSheet> scope_sheets(std::span<const SummaryRow> summary,
                                        const RunMetadata& metadata);

WorkbookSheet monthly_report_sheet(std::span<const MonthlyMeanRow> rows,
                                   const RunMetadata& metadata);

// Per position: unit id and name, position, officers, utilisation and overtime with intervals.
WorkbookSheet staffing_sheet(const RunMetadata& metadata,
                             std::span<const model::ReplicationResult> results);

// "95%" for a confidence or prediction level ("97.5%" where a decimal is needed).
std::string level_text(double level);
// "3", "0.25": a plain number for a note, as short as it is exact to 6 digits.
std::string number_text(double value);

// A two-column sheet saying how a book was made: one (what, value) row each.
WorkbookSheet about_sheet(std::string name, std::vector<std::pair<std::string, std::string>> rows);

// Scenario, seed, replications, start date, warm-up, command line: a two-column sheet.
WorkbookSheet run_information_sheet(const RunMetadata& metadata);

// DIR/results.xlsx of `twotier run`: the sheets above, written atomically.
void write_run_workbook(const std::filesystem::path& file, const RunMetadata& metadata,
                        std::span<const model::ReplicationResult> results,
                        std::span<const SummaryRow> summary,
                        std::span<const MonthlyMeanRow> monthly);

}  // namespace twotier::analysis
