#include "sim/distribution.hpp"

#include <algorithm>  // std::upper_bound, std::sort
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>  // std::iota
#include <optional>
#include <sstream>
#include <stdexcept>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

namespace sim {

namespace {

// Shortest faithful-enough text for a parameter: 6 significant digits, no trailing zeros.
std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

[[noreturn]] void reject(const std::string& where, const std::string& what) {
  throw std::invalid_argument("sim::" + where + ": " + what);
}

void require_finite(const char* where, const char* name, double x) {
  if (!std::isfinite(x)) reject(where, std::string(name) + " must be finite, got " + number(x));
}

void require_positive(const char* where, const char* name, double x) {
  if (!(std::isfinite(x) && x > 0.0)) {
    reject(where, std::string(name) + " must be finite and > 0, got " + number(x));
  }
}

void require_non_negative(const char* where, const char* name, double x) {
  if (!(std::isfinite(x) && x >= 0.0)) {
    reject(where, std::string(name) + " must be finite and >= 0, got " + number(x));
  }
}

// Throws unless every weight is finite and >= 0 with a positive sum; returns the sum.
double checked_weight_sum(const char* where, const std::vector<double>& weights) {
  double sum = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(std::isfinite(weights[i]) && weights[i] >= 0.0)) {
      reject(where, "weight[" + std::to_string(i) + "] must be finite and >= 0, got " +
                        number(weights[i]));
    }
    sum += weights[i];
  }
  if (!(sum > 0.0) || !std::isfinite(sum)) {
    reject(where, "weights must have a finite positive sum, got " + number(sum));
  }
  return sum;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Categorical

Categorical::Categorical(std::vector<double> weights) {
  if (weights.empty()) reject("Categorical", "weights must not be empty");
  if (weights.size() > std::numeric_limits<std::uint32_t>::max()) {
    reject("Categorical",
           "at most 2^32-1 categories are allowed, got " + std::to_string(weights.size()));
  }
  const double sum = checked_weight_sum("Categorical", weights);
  const std::size_t n = weights.size();
  probability_.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    probability_[i] = weights[i] / sum;

  // Vose's construction: split slots into under-full (< 1) and over-full (>= 1) by scaled
  // probability n*p, then top up each under-full slot from an over-full one.
  keep_.assign(n, 1.0);
  alias_.resize(n);
  std::iota(alias_.begin(), alias_.end(), 0U);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = probability_[i] * static_cast<double>(n);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back();
    small.pop_back();
    const std::uint32_t l = large.back();
    keep_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left holds probability 1 up to rounding.
  for (const std::uint32_t i : small)
    keep_[i] = 1.0;
  for (const std::uint32_t i : large)
    keep_[i] = 1.0;
}

double Categorical::probability(std::size_t i) const {
  assert(i < probability_.size());
  return probability_[i];
}

// ---------------------------------------------------------------------------------------------
// Distribution

struct Distribution::EmpiricalTable {
  bool interpolate = false;
  // Discrete: as given. Interpolated: sorted ascending.
  std::vector<double> values;
  // Normalised weights, aligned with values (kept so scaled() can rebuild the table).
  std::vector<double> weights;
  // Discrete only: picks an index into values.
  std::optional<Categorical> picker;
  // Interpolated only: CDF at each sorted value; cdf.front() == 0, cdf.back() == 1.
  std::vector<double> cdf;
};

Distribution Distribution::deterministic(double value) {
  require_finite("Distribution::deterministic", "value", value);
  Distribution d;
  d.kind_ = DistributionKind::kDeterministic;
  d.a_ = value;
  d.mean_ = value;
  d.variance_ = 0.0;
  return d;
}

Distribution Distribution::exponential(double mean) {
  require_positive("Distribution::exponential", "mean", mean);
  Distribution d;
  d.kind_ = DistributionKind::kExponential;
  d.a_ = mean;
  d.mean_ = mean;
  d.variance_ = mean * mean;
  return d;
}

Distribution Distribution::erlang(int shape_k, double mean) {
  if (shape_k < 1) {
    reject("Distribution::erlang",
           "shape k must be an integer >= 1, got " + std::to_string(shape_k));
  }
  require_positive("Distribution::erlang", "mean", mean);
  Distribution d;
  d.kind_ = DistributionKind::kErlang;
  d.a_ = mean;
  d.shape_k_ = shape_k;
  d.mean_ = mean;
  d.variance_ = mean * mean / shape_k;
  return d;
}

Distribution Distribution::gamma(double mean, double cv) {
  require_positive("Distribution::gamma", "mean", mean);
  require_non_negative("Distribution::gamma", "cv", cv);
  Distribution d;
  d.kind_ = DistributionKind::kGamma;
  d.a_ = mean;
  d.b_ = cv;
  d.mean_ = mean;
  d.variance_ = (mean * cv) * (mean * cv);
  return d;
}

Distribution Distribution::lognormal(double mean, double cv) {
  require_positive("Distribution::lognormal", "mean", mean);
  require_non_negative("Distribution::lognormal", "cv", cv);
  Distribution d;
  d.kind_ = DistributionKind::kLognormal;
  d.a_ = mean;
  d.b_ = cv;
  const double sigma2 = std::log1p(cv * cv);
  d.c_ = std::log(mean) - sigma2 / 2.0;  // mu
  d.d_ = std::sqrt(sigma2);              // sigma
  d.mean_ = mean;
  d.variance_ = (mean * cv) * (mean * cv);
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  const char* where = "Distribution::triangular";
  require_finite(where, "min", min);
  require_finite(where, "mode", mode);
  require_finite(where, "max", max);
  if (!(min <= mode && mode <= max && min < max)) {
    reject(where, "need min <= mode <= max and min < max, got min=" + number(min) +
                      ", mode=" + number(mode) + ", max=" + number(max));
  }
  Distribution d;
  d.kind_ = DistributionKind::kTriangular;
  d.a_ = min;
  d.b_ = mode;
  d.c_ = max;
  d.mean_ = (min + mode + max) / 3.0;
  d.variance_ = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require_finite("Distribution::uniform", "min", min);
  require_finite("Distribution::uniform", "max", max);
  if (!(min <= max)) {
    reject("Distribution::uniform",
           "need min <= max, got min=" + number(min) + ", max=" + number(max));
  }
  Distribution d;
  d.kind_ = DistributionKind::kUniform;
  d.a_ = min;
  d.b_ = max;
  d.mean_ = (min + max) / 2.0;
  d.variance_ = (max - min) * (max - min) / 12.0;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights,
                                     bool interpolate) {
  const char* where = "Distribution::empirical";
  if (values.empty()) reject(where, "values must not be empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      reject(where, "value[" + std::to_string(i) + "] must be finite, got " + number(values[i]));
    }
  }
  if (weights.empty()) weights.assign(values.size(), 1.0);
  if (weights.size() != values.size()) {
    reject(where, "weights must be empty or one per value: got " + std::to_string(weights.size()) +
                      " weights for " + std::to_string(values.size()) + " values");
  }
  const double sum = checked_weight_sum(where, weights);
  for (double& w : weights)
    w /= sum;

