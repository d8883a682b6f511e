#include "analysis/statistics/student_t.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>

#include "sim/statistics.hpp"

namespace twotier::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void require_level(double level, const char* where) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument(std::string(where) + ": confidence level " + std::to_string(level) +
                                " is outside (0, 1); use e.g. 0.95");
}

}  // namespace

double student_t_quantile(double p, double dof) {
  if (!(p > 0.0 && p < 1.0))
    throw std::invalid_argument("student_t_quantile: probability " + std::to_string(p) +
                                " is outside (0, 1)");
  if (!(dof > 0.0) || !std::isfinite(dof))
    throw std::invalid_argument("student_t_quantile: degrees of freedom " + std::to_string(dof) +
                                " must be finite and > 0");
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

double t_multiplier(double level, int n) {
  require_level(level, "t_multiplier");
  if (n < 2)
    throw std::invalid_argument("t_multiplier: needs at least 2 values, got " + std::to_string(n));
  return student_t_quantile(1.0 - (1.0 - level) / 2.0, static_cast<double>(n - 1));
}

MeanInterval mean_interval(std::span<const double> values, double level) {
  require_level(level, "mean_interval");
  sim::Tally tally;
  for (const double x : values)
    if (!std::isnan(x)) tally.add(x);
  const int n = static_cast<int>(tally.count());
  if (n < 2) return {tally.mean(), kNaN, kNaN, kNaN, n};
  const double half_width = t_multiplier(level, n) * tally.stddev() / std::sqrt(double(n));
  return {tally.mean(), half_width, tally.mean() - half_width, tally.mean() + half_width, n};
}

}  // namespace twotier::analysis
