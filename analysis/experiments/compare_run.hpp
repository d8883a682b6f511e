// Running a comparison: the base and every alternative, replications 0..N-1 each, with common
// random numbers (the caller gives every spec the same seed), then the paired rows of
// analysis/experiments/scenario_comparison.hpp. Bit-identical for any thread count (each scenario's
// replications go through run_experiment, ordered by index).
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "analysis/experiments/scenario_comparison.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

class ReplicationExecutor;

struct CompareOptions {
  int replications = 10;  // N, >= 2 for intervals
  int threads = 0;        // 0 = all hardware threads
  double confidence = 0.95;
  bool progress = false;
  // Where the replications run (e.g. a checkpointing executor); nullptr: threads here.
  ReplicationExecutor* executor = nullptr;
  std::ostream* log = nullptr;  // "scenario 2/3 done: <name>" after each scenario, if given
};

struct CompareRun {
  std::vector<std::string> names;  // scenario names, base first (made unique: " (2)", ...)
  std::vector<std::vector<model::ReplicationResult>> results;  // [scenario][replication]
  std::vector<ComparisonRow> rows;
  double wall_seconds = 0.0;
};

// specs[0] is the base. REQUIRES: specs.size() >= 2, options.replications >= 1.
CompareRun run_comparison(std::span<const model::ModelSpec> specs, const CompareOptions& options);

}  // namespace twotier::analysis
