// utilisation.csv: per unit and position, the mean over replications (with its interval) of
// the officers' utilisation (busy / present working time) and of the overtime that would
// have been needed (hours of mean effort queued on a working day and not started by its
// close; docs/model-runtime.md), and, with secondary skills, of the hours worked outside the
// main skills. Pure formatting of finished results; call from one thread.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "analysis/results/run_metadata.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/replication_result.hpp"

namespace twotier::analysis {

inline constexpr const char* kUtilisationCsvName = "utilisation.csv";
inline constexpr const char* kUtilisationCsvHeader =
    "unit,position,officers,utilisation,utilisation_ci_low,utilisation_ci_high,overtime_hours,"
    "overtime_hours_ci_low,overtime_hours_ci_high,n";
// Inserted before ",n" when the scenario has secondary skills (ReplicationResult::
// position_help_hours not empty): the hours worked outside the main skills.
inline constexpr const char* kUtilisationCsvHelpColumns =
    "help_hours,help_hours_ci_low,help_hours_ci_high";
// Inserted before ",n" after the help columns when some unit reviews its cross-trained officers
// ([staff] reassign_days; ReplicationResult::position_reassignments not empty): the chair's
// moves of the position's officers.
inline constexpr const char* kUtilisationCsvReassignColumns =
    "reassignments,reassignments_ci_low,reassignments_ci_high";
// Inserted before ",n" (after the help and reassignment columns) when the scenario has an
// [overtime] policy
// (ReplicationResult::position_overtime_worked_hours not empty): hours worked past closing and
// their cost (hours x the policy's rate; empty where the position has no policy).
inline constexpr const char* kUtilisationCsvOvertimeColumns =
    "overtime_worked_hours,overtime_worked_hours_ci_low,overtime_worked_hours_ci_high,"
    "overtime_cost,overtime_cost_ci_low,overtime_cost_ci_high";

// The estimates behind one row of utilisation.csv.
struct UtilisationRow {
  std::string unit;      // unit id
  std::string position;  // position id within the unit
  int officers = 0;      // at the start (positions.csv)
  MeanEstimate utilisation;
  MeanEstimate overtime_hours;
  // Hours worked outside the main skill (secondary skills); only when some position has them.
  std::optional<MeanEstimate> help_hours;
  // The chair's moves of its officers; only when some unit reviews ([staff] reassign_days).
  std::optional<MeanEstimate> reassignments;
  // Overtime worked past closing and its cost; only when some position has a policy.
  std::optional<MeanEstimate> overtime_worked_hours;
  std::optional<MeanEstimate> overtime_cost;
};

// One row per position of metadata.position_labels, in position order.
// REQUIRES: every result has position_labels.size() utilisation and overtime values.
std::vector<UtilisationRow> utilisation_rows(const RunMetadata& metadata,
                                             std::span<const model::ReplicationResult> results);

// One row per position of metadata.position_labels, in position order.
// REQUIRES: every result has position_labels.size() utilisation and overtime values.
void write_utilisation_csv(std::ostream& out, const RunMetadata& metadata,
                           std::span<const model::ReplicationResult> results);
void write_utilisation_csv(const std::filesystem::path& file, const RunMetadata& metadata,
                           std::span<const model::ReplicationResult> results);

}  // namespace twotier::analysis
