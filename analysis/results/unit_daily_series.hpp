// One unit's daily backlog and overdue stock per replication, read from DIR/results.h5
// (/replications/daily, docs/output-format.md), for a trajectory with bands across
// replications (the workbench's unit page). Not thread-safe (serial HDF5): call from one thread
// at a time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace twotier::analysis {

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
