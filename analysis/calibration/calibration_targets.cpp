// Reading calibration targets and parameter ranges, and evaluating a target on one replication
// (see calibration_targets.hpp).
#include "analysis/calibration/calibration_targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string_view>

#include "models/csv_table.hpp"
#include "models/scenario_error.hpp"

namespace twotier::analysis {
namespace {

constexpr double kDaysPerMonth = 365.25 / 12.0;

struct MetricInfo {
  TargetMetric metric;
  const char* name;
};
constexpr MetricInfo kMetrics[] = {
    {TargetMetric::kArrivalsPerMonth, "arrivals_per_month"},
    {TargetMetric::kArrivalShare, "arrival_share"},
    {TargetMetric::kOnTimeRate, "on_time_rate"},
    {TargetMetric::kOverdueOpen, "overdue_open"},
    {TargetMetric::kBacklogOpen, "backlog_open"},
    {TargetMetric::kOverdueFlagSyncShare, "overdue_flag_sync_share"},
};

std::string metric_names() {
  std::string names;
  for (const MetricInfo& m : kMetrics)
    names += (names.empty() ? "" : ", ") + std::string(m.name);
  return names;
}

double parse_number(const model::CsvCell& cell) {
  return cell.parse([](std::string_view text) {
    std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end == nullptr || *end != '\0' || !std::isfinite(v))
      throw model::ValueError("expected a finite number", "e.g. 146000 or 0.985");
    return v;
  });
}

sim::CivilDate parse_date(const model::CsvCell& cell) {
  const auto date = sim::parse_iso_date(cell.text());
  if (!date) cell.bad_value("a date YYYY-MM-DD");
  return *date;
}

bool is_identifier(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::int64_t serial(const sim::CivilDate& d) {
  return sim::days_from_civil(d);
}

// Day index in the replication's daily series (day 0 is the run's first day).
int day_index(const model::ModelSpec& spec, const sim::CivilDate& date) {
  const std::int64_t first =
      serial(spec.epoch_date) +
      static_cast<std::int64_t>(std::floor(spec.start.seconds / sim::kSecondsPerDay));
  return static_cast<int>(serial(date) - first);
}

sim::CivilDate run_first_day(const model::ModelSpec& spec) {
  return sim::add_days(spec.epoch_date, static_cast<std::int64_t>(
                                            std::floor(spec.start.seconds / sim::kSecondsPerDay)));
}

// The last day with a full day in the run (the horizon's day when the run ends at a midnight is
// the day before it).
sim::CivilDate run_last_day(const model::ModelSpec& spec) {
  const double end_day = std::ceil(spec.end.seconds / sim::kSecondsPerDay) - 1.0;
  return sim::add_days(spec.epoch_date, static_cast<std::int64_t>(end_day));
}

// kFiled: the units where dossiers are filed, by level (index 0: the commune-level units, wards,
// communes and special zones; 1: the provincial bodies and the service center), whatever the
// procedure's authority.
enum class ScopeKind { kProvince, kTier, kUnit, kFiled };
struct Scope {
  ScopeKind kind = ScopeKind::kProvince;
  int index = 0;  // tier, unit or filing level index
};

bool commune_level(model::UnitKind kind) {
  return kind == model::UnitKind::kWard || kind == model::UnitKind::kCommune ||
         kind == model::UnitKind::kSpecialZone;
}

// Whether unit `u` belongs to the scope (for kProvince, kUnit and kFiled).
bool in_scope(const Scope& scope, const model::ModelSpec& spec, int u) {
  switch (scope.kind) {
    case ScopeKind::kProvince:
      return true;
    case ScopeKind::kUnit:
      return u == scope.index;
    case ScopeKind::kFiled:
      return commune_level(spec.units[static_cast<std::size_t>(u)].kind) == (scope.index == 0);
    case ScopeKind::kTier:
      break;
  }
  return false;
}

// Nullopt when the scope does not exist in `spec`.
std::optional<Scope> resolve_scope(const std::string& scope, const model::ModelSpec& spec) {
  if (scope == "province") return Scope{ScopeKind::kProvince, 0};
  if (scope == "tier:commune") return Scope{ScopeKind::kTier, 0};
  if (scope == "tier:province") return Scope{ScopeKind::kTier, 1};
  if (scope == "filed:commune") return Scope{ScopeKind::kFiled, 0};
  if (scope == "filed:province") return Scope{ScopeKind::kFiled, 1};
  if (scope.rfind("unit:", 0) == 0) {
    const std::string id = scope.substr(5);
    for (std::size_t u = 0; u < spec.units.size(); ++u)
      if (spec.units[u].id == id) return Scope{ScopeKind::kUnit, static_cast<int>(u)};
  }
  return std::nullopt;
}

bool whole_run(const CalibrationTarget& t, const model::ModelSpec& spec) {
  return t.from == run_first_day(spec) && t.to == run_last_day(spec);
}

// Sum of a daily series over days [first, last] for a scope.
double sum_days(const model::ReplicationResult& r, const model::ModelSpec& spec, const Scope& scope,
                int first, int last, const std::vector<std::int32_t> model::DailySeries::*series) {
  const model::DailySeries& daily = scope.kind == ScopeKind::kTier ? r.daily_tier : r.daily;
  const std::vector<std::int32_t>& values = daily.*series;
  double total = 0.0;
  for (int d = std::max(first, 0); d <= std::min(last, daily.days - 1); ++d) {
    const std::size_t row = static_cast<std::size_t>(d) * static_cast<std::size_t>(daily.units);
    if (scope.kind == ScopeKind::kTier) {
      total += values[row + static_cast<std::size_t>(scope.index)];
      continue;
    }
    for (int u = 0; u < daily.units; ++u)
      if (in_scope(scope, spec, u)) total += values[row + static_cast<std::size_t>(u)];
  }
  return total;
}

const model::KpiRow* kpi_row(const model::ReplicationResult& r, const std::string& scope) {
  for (std::size_t i = 0; i < r.scopes.size(); ++i)
    if (r.scopes[i] == scope) return &r.kpis[i];
  return nullptr;
}

double kpi(const model::KpiRow& row, model::Metric metric) {
  return row[static_cast<std::size_t>(metric)];
}

}  // namespace

const char* to_string(TargetMetric metric) {
  for (const MetricInfo& m : kMetrics)
    if (m.metric == metric) return m.name;
  return "?";
}

std::vector<CalibrationTarget> read_calibration_targets(const std::filesystem::path& file) {
  const model::CsvTable table = model::CsvTable::read_file(
      file, {{"target", "metric", "scope", "from", "to", "value", "source"},
             {"tolerance", "standard_error"}});
  std::vector<CalibrationTarget> targets;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const model::CsvRow row = table.row(i);
    CalibrationTarget t;
    t.file = table.file();
    t.line = row.line();
    t.id = std::string(row["target"].text());
    if (!is_identifier(t.id)) row["target"].bad_value("an id of a-z, 0-9 and _");
    if (!ids.insert(t.id).second) row["target"].fail("duplicate target '" + t.id + "'");
    const std::string_view metric = row["metric"].text();
    const auto* info = std::find_if(std::begin(kMetrics), std::end(kMetrics),
                                    [&](const MetricInfo& m) { return metric == m.name; });
    if (info == std::end(kMetrics)) row["metric"].bad_value(metric_names());
    t.metric = info->metric;
    t.scope = std::string(row["scope"].text());
    if (t.scope.empty())
      row["scope"].bad_value(
          "province, tier:commune, tier:province, filed:commune, filed:province, unit:<id>");
    t.from = parse_date(row["from"]);
    t.to = parse_date(row["to"]);
    if (t.to < t.from) row["to"].fail("'to' is before 'from'");
    t.value = parse_number(row["value"]);
    const bool has_tolerance = !row["tolerance"].empty();
    const bool has_se = !row["standard_error"].empty();
    if (has_tolerance == has_se)
      row.fail("give exactly one of 'tolerance' (± half-width) and 'standard_error'");
    if (has_tolerance) {
      t.tolerance = parse_number(row["tolerance"]);
      if (!(t.tolerance > 0)) row["tolerance"].bad_value("a number > 0");
      t.sigma = t.tolerance / 3.0;
    } else {
      t.sigma = parse_number(row["standard_error"]);
      if (!(t.sigma > 0)) row["standard_error"].bad_value("a number > 0");
      t.tolerance = 3.0 * t.sigma;
    }
    const bool rate = t.metric == TargetMetric::kArrivalShare ||
                      t.metric == TargetMetric::kOnTimeRate ||
                      t.metric == TargetMetric::kOverdueFlagSyncShare;
    if (rate && (t.value < 0 || t.value > 1))
      row["value"].bad_value("a fraction from 0 to 1 for " + std::string(to_string(t.metric)));
    if (!rate && t.value < 0) row["value"].bad_value("a count >= 0");
    if ((t.metric == TargetMetric::kOverdueOpen || t.metric == TargetMetric::kBacklogOpen) &&
        t.from != t.to)
      row["to"].fail(std::string(to_string(t.metric)) +
                     " is a stock at the end of one day: give from = to");
    t.source = std::string(row["source"].text());
    if (t.source.empty()) row["source"].fail("empty: say where the figure was reported");
    targets.push_back(std::move(t));
  }
  if (targets.empty())
    throw model::ScenarioError(table.file() + ": error: no targets (one row per reported figure)");
  return targets;
}

