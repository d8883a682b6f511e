// `twotier calibrate --targets TARGETS.csv --scenario SCENARIO --out DIR`: calibration to
// reported aggregates by history matching (analysis/calibration/history_matching.hpp), the
// second mode of `calibrate` beside the fit from a dossier log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace twotier::app {

struct CalibrateTargetsOptions {
  std::string targets;     // the reported figures (CSV)
  std::string parameters;  // empty: the scenario's [calibration] parameters
  std::string scenario;
  std::string out;
  std::vector<std::string> overrides;  // --set, applied before the parameters
  int points = 40;
  int waves = 2;
  int replications = 2;
  int threads = 0;
  bool force = false;
  bool quiet = false;
};

// Returns the process exit code: 0 when some parameter set is consistent with every target,
// 1 when none is (the report says which targets fail), 2 for bad input.
int calibrate_to_targets(const CalibrateTargetsOptions& options);

}  // namespace twotier::app
