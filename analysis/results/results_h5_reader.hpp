// Reading back what a report needs from DIR/results.h5 (layout in docs/output-format.md):
// the metadata attributes and the daily series summed over units. Not thread-safe (serial
// HDF5): call from one thread.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace twotier::analysis {

struct ResultsFileSummary {
  std::map<std::string, std::string> metadata;  // every /metadata attribute, as text
  std::vector<std::string> unit_ids;
  std::vector<std::string> unit_names;
  // /procedures (files written before it existed have none: empty).
  std::vector<std::string> procedure_ids;
  std::vector<std::string> procedure_names;
  int replications = 0;
  int days = 0;
  // Province totals per replication and day, [replication][day].
  std::vector<std::vector<double>> backlog;
  std::vector<std::vector<double>> overdue;
};

// Throws std::runtime_error naming the file and dataset on failure.
ResultsFileSummary read_results_summary(const std::filesystem::path& file);

// One unit's daily backlog and overdue stock per replication, for a trajectory with bands
// across replications (the workbench's unit page).
struct UnitDailySeries {
  std::string start_date;                    // ISO date of day 0
  std::vector<std::vector<double>> backlog;  // [replication][day]
  std::vector<std::vector<double>> overdue;  // [replication][day]
};

// `unit_id`: a unit of the file, or "" for the province (summed over units). Throws
// std::runtime_error naming the file, or the unit when the file has no such unit.
UnitDailySeries read_unit_daily_series(const std::filesystem::path& file,
                                       const std::string& unit_id);

}  // namespace twotier::analysis
