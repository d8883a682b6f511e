#include "analysis/calibration/distribution_fit.hpp"

#include <cassert>

#include <boost/math/special_functions/gamma.hpp>  // gamma_p

namespace twotier::analysis {

namespace {
constexpr double kTiny = 1e-9;
}

double LognormalFit::mean() const {
  return std::exp(mu + sigma * sigma / 2.0);
}
double LognormalFit::cv() const {
  return std::sqrt(std::expm1(sigma * sigma));
}

LognormalFit fit_lognormal(const std::vector<double>& sample) {
  assert(!sample.empty());
  double sum = 0.0;
  for (double x : sample)
    sum += std::log(std::max(x, kTiny));
  const double mu = sum / sample.size();
  double ss = 0.0;
  for (double x : sample) {
    const double deviation = std::log(std::max(x, kTiny)) - mu;
    ss += deviation * deviation;
  }
  return {mu, std::sqrt(ss / sample.size())};
}

double lognormal_cdf(const LognormalFit& fit, double x) {
  if (x <= 0) return 0.0;
  if (fit.sigma <= 0) return std::log(x) >= fit.mu ? 1.0 : 0.0;
  return 0.5 * std::erfc(-(std::log(x) - fit.mu) / (fit.sigma * std::sqrt(2.0)));
}

double gamma_cdf(double mean, double cv, double x) {
  if (x <= 0) return 0.0;
  const double shape = 1.0 / (cv * cv);
  return boost::math::gamma_p(shape, x * shape / mean);
}

double ks_p_value(double d, std::size_t n) {
  // Q_KS(lambda) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lambda^2), with Stephens' small-sample
  // correction lambda = (sqrt(n) + 0.12 + 0.11 / sqrt(n)) d.
  const double root = std::sqrt(static_cast<double>(n));
  const double lambda = (root + 0.12 + 0.11 / root) * d;
  if (lambda < 0.2) return 1.0;
  double sum = 0.0;
  for (int j = 1; j <= 100; ++j) {
    const double term = std::exp(-2.0 * j * j * lambda * lambda);
    sum += (j % 2 == 1 ? term : -term);
    if (term < 1e-12) break;
  }
  return std::clamp(2.0 * sum, 0.0, 1.0);
}

std::vector<double> sample_quantiles(std::vector<double> sample, int points) {
  assert(!sample.empty() && points >= 1);
  std::sort(sample.begin(), sample.end());
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(points));
  const double n = static_cast<double>(sample.size());
  for (int i = 0; i < points; ++i) {
    // Linear interpolation between order statistics at position p * n - 0.5.
    const double position = std::clamp((i + 0.5) / points * n - 0.5, 0.0, n - 1.0);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sample.size() - 1);
    const double fraction = position - below;
    values.push_back(sample[below] * (1 - fraction) + sample[above] * fraction);
  }
  return values;
}

}  // namespace twotier::analysis
