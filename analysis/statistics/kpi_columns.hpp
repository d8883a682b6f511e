// Per-replication KPI values arranged by (scope, metric): one column per summary row, holding
// the value of every replication in replication order (NaN where undefined). The shape the
// paired comparison, the precision rule and the selection of the best read.
//
// Columns come in the order of analysis::summarize (scopes in model order, metrics in
// model::Metric order, then one "utilization" column per position). Pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/statistics/confidence.hpp"  // ValueRange
#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

struct KpiColumn {
  std::string scope;
  std::string metric;
  std::vector<double> values;  // [replication], in the order of the results
};

// REQUIRES: every result has the same scopes and position_labels.size() utilisation values
// (throws std::logic_error otherwise).
std::vector<KpiColumn> kpi_columns(std::span<const model::ReplicationResult> results,
                                   std::span<const std::string> position_labels);

// The value of (scope, metric) in one replication; NaN when the scope or metric is absent.
double kpi_value(const model::ReplicationResult& result, std::string_view scope,
                 std::string_view metric);

// The column for (scope, metric), or nullptr.
const KpiColumn* find_column(std::span<const KpiColumn> columns, std::string_view scope,
                             std::string_view metric);

// The values a KPI can take, from its definition (models/replication_result.hpp): rates and
// shares in [0, 1], counts, times and the Little's-law gap >= 0.
ValueRange metric_range(model::Metric metric);
// The same by name, for model KPIs (metric_name), "utilization" (and the delegation explorer's
// "utilization_commune"/"utilization_province"), "province_on_time_rate" ([0, 1]) and
// "overtime_hours", "transfers_per_dossier" (>= 0). Any other name is unbounded.
ValueRange metric_range(std::string_view metric);

// Whether `metric` names a model KPI (model::metric_name) — "utilization" is not one.
bool is_model_metric(std::string_view metric);

// Every model KPI name, in model::Metric order (for "allowed:" lists in messages).
std::vector<std::string> model_metric_names();

// Checks of command-line arguments before any replication runs: an empty string if `metric`
// is a model KPI (or `scope` a scope of `spec`'s results: province, tier:..., unit:<id>,
// domain:..., procedure:<id>), else the problem with a suggestion and what is allowed.
std::string metric_problem(std::string_view metric);
std::string scope_problem(const model::ModelSpec& spec, std::string_view scope);

}  // namespace twotier::analysis
