#include "analysis/statistics/kpi_columns.hpp"

#include <limits>
#include <stdexcept>

#include "models/kpi_collector.hpp"
#include "models/text_check.hpp"
#include "models/text_match.hpp"

namespace twotier::analysis {

std::vector<KpiColumn> kpi_columns(std::span<const model::ReplicationResult> results,
                                   std::span<const std::string> position_labels) {
  std::vector<KpiColumn> columns;
  if (results.empty()) return columns;
  const auto& scopes = results.front().scopes;
  for (const auto& r : results) {
    if (r.scopes != scopes || r.kpis.size() != scopes.size() ||
        r.position_utilization.size() != position_labels.size())
      throw std::logic_error("kpi_columns: replications disagree on scopes or positions");
  }
  columns.reserve(scopes.size() * model::kMetricCount + position_labels.size());
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    for (int m = 0; m < model::kMetricCount; ++m) {
      KpiColumn column{scopes[s], model::metric_name(static_cast<model::Metric>(m)), {}};
      column.values.reserve(results.size());
      for (const auto& r : results)
        column.values.push_back(r.kpis[s][m]);
      columns.push_back(std::move(column));
    }
  }
  for (std::size_t p = 0; p < position_labels.size(); ++p) {
    KpiColumn column{"position:" + position_labels[p], "utilization", {}};
    for (const auto& r : results)
      column.values.push_back(r.position_utilization[p]);
    columns.push_back(std::move(column));
  }
  return columns;
}

ValueRange metric_range(model::Metric metric) {
  using model::Metric;
  switch (metric) {
    case Metric::kOnTimeRate:
    case Metric::kOnlineShare:
    case Metric::kDeskAbandonRate:
      return ValueRange::unit_interval();
    case Metric::kArrivals:
    case Metric::kCompleted:
    case Metric::kTimeInSystemDaysMean:
    case Metric::kProcessingWorkdaysMean:
    case Metric::kProcessingWorkdaysP50:
    case Metric::kProcessingWorkdaysP90:
    case Metric::kProcessingWorkdaysP95:
    case Metric::kBacklogMean:
    case Metric::kBacklogEnd:
    case Metric::kOverdueOpenEnd:
    case Metric::kApologySlips:
    case Metric::kSupplementationRequests:
    case Metric::kReturnedWithdrawn:
    case Metric::kWaitOfficerDaysMean:
    case Metric::kWorkedDaysMean:
    case Metric::kTransferDaysMean:
    case Metric::kCitizenDaysMean:
    case Metric::kDelayDaysMean:
    case Metric::kLittleLawGap:
    case Metric::kOutageHours:
    case Metric::kOutageDelayedDossiers:
    case Metric::kOverdueTrue:
    case Metric::kOverdueFlagged:
    case Metric::kDeskVisits:
    case Metric::kDeskRepeatVisits:
    case Metric::kDeskAbandoned:
    case Metric::kDeskTurnedAway:
    case Metric::kDeskWalkedAway:
    case Metric::kDeskWaitHoursMean:
      return ValueRange::non_negative();
  }
  return ValueRange::unbounded();
}

ValueRange metric_range(std::string_view metric) {
  for (int m = 0; m < model::kMetricCount; ++m) {
    const auto id = static_cast<model::Metric>(m);
    if (metric == model::metric_name(id)) return metric_range(id);
  }
  if (metric == "utilization" || metric == "utilization_commune" ||
      metric == "utilization_province" || metric == "province_on_time_rate")
    return ValueRange::unit_interval();
  if (metric == "overtime_hours" || metric == "reassignments" ||
      metric == "transfers_per_dossier" || metric == "processing_workdays_mean" ||
      metric == "transfer_days_mean")
    return ValueRange::non_negative();
  return ValueRange::unbounded();
}

bool is_model_metric(std::string_view metric) {
  for (int m = 0; m < model::kMetricCount; ++m)
    if (metric == model::metric_name(static_cast<model::Metric>(m))) return true;
  return false;
}

double kpi_value(const model::ReplicationResult& result, std::string_view scope,
                 std::string_view metric) {
  for (std::size_t s = 0; s < result.scopes.size(); ++s) {
    if (result.scopes[s] != scope) continue;
    for (int m = 0; m < model::kMetricCount; ++m)
      if (metric == model::metric_name(static_cast<model::Metric>(m))) return result.kpis[s][m];
  }
  return std::numeric_limits<double>::quiet_NaN();
}

const KpiColumn* find_column(std::span<const KpiColumn> columns, std::string_view scope,
                             std::string_view metric) {
  for (const auto& column : columns)
    if (column.scope == scope && column.metric == metric) return &column;
  return nullptr;
}

std::vector<std::string> model_metric_names() {
  std::vector<std::string> names;
  for (int m = 0; m < model::kMetricCount; ++m)
    names.emplace_back(model::metric_name(static_cast<model::Metric>(m)));
  return names;
}

std::string metric_problem(std::string_view metric) {
  if (is_model_metric(metric)) return {};
  const auto names = model_metric_names();
  return "unknown KPI '" + model::visible(metric) + "'" + model::did_you_mean(metric, names) +
         " (allowed: " + model::join_names(names) + ")";
}

std::string scope_problem(const model::ModelSpec& spec, std::string_view scope) {
  const model::KpiCollector collector(spec, sim::Instant{});
  const auto& names = collector.scope_names();
  for (const auto& name : names)
    if (name == scope) return {};
  std::string shown;  // the kinds of scope, and the first few of each
  std::vector<std::string> brief;
  for (const auto& name : names) {
    if (brief.size() < 12) brief.push_back(name);
  }
  if (names.size() > brief.size()) brief.push_back("...");
  return "unknown scope '" + model::visible(scope) + "'" + model::did_you_mean(scope, names) +
         " in scenario " + spec.scenario_file + " (allowed: " + model::join_names(brief) + ")";
}

}  // namespace twotier::analysis
