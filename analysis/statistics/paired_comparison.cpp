#include "analysis/statistics/paired_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace twotier::analysis {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double bonferroni_level(double level, int alternatives) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("bonferroni_level: confidence level " + std::to_string(level) +
                                " is outside (0, 1)");
  if (alternatives < 1)
    throw std::invalid_argument("bonferroni_level: number of alternatives " +
                                std::to_string(alternatives) + " must be >= 1");
  return 1.0 - (1.0 - level) / static_cast<double>(alternatives);
}

PairedComparison compare_paired(std::span<const double> base, std::span<const double> alt,
                                double level, int alternatives) {
  if (base.size() != alt.size())
    throw std::invalid_argument("compare_paired: base has " + std::to_string(base.size()) +
                                " replications but the alternative has " +
                                std::to_string(alt.size()) + "; pairs need equal counts");
  PairedComparison out{};
  out.adjusted_level = bonferroni_level(level, alternatives);

  std::vector<double> differences;
  differences.reserve(base.size());
  double base_sum = 0.0, alt_sum = 0.0;
  for (std::size_t r = 0; r < base.size(); ++r) {
    if (std::isnan(base[r]) || std::isnan(alt[r])) continue;
    differences.push_back(alt[r] - base[r]);
    base_sum += base[r];
    alt_sum += alt[r];
  }
  const int n = static_cast<int>(differences.size());
  out.pairs = n;
  out.base_mean = n > 0 ? base_sum / n : kNaN;
  out.alt_mean = n > 0 ? alt_sum / n : kNaN;
  out.difference = mean_interval(differences, out.adjusted_level);
  out.significant = n >= 2 && (out.difference.low > 0.0 || out.difference.high < 0.0);

  // Two-pass central moments (n is a replication count, so a second pass is cheap).
  double base_ss = 0.0, alt_ss = 0.0, cross = 0.0;
  for (std::size_t r = 0; r < base.size(); ++r) {
    if (std::isnan(base[r]) || std::isnan(alt[r])) continue;
    const double db = base[r] - out.base_mean;
    const double da = alt[r] - out.alt_mean;
    base_ss += db * db;
    alt_ss += da * da;
    cross += db * da;
  }
  out.correlation =
      n >= 2 && base_ss > 0.0 && alt_ss > 0.0 ? cross / std::sqrt(base_ss * alt_ss) : kNaN;
  // var(a - b) = var(a) + var(b) - 2 cov(a, b); the (n - 1) denominators cancel. The clamp
  // removes a rounding residue below 0 when alt - base is constant.
  out.variance_ratio = n >= 2 && base_ss + alt_ss > 0.0
                           ? std::max(0.0, base_ss + alt_ss - 2.0 * cross) / (base_ss + alt_ss)
                           : kNaN;
  return out;
}

}  // namespace twotier::analysis
