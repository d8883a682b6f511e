// Assumption uncertainty carried into an answer: the scenario is run at each plausible parameter
// set of a calibration (`parameter_sets.csv` of `twotier calibrate --targets`), every set with
// the same seed and replication indices (common random numbers), and each KPI is reported with
// two intervals:
//   - simulation noise: the t-interval of the grand mean from the within-set spread only, i.e.
//     what the answer's precision would be if the parameters were known;
//   - with assumption uncertainty: a prediction interval for the KPI at a parameter set drawn
//     from the plausible ones, mean ± t_{K-1} · sqrt((1 + 1/K) · v_between + se_noise^2), where
//     v_between is the variance of the K set means (under common random numbers mostly the
//     parameters' effect) and se_noise the noise-only standard error; it contains the first.
// Both are kept inside the metric's range (rates in [0, 1], counts >= 0). A sensitivity table
// ranks the parameters by their standardised regression coefficient on the set means (which
// assumption moves the answer most), with the R^2 of that linear fit.
// Pure functions over results; thread-safe.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::analysis {

// Plausible parameter sets: parameter names (--set paths) and one row of values per set.
struct ParameterSets {
  std::vector<std::string> parameters;
  std::vector<std::vector<double>> values;  // [set][parameter]
  // "key=value" overrides of set k.
  std::vector<std::string> overrides(std::size_t set) const;
};

// Reads parameter_sets.csv ("set,<key>,<key>..."). Throws model::ScenarioError naming the file
// and row for a malformed file or fewer than two sets.
ParameterSets read_parameter_sets(const std::filesystem::path& file);

struct UncertaintyRow {
  std::string scope;
  std::string metric;
  double mean = 0.0;                         // mean over sets of the set means
  double noise_low = 0.0, noise_high = 0.0;  // simulation noise only
  double total_low = 0.0, total_high = 0.0;  // with assumption uncertainty
  int sets = 0;                              // sets where the metric is defined
};

struct SensitivityRow {
  std::string scope;
  std::string metric;
  std::string parameter;
  double coefficient = 0.0;  // standardised regression coefficient of the set means
  double r_squared = 0.0;    // of the linear fit on all parameters
  int rank = 0;              // 1 = moves the answer most (largest |coefficient|)
};

struct UncertaintySummary {
  std::vector<UncertaintyRow> rows;
  std::vector<SensitivityRow> sensitivity;
};

// results[k] are the replications of set k (same scopes everywhere). `metrics` empty: every
// metric. REQUIRES: results.size() == sets.values.size() >= 2; 0 < confidence < 1.
UncertaintySummary summarize_uncertainty(
    const ParameterSets& sets, std::span<const std::vector<model::ReplicationResult>> results,
    std::span<const std::string> metrics, double confidence);

// The same for the paired difference alternative - base of a comparison: base[k] and
// alternative[k] are the replications of set k (same indices: common random numbers). Rates'
// differences stay within [-1, 1]; other differences are unbounded.
UncertaintySummary summarize_difference_uncertainty(
    const ParameterSets& sets, std::span<const std::vector<model::ReplicationResult>> base,
    std::span<const std::vector<model::ReplicationResult>> alternative,
    std::span<const std::string> metrics, double confidence);

// uncertainty.csv and sensitivity.csv in `folder` (docs/output-format.md), written atomically.
void write_uncertainty(const UncertaintySummary& summary, const std::filesystem::path& folder);
// comparison_uncertainty.csv and comparison_sensitivity.csv: the same columns after a first
// column `alternative` (the alternative's name; values are alternative - base).
void write_comparison_uncertainty(
    const std::vector<std::pair<std::string, UncertaintySummary>>& alternatives,
    const std::filesystem::path& folder);

}  // namespace twotier::analysis