  auto table = std::make_shared<EmpiricalTable>();
  table->interpolate = interpolate;
  Distribution d;
  d.kind_ = DistributionKind::kEmpirical;

  if (!interpolate) {
    double mean = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i)
      mean += weights[i] * values[i];
    double variance = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      variance += weights[i] * (values[i] - mean) * (values[i] - mean);
    }
    d.mean_ = mean;
    d.variance_ = variance;
    table->picker.emplace(weights);
  } else {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
    std::vector<double> sorted_values, sorted_weights;
    for (const std::size_t i : order) {
      sorted_values.push_back(values[i]);
      sorted_weights.push_back(weights[i]);
    }
    values = std::move(sorted_values);
    weights = std::move(sorted_weights);
    const std::size_t n = values.size();
    if (n == 1) {
      d.mean_ = values[0];
      d.variance_ = 0.0;
    } else {
      // Segment i spans [v[i], v[i+1]] with mass (w[i] + w[i+1]) / 2, renormalised.
      std::vector<double> mass(n - 1);
      double total = 0.0;
      for (std::size_t i = 0; i + 1 < n; ++i) {
        mass[i] = (weights[i] + weights[i + 1]) / 2.0;
        total += mass[i];
      }
      // total >= sum(w) / 2 > 0, as every weight but the two end ones counts fully.
      assert(total > 0.0);
      table->cdf.assign(n, 0.0);
      double mean = 0.0;
      for (std::size_t i = 0; i + 1 < n; ++i) {
        mass[i] /= total;
        table->cdf[i + 1] = table->cdf[i] + mass[i];
        mean += mass[i] * (values[i] + values[i + 1]) / 2.0;
      }
      table->cdf[n - 1] = 1.0;
      // Law of total variance: within-segment uniform variance plus between-segment spread.
      double variance = 0.0;
      for (std::size_t i = 0; i + 1 < n; ++i) {
        const double width = values[i + 1] - values[i];
        const double mid = (values[i] + values[i + 1]) / 2.0;
        variance += mass[i] * (width * width / 12.0 + (mid - mean) * (mid - mean));
      }
      d.mean_ = mean;
      d.variance_ = variance;
    }
  }
  table->values = std::move(values);
  table->weights = std::move(weights);
  d.table_ = std::move(table);
  return d;
}

