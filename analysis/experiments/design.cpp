#include "analysis/experiments/design.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>  // std::iota
#include <set>
#include <stdexcept>

#include <boost/random/uniform_int_distribution.hpp>

#include "sim/random.hpp"

namespace twotier::analysis {

namespace {

constexpr double kMaxGridPoints = 1e7;

template <typename Factor>
void require_factor_names(std::span<const Factor> factors, const char* where) {
  if (factors.empty()) throw std::invalid_argument(std::string(where) + ": no factors to vary");
  std::set<std::string> seen;
  for (const auto& f : factors) {
    if (f.name.empty()) throw std::invalid_argument(std::string(where) + ": a factor has no name");
    if (!seen.insert(f.name).second)
      throw std::invalid_argument(std::string(where) + ": factor '" + f.name +
                                  "' is given twice; each key may be varied once");
  }
}

void validate(std::span<const LevelFactor> factors, const char* where) {
  require_factor_names(factors, where);
  for (const auto& f : factors)
    if (f.levels.empty())
      throw std::invalid_argument(std::string(where) + ": factor '" + f.name +
                                  "' has no levels; give at least one value");
}

void validate(std::span<const RangeFactor> factors, const char* where) {
  require_factor_names(factors, where);
  for (const auto& f : factors)
    if (!std::isfinite(f.low) || !std::isfinite(f.high) || f.low > f.high)
      throw std::invalid_argument(std::string(where) + ": factor '" + f.name + "' has range [" +
                                  std::to_string(f.low) + ", " + std::to_string(f.high) +
                                  "]; low and high must be finite with low <= high");
}

void require_points(int points) {
  if (points < 1)
    throw std::invalid_argument("Latin hypercube: " + std::to_string(points) +
                                " points requested; need at least 1");
}

// Stratum positions x[f][p] in [0, 1), drawn factor by factor: a Fisher-Yates permutation
// (Boost's uniform_int_distribution, identical on every platform), then one uniform per point.
std::vector<std::vector<double>> stratified_positions(std::size_t factors, int points,
                                                      std::uint64_t seed) {
  sim::RandomStream rng(seed, 0, kLatinHypercubeStreamKey);
  const auto n = static_cast<std::size_t>(points);
  std::vector<std::vector<double>> x(factors, std::vector<double>(n));
  std::vector<int> stratum(n);
  for (auto& column : x) {
    std::iota(stratum.begin(), stratum.end(), 0);
    for (std::size_t i = n; i > 1; --i) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
      std::swap(stratum[i - 1], stratum[pick(rng.engine())]);
    }
    for (std::size_t p = 0; p < n; ++p)
      column[p] = (stratum[p] + rng.uniform01()) / static_cast<double>(points);
  }
  return x;
}

}  // namespace

LevelDesign full_grid(std::span<const LevelFactor> factors) {
  validate(factors, "full grid");
  double size = 1.0;
  for (const auto& f : factors)
    size *= static_cast<double>(f.levels.size());
  if (size > kMaxGridPoints)
    throw std::invalid_argument("full grid: " + std::to_string(size) +
                                " points exceed the limit of 10^7; vary fewer keys or use a "
                                "Latin hypercube (--design lhs)");
  LevelDesign design{{factors.begin(), factors.end()}, {}};
  design.points.reserve(static_cast<std::size_t>(size));
  std::vector<int> odometer(factors.size(), 0);
  for (;;) {
    design.points.push_back(odometer);
    // Advance the last factor; carry into earlier ones.
    std::size_t f = factors.size();
    while (f > 0) {
      --f;
      if (++odometer[f] < static_cast<int>(factors[f].levels.size())) break;
      odometer[f] = 0;
      if (f == 0) return design;
    }
  }
}

RangeDesign latin_hypercube(std::span<const RangeFactor> factors, int points, std::uint64_t seed) {
  validate(factors, "Latin hypercube");
  require_points(points);
  const auto x = stratified_positions(factors.size(), points, seed);
  RangeDesign design{{factors.begin(), factors.end()}, {}};
  design.points.assign(static_cast<std::size_t>(points), std::vector<double>(factors.size()));
  for (std::size_t f = 0; f < factors.size(); ++f)
    for (std::size_t p = 0; p < design.points.size(); ++p)
      design.points[p][f] = factors[f].low + x[f][p] * (factors[f].high - factors[f].low);
  return design;
}

LevelDesign latin_hypercube(std::span<const LevelFactor> factors, int points, std::uint64_t seed) {
  validate(factors, "Latin hypercube");
  require_points(points);
  const auto x = stratified_positions(factors.size(), points, seed);
  LevelDesign design{{factors.begin(), factors.end()}, {}};
  design.points.assign(static_cast<std::size_t>(points), std::vector<int>(factors.size()));
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const int levels = static_cast<int>(factors[f].levels.size());
    for (std::size_t p = 0; p < design.points.size(); ++p)
      design.points[p][f] = std::min(levels - 1, static_cast<int>(x[f][p] * levels));
  }
  return design;
}

std::vector<OneAtATimeRun> one_at_a_time(std::span<const RangeFactor> factors,
                                         std::span<const double> baseline) {
  validate(factors, "one-at-a-time design");
  if (baseline.size() != factors.size())
    throw std::invalid_argument("one-at-a-time design: " + std::to_string(baseline.size()) +
                                " baseline values for " + std::to_string(factors.size()) +
                                " factors; give one per factor");
  for (std::size_t f = 0; f < factors.size(); ++f)
    if (!std::isfinite(baseline[f]))
      throw std::invalid_argument("one-at-a-time design: baseline of factor '" + factors[f].name +
                                  "' is " + std::to_string(baseline[f]) + "; it must be finite");
  const std::vector<double> base(baseline.begin(), baseline.end());
  std::vector<OneAtATimeRun> runs;
  runs.reserve(1 + 2 * factors.size());
  runs.push_back({-1, OneAtATimeSetting::kBaseline, base});
  for (std::size_t f = 0; f < factors.size(); ++f) {
    runs.push_back({static_cast<int>(f), OneAtATimeSetting::kLow, base});
    runs.back().values[f] = factors[f].low;
    runs.push_back({static_cast<int>(f), OneAtATimeSetting::kHigh, base});
    runs.back().values[f] = factors[f].high;
  }
  return runs;
}

std::vector<TornadoBar> tornado_ranking(std::span<const FactorEffect> effects) {
  std::vector<TornadoBar> bars;
  bars.reserve(effects.size());
  for (const auto& e : effects)
    bars.push_back(
        {e.factor, e.low_response, e.high_response, std::abs(e.high_response - e.low_response)});
  std::stable_sort(bars.begin(), bars.end(), [](const TornadoBar& a, const TornadoBar& b) {
    if (std::isnan(a.swing)) return false;  // NaN is never before anything
    if (std::isnan(b.swing)) return true;
    return a.swing > b.swing;
  });
  return bars;
}

}  // namespace twotier::analysis
