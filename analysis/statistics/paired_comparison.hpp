// Paired comparison of an alternative with a base scenario over replications run with common
// random numbers: replication r of both used the same streams, so alt[r] - base[r] is one
// observation of the difference, and the positive correlation CRN induces shrinks its variance.
//
// The interval on the mean difference is a Student-t interval at a Bonferroni-adjusted level, so
// that all k alternatives' intervals hold simultaneously with probability >= level. Pairs where
// either value is NaN are skipped. Pure functions (thread-safe).
#pragma once

#include <span>

#include "analysis/statistics/student_t.hpp"

namespace twotier::analysis {

// Per-interval level giving simultaneous coverage >= level over k intervals: 1 - (1 - level)/k.
// Throws std::invalid_argument unless 0 < level < 1 and alternatives >= 1.
double bonferroni_level(double level, int alternatives);

struct PairedComparison {
  int pairs;         // replications where both values are defined
  double base_mean;  // over those pairs
  double alt_mean;
  MeanInterval difference;  // of alt - base, at adjusted_level (n == pairs)
  double adjusted_level;    // bonferroni_level(level, alternatives)
  // The interval excludes 0 (false when pairs < 2).
  bool significant;
  // Pearson correlation of base and alt over the pairs; NaN when pairs < 2 or either is constant.
  double correlation;
  // var(alt - base) / (var(alt) + var(base)): 1 for independent runs, below 1 when CRN helped.
  // NaN when pairs < 2 or both are constant.
  double variance_ratio;
};

// REQUIRES (throws std::invalid_argument): base.size() == alt.size(), 0 < level < 1,
// alternatives >= 1.
PairedComparison compare_paired(std::span<const double> base, std::span<const double> alt,
                                double level, int alternatives = 1);

}  // namespace twotier::analysis
