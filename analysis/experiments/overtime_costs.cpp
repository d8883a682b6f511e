// Overtime costs in a comparison (see overtime_costs.hpp).
#include "analysis/experiments/overtime_costs.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/statistics/kpi_columns.hpp"

namespace twotier::analysis {

std::vector<OvertimeCost> overtime_costs(std::span<const model::ModelSpec> specs,
                                         const CompareRun& run, double confidence) {
  std::vector<OvertimeCost> out;
  for (std::size_t s = 1; s < specs.size(); ++s) {
    const model::ModelSpec& spec = specs[s];
    if (!spec.overtime.enabled()) continue;
    const double measured_days = (spec.end - (spec.start + spec.warmup)).days();
    const double per_year = measured_days > 0 ? 365.0 / measured_days : std::nan("");
    std::vector<double> rate(spec.positions.size());
    for (std::size_t p = 0; p < rate.size(); ++p)
      rate[p] = model::overtime_hourly_cost(spec, static_cast<int>(p));
    std::vector<double> hours, cost;
    for (const model::ReplicationResult& r : run.results[s]) {
      double h = 0.0, c = 0.0;
      for (std::size_t p = 0; p < r.position_overtime_worked_hours.size() && p < rate.size(); ++p) {
        const double worked = r.position_overtime_worked_hours[p];
        if (std::isnan(worked) || worked <= 0) continue;
        h += worked;
        c += worked * rate[p];  // NaN when the hour has no price
      }
      hours.push_back(h * per_year);
      cost.push_back(c * per_year);
    }
    OvertimeCost row;
    row.scenario = run.names[s];
    row.hours_a_year = estimate_mean(hours, confidence, metric_range("overtime_hours"));
    row.cost_a_year = estimate_mean(cost, confidence, metric_range("overtime_hours"));
    row.gain_points = row.gain_low = row.gain_high = std::nan("");
    for (const ComparisonRow& c : run.rows) {
      if (c.alternative != row.scenario || c.scope != "province" || c.metric != "on_time_rate")
        continue;
      row.gain_points = 100.0 * c.paired.difference.mean;
      row.gain_low = 100.0 * c.paired.difference.low;
      row.gain_high = 100.0 * c.paired.difference.high;
    }
    row.per_point =
        model::cost_per_point(row.cost_a_year.mean, row.gain_points, row.gain_low, row.gain_high);
    out.push_back(row);
  }
  return out;
}

void write_overtime_costs_csv(const std::filesystem::path& file,
                              std::span<const OvertimeCost> rows) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << kOvertimeCostsCsvHeader << '\n';
    for (const OvertimeCost& r : rows) {
      out << csv_field(r.scenario) << ',' << csv_number(r.hours_a_year.mean) << ','
          << csv_number(r.hours_a_year.ci_low) << ',' << csv_number(r.hours_a_year.ci_high) << ','
          << csv_number(r.cost_a_year.mean) << ',' << csv_number(r.cost_a_year.ci_low) << ','
          << csv_number(r.cost_a_year.ci_high) << ',' << csv_number(r.gain_points) << ','
          << csv_number(r.gain_low) << ',' << csv_number(r.gain_high) << ','
          << csv_number(r.per_point.value) << ',' << csv_number(r.per_point.low) << ','
          << csv_number(r.per_point.high) << '\n';
    }
  });
}

std::string format_overtime_costs(std::span<const OvertimeCost> rows, double confidence) {
  std::string text;
  char buffer[512];
  auto millions = [](double v) {
    char b[32];
    if (std::isnan(v)) return std::string("n/a");
    if (std::isinf(v)) return std::string("unbounded");
    std::snprintf(b, sizeof b, "%.1f", v / 1.0e6);
    return std::string(b);
  };
  for (const OvertimeCost& r : rows) {
    std::snprintf(buffer, sizeof buffer,
                  "Overtime in %s: %.0f hours a year [%.0f, %.0f], cost %s million VND a year "
                  "[%s, %s] (%.0f%% intervals); province on time %+.2f points [%+.2f, %+.2f]",
                  r.scenario.c_str(), r.hours_a_year.mean, r.hours_a_year.ci_low,
                  r.hours_a_year.ci_high, millions(r.cost_a_year.mean).c_str(),
                  millions(r.cost_a_year.ci_low).c_str(), millions(r.cost_a_year.ci_high).c_str(),
                  100.0 * confidence, r.gain_points, r.gain_low, r.gain_high);
    text += buffer;
    if (!std::isnan(r.per_point.value)) {
      text += "; " + millions(r.per_point.value) + " million VND per point gained [" +
              millions(r.per_point.low) + ", " + millions(r.per_point.high) + "]";
    } else {
      text += "; no cost per point (no price for an hour, or no gain)";
    }
    text += "\n";
  }
  return text;
}

}  // namespace twotier::analysis
