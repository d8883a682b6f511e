#include "analysis/results/results_workbook.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>  // std::snprintf
#include <utility>

#include "analysis/results/utilisation_csv.hpp"

namespace twotier::analysis {

namespace {

constexpr std::array<std::string_view, 9> kHeadlineMetrics = {"arrivals",
                                                              "completed",
                                                              "on_time_rate",
                                                              "processing_workdays_mean",
                                                              "processing_workdays_p90",
                                                              "time_in_system_days_mean",
                                                              "backlog_mean",
                                                              "backlog_end",
                                                              "overdue_open_end"};

struct ScopeKind {
  std::string_view prefix;  // "unit:"; "" for "province"
  const char* sheet;
  const char* id_heading;
};

// Province and tiers share a sheet: four rows that read together.
constexpr std::array<ScopeKind, 5> kScopeKinds = {{{"", "Province and tiers", "scope"},
                                                   {"tier:", "Province and tiers", "scope"},
                                                   {"unit:", "Units", "unit"},
                                                   {"domain:", "Domains", "domain"},
                                                   {"procedure:", "Procedures", "procedure"}}};

const ScopeKind* kind_of(std::string_view scope) {
  if (scope == "province") return &kScopeKinds[0];
  for (std::size_t k = 1; k < kScopeKinds.size(); ++k)
    if (scope.substr(0, kScopeKinds[k].prefix.size()) == kScopeKinds[k].prefix)
      return &kScopeKinds[k];
  return nullptr;  // position:... (staffing sheet) and anything new
}

std::string name_in(std::string_view id, std::span<const std::string> ids,
                    std::span<const std::string> names) {
  for (std::size_t i = 0; i < ids.size() && i < names.size(); ++i)
    if (ids[i] == id) return names[i];
  return std::string(id);
}

}  // namespace

std::span<const std::string_view> headline_metrics() {
  return kHeadlineMetrics;
}

CellFormat metric_cell_format(std::string_view metric) {
  if (metric.ends_with("_rate") || metric.ends_with("_share") ||
      metric.starts_with("utilization") || metric == "little_law_gap")
    return CellFormat::kPercent;
  if (metric.find("days") != std::string_view::npos ||
      metric.find("hours") != std::string_view::npos ||
      metric.find("_per_") != std::string_view::npos)  // a ratio such as transfers_per_dossier
    return CellFormat::kDecimal;
  return CellFormat::kCount;
}

std::string metric_heading(std::string_view metric) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kHeadings = {{
      {"arrivals", "dossiers received"},
      {"completed", "dossiers completed"},
      {"on_time_rate", "on time"},
      {"processing_workdays_mean", "processing (working days, mean)"},
      {"processing_workdays_p90", "processing (working days, 90th pct)"},
      {"time_in_system_days_mean", "time to result (days, mean)"},
      {"backlog_mean", "backlog (mean)"},
      {"backlog_end", "backlog at the horizon"},
      {"overdue_open_end", "overdue at the horizon"},
      {"transfers_per_dossier", "transfers per dossier"},
      {"transfer_days_mean", "days in transfer (mean)"},
      {"utilization_commune", "utilisation, commune tier"},
      {"utilization_province", "utilisation, province tier"},
      {"province_on_time_rate", "on time, whole province"},
  }};
  for (const auto& [name, heading] : kHeadings)
    if (name == metric) return std::string(heading);
  return std::string(metric);
}

std::string scope_display_name(std::string_view scope, const RunMetadata& metadata) {
  if (scope == "province") return "Province";
  if (scope == "tier:commune") return "Commune tier";
  if (scope == "tier:province") return "Province tier";
  if (scope.starts_with("unit:"))
    return name_in(scope.substr(5), metadata.unit_ids, metadata.unit_names);
  if (scope.starts_with("procedure:"))
    return name_in(scope.substr(10), metadata.procedure_ids, metadata.procedure_names);
  if (scope.starts_with("domain:")) return std::string(scope.substr(7));
  return std::string(scope);
}

std::vector<WorkbookSheet> scope_sheets(std::span<const SummaryRow> summary,
                                        const RunMetadata& metadata) {
  std::vector<WorkbookSheet> sheets;
  std::vector<std::string> scopes;  // in summary order, each once
  for (const SummaryRow& row : summary)
    if (scopes.empty() || scopes.back() != row.scope) scopes.push_back(row.scope);

  for (const std::string& scope : scopes) {
    const ScopeKind* kind = kind_of(scope);
    if (kind == nullptr) continue;
    auto sheet = std::find_if(sheets.begin(), sheets.end(),
                              [&](const WorkbookSheet& s) { return s.name == kind->sheet; });
    if (sheet == sheets.end()) {
      WorkbookSheet fresh;
      fresh.name = kind->sheet;
      fresh.notes = {metadata.scenario_name,
                     "Mean over " + std::to_string(metadata.replications) +
                         " replications, with the " + percent_text(metadata.confidence, 0) +
                         " confidence interval (low, high). Full precision, by id: summary.csv."};
      fresh.columns = {{kind->id_heading, CellFormat::kText, 16}, {"name", CellFormat::kText, 28}};
      for (const std::string_view metric : kHeadlineMetrics) {
        const CellFormat format = metric_cell_format(metric);
        const std::string heading = metric_heading(metric);
        fresh.columns.push_back({heading, format, 12});
        fresh.columns.push_back({heading + " low", format, 9});
        fresh.columns.push_back({heading + " high", format, 9});
      }
      sheets.push_back(std::move(fresh));
      sheet = sheets.end() - 1;
    }
    const std::size_t colon = scope.find(':');
    std::vector<WorkbookCell> cells = {
        colon == std::string::npos || kind->prefix == "tier:" ? scope : scope.substr(colon + 1),
        scope_display_name(scope, metadata)};
    for (const std::string_view metric : kHeadlineMetrics) {
      if (const SummaryRow* row = find_row(summary, scope, metric)) {
        cells.insert(cells.end(),
                     {row->estimate.mean, row->estimate.ci_low, row->estimate.ci_high});
      } else {
        cells.insert(cells.end(), {WorkbookCell(), WorkbookCell(), WorkbookCell()});
      }
    }
    sheet->rows.push_back(std::move(cells));
  }
  return sheets;
}