double Distribution::sample(RandomStream& rng) const {
  switch (kind_) {
    case DistributionKind::kDeterministic:
      return a_;
    case DistributionKind::kExponential:
      return boost::random::exponential_distribution<double>(1.0 / a_)(rng.engine());
    case DistributionKind::kErlang:
      return boost::random::gamma_distribution<double>(shape_k_, a_ / shape_k_)(rng.engine());
    case DistributionKind::kGamma: {
      if (b_ == 0.0) return a_;
      const double shape = 1.0 / (b_ * b_);
      return boost::random::gamma_distribution<double>(shape, a_ / shape)(rng.engine());
    }
    case DistributionKind::kLognormal:
      if (b_ == 0.0) return a_;
      return std::exp(boost::random::normal_distribution<double>(c_, d_)(rng.engine()));
    case DistributionKind::kTriangular: {
      // Inverse CDF: left of the mode F(x) = (x-min)^2 / ((max-min)(mode-min)).
      const double u = rng.uniform01();
      const double width = c_ - a_;
      const double left = b_ - a_;
      if (u * width < left) return a_ + std::sqrt(u * width * left);
      return c_ - std::sqrt((1.0 - u) * width * (c_ - b_));
    }
    case DistributionKind::kUniform:
      return a_ + (b_ - a_) * rng.uniform01();
    case DistributionKind::kEmpirical:
      return sample_empirical(rng);
  }
  assert(false && "unknown DistributionKind");
  return 0.0;
}

double Distribution::sample_empirical(RandomStream& rng) const {
  const EmpiricalTable& t = *table_;
  if (!t.interpolate) return t.values[t.picker->sample(rng)];
  if (t.values.size() == 1) return t.values[0];
  const double u = rng.uniform01();
  // Segment i with cdf[i] <= u < cdf[i+1]; u < 1 = cdf.back() keeps i <= n-2.
  const auto above = std::upper_bound(t.cdf.begin(), t.cdf.end(), u);
  const std::size_t i = static_cast<std::size_t>(above - t.cdf.begin()) - 1;
  const double fraction = (u - t.cdf[i]) / (t.cdf[i + 1] - t.cdf[i]);
  return t.values[i] + fraction * (t.values[i + 1] - t.values[i]);
}

double Distribution::scv() const {
  if (variance_ == 0.0) return 0.0;
  if (mean_ == 0.0) return std::numeric_limits<double>::infinity();
  return variance_ / (mean_ * mean_);
}

std::string Distribution::describe() const {
  switch (kind_) {
    case DistributionKind::kDeterministic:
      return "deterministic(value=" + number(a_) + ")";
    case DistributionKind::kExponential:
      return "exponential(mean=" + number(a_) + ")";
    case DistributionKind::kErlang:
      return "erlang(k=" + std::to_string(shape_k_) + ", mean=" + number(a_) + ")";
    case DistributionKind::kGamma:
      return "gamma(mean=" + number(a_) + ", cv=" + number(b_) + ")";
    case DistributionKind::kLognormal:
      return "lognormal(mean=" + number(a_) + ", cv=" + number(b_) + ")";
    case DistributionKind::kTriangular:
      return "triangular(min=" + number(a_) + ", mode=" + number(b_) + ", max=" + number(c_) + ")";
    case DistributionKind::kUniform:
      return "uniform(min=" + number(a_) + ", max=" + number(b_) + ")";
    case DistributionKind::kEmpirical:
      return "empirical(n=" + std::to_string(table_->values.size()) +
             (table_->interpolate ? ", interpolated" : ", discrete") + ", mean=" + number(mean_) +
             ")";
  }
  return "unknown";
}

double Distribution::minimum() const {
  switch (kind_) {
    case DistributionKind::kDeterministic:
    case DistributionKind::kTriangular:
    case DistributionKind::kUniform:
      return a_;
    case DistributionKind::kExponential:
    case DistributionKind::kErlang:
      return 0.0;
    case DistributionKind::kGamma:
    case DistributionKind::kLognormal:
      return b_ == 0.0 ? a_ : 0.0;  // cv = 0 is the constant mean
    case DistributionKind::kEmpirical:
      return *std::min_element(table_->values.begin(), table_->values.end());
  }
  return 0.0;
}

Distribution Distribution::scaled(double factor) const {
  require_positive("Distribution::scaled", "factor", factor);
  switch (kind_) {
    case DistributionKind::kDeterministic:
      return deterministic(a_ * factor);
    case DistributionKind::kExponential:
      return exponential(a_ * factor);
    case DistributionKind::kErlang:
      return erlang(shape_k_, a_ * factor);
    case DistributionKind::kGamma:
      return gamma(a_ * factor, b_);
    case DistributionKind::kLognormal:
      return lognormal(a_ * factor, b_);
    case DistributionKind::kTriangular:
      return triangular(a_ * factor, b_ * factor, c_ * factor);
    case DistributionKind::kUniform:
      return uniform(a_ * factor, b_ * factor);
    case DistributionKind::kEmpirical: {
      std::vector<double> values = table_->values;
      for (double& v : values)
        v *= factor;
      return empirical(std::move(values), table_->weights, table_->interpolate);
    }
  }
  assert(false && "unknown DistributionKind");
  return *this;
}

}  // namespace sim
