#include "analysis/experiments/auto_warmup.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "analysis/experiments/replication_executor.hpp"
#include "analysis/statistics/mser.hpp"
#include "models/input_limits.hpp"
#include "sim/time.hpp"

namespace twotier::analysis {

std::vector<double> mean_province_backlog(std::span<const model::ReplicationResult> results) {
  if (results.empty()) throw std::invalid_argument("mean_province_backlog: no replications");
  const int days = results.front().daily.days;
  const int units = results.front().daily.units;
  std::vector<double> mean(static_cast<std::size_t>(days), 0.0);
  for (const auto& r : results) {
    if (r.daily.days != days || r.daily.units != units)
      throw std::logic_error("mean_province_backlog: daily series of different shapes");
    for (int d = 0; d < days; ++d) {
      std::int64_t total = 0;
      for (int u = 0; u < units; ++u)
        total += r.daily.backlog[static_cast<std::size_t>(d) * units + u];
      mean[d] += static_cast<double>(total);
    }
  }
  for (double& x : mean)
    x /= static_cast<double>(results.size());
  return mean;
}

WarmupChoice choose_warmup(std::span<const model::ReplicationResult> pilot) {
  const std::vector<double> series = mean_province_backlog(pilot);
  if (series.size() < static_cast<std::size_t>(model::kMinAutoWarmupDays))
    throw std::invalid_argument("warmup = \"auto\": the run has " + std::to_string(series.size()) +
                                " days; MSER-5 needs at least " +
                                std::to_string(model::kMinAutoWarmupDays) +
                                " (allowed: a longer horizon or a "
                                "fixed warmup such as \"14d\")");
  const MserTruncation cut = mser5_truncation(series);
  WarmupChoice choice;
  choice.days = cut.truncation;
  choice.pilot_replications = static_cast<int>(pilot.size());
  choice.series_days = static_cast<int>(series.size());
  choice.at_search_limit = cut.at_search_limit;
  return choice;
}

WarmupChoice resolve_auto_warmup(model::ModelSpec& spec, const ExperimentOptions& pilot) {
  return resolve_auto_warmup(nullptr, spec, pilot);
}

WarmupChoice resolve_auto_warmup(ReplicationExecutor* executor, model::ModelSpec& spec,
                                 const ExperimentOptions& pilot) {
  if (!spec.warmup_auto) return WarmupChoice{-1, 0, 0, false};
  ExperimentOptions options = pilot;
  options.replications = std::clamp(pilot.replications, 1, kDefaultWarmupPilotReplications);
  options.first_replication = 0;
  options.progress = false;
  spec.warmup = sim::Duration{0.0};
  options.label = "warm-up pilot " + spec.name;
  const ExperimentResult result = run_experiment(executor, spec, options);
  const WarmupChoice choice = choose_warmup(result.replications);
  set_warmup_days(spec, choice.days);
  spec.warmup_auto = false;
  return choice;
}

void set_warmup_days(model::ModelSpec& spec, int days) {
  // The daily series' day 0 starts at midnight of the start date; the warm-up counts from the
  // start instant, which the loader puts at that midnight. Keep it strictly inside the run.
  const double seconds = days * sim::kSecondsPerDay;
  const double run_seconds = (spec.end - spec.start).seconds;
  spec.warmup = sim::Duration{std::min(seconds, run_seconds * 0.5)};
}

}  // namespace twotier::analysis
