// Validation of the kernel against queueing theory: each case is a small station network with
// a closed-form answer, run for independent replications; a metric passes when the analytic
// value lies in the Student-t confidence interval of the replication estimates. Little's law
// is checked as an exact sample-path identity instead (no interval).
//
// Pure function of its options (every random number comes from streams derived from the seed,
// case name and replication index); thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace twotier::analysis {

struct ValidationOptions {
  std::size_t replications = 20;  // independent replications per case (>= 2)
  std::uint64_t seed = 20250701;  // scenario seed; each case derives its own from its name
  double level = 0.99;            // confidence level of the intervals
  double run_scale = 1.0;         // multiplies every warm-up and run length (tests use < 1)
};

struct ValidationRow {
  std::string case_name;  // e.g. "M/M/1"
  std::string metric;     // e.g. "mean wait"
  double analytic = 0.0;
  double simulated = 0.0;  // mean over replications (Little: the largest relative gap)
  double ci_low = 0.0;     // the interval (Little: [0, tolerance])
  double ci_high = 0.0;
  bool pass = false;
};

// Relative gap |area - sum of times in window| / area allowed for Little's identity: rounding
// only (sums of ~1e5 terms of size ~1e4 in double precision).
inline constexpr double kLittleTolerance = 1e-9;

// REQUIRES: options.replications >= 2, 0 < options.level < 1, options.run_scale > 0
std::vector<ValidationRow> run_validation(const ValidationOptions& options);

}  // namespace twotier::analysis
