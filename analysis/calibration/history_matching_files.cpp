// Writing the files of a history-matching calibration (see history_matching_files.hpp).
#include "analysis/calibration/history_matching_files.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {
namespace {

bool is_rate(TargetMetric m) {
  return m == TargetMetric::kArrivalShare || m == TargetMetric::kOnTimeRate ||
         m == TargetMetric::kOverdueFlagSyncShare;
}

// A value for reading: rates as percentages with one decimal, counts rounded.
std::string readable(TargetMetric metric, double v) {
  if (std::isnan(v)) return "–";
  char buffer[48];
  if (is_rate(metric))
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * v);
  else
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  return buffer;
}

std::string parameter_value(double v) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

}  // namespace

std::string history_matching_report(const HistoryMatchingResult& result,
                                    const std::string& scenario) {
  const auto& o = result.options;
  std::ostringstream out;
  const std::size_t plausible = result.plausible_count();
  out << "# Calibration of " << scenario << " to reported figures\n\n"
      << "Method: history matching by direct simulation. " << o.waves << " wave(s) of "
      << o.points_per_wave << " parameter sets drawn by Latin hypercube (wave 1 over the prior "
      << "ranges, later waves inside the box of the sets not ruled out), each simulated with "
      << o.replications << " replication(s) under common random numbers. A set is ruled out when "
      << "a target's implausibility |simulated mean − reported| / sqrt(σ² + s²/R) exceeds "
      << parameter_value(o.cutoff) << " (σ: the target's standard error, or its tolerance / 3).\n\n"
      << "**" << plausible << " of " << result.sets.size()
      << " parameter sets are consistent with every target.**";
  if (plausible == 0)
    out << " No set matches all targets at once: the model, the ranges or a target need review "
           "(the closest sets are listed below; do not use them as calibrated).";
  out << "\n\n## Targets\n\n"
      << "| target | metric | scope | period | reported | tolerance | plausible sets give | "
         "source |\n|---|---|---|---|---:|---:|---|---|\n";
  // The sets a range is reported over: the plausible ones, else the five closest.
  std::vector<const EvaluatedSet*> basis;
  for (const EvaluatedSet& s : result.sets)
    if (s.plausible) basis.push_back(&s);
  const bool closest = basis.empty();
  if (closest) {
    for (const EvaluatedSet& s : result.sets)
      basis.push_back(&s);
    std::stable_sort(basis.begin(), basis.end(), [](const EvaluatedSet* a, const EvaluatedSet* b) {
      return a->max_implausibility < b->max_implausibility;
    });
    basis.resize(std::min<std::size_t>(5, basis.size()));
  }
  for (std::size_t k = 0; k < result.targets.size(); ++k) {
    const CalibrationTarget& t = result.targets[k];
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const EvaluatedSet* s : basis) {
      if (std::isnan(s->mean[k])) continue;
      lo = std::min(lo, s->mean[k]);
      hi = std::max(hi, s->mean[k]);
    }
    const std::string range =
        std::isfinite(lo) ? readable(t.metric, lo) + " – " + readable(t.metric, hi) : "–";
    out << "| " << t.id << " | " << to_string(t.metric) << " | " << t.scope << " | "
        << sim::to_string(t.from) << (t.from == t.to ? "" : " – " + sim::to_string(t.to)) << " | "
        << readable(t.metric, t.value) << " | ±" << readable(t.metric, t.tolerance) << " | "
        << range << (closest ? " (closest sets)" : "") << " | " << t.source << " |\n";
  }
  out << "\n## Parameters\n\n| parameter | prior range | scale | "
      << (closest ? "closest sets" : "plausible range") << " | why this range |\n"
      << "|---|---|---|---|---|\n";
  for (std::size_t k = 0; k < result.parameters.size(); ++k) {
    const ParameterRange& p = result.parameters[k];
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const EvaluatedSet* s : basis) {
      lo = std::min(lo, s->parameters[k]);
      hi = std::max(hi, s->parameters[k]);
    }
    out << "| `" << p.key << "` | " << parameter_value(p.low) << " – " << parameter_value(p.high)
        << " | " << (p.log_scale ? "log" : "linear") << " | "
        << (basis.empty() ? "–" : parameter_value(lo) + " – " + parameter_value(hi)) << " | "
        << p.source << " |\n";
  }
  out << "\nEvery set simulated, with its implausibility per target: calibration_runs.csv. "
      << "The plausible sets: parameter_sets.csv.\n";
  return out.str();
}

void write_history_matching(const HistoryMatchingResult& result, const std::string& scenario,
                            const std::filesystem::path& folder) {
  write_text_atomically(folder / "calibration_runs.csv", [&](std::ostream& out) {
    out << "wave,set";
    for (const ParameterRange& p : result.parameters)
      out << "," << csv_field(p.key);
    for (const CalibrationTarget& t : result.targets)
      out << "," << t.id << "_mean," << t.id << "_noise_se," << t.id << "_implausibility";
    out << ",max_implausibility,plausible\n";
    for (const EvaluatedSet& s : result.sets) {
      out << s.wave << "," << s.index;
      for (double v : s.parameters)
        out << "," << csv_number(v);
      for (std::size_t k = 0; k < s.mean.size(); ++k)
        out << "," << csv_number(s.mean[k]) << "," << csv_number(s.noise_se[k]) << ","
            << csv_number(s.implausibility[k]);
      out << "," << csv_number(s.max_implausibility) << "," << (s.plausible ? 1 : 0) << "\n";
    }
  });
  write_text_atomically(folder / "parameter_sets.csv", [&](std::ostream& out) {
    out << "set";
    for (const ParameterRange& p : result.parameters)
      out << "," << csv_field(p.key);
    out << "\n";
    int n = 0;
    for (const EvaluatedSet& s : result.sets) {
      if (!s.plausible) continue;
      out << n++;
      for (double v : s.parameters)
        out << "," << csv_number(v);
      out << "\n";
    }
  });
  write_text_atomically(folder / "calibration_fit.md", [&](std::ostream& out) {
    out << history_matching_report(result, scenario);
  });
}

}  // namespace twotier::analysis
