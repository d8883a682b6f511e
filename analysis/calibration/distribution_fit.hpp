// Fitting duration distributions to samples: lognormal by maximum likelihood, gamma CDF, the
// empirical distribution of the sample, and the Kolmogorov-Smirnov statistic of a fit. Pure
// functions, thread-safe. Samples are positive durations (hours); values <= 0 are clamped to a tiny
// positive value before taking logs (a zero-length record is a rounding of a short task).
#pragma once

#include <vector>

#include "sim/distribution.hpp"

namespace twotier::analysis {

struct LognormalFit {
  double mu = 0.0;     // mean of log values (MLE)
  double sigma = 0.0;  // sqrt of the MLE variance of log values (divisor n)
  double mean() const;
  double cv() const;
};

// REQUIRES: !sample.empty().
LognormalFit fit_lognormal(const std::vector<double>& sample);
double lognormal_cdf(const LognormalFit& fit, double x);

// CDF of the gamma distribution with this mean and CV (shape 1/cv^2). REQUIRES: mean, cv > 0.
double gamma_cdf(double mean, double cv, double x);

// The Kolmogorov-Smirnov statistic D = sup |F_n(x) - F(x)| of `sample` against `cdf`, and
// the asymptotic p-value of D (Kolmogorov's distribution; conservative — too large — when the
// parameters were fitted on the same sample). REQUIRES: !sample.empty().
template <class Cdf>
double ks_statistic(std::vector<double> sample, Cdf&& cdf);
double ks_p_value(double d, std::size_t n);

// The empirical distribution of a sample as `points` equally likely values: the
// (i + 0.5) / points quantiles (i = 0 .. points - 1). REQUIRES: !sample.empty(), points >= 1.
std::vector<double> sample_quantiles(std::vector<double> sample, int points);

}  // namespace twotier::analysis

#include <algorithm>
#include <cmath>

template <class Cdf>
double twotier::analysis::ks_statistic(std::vector<double> sample, Cdf&& cdf) {
  std::sort(sample.begin(), sample.end());
  const double n = static_cast<double>(sample.size());
  double d = 0.0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double f = cdf(sample[i]);
    d = std::max({d, (i + 1) / n - f, f - i / n});
  }
  return d;
}