std::vector<ParameterRange> read_parameter_ranges(const std::filesystem::path& file) {
  const model::CsvTable table =
      model::CsvTable::read_file(file, {{"parameter", "low", "high", "source"}, {"scale"}});
  std::vector<ParameterRange> ranges;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const model::CsvRow row = table.row(i);
    ParameterRange p;
    p.key = std::string(row["parameter"].text());
    if (p.key.empty() || p.key.find('=') != std::string::npos)
      row["parameter"].bad_value("a --set path such as staff.speed");
    if (!keys.insert(p.key).second) row["parameter"].fail("duplicate parameter '" + p.key + "'");
    p.low = parse_number(row["low"]);
    p.high = parse_number(row["high"]);
    if (!(p.high > p.low)) row["high"].fail("'high' must be greater than 'low'");
    const std::string_view scale = row["scale"].text();
    if (scale == "log") {
      p.log_scale = true;
      if (!(p.low > 0)) row["low"].fail("a log scale needs low > 0");
    } else if (!scale.empty() && scale != "linear") {
      row["scale"].bad_value("linear, log");
    }
    p.source = std::string(row["source"].text());
    if (p.source.empty()) row["source"].fail("empty: say why this range");
    ranges.push_back(std::move(p));
  }
  if (ranges.empty())
    throw model::ScenarioError(table.file() + ": error: no parameters to calibrate");
  return ranges;
}

