// results.xlsx of the commands that compare staffings or scenarios, laid out for people beside
// their CSV contracts (which stay as docs/output-format.md defines them):
// - compare: a compact view of the province and tiers (headline KPIs: base, alternative,
//   difference with its interval, significant?), the same per unit with unit names, and how
//   the comparison was made;
// - staff: every position before and after (officers, utilisation with intervals) and every
//   target before and after.
// Rates as percentages, counts rounded, names in full. Written atomically; call from one thread.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "analysis/decisions/staffing_search.hpp"
#include "analysis/experiments/scenario_comparison.hpp"
#include "analysis/results/results_workbook.hpp"
#include "analysis/results/run_metadata.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

// `base`: the base scenario's metadata (unit and procedure names, seed); `names`: scenario
// names, base first (CompareRun::names).
std::vector<WorkbookSheet> comparison_sheets(std::span<const ComparisonRow> rows,
                                             std::span<const std::string> names,
                                             const RunMetadata& base, double confidence);
void write_comparison_workbook(const std::filesystem::path& file,
                               std::span<const ComparisonRow> rows,
                               std::span<const std::string> names, const RunMetadata& base,
                               double confidence);

std::vector<WorkbookSheet> staffing_sheets(const model::ModelSpec& spec,
                                           const StaffingRecommendation& rec, double confidence);
void write_staffing_workbook(const std::filesystem::path& file, const model::ModelSpec& spec,
                             const StaffingRecommendation& rec, double confidence);

}  // namespace twotier::analysis
