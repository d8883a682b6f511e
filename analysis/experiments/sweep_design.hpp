// `twotier sweep`: the factors given by `--vary KEY=...` and the design points to run, as
// lists of `--set` overrides. Builds on analysis/experiments/design.hpp (grid, Latin hypercube,
// tornado).
//
// A factor is either a list of levels (`KEY=V1,V2,...`, any text the key accepts: numbers,
// durations such as 90d, file names) or a numeric range (`KEY=LOW..HIGH`, optionally with the
// same unit suffix on both ends: `scenario.horizon=60d..120d`). A range whose ends are written
// as whole numbers takes whole values (rounded), e.g. officer counts. Pure functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/experiments/design.hpp"
#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

struct SweepFactor {
  std::string key;                  // scenario key path, as in --set
  std::vector<std::string> levels;  // a level list (empty for a range)
  bool is_range = false;
  double low = 0.0, high = 0.0;  // a range
  std::string suffix;            // unit text after the numbers of a range ("d", "h", "")
  bool whole = false;            // both ends written as integers: values are rounded

  // The text of value x of a range (rounded when whole, then the suffix).
  std::string range_text(double x) const;
  // The lowest / highest setting: first / last level, or the range ends.
  std::string low_text() const;
  std::string high_text() const;
};

// Parses "KEY=V1,V2,..." or "KEY=LOW..HIGH". Throws std::invalid_argument with a message
// naming the argument and what is allowed.
SweepFactor parse_sweep_factor(std::string_view argument);

enum class SweepDesign { kGrid, kLatinHypercube };

struct SweepPoint {
  int id = 0;                       // 0-based, the row order of sweep.csv
  std::vector<std::string> values;  // one per factor; empty = the scenario's own value
  std::string label;                // for tornado runs: "baseline", "<key> low", "<key> high"

  // "key=value" for every factor with a value, in factor order.
  std::vector<std::string> overrides(std::span<const SweepFactor> factors) const;
};

// Grid: every combination, odometer order (last factor fastest); a range contributes
// `points` evenly spaced values from low to high (points >= 2). Latin hypercube: `points`
// points on stream "design/lhs" of `seed`; a level list is stratified over its levels.
// Throws std::invalid_argument for no factors, points < 1 (2 for a grid with a range), or
// factors repeating a key.
std::vector<SweepPoint> sweep_points(std::span<const SweepFactor> factors, SweepDesign design,
                                     int points, std::uint64_t seed);

// One-at-a-time: the baseline (no override), then each factor's low and high run with every
// other factor at the scenario's own value: 1 + 2F points.
std::vector<SweepPoint> one_at_a_time_points(std::span<const SweepFactor> factors);

// DIR/sweep.csv: header "point,<key 1>,...,<key F>,scope,metric,mean,ci_low,ci_high,n" and
// one row per point and summary row. An empty value field means the scenario's own value.
struct SweepResult {
  SweepPoint point;
  std::vector<SummaryRow> summary;
};
void write_sweep_csv(std::ostream& out, std::span<const SweepFactor> factors,
                     std::span<const SweepResult> results);
void write_sweep_csv(const std::filesystem::path& file, std::span<const SweepFactor> factors,
                     std::span<const SweepResult> results);

// Tornado from one_at_a_time_points results (same order): the bars for (scope, metric).
std::vector<TornadoBar> tornado_from_runs(std::span<const SweepFactor> factors,
                                          std::span<const SweepResult> runs, std::string_view scope,
                                          std::string_view metric);

// DIR/tornado.csv: "rank,factor,low_value,high_value,low_response,high_response,swing,
// baseline_response", bars in ranking order.
void write_tornado_csv(const std::filesystem::path& file, std::span<const SweepFactor> factors,
                       std::span<const TornadoBar> bars, double baseline_response);
std::string format_tornado(std::span<const TornadoBar> bars, std::string_view metric,
                           double baseline_response);

}  // namespace twotier::analysis