void check_targets(const std::vector<CalibrationTarget>& targets, const model::ModelSpec& spec) {
  const sim::CivilDate first = run_first_day(spec);
  const sim::CivilDate last = run_last_day(spec);
  for (const CalibrationTarget& t : targets) {
    const std::string where =
        t.file + ":" + std::to_string(t.line) + ": error: target '" + t.id + "': ";
    const auto scope = resolve_scope(t.scope, spec);
    if (!scope)
      throw model::ScenarioError(
          where + "unknown scope '" + t.scope +
          "' (allowed: province, tier:commune, tier:province, filed:commune, "
          "filed:province, unit:<id> of the scenario's units)");
    if (t.from < first || last < t.to)
      throw model::ScenarioError(where + "period " + sim::to_string(t.from) + ".." +
                                 sim::to_string(t.to) + " is not inside the run (" +
                                 sim::to_string(first) + ".." + sim::to_string(last) + ")");
    if (t.metric == TargetMetric::kArrivalShare && scope->kind == ScopeKind::kProvince)
      throw model::ScenarioError(where +
                                 "arrival_share of the province is 1 by definition "
                                 "(allowed scopes: tier:commune, tier:province, unit:<id>)");
    if (t.metric == TargetMetric::kOnTimeRate && scope->kind == ScopeKind::kTier &&
        !whole_run(t, spec))
      throw model::ScenarioError(
          where + "on_time_rate of a tier is known only over the whole run (" +
          sim::to_string(first) + ".." + sim::to_string(last) +
          "); over part of it use scope province or unit:<id> (monthly report)");
    if (t.metric == TargetMetric::kOverdueFlagSyncShare && scope->kind == ScopeKind::kFiled)
      throw model::ScenarioError(where +
                                 "overdue_flag_sync_share is counted by scope province, tier:* "
                                 "or unit:<id>, not by filing level");
    if (t.metric == TargetMetric::kOverdueFlagSyncShare && !whole_run(t, spec))
      throw model::ScenarioError(where +
                                 "overdue_flag_sync_share is counted over the whole run: "
                                 "give from = " +
                                 sim::to_string(first) + ", to = " + sim::to_string(last));
  }
}

