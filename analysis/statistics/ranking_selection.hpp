// Selecting the best of k simulated systems with a probability-of-correct-selection guarantee:
// the fully sequential procedure KN of Kim and Nelson (2001, ACM TOMACS 11(3)).
//
// Guarantee: if the best system's mean beats every other by at least the indifference zone
// delta, KN selects it with probability >= 1 - alpha, for normal observations with unknown,
// unequal variances, and it remains valid under common random numbers (it works on paired
// differences). Replication r of every system is requested with the same index r, so a caller
// that seeds replication r identically for all systems gets CRN. Not thread-safe across calls
// of the sampler: observations are requested one at a time, stage by stage, in system order.
#pragma once

#include <functional>
#include <vector>

namespace twotier::analysis {

enum class Goal { kMaximize, kMinimize };

struct KimNelsonOptions {
  int systems = 2;               // k >= 1
  Goal goal = Goal::kMaximize;   // whether larger or smaller means are better
  double indifference_zone = 0;  // delta > 0: differences below it are not worth detecting
  double alpha = 0.05;           // 1 - alpha is the guaranteed PCS; 0 < alpha < 0.5
  int first_stage = 10;          // n0 >= 2 replications of every system before screening
  int max_replications = 0;      // per system; 0 = unlimited (KN always stops, eventually)
};

// One system leaving the contest.
struct Elimination {
  int system;
  int replications;  // observations of `system` when it was eliminated
  // Of the systems whose mean beat it by more than the allowance, the one with the largest
  // mean (the lowest index among equal means).
  int eliminated_by;
};

struct SelectionResult {
  int best;                               // index of the selected system
  std::vector<int> replications;          // observations taken of each system
  std::vector<double> sample_means;       // of each system over its observations (original sign)
  std::vector<Elimination> eliminations;  // in the order they happened
  // True when max_replications stopped the procedure before one system remained: `best` is
  // then the largest (smallest) sample mean among the survivors, without the guarantee.
  bool budget_exhausted = false;
};

// One observation of `system` (0-based) at replication `replication` (0-based). Must be finite.
using SystemSampler = std::function<double(int system, int replication)>;

// Runs KN: n0 observations of every system, then one more of every survivor per stage until
// one remains. Throws std::invalid_argument for options outside the ranges above, and
// std::domain_error if the sampler returns a non-finite value.
SelectionResult select_best_kim_nelson(const KimNelsonOptions& options,
                                       const SystemSampler& sample);

// KN's constant h^2 = 2 eta (n0 - 1), eta = ((2 alpha / (k - 1))^(-2 / (n0 - 1)) - 1) / 2.
// REQUIRES: k >= 2, n0 >= 2, 0 < alpha < 0.5
double kim_nelson_h_squared(int systems, double alpha, int first_stage);

}  // namespace twotier::analysis
