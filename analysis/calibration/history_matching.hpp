// Calibration to reported aggregates by history matching (Craig, Goldstein et al. 1997; Vernon,
// Goldstein and Bower 2010), with the simulator itself in place of an emulator: parameter sets
// are drawn by Latin hypercube over the free parameters' ranges, each is simulated with the same
// seed and replication indices (common random numbers, so sets differ by their parameters, not
// their luck), and a set is ruled out when any target's implausibility
//
//   I_k = |simulated mean_k - reported_k| / sqrt(sigma_k^2 + s_k^2 / R)
//
// exceeds the cut-off (3, Pukelsheim's three-sigma rule): sigma_k is the observation's
// uncertainty (calibration_targets.hpp), s_k^2 / R the simulation noise of the mean of R
// replications. Later waves sample again inside the box spanned by the sets not yet ruled out
// (refocusing). The answer is the set of plausible parameter vectors, not one point.
//
// Deterministic for a given scenario, seed, options and thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/calibration/calibration_targets.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

struct HistoryMatchingOptions {
  int points_per_wave = 40;  // parameter sets drawn per wave, >= 2
  int waves = 2;             // >= 1
  int replications = 2;      // R per parameter set, >= 1
  int threads = 0;           // per set's replications; 0 = hardware
  std::uint64_t design_seed = 1;
  double cutoff = 3.0;  // implausibility above which a set is ruled out
  // Called after each parameter set with (sets done, sets in all); may print progress.
  std::function<void(int, int)> on_progress;
  bool progress = false;  // count the replications on the progress board (progress_board.hpp)
};

struct EvaluatedSet {
  int wave = 0;                        // 1-based
  int index = 0;                       // within the wave, 0-based
  std::vector<double> parameters;      // in ParameterRange order
  std::vector<double> mean;            // per target: simulated mean over replications
  std::vector<double> noise_se;        // per target: s / sqrt(R) (0 for R = 1)
  std::vector<double> implausibility;  // per target (infinite when the value is NaN)
  double max_implausibility = 0.0;
  bool plausible = false;
};

struct HistoryMatchingResult {
  std::vector<ParameterRange> parameters;
  std::vector<CalibrationTarget> targets;
  HistoryMatchingOptions options;
  std::vector<EvaluatedSet> sets;  // every set simulated, wave by wave
  // Per wave: the box sampled (low, high per parameter).
  std::vector<std::vector<std::pair<double, double>>> wave_boxes;
  std::size_t plausible_count() const;
};

// Builds the ModelSpec simulated for one parameter set: `overrides` are "key=value" --set
// strings (the parameters, after any the user gave). Throws model::ScenarioError for a value the
// scenario rejects.
using SpecForOverrides = std::function<model::ModelSpec(const std::vector<std::string>& overrides)>;

// "key=value" for each parameter of a set (shortest round-trip decimal of the value).
std::vector<std::string> parameter_overrides(const std::vector<ParameterRange>& parameters,
                                             const std::vector<double>& values);

// REQUIRES: targets and parameters non-empty; check_targets passes for every spec built.
HistoryMatchingResult history_match(const std::vector<CalibrationTarget>& targets,
                                    const std::vector<ParameterRange>& parameters,
                                    const SpecForOverrides& spec_for,
                                    const HistoryMatchingOptions& options);

}  // namespace twotier::analysis