double simulated_value(const CalibrationTarget& t, const model::ModelSpec& spec,
                       const model::ReplicationResult& r) {
  const Scope scope = *resolve_scope(t.scope, spec);
  const int first = day_index(spec, t.from);
  const int last = day_index(spec, t.to);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (t.metric) {
    case TargetMetric::kArrivalsPerMonth: {
      const double days = static_cast<double>(last - first + 1);
      return sum_days(r, spec, scope, first, last, &model::DailySeries::arrivals) / days *
             kDaysPerMonth;
    }
    case TargetMetric::kArrivalShare: {
      const double all = sum_days(r, spec, Scope{}, first, last, &model::DailySeries::arrivals);
      return all > 0 ? sum_days(r, spec, scope, first, last, &model::DailySeries::arrivals) / all
                     : nan;
    }
    case TargetMetric::kOverdueOpen:
      return sum_days(r, spec, scope, last, last, &model::DailySeries::overdue);
    case TargetMetric::kBacklogOpen:
      return sum_days(r, spec, scope, last, last, &model::DailySeries::backlog);
    case TargetMetric::kOnTimeRate: {
      if (scope.kind == ScopeKind::kTier) {
        const model::KpiRow* row = kpi_row(r, t.scope);
        return row ? kpi(*row, model::Metric::kOnTimeRate) : nan;
      }
      // Calendar months that meet the period, from the monthly report.
      const int from_month = t.from.year * 12 + t.from.month;
      const int to_month = t.to.year * 12 + t.to.month;
      double on_time = 0.0, late = 0.0;
      for (const model::MonthlyReportRow& m : r.monthly_report) {
        const int month = m.year * 12 + m.month;
        if (month < from_month || month > to_month) continue;
        if (!in_scope(scope, spec, m.unit)) continue;
        on_time += static_cast<double>(m.completed_on_time);
        late += static_cast<double>(m.completed_late);
      }
      return on_time + late > 0 ? on_time / (on_time + late) : nan;
    }
    case TargetMetric::kOverdueFlagSyncShare: {
      const model::KpiRow* row = kpi_row(r, t.scope);
      if (row == nullptr) return nan;
      const double flagged = kpi(*row, model::Metric::kOverdueFlagged);
      const double truly = kpi(*row, model::Metric::kOverdueTrue);
      return flagged > 0 ? (flagged - truly) / flagged : nan;
    }
  }
  return nan;
}

sim::CivilDate last_target_day(const std::vector<CalibrationTarget>& targets) {
  sim::CivilDate last = targets.front().to;
  for (const CalibrationTarget& t : targets)
    last = std::max(last, t.to);
  return last;
}

}  // namespace twotier::analysis
