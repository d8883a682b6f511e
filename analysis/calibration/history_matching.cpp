// History matching by direct simulation (see history_matching.hpp).
#include "analysis/calibration/history_matching.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analysis/experiments/design.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {
namespace {

// The scale a parameter is sampled on: its value, or its logarithm.
double to_scale(const ParameterRange& p, double v) {
  return p.log_scale ? std::log(v) : v;
}
double from_scale(const ParameterRange& p, double x) {
  return p.log_scale ? std::exp(x) : x;
}

using Box = std::vector<std::pair<double, double>>;  // per parameter, on its sampling scale

Box prior_box(const std::vector<ParameterRange>& parameters) {
  Box box;
  for (const ParameterRange& p : parameters)
    box.emplace_back(to_scale(p, p.low), to_scale(p, p.high));
  return box;
}

// The box spanned by the sets not ruled out so far (or, when every set was, by the best tenth),
// widened by one Latin-hypercube stratum of the prior on each side and kept inside the prior.
Box refocused_box(const std::vector<ParameterRange>& parameters,
                  const std::vector<EvaluatedSet>& sets, int points_per_wave) {
  std::vector<const EvaluatedSet*> keep;
  for (const EvaluatedSet& s : sets)
    if (s.plausible) keep.push_back(&s);
  if (keep.empty()) {
    std::vector<const EvaluatedSet*> all;
    for (const EvaluatedSet& s : sets)
      all.push_back(&s);
    std::stable_sort(all.begin(), all.end(), [](const EvaluatedSet* a, const EvaluatedSet* b) {
      return a->max_implausibility < b->max_implausibility;
    });
    const std::size_t best = std::max<std::size_t>(2, all.size() / 10);
    keep.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(best, all.size())));
  }
  const Box prior = prior_box(parameters);
  Box box;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const EvaluatedSet* s : keep) {
      const double x = to_scale(parameters[k], s->parameters[k]);
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    const double stratum = (prior[k].second - prior[k].first) / points_per_wave;
    box.emplace_back(std::max(prior[k].first, lo - stratum),
                     std::min(prior[k].second, hi + stratum));
  }
  return box;
}

EvaluatedSet evaluate(const std::vector<CalibrationTarget>& targets,
                      const std::vector<ParameterRange>& parameters,
                      const std::vector<double>& values, const SpecForOverrides& spec_for,
                      const HistoryMatchingOptions& options) {
  const model::ModelSpec spec = spec_for(parameter_overrides(parameters, values));
  check_targets(targets, spec);
  ExperimentOptions run;
  run.replications = options.replications;
  run.threads = options.threads;
  run.progress = options.progress;
  const ExperimentResult result = run_experiment(spec, run);

  EvaluatedSet set;
  set.parameters = values;
  const double r = static_cast<double>(options.replications);
  for (const CalibrationTarget& t : targets) {
    std::vector<double> v;
    for (const model::ReplicationResult& rep : result.replications)
      v.push_back(simulated_value(t, spec, rep));
    const bool any_nan = std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / r;
    double ss = 0.0;
    for (double x : v)
      ss += (x - mean) * (x - mean);
    const double se = v.size() > 1 ? std::sqrt(ss / (r - 1.0) / r) : 0.0;
    const double implausibility =
        any_nan ? std::numeric_limits<double>::infinity()
                : std::abs(mean - t.value) / std::sqrt(t.sigma * t.sigma + se * se);
    set.mean.push_back(any_nan ? std::numeric_limits<double>::quiet_NaN() : mean);
    set.noise_se.push_back(se);
    set.implausibility.push_back(implausibility);
    set.max_implausibility = std::max(set.max_implausibility, implausibility);
  }
  set.plausible = set.max_implausibility <= options.cutoff;
  return set;
}

}  // namespace

std::size_t HistoryMatchingResult::plausible_count() const {
  return static_cast<std::size_t>(
      std::count_if(sets.begin(), sets.end(), [](const EvaluatedSet& s) { return s.plausible; }));
}

std::vector<std::string> parameter_overrides(const std::vector<ParameterRange>& parameters,
                                             const std::vector<double>& values) {
  std::vector<std::string> overrides;
  for (std::size_t k = 0; k < parameters.size(); ++k)
    overrides.push_back(parameters[k].key + "=" + csv_number(values[k]));
  return overrides;
}

HistoryMatchingResult history_match(const std::vector<CalibrationTarget>& targets,
                                    const std::vector<ParameterRange>& parameters,
                                    const SpecForOverrides& spec_for,
                                    const HistoryMatchingOptions& options) {
  HistoryMatchingResult result;
  result.parameters = parameters;
  result.targets = targets;
  result.options = options;
  const int total = options.waves * options.points_per_wave;
  int done = 0;
  for (int wave = 1; wave <= options.waves; ++wave) {
    const Box box = wave == 1 ? prior_box(parameters)
                              : refocused_box(parameters, result.sets, options.points_per_wave);
    result.wave_boxes.push_back(box);
    std::vector<RangeFactor> factors;
    for (std::size_t k = 0; k < parameters.size(); ++k)
      factors.push_back({parameters[k].key, box[k].first, box[k].second});
    const RangeDesign design = latin_hypercube(
        factors, options.points_per_wave, options.design_seed + static_cast<std::uint64_t>(wave));
    for (std::size_t p = 0; p < design.points.size(); ++p) {
      std::vector<double> values;
      for (std::size_t k = 0; k < parameters.size(); ++k)
        values.push_back(from_scale(parameters[k], design.points[p][k]));
      EvaluatedSet set = evaluate(targets, parameters, values, spec_for, options);
      set.wave = wave;
      set.index = static_cast<int>(p);
      result.sets.push_back(std::move(set));
      if (options.on_progress) options.on_progress(++done, total);
    }
  }
  return result;
}

}  // namespace twotier::analysis
