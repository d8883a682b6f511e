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
inline constexpr const char* kStaffingCsvHeader =
    "unit,position,current,recommended,change,kpi_before,kpi_after,kpi_after_ci_low,"
    "kpi_after_ci_high,kpi_scope,kpi_metric";
inline constexpr const char* kTargetsCsvHeader =
    "scope,target,before_mean,before_ci_low,before_ci_high,after_mean,after_ci_low,"
    "after_ci_high,met_before,met_after";

// The plain-language summary ("Xã Phú Hòa (phu_hoa) needs 1 more land officer ...", or in
// Vietnamese "Xã Phú Hòa (phu_hoa) cần thêm 1 cán bộ vị trí land ...").
std::string staffing_summary_text(const model::ModelSpec& spec, const StaffingRecommendation& rec,
                                  double confidence,
                                  ReportLanguage language = ReportLanguage::kEnglish);

// Writes every file named above into `folder` (created); summary.txt in `language`.
// `command_line` is recorded in the confirmation runs' metadata.
void write_staffing_outputs(const std::filesystem::path& folder, const model::ModelSpec& spec,
                            const StaffingRecommendation& rec, double confidence,
                            const std::string& command_line,
                            ReportLanguage language = ReportLanguage::kEnglish);

}  // namespace twotier::analysis
