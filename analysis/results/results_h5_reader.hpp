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

}  // namespace twotier::analysis
