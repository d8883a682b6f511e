// Student-t quantiles and the t confidence interval for the mean of independent replications.
//
// Pure functions of their arguments (thread-safe). Quantiles come from Boost.Math. An interval
// treats the values as i.i.d. normal-ish replication outputs: mean +- t_{1-(1-level)/2, n-1}
// s/sqrt(n). NaN values (a KPI undefined in some replication, e.g. a mean over zero dossiers) are
// skipped and not counted in n.
#pragma once

#include <span>

namespace twotier::analysis {

// The p-quantile of Student's t with `dof` degrees of freedom (dof may be fractional).
// Throws std::invalid_argument unless 0 < p < 1 and dof > 0 (both finite).
double student_t_quantile(double p, double dof);

// A two-sided confidence interval for a mean. With n < 2 there is no variance estimate:
// half_width, low and high are NaN (mean is the single value, or NaN when n == 0). With n >= 2
// and identical values, half_width is 0.
struct MeanInterval {
  double mean;
  double half_width;
  double low;   // mean - half_width
  double high;  // mean + half_width
  int n;        // values used (NaN values excluded)
};

// Student-t interval at confidence `level` (0.95 for 95%).
// Throws std::invalid_argument unless 0 < level < 1.
MeanInterval mean_interval(std::span<const double> values, double level);

// The two-sided interval's multiplier t_{1-(1-level)/2, n-1}. Throws unless 0 < level < 1 and
// n >= 2.
double t_multiplier(double level, int n);

}  // namespace twotier::analysis
