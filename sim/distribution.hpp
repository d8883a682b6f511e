// Probability distributions as small copyable values, and a categorical sampler.
//
// A Distribution is immutable after construction; sample() is const and allocates nothing, so
// one Distribution may be shared by many entities and threads (each thread with its own
// RandomStream). Empirical tables are held by shared_ptr<const ...>, so copies are cheap.
// Factories validate their parameters and throw std::invalid_argument naming the bad value and
// what is allowed; the scenario loader adds the file, line and key. Values are in whatever unit
// the caller uses (the model uses hours).
#pragma once

#include <algorithm>  // std::min
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>  // std::shared_ptr
#include <string>
#include <vector>

#include "sim/random.hpp"

namespace sim {

enum class DistributionKind {
  kDeterministic,
  kExponential,
  kErlang,
  kGamma,
  kLognormal,
  kTriangular,
  kUniform,
  kEmpirical
};

// One draw from an alias table of n slots (slot i keeps i with probability keep[i], else
// alias[i]): one uniform gives both the slot (integer part) and the keep/alias choice
// (fraction). Shared by Categorical and InlineCategorical, so both draw alike.
inline std::size_t alias_draw(double uniform, std::size_t n, const double* keep,
                              const std::uint32_t* alias) {
  const double u = uniform * static_cast<double>(n);
  const std::size_t slot = std::min(static_cast<std::size_t>(u), n - 1);
  const double fraction = u - static_cast<double>(slot);
  return fraction < keep[slot] ? slot : alias[slot];
}

// Draws an index i with probability weights[i] / sum(weights), by Walker's alias method: O(1)
// per draw from one uniform, no allocation. Immutable after construction.
class Categorical {
 public:
  // Throws std::invalid_argument unless weights is non-empty, every weight is finite and >= 0,
  // and the sum is > 0.
  explicit Categorical(std::vector<double> weights);

  std::size_t sample(RandomStream& rng) const {
    return alias_draw(rng.uniform01(), keep_.size(), keep_.data(), alias_.data());
  }
  std::size_t size() const { return probability_.size(); }
  // REQUIRES: i < size()
  double probability(std::size_t i) const;

 private:
  // Constant after construction. Slot i keeps i with probability keep_[i], else alias_[i].
  std::vector<double> keep_;
  std::vector<std::uint32_t> alias_;
  std::vector<double> probability_;  // normalised weights

  template <std::size_t N>
  friend class InlineCategorical;
};

// A Categorical of exactly N outcomes whose alias table is held inline, not in vectors of its
// own: for small tables read on a hot path from cold memory (a dossier's channel, drawn at each
// arrival, one table per (unit, procedure)), it saves the dependent load of a separate
// allocation. Draws exactly as the Categorical it copies (alias_draw, the same uniform).
template <std::size_t N>
class InlineCategorical {
 public:
  // REQUIRES: table.size() == N (asserted)
  explicit InlineCategorical(const Categorical& table) {
    assert(table.keep_.size() == N);
    for (std::size_t i = 0; i < N; ++i) {
      keep_[i] = table.keep_[i];
      alias_[i] = table.alias_[i];
    }
  }

  std::size_t sample(RandomStream& rng) const {
    return alias_draw(rng.uniform01(), N, keep_.data(), alias_.data());
  }

 private:
  std::array<double, N> keep_{};
  std::array<std::uint32_t, N> alias_{};
};

// True with probability p. REQUIRES: 0 <= p <= 1 (p = 0 never, p = 1 always).
// Inline: a million calls per province-year, each a few instructions beside the draw.
inline bool bernoulli(RandomStream& rng, double p) {
  assert(p >= 0.0 && p <= 1.0);
  return rng.uniform01() < p;
}

class Distribution {
 public:
  // deterministic(0), so that specs can hold a Distribution before it is read.
  Distribution() = default;

  // Always `value`. Throws unless value is finite.
  static Distribution deterministic(double value);
  // Throws unless mean is finite and > 0.
  static Distribution exponential(double mean);
  // Sum of shape_k exponentials with total mean `mean`. Throws unless shape_k >= 1, mean > 0.
  static Distribution erlang(int shape_k, double mean);
  // Gamma with shape 1/cv^2 and scale mean*cv^2. Throws unless mean > 0 and cv >= 0 (finite);
  // cv = 0 gives the constant `mean`.
  static Distribution gamma(double mean, double cv);
  // exp(N(mu, sigma^2)) with sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2, so its mean
  // is `mean` and its CV is `cv`. Throws unless mean > 0 and cv >= 0; cv = 0 gives `mean`.
  static Distribution lognormal(double mean, double cv);
  // Throws unless min <= mode <= max and min < max (all finite).
  static Distribution triangular(double min, double mode, double max);
  // Throws unless min <= max (finite); min == max gives the constant min.
  static Distribution uniform(double min, double max);
  // interpolate=false: draws values[i] with probability weights[i] / sum (equal if weights is
  // empty). interpolate=true: sorts the values and uses the piecewise-linear CDF through them;
  // the segment between consecutive sorted values v[i], v[i+1] has probability proportional to
  // (w[i] + w[i+1]) / 2, so with equal weights every segment is equally likely (the classic
  // continuous empirical distribution); a single value gives that constant. Throws unless values
  // is non-empty and finite, weights is empty or the same size with finite weights >= 0 and a
  // positive sum.
  static Distribution empirical(std::vector<double> values, std::vector<double> weights = {},
                                bool interpolate = false);

  // Allocates nothing. Exponential, Erlang, gamma and lognormal use Boost.Random distributions
  // on rng.engine(); uniform, triangular and empirical invert their CDF at rng.uniform01().
  double sample(RandomStream& rng) const;

  // Exact moments of the distribution (not of a sample).
  double mean() const { return mean_; }
  double variance() const { return variance_; }
  // variance / mean^2; 0 when the variance is 0, +infinity when the mean is 0 otherwise.
  double scv() const;
  DistributionKind kind() const { return kind_; }
  // The smallest value a sample can take: 0 for the unbounded-below shapes (exponential,
  // Erlang, gamma, lognormal), the lower end otherwise. For checks such as "can this deadline
  // ever be met".
  double minimum() const;
  // e.g. "lognormal(mean=2, cv=0.5)", "empirical(n=12, interpolated, mean=3.5)".
  std::string describe() const;
  // Same shape, every value times factor (CV unchanged). Throws unless factor is finite and > 0.
  Distribution scaled(double factor) const;

 private:
  struct EmpiricalTable;
  double sample_empirical(RandomStream& rng) const;

  // Constant after construction. Parameters by kind:
  //   deterministic: a = value; exponential: a = mean; erlang: a = mean, shape_k;
  //   gamma/lognormal: a = mean, b = cv (lognormal also keeps mu = c, sigma = d);
  //   triangular: a = min, b = mode, c = max; uniform: a = min, b = max.
  DistributionKind kind_ = DistributionKind::kDeterministic;
  double a_ = 0.0;
  double b_ = 0.0;
  double c_ = 0.0;
  double d_ = 0.0;
  int shape_k_ = 1;
  double mean_ = 0.0;
  double variance_ = 0.0;
  std::shared_ptr<const EmpiricalTable> table_;  // only for kEmpirical
};

}  // namespace sim
