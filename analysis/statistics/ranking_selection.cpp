#include "analysis/statistics/ranking_selection.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <string>

namespace twotier::analysis {

namespace {

void validate(const KimNelsonOptions& o) {
  if (o.systems < 1)
    throw std::invalid_argument("Kim-Nelson: number of systems " + std::to_string(o.systems) +
                                " must be >= 1");
  if (!(o.indifference_zone > 0.0) || !std::isfinite(o.indifference_zone))
    throw std::invalid_argument("Kim-Nelson: indifference zone " +
                                std::to_string(o.indifference_zone) + " must be finite and > 0");
  if (!(o.alpha > 0.0 && o.alpha < 0.5))
    throw std::invalid_argument("Kim-Nelson: alpha " + std::to_string(o.alpha) +
                                " must be in (0, 0.5); 1 - alpha is the selection confidence");
  if (o.first_stage < 2)
    throw std::invalid_argument("Kim-Nelson: first-stage replications " +
                                std::to_string(o.first_stage) + " must be >= 2");
  if (o.max_replications != 0 && o.max_replications < o.first_stage)
    throw std::invalid_argument(
        "Kim-Nelson: max replications " + std::to_string(o.max_replications) +
        " must be 0 (unlimited) or >= the first stage (" + std::to_string(o.first_stage) + ")");
}

}  // namespace

double kim_nelson_h_squared(int systems, double alpha, int first_stage) {
  assert(systems >= 2 && first_stage >= 2 && alpha > 0.0 && alpha < 0.5);
  const double n0_minus_1 = static_cast<double>(first_stage - 1);
  const double eta =
      0.5 * (std::pow(2.0 * alpha / static_cast<double>(systems - 1), -2.0 / n0_minus_1) - 1.0);
  return 2.0 * eta * n0_minus_1;
}

SelectionResult select_best_kim_nelson(const KimNelsonOptions& options,
                                       const SystemSampler& sample) {
  validate(options);
  const int k = options.systems;
  SelectionResult result;
  result.replications.assign(static_cast<std::size_t>(k), 0);
  result.sample_means.assign(static_cast<std::size_t>(k), std::nan(""));
  if (k == 1) {  // nothing to compare
    result.best = 0;
    return result;
  }
  const auto idx = [](int i) { return static_cast<std::size_t>(i); };
  // Work in "larger is better" internally.
  const double sign = options.goal == Goal::kMaximize ? 1.0 : -1.0;
  const auto observe = [&](int system, int replication) {
    const double x = sample(system, replication);
    if (!std::isfinite(x))
      throw std::domain_error("Kim-Nelson: the sampler returned " + std::to_string(x) +
                              " for system " + std::to_string(system) + ", replication " +
                              std::to_string(replication) + "; observations must be finite");
    return sign * x;
  };

  // Stage 0: n0 observations of every system, kept to estimate the variances of differences.
  const int n0 = options.first_stage;
  std::vector<std::vector<double>> first(idx(k), std::vector<double>(idx(n0)));
  std::vector<double> sums(idx(k), 0.0);
  for (int r = 0; r < n0; ++r)
    for (int i = 0; i < k; ++i) {
      first[idx(i)][idx(r)] = observe(i, r);
      sums[idx(i)] += first[idx(i)][idx(r)];
    }
  // S^2_il: sample variance of X_ij - X_lj over the first stage (symmetric, k x k).
  std::vector<double> s2(idx(k * k), 0.0);
  for (int i = 0; i < k; ++i)
    for (int l = i + 1; l < k; ++l) {
      const double mean_diff = (sums[idx(i)] - sums[idx(l)]) / n0;
      double ss = 0.0;
      for (int r = 0; r < n0; ++r) {
        const double dev = first[idx(i)][idx(r)] - first[idx(l)][idx(r)] - mean_diff;
        ss += dev * dev;
      }
      s2[idx(i * k + l)] = s2[idx(l * k + i)] = ss / (n0 - 1);
    }

  const double delta = options.indifference_zone;
  const double h2 = kim_nelson_h_squared(k, options.alpha, n0);
  // W_il(r) = max(0, delta / (2r) * (h^2 S^2_il / delta^2 - r)): the allowance by which i may
  // trail l after r observations; it shrinks to 0 once r >= h^2 S^2_il / delta^2.
  const auto allowance = [&](int i, int l, int r) {
    return std::max(0.0, delta / (2.0 * r) * (h2 * s2[idx(i * k + l)] / (delta * delta) - r));
  };

  std::vector<int> alive(idx(k));
  for (int i = 0; i < k; ++i)
    alive[idx(i)] = i;
  std::vector<double> means(idx(k));
  int r = n0;
  const auto finish = [&](int best) {
    result.best = best;
    for (int i : alive) {
      result.replications[idx(i)] = r;
      result.sample_means[idx(i)] = sign * means[idx(i)];
    }
    return result;
  };
  for (;;) {
    for (int i : alive)
      means[idx(i)] = sums[idx(i)] / r;
    // Screening against the survivors of the previous stage (I_old).
    std::vector<int> survivors;
    bool allowances_all_zero = true;
    for (int i : alive) {
      int eliminated_by = -1;
      for (int l : alive) {
        if (l == i) continue;
        const double w = allowance(i, l, r);
        if (w > 0.0) allowances_all_zero = false;
        // Of the systems that beat i, name the one with the largest mean (the clearest reason).
        if (means[idx(i)] < means[idx(l)] - w &&
            (eliminated_by < 0 || means[idx(l)] > means[idx(eliminated_by)]))
          eliminated_by = l;
      }
      if (eliminated_by < 0) {
        survivors.push_back(i);
      } else {
        result.eliminations.push_back({i, r, eliminated_by});
        result.replications[idx(i)] = r;
        result.sample_means[idx(i)] = sign * means[idx(i)];
      }
    }
    // Someone always survives: the largest mean is never below another mean minus W >= 0.
    assert(!survivors.empty());
    alive = std::move(survivors);
    if (alive.size() == 1) return finish(alive.front());
    // With every allowance 0 only exact ties of the largest mean survive (KN's last stage):
    // take the lowest index among them, as more data would not separate identical means.
    const auto best_survivor = [&] {
      return *std::max_element(alive.begin(), alive.end(),
                               [&](int a, int b) { return means[idx(a)] < means[idx(b)]; });
    };
    if (allowances_all_zero) return finish(best_survivor());
    if (options.max_replications > 0 && r >= options.max_replications) {
      result.budget_exhausted = true;
      return finish(best_survivor());
    }
    for (int i : alive)
      sums[idx(i)] += observe(i, r);
    ++r;
  }
}

}  // namespace twotier::analysis
