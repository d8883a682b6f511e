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
#include <functional>
#include <string>
#include <vector>

namespace twotier::analysis {

// Family-wise error: the 16 interval checks are screened at `screen_level`; a check whose
// analytic value falls outside is rerun once on fresh replications (indices after the first
// ones, `rerun_factor` times as many) at the level 1 - family_error / (checks x (1 -
// screen_level)), and fails only if it falls outside again. A correct engine then fails some
// check with probability <= family_error (the two stages are independent), while a check
// with a real error fails both.
struct ValidationOptions {
  std::size_t replications = 20;  // independent replications per case (>= 2)
  std::uint64_t seed = 20250701;  // scenario seed; each case derives its own from its name
  double screen_level = 0.95;     // level of the first intervals
  double family_error = 0.01;     // P(a correct engine fails any check) at most this
  std::size_t rerun_factor = 3;   // replications of a rerun: this times `replications`
  double run_scale = 1.0;         // multiplies every warm-up and run length (tests use < 1)
  // Test hook: when set, every replication estimate of a check (case and metric names as in
  // ValidationRow) is multiplied by 1 + relative_bias(case, metric), to measure the power
  // against a biased engine. A row's verdict depends on its own metric's estimates only (the
  // rerun replications are the same whichever metric missed), so biasing every check at once
  // gives each check's power from one run.
  std::function<double(const std::string& case_name, const std::string& metric)> relative_bias;
  std::string only_case;  // non-empty: run only this case (tests)
  int threads = 1;        // replications run in parallel; results do not depend on it
  bool progress = false;  // count replications on the progress board (progress_board.hpp)
};

struct ValidationRow {
  std::string case_name;  // e.g. "M/M/1"
  std::string metric;     // e.g. "mean wait"
  double analytic = 0.0;
  double simulated = 0.0;  // mean over replications (Little: the largest relative gap)
  double ci_low = 0.0;     // the interval (Little: [0, tolerance])
  double ci_high = 0.0;
  double level = 0.0;            // of the interval shown (the rerun's when rerun)
  std::size_t replications = 0;  // behind the interval shown
  bool rerun = false;            // the first interval missed; this row shows the rerun
  bool pass = false;
};

// The number of interval checks (Little's identities aside) and the level of a rerun.
std::size_t validation_interval_checks();
double validation_rerun_level(const ValidationOptions& options);

// Relative gap |area - sum of times in window| / area allowed for Little's identity: rounding
// only (sums of ~1e5 terms of size ~1e4 in double precision).
inline constexpr double kLittleTolerance = 1e-9;

// REQUIRES: options.replications >= 2, 0 < options.screen_level < 1,
// 0 < options.family_error < 1, options.rerun_factor >= 1, options.run_scale > 0
std::vector<ValidationRow> run_validation(const ValidationOptions& options);

}  // namespace twotier::analysis
