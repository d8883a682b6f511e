// Two intervals per KPI over plausible parameter sets, and the sensitivity table (see
// parameter_uncertainty.hpp).
#include "analysis/experiments/parameter_uncertainty.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/statistics/confidence.hpp"
#include "analysis/statistics/kpi_columns.hpp"
#include "analysis/statistics/student_t.hpp"
#include "models/csv_table.hpp"
#include "models/scenario_error.hpp"

namespace twotier::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double variance_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double ss = 0.0;
  for (double x : v)
    ss += (x - m) * (x - m);
  return v.size() > 1 ? ss / static_cast<double>(v.size() - 1) : 0.0;
}

}  // namespace

std::vector<std::string> ParameterSets::overrides(std::size_t set) const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < parameters.size(); ++k)
    out.push_back(parameters[k] + "=" + csv_number(values[set][k]));
  return out;
}

ParameterSets read_parameter_sets(const std::filesystem::path& file) {
  // The columns are the parameters themselves: the header line names them, then the table is
  // read with exactly those columns (so the loader's checks and messages apply).
  ParameterSets sets;
  // Read the header line to learn the parameter names.
  std::ifstream in(file);
  if (!in || std::filesystem::is_directory(file))
    throw model::ScenarioError(file.generic_string() +
                               ": error: cannot open the file (does it exist?)");
  std::string header;
  std::getline(in, header);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  if (header.rfind("\xEF\xBB\xBF", 0) == 0) header.erase(0, 3);
  std::vector<std::string> columns;
  std::size_t start = 0;
  while (start <= header.size()) {
    const std::size_t comma = header.find(',', start);
    std::string name =
        header.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    columns.push_back(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (columns.empty() || columns.front() != "set" || columns.size() < 2)
    throw model::ScenarioError(file.generic_string() +
                               ":1: error: expected the header 'set,<parameter>,...' of "
                               "parameter_sets.csv (twotier calibrate --targets)");
  sets.parameters.assign(columns.begin() + 1, columns.end());
  const model::CsvTable table = model::CsvTable::read_file(file, {columns, {}});
  for (std::size_t i = 0; i < table.size(); ++i) {
    const model::CsvRow row = table.row(i);
    std::vector<double> values;
    for (const std::string& p : sets.parameters) {
      values.push_back(row[p].parse([](std::string_view text) {
        const std::string s(text);
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0' || !std::isfinite(v))
          throw model::ValueError("expected a finite number");
        return v;
      }));
    }
    sets.values.push_back(std::move(values));
  }
  if (sets.values.size() < 2)
    throw model::ScenarioError(file.generic_string() +
                               ": error: at least two parameter sets are needed to show the "
                               "uncertainty they leave (found " +
                               std::to_string(sets.values.size()) + ")");
  return sets;
}

namespace {

// What a value may be: a level of the KPI (its range, analysis::metric_range) or a paired
// difference of two levels (from low - high to high - low: rates' differences in [-1, 1]).
enum class Quantity { kLevel, kDifference };

double keep_in_range(const std::string& metric, Quantity quantity, double v) {
  const ValueRange level = metric_range(metric);
  const ValueRange range = quantity == Quantity::kLevel
                               ? level
                               : ValueRange{level.low - level.high, level.high - level.low};
  if (std::isnan(v)) return v;
  return std::clamp(v, range.low, range.high);
}

// values(k, r) = the value of replication r of set k (NaN: undefined there), for one
// (scope, metric); appends its row and its sensitivity rows.
template <class Values>
void summarize_one(const ParameterSets& sets, std::size_t replications_per_set,
                   const std::string& scope, const std::string& metric, Quantity quantity,
                   double confidence, const Values& values, UncertaintySummary& summary) {
  const std::size_t k_sets = sets.values.size();
  const std::size_t p = sets.parameters.size();
  // Per set: the mean and the variance of the mean over its replications (NaN skipped).
  std::vector<double> set_means, within;
  std::vector<std::size_t> set_index;
  for (std::size_t k = 0; k < k_sets; ++k) {
    std::vector<double> v;
    for (std::size_t r = 0; r < replications_per_set; ++r) {
      const double value = values(k, r);
      if (!std::isnan(value)) v.push_back(value);
    }
    if (v.empty()) continue;
    set_means.push_back(mean_of(v));
    within.push_back(variance_of(v) / static_cast<double>(v.size()));
    set_index.push_back(k);
  }
  UncertaintyRow row{scope, metric, kNaN, kNaN,
                     kNaN,  kNaN,   kNaN, static_cast<int>(set_means.size())};
  const std::size_t n = set_means.size();
  if (n >= 1) row.mean = mean_of(set_means);
  if (n >= 2) {
    const double t = t_multiplier(confidence, static_cast<int>(n));
    // Noise only: the grand mean's standard error from the within-set spread.
    const double noise_se = std::sqrt(mean_of(within) / static_cast<double>(n));
    // A new plausible set's value: prediction interval over the set means, plus the noise of
    // the mean. Under common random numbers the set means share most of their noise, so their
    // spread is the parameters' effect; the noise term keeps this interval at least as wide as
    // the noise-only one.
    const double total_sd = std::sqrt(
        (1.0 + 1.0 / static_cast<double>(n)) * variance_of(set_means) + noise_se * noise_se);
    row.noise_low = keep_in_range(metric, quantity, row.mean - t * noise_se);
    row.noise_high = keep_in_range(metric, quantity, row.mean + t * noise_se);
    row.total_low = keep_in_range(metric, quantity, row.mean - t * total_sd);
    row.total_high = keep_in_range(metric, quantity, row.mean + t * total_sd);
  }
  summary.rows.push_back(row);

  // Sensitivity: standardised regression of the set means on the parameters.
  if (n < p + 2 || variance_of(set_means) <= 0.0) return;
  Eigen::MatrixXd x(n, p + 1);
  Eigen::VectorXd y(n);
  const double y_sd = std::sqrt(variance_of(set_means));
  const double y_mean = mean_of(set_means);
  for (std::size_t j = 0; j < p; ++j) {
    std::vector<double> col;
    for (std::size_t i = 0; i < n; ++i)
      col.push_back(sets.values[set_index[i]][j]);
    const double cm = mean_of(col);
    const double sd = std::sqrt(variance_of(col));
    for (std::size_t i = 0; i < n; ++i)
      x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j + 1)) =
          sd > 0 ? (col[i] - cm) / sd : 0.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    x(static_cast<Eigen::Index>(i), 0) = 1.0;
    y(static_cast<Eigen::Index>(i)) = (set_means[i] - y_mean) / y_sd;
  }
  const Eigen::VectorXd beta = x.colPivHouseholderQr().solve(y);
  const Eigen::VectorXd residual = y - x * beta;
  const double r2 = 1.0 - residual.squaredNorm() / y.squaredNorm();
  std::vector<SensitivityRow> rows;
  for (std::size_t j = 0; j < p; ++j)
    rows.push_back(
        {scope, metric, sets.parameters[j], beta(static_cast<Eigen::Index>(j + 1)), r2, 0});
  std::vector<std::size_t> order(p);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(rows[a].coefficient) > std::abs(rows[b].coefficient);
  });
  for (std::size_t r = 0; r < p; ++r)
    rows[order[r]].rank = static_cast<int>(r + 1);
  for (const SensitivityRow& r : rows)
    summary.sensitivity.push_back(r);
}

