// The files and the printed table of `twotier delegation`: delegation.csv (one row per domain,
// option and metric, with the paired difference from the scenario as it is),
// delegation_staffing.csv (officers per tier and the Erlang C estimate: not simulated),
// delegation_costs.csv (officers moved and added, yearly cost, cost per point gained),
// delegation_need.csv (with --need: the officers each option needs, confirmed by the staffing
// search) and delegation_notes.txt (method, and the options left out with their reasons). Formats
// in docs/output-format.md. Files are written through temporary names. Call from one thread.
#pragma once

#include <filesystem>
#include <string>

#include "analysis/decisions/delegation_explorer.hpp"

namespace twotier::analysis {

inline constexpr const char* kDelegationCsvHeader =
    "domain,option,is_current,metric,mean,ci_low,ci_high,diff_mean,diff_ci_low,diff_ci_high,"
    "significant,n,level";
inline constexpr const char* kDelegationStaffingCsvHeader =
    "domain,option,is_current,tier,officers_current,erlang_c_estimate,erlang_c_change,"
    "erlang_c_peak,square_root,pool_officers,level,method,target,target_met,officers_moved";
inline constexpr const char* kDelegationCostsCsvHeader =
    "domain,option,is_current,staff,officers_moved,officers_added,yearly_cost_vnd,"
    "cost_per_point_vnd,cost_per_point_low_vnd,cost_per_point_high_vnd";
inline constexpr const char* kDelegationNeedCsvHeader =
    "domain,option,is_current,need,outcome,positions_searched,officers_now,officers_needed,"
    "officers_total,officers_tried,kpi_now,kpi_now_ci_low,kpi_now_ci_high,kpi_with,"
    "kpi_with_ci_low,kpi_with_ci_high,replications,max_added,yearly_cost_vnd,evaluations,"
    "wall_seconds,added_at";
// The method named in the staffing file and the table.
inline constexpr const char* kDelegationStaffingMethod =
    "analytic: Erlang C per position at the mean offered load";

// "+3 (96.2 [95.4, 97.0])", "0 (met: ...)", "not found within 10", "undecided (...)": an
// option's confirmed need as the table and the workbook show it (percentages for rates).
std::string need_cell(const DelegationNeed& need, const Target& target, int max_added);

// Writes the files into `folder` (created); delegation_need.csv only with a need search.
void write_delegation_outputs(const std::filesystem::path& folder,
                              const DelegationExploration& exploration);

// The readable table printed by the command (one block per domain).
std::string format_delegation_table(const DelegationExploration& exploration);

}  // namespace twotier::analysis
