// Experimental designs over named factors (scenario keys a sweep varies): full grids and Latin
// hypercubes, and the one-at-a-time low/high design with its tornado ranking.
//
// Designs are plain values computed once before a sweep; the order of points is deterministic
// (for a Latin hypercube, a function of the seed only), so a sweep's rows are reproducible.
// Factor names must be non-empty and distinct. Pure functions (thread-safe).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::analysis {

// A factor with a list of levels, as given on the command line (`--vary KEY=V1,V2,...`); the
// levels stay text so that numbers and policy names are handled alike.
struct LevelFactor {
  std::string name;
  std::vector<std::string> levels;  // non-empty
};

// A factor varied continuously over [low, high].
struct RangeFactor {
  std::string name;
  double low;
  double high;  // >= low
};

// points[p][f] is the index into factors[f].levels of design point p.
struct LevelDesign {
  std::vector<LevelFactor> factors;
  std::vector<std::vector<int>> points;

  const std::string& level(std::size_t point, std::size_t factor) const {
    return factors[factor].levels[static_cast<std::size_t>(points[point][factor])];
  }
};

// points[p][f] is the value of factors[f] at design point p.
struct RangeDesign {
  std::vector<RangeFactor> factors;
  std::vector<std::vector<double>> points;
};

// Every combination of levels, in odometer order: the last factor varies fastest, the first
// slowest, each through its levels in the given order (like nested loops over the factors).
// Throws std::invalid_argument for bad factors, none at all, or more than 10^7 points.
LevelDesign full_grid(std::span<const LevelFactor> factors);

// Key of the random stream a Latin hypercube draws from: RandomStream(seed, 0, key).
inline constexpr std::string_view kLatinHypercubeStreamKey = "design/lhs";

// `points` points; for each factor (in order) a random permutation pi of the strata 0..P-1
// and P uniforms u, and point p sits at x = (pi[p] + u_p) / P in [0, 1): each of the P equal
// strata of every factor holds exactly one point. Over a range, the value is low + x (high - low).
// Throws std::invalid_argument for bad factors, none at all, or points < 1.
RangeDesign latin_hypercube(std::span<const RangeFactor> factors, int points, std::uint64_t seed);

// The same stratification over level lists: point p takes level floor(x L) of a factor with L
// levels, so every level is used between floor(P/L) - 1 and ceil(P/L) + 1 times, exactly P / L
// times when L divides P. Same draws as the range version for the same seed and shape.
LevelDesign latin_hypercube(std::span<const LevelFactor> factors, int points, std::uint64_t seed);

enum class OneAtATimeSetting { kBaseline, kLow, kHigh };

struct OneAtATimeRun {
  int factor;  // index of the factor moved, -1 for the baseline run
  OneAtATimeSetting setting;
  std::vector<double> values;  // one per factor
};

// The baseline run, then for each factor in order its low run and its high run, with every other
// factor at its baseline value: 1 + 2 F runs. Throws std::invalid_argument for bad factors or
// unless baseline has one finite value per factor.
std::vector<OneAtATimeRun> one_at_a_time(std::span<const RangeFactor> factors,
                                         std::span<const double> baseline);

// A KPI's response with one factor at its low and at its high setting.
struct FactorEffect {
  std::string factor;
  double low_response;
  double high_response;
};

struct TornadoBar {
  std::string factor;
  double low_response;
  double high_response;
  double swing;  // |high_response - low_response|
};

// Bars sorted by decreasing swing (the lever that moves the KPI most first); equal swings keep
// the input order and NaN swings (a response undefined) go last.
std::vector<TornadoBar> tornado_ranking(std::span<const FactorEffect> effects);

}  // namespace twotier::analysis