bool wanted(std::span<const std::string> metrics, const std::string& metric) {
  return metrics.empty() || std::find(metrics.begin(), metrics.end(), metric) != metrics.end();
}

}  // namespace

UncertaintySummary summarize_uncertainty(
    const ParameterSets& sets, std::span<const std::vector<model::ReplicationResult>> results,
    std::span<const std::string> metrics, double confidence) {
  UncertaintySummary summary;
  const std::vector<std::string>& scopes = results.front().front().scopes;
  std::size_t replications = 0;
  for (const auto& set : results)
    replications = std::max(replications, set.size());
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    for (int m = 0; m < model::kMetricCount; ++m) {
      const std::string metric = model::metric_name(static_cast<model::Metric>(m));
      if (!wanted(metrics, metric)) continue;
      summarize_one(
          sets, replications, scopes[s], metric, Quantity::kLevel, confidence,
          [&](std::size_t k, std::size_t r) {
            return r < results[k].size() ? results[k][r].kpis[s][m] : kNaN;
          },
          summary);
    }
  }
  return summary;
}

UncertaintySummary summarize_difference_uncertainty(
    const ParameterSets& sets, std::span<const std::vector<model::ReplicationResult>> base,
    std::span<const std::vector<model::ReplicationResult>> alternative,
    std::span<const std::string> metrics, double confidence) {
  UncertaintySummary summary;
  const std::vector<std::string>& scopes = base.front().front().scopes;
  std::size_t replications = 0;
  for (const auto& set : base)
    replications = std::max(replications, set.size());
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    // The alternative's scope of the same name (the scenarios may differ in their units).
    const auto& alt_scopes = alternative.front().front().scopes;
    const auto found = std::find(alt_scopes.begin(), alt_scopes.end(), scopes[s]);
    if (found == alt_scopes.end()) continue;
    const auto a = static_cast<std::size_t>(found - alt_scopes.begin());
    for (int m = 0; m < model::kMetricCount; ++m) {
      const std::string metric = model::metric_name(static_cast<model::Metric>(m));
      if (!wanted(metrics, metric)) continue;
      summarize_one(
          sets, replications, scopes[s], metric, Quantity::kDifference, confidence,
          [&](std::size_t k, std::size_t r) {
            if (r >= base[k].size() || r >= alternative[k].size()) return kNaN;
            return alternative[k][r].kpis[a][m] - base[k][r].kpis[s][m];
          },
          summary);
    }
  }
  return summary;
}

