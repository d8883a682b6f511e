// The files of `twotier staff` in its output folder: staffing.csv (one row per position whose
// officers change), targets.csv (every target before and after, confirmation replications),
// marginal.csv (budget mode: each extra officer's gain), summary.txt (plain language),
// results.xlsx (every position and target before and after), and the
// confirmation runs of the current and recommended staffing as ordinary run outputs in
// current/ and recommended/ (summary.csv, monthly_report.csv, results.h5). Call from one thread.
#pragma once

#include <filesystem>
#include <string>

#include "analysis/decisions/staffing_search.hpp"
#include "analysis/reports/html_report.hpp"  // ReportLanguage
#include "models/spec.hpp"

namespace twotier::analysis {

inline constexpr const char* kStaffingCsvName = "staffing.csv";
// One row per position the search changed (applied or only tried): status is needed,
// trimmed (both applied in `recommended`), or the group's outcome when not applied
// (not_reached, already_met, undecided); `found` is the staffing the search found.
inline constexpr const char* kStaffingCsvHeader =
    "unit,position,current,recommended,change,found,status,kpi_before,kpi_after,"
    "kpi_after_ci_low,kpi_after_ci_high,kpi_scope,kpi_metric,yearly_cost_vnd";
// One row per judged group (the province, the unit, or each commune): its verdicts and outcome,
// what the change does (paired gain of the first target's metric, points for rates) and costs.
inline constexpr const char* kDecisionsCsvName = "decisions.csv";
inline constexpr const char* kDecisionsCsvHeader =
    "scope,outcome,search_verdict,current_verdict,found_verdict,replications,kpi_metric,"
    "before_mean,before_ci_low,before_ci_high,after_mean,after_ci_low,after_ci_high,added,"
    "removed,applied,gain,gain_ci_low,gain_ci_high,yearly_cost_vnd,cost_per_point_vnd,"
    "cost_per_point_ci_low,cost_per_point_ci_high";
// The recommended staffing as a scenario: positions.csv (every unit's positions, with the
// recommended officers) and scenario.toml, which `extends` the input scenario and names that
// table, so `twotier run` and `twotier compare` take it directly.
inline constexpr const char* kRecommendedScenarioName = "scenario.toml";
inline constexpr const char* kRecommendedPositionsName = "positions.csv";
inline constexpr const char* kTargetsCsvHeader =
    "scope,target,before_mean,before_ci_low,before_ci_high,after_mean,after_ci_low,"
    "after_ci_high,met_before,met_after";

// The plain-language summary ("Xã Phú Hòa (phu_hoa) needs 1 more land officer ...", or in
// Vietnamese "Xã Phú Hòa (phu_hoa) cần thêm 1 cán bộ vị trí land ...").
std::string staffing_summary_text(const model::ModelSpec& spec, const StaffingRecommendation& rec,
                                  double confidence,
                                  ReportLanguage language = ReportLanguage::kEnglish);

// Writes scenario.toml and positions.csv (above) into `folder`: `spec`'s positions with
// `officers` (per ModelSpec::positions entry), extending spec.scenario_file (a relative path
// from `folder`, or absolute when none exists).
void write_recommended_scenario(const std::filesystem::path& folder, const model::ModelSpec& spec,
                                const std::vector<int>& officers, const std::string& command_line);

// Writes every file named above into `folder` (created); summary.txt in `language`.
// `command_line` is recorded in the confirmation runs' metadata.
void write_staffing_outputs(const std::filesystem::path& folder, const model::ModelSpec& spec,
                            const StaffingRecommendation& rec, double confidence,
                            const std::string& command_line,
                            ReportLanguage language = ReportLanguage::kEnglish);

}  // namespace twotier::analysis
