// What the output writers need to know about a run besides the replication results: the
// scenario's identity and text, labels for units and positions, and how the run was made.
// A plain value filled once by the caller (see describe_run) and read by every writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace twotier::model {
struct ModelSpec;
}

namespace twotier::analysis {

struct RunMetadata {
  std::string scenario_name;
  std::string scenario_text;  // the fully resolved scenario (ModelSpec::source_text)
  std::string command_line;   // as typed, for reproducibility
  std::uint64_t seed = 0;
  std::uint64_t first_replication = 0;
  int replications = 0;
  int threads = 0;
  double wall_seconds = 0.0;
  double confidence = 0.95;
  std::string start_date;  // ISO date of the first simulated day
  // Warm-up: "none", "fixed" ([scenario] warmup) or "auto-mser5" (chosen by the command).
  std::string warmup_method = "none";
  double warmup_days = 0.0;
  int warmup_pilot_replications = 0;  // auto-mser5 only
  // --precision r: the target relative half-width (0 when not used) and whether it was met.
  double precision_target = 0.0;
  bool precision_met = false;
  // --trace: a finished TraceTableWriter file whose /trace is copied into results.h5 (empty:
  // no trace table).
  std::filesystem::path trace_table;
  std::string trace_replications = "none";  // which replications /trace holds: none, first, all
  // A unit-focused run (models/focus.hpp): the focused unit's id and the note every output
  // carries (only that unit simulated, the rest of the province an aggregate); empty when the
  // whole province was simulated.
  std::string focus_unit;
  std::string focus_note;
  std::vector<std::string> unit_ids;         // index = ModelSpec::units index
  std::vector<std::string> unit_names;       // UTF-8
  std::vector<std::string> procedure_ids;    // index = ModelSpec::procedures index
  std::vector<std::string> procedure_names;  // UTF-8
  std::vector<std::string> position_labels;  // "<unit id>/<position id>", by position index
  std::vector<int> position_officers;        // officers per position at the start (positions.csv)
  // Per position: the cost of an hour of overtime ([overtime] rate), NaN where the position
  // has no overtime policy; empty when no position has one.
  std::vector<double> position_overtime_rate;
};

// Scenario-derived fields (name, text, seed, start date, units, positions) from `spec`;
// the caller fills the rest.
RunMetadata describe_run(const model::ModelSpec& spec);

}  // namespace twotier::analysis