WorkbookSheet monthly_report_sheet(std::span<const MonthlyMeanRow> rows,
                                   const RunMetadata& metadata) {
  WorkbookSheet sheet;
  sheet.name = "Monthly report";
  sheet.notes = {"The official monthly report per unit: each figure is the mean over " +
                 std::to_string(metadata.replications) +
                 " replications, rounded (monthly_report.csv has the exact means)."};
  sheet.columns = {{"unit", CellFormat::kText, 16},
                   {"name", CellFormat::kText, 28},
                   {"year", CellFormat::kInteger, 6},
                   {"month", CellFormat::kInteger, 6}};
  for (const std::string_view name : kMonthlyCountNames)
    sheet.columns.push_back({std::string(name), CellFormat::kCount, 12});
  for (const MonthlyMeanRow& row : rows) {
    const auto unit = static_cast<std::size_t>(row.unit);
    std::vector<WorkbookCell> cells = {
        unit < metadata.unit_ids.size() ? metadata.unit_ids[unit] : std::to_string(row.unit),
        unit < metadata.unit_names.size() ? metadata.unit_names[unit] : std::string(),
        static_cast<double>(row.year), static_cast<double>(row.month)};
    for (const double mean : row.mean)
      cells.emplace_back(mean);
    sheet.rows.push_back(std::move(cells));
  }
  return sheet;
}

WorkbookSheet staffing_sheet(const RunMetadata& metadata,
                             std::span<const model::ReplicationResult> results) {
  WorkbookSheet sheet;
  sheet.name = "Staffing";
  sheet.notes = {
      "Officers per position at the start, their utilisation (busy / present working "
      "time) and the overtime that would have been needed, with " +
      percent_text(metadata.confidence, 0) + " intervals (utilisation.csv)."};
  sheet.columns = {
      {"unit", CellFormat::kText, 16},           {"name", CellFormat::kText, 28},
      {"position", CellFormat::kText, 14},       {"officers", CellFormat::kInteger, 9},
      {"utilisation", CellFormat::kPercent, 11}, {"low", CellFormat::kPercent, 8},
      {"high", CellFormat::kPercent, 8},         {"overtime hours", CellFormat::kDecimal, 10},
      {"low", CellFormat::kDecimal, 8},          {"high", CellFormat::kDecimal, 8}};
  for (const UtilisationRow& row : utilisation_rows(metadata, results)) {
    sheet.rows.push_back({row.unit, name_in(row.unit, metadata.unit_ids, metadata.unit_names),
                          row.position, static_cast<double>(row.officers), row.utilisation.mean,
                          row.utilisation.ci_low, row.utilisation.ci_high, row.overtime_hours.mean,
                          row.overtime_hours.ci_low, row.overtime_hours.ci_high});
  }
  return sheet;
}

std::string level_text(double level) {
  return percent_text(level, std::abs(100.0 * level - std::round(100.0 * level)) < 1e-9 ? 0 : 1);
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

WorkbookSheet about_sheet(std::string name, std::vector<std::pair<std::string, std::string>> rows) {
  WorkbookSheet sheet;
  sheet.name = std::move(name);
  sheet.columns = {{"", CellFormat::kText, 24}, {"value", CellFormat::kText, 80}};
  for (auto& [what, value] : rows)
    sheet.rows.push_back({std::move(what), std::move(value)});
  return sheet;
}

WorkbookSheet run_information_sheet(const RunMetadata& metadata) {
  WorkbookSheet sheet;
  sheet.name = "Run";
  sheet.columns = {{"", CellFormat::kText, 22}, {"", CellFormat::kPrecise, 80}};
  sheet.rows = {
      {"scenario", metadata.scenario_name},
      {"seed", std::to_string(metadata.seed)},
      {"replications", static_cast<double>(metadata.replications)},
      {"first replication", static_cast<double>(metadata.first_replication)},
      {"confidence", percent_text(metadata.confidence, 0)},
      {"start date", metadata.start_date},
      {"warm-up", metadata.warmup_method + ", " +
                      std::to_string(static_cast<long long>(metadata.warmup_days)) + " days"},
      {"command", metadata.command_line}};
  sheet.columns[0].title = "run";
  sheet.columns[1].title = "value";
  return sheet;
}

void write_run_workbook(const std::filesystem::path& file, const RunMetadata& metadata,
                        std::span<const model::ReplicationResult> results,
                        std::span<const SummaryRow> summary,
                        std::span<const MonthlyMeanRow> monthly) {
  std::vector<WorkbookSheet> sheets = scope_sheets(summary, metadata);
  sheets.push_back(monthly_report_sheet(monthly, metadata));
  sheets.push_back(staffing_sheet(metadata, results));
  sheets.push_back(run_information_sheet(metadata));
  write_workbook(file, sheets);
}

}  // namespace twotier::analysis