namespace {

void write_rows(std::ostream& out, const std::string& prefix, const UncertaintySummary& summary) {
  for (const UncertaintyRow& r : summary.rows)
    out << prefix << csv_field(r.scope) << "," << r.metric << "," << csv_number(r.mean) << ","
        << csv_number(r.noise_low) << "," << csv_number(r.noise_high) << ","
        << csv_number(r.total_low) << "," << csv_number(r.total_high) << "," << r.sets << "\n";
}

void write_sensitivity_rows(std::ostream& out, const std::string& prefix,
                            const UncertaintySummary& summary) {
  for (const SensitivityRow& r : summary.sensitivity)
    out << prefix << csv_field(r.scope) << "," << r.metric << "," << csv_field(r.parameter) << ","
        << csv_number(r.coefficient) << "," << csv_number(r.r_squared) << "," << r.rank << "\n";
}

constexpr const char* kRowHeader =
    "scope,metric,mean,noise_ci_low,noise_ci_high,total_ci_low,total_ci_high,sets\n";
constexpr const char* kSensitivityHeader = "scope,metric,parameter,coefficient,r_squared,rank\n";

}  // namespace

void write_uncertainty(const UncertaintySummary& summary, const std::filesystem::path& folder) {
  write_text_atomically(folder / "uncertainty.csv", [&](std::ostream& out) {
    out << kRowHeader;
    write_rows(out, "", summary);
  });
  write_text_atomically(folder / "sensitivity.csv", [&](std::ostream& out) {
    out << kSensitivityHeader;
    write_sensitivity_rows(out, "", summary);
  });
}

void write_comparison_uncertainty(
    const std::vector<std::pair<std::string, UncertaintySummary>>& alternatives,
    const std::filesystem::path& folder) {
  write_text_atomically(folder / "comparison_uncertainty.csv", [&](std::ostream& out) {
    out << "alternative," << kRowHeader;
    for (const auto& [name, summary] : alternatives)
      write_rows(out, csv_field(name) + ",", summary);
  });
  write_text_atomically(folder / "comparison_sensitivity.csv", [&](std::ostream& out) {
    out << "alternative," << kSensitivityHeader;
    for (const auto& [name, summary] : alternatives)
      write_sensitivity_rows(out, csv_field(name) + ",", summary);
  });
}

}  // namespace twotier::analysis
