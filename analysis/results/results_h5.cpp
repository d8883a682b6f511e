// HDF5 writer for results.h5 (HDF5 1.10 C++ API). Strings are variable-length UTF-8;
// per-replication daily series are chunked by replication and deflate-compressed when the
// zlib filter is available.
#include "analysis/results/results_h5.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/results/h5_file_image.hpp"
#include "analysis/results/h5_write.hpp"
#include "analysis/results/trace_table_h5.hpp"
#include "analysis/statistics/summary_columns.hpp"
#include "models/spec.hpp"
#include "twotier_version.hpp"

namespace twotier::analysis {
namespace {

using h5::write_array;
using h5::write_scalar_attribute;
using h5::write_string_attribute;
using h5::write_strings;

void write_metadata(H5::H5File& file, const RunMetadata& m) {
  H5::Group group = file.createGroup("/metadata");
  write_scalar_attribute(group, "format_version", H5::PredType::NATIVE_INT32,
                         std::int32_t{kResultsFormatVersion});
  write_string_attribute(group, "twotier_version", kVersion);
  write_string_attribute(group, "git_commit", kGitCommit);
  write_string_attribute(group, "command_line", m.command_line);
  write_string_attribute(group, "scenario_name", m.scenario_name);
  write_string_attribute(group, "scenario_text", m.scenario_text);
  write_string_attribute(group, "start_date", m.start_date);
  write_scalar_attribute(group, "seed", H5::PredType::NATIVE_UINT64, std::uint64_t{m.seed});
  write_scalar_attribute(group, "first_replication", H5::PredType::NATIVE_UINT64,
                         std::uint64_t{m.first_replication});
  write_scalar_attribute(group, "replications", H5::PredType::NATIVE_INT32,
                         std::int32_t{m.replications});
  write_scalar_attribute(group, "threads", H5::PredType::NATIVE_INT32, std::int32_t{m.threads});
  write_scalar_attribute(group, "wall_time_seconds", H5::PredType::NATIVE_DOUBLE, m.wall_seconds);
  write_scalar_attribute(group, "confidence_level", H5::PredType::NATIVE_DOUBLE, m.confidence);
  write_string_attribute(group, "warmup_method", m.warmup_method);
  write_scalar_attribute(group, "warmup_days", H5::PredType::NATIVE_DOUBLE, m.warmup_days);
  write_scalar_attribute(group, "warmup_pilot_replications", H5::PredType::NATIVE_INT32,
                         std::int32_t{m.warmup_pilot_replications});
  write_scalar_attribute(group, "precision_target", H5::PredType::NATIVE_DOUBLE,
                         m.precision_target);
  write_scalar_attribute(group, "precision_met", H5::PredType::NATIVE_INT8,
                         std::int8_t{m.precision_met});
  write_string_attribute(group, "trace_replications", m.trace_replications);
}

void write_units(H5::H5File& file, const RunMetadata& m) {
  H5::Group group = file.createGroup("/units");
  write_strings(group, "id", m.unit_ids);
  write_strings(group, "name", m.unit_names);
  H5::Group positions = file.createGroup("/positions");
  write_strings(positions, "label", m.position_labels);
  H5::Group procedures = file.createGroup("/procedures");
  write_strings(procedures, "id", m.procedure_ids);
  write_strings(procedures, "name", m.procedure_names);
  // Labels of the group axis of /replications/daily_domain and daily_tier.
  std::vector<std::string> domains, tiers;
  for (int d = 0; d < model::kDomainCount; ++d)
    domains.emplace_back(model::to_string(static_cast<model::Domain>(d)));
  for (int t = 0; t < model::kTierCount; ++t)
    tiers.emplace_back(model::to_string(static_cast<model::Tier>(t)));
  H5::Group domain_group = file.createGroup("/domains");
  write_strings(domain_group, "name", domains);
  H5::Group tier_group = file.createGroup("/tiers");
  write_strings(tier_group, "name", tiers);
}

void write_summary(H5::H5File& file, std::span<const SummaryRow> summary) {
  H5::Group group = file.createGroup("/summary");
  const SummaryColumns c = summary_columns(summary);
  const std::vector<hsize_t> dims{summary.size()};
  write_strings(group, "scope", c.scope);
  write_strings(group, "metric", c.metric);
  write_array(group, "mean", H5::PredType::NATIVE_DOUBLE, dims, c.mean);
  write_array(group, "ci_low", H5::PredType::NATIVE_DOUBLE, dims, c.ci_low);
  write_array(group, "ci_high", H5::PredType::NATIVE_DOUBLE, dims, c.ci_high);
  write_array(group, "n", H5::PredType::NATIVE_INT64, dims, c.n);
}

void write_monthly_means(H5::H5File& file, const RunMetadata& m,
                         std::span<const MonthlyMeanRow> rows) {
  H5::Group group = file.createGroup("/monthly_report");
  std::vector<std::int32_t> unit, year, month;
  std::vector<std::string> unit_id, unit_name;
  std::vector<std::vector<double>> columns(kMonthlyCountColumns);
  for (const auto& row : rows) {
    unit.push_back(row.unit);
    year.push_back(row.year);
    month.push_back(row.month);
    unit_id.push_back(m.unit_ids.at(static_cast<std::size_t>(row.unit)));
    unit_name.push_back(m.unit_names.at(static_cast<std::size_t>(row.unit)));
    for (int c = 0; c < kMonthlyCountColumns; ++c)
      columns[c].push_back(row.mean[c]);
  }
  const std::vector<hsize_t> dims{rows.size()};
  write_array(group, "unit", H5::PredType::NATIVE_INT32, dims, unit);
  write_strings(group, "unit_id", unit_id);
  write_strings(group, "unit_name", unit_name);
  write_array(group, "year", H5::PredType::NATIVE_INT32, dims, year);
  write_array(group, "month", H5::PredType::NATIVE_INT32, dims, month);
  for (int c = 0; c < kMonthlyCountColumns; ++c) {
    const std::string name(kMonthlyCountNames[c]);
    write_array(group, name.c_str(), H5::PredType::NATIVE_DOUBLE, dims, columns[c]);
  }
}

// Daily series [rep][day][group] of `which` (per unit, domain or tier) in group `name`, one
// chunk per replication and block of days.
void write_daily(H5::Group& parent, const char* name,
                 std::span<const model::ReplicationResult> results,
                 model::DailySeries model::ReplicationResult::*which) {
  H5::Group daily = parent.createGroup(name);
  const hsize_t reps = results.size();
  const model::DailySeries& first = results.front().*which;
  const hsize_t days = static_cast<hsize_t>(first.days);
  const hsize_t units = static_cast<hsize_t>(first.units);
  const hsize_t chunk_days =
      std::clamp<hsize_t>(days, 1, std::max<hsize_t>(1, 262144 / std::max<hsize_t>(units, 1)));
  const std::vector<hsize_t> chunk{1, chunk_days, std::max<hsize_t>(units, 1)};
  using Series = std::vector<std::int32_t> model::DailySeries::*;
  const std::pair<const char*, Series> series[] = {
      {"arrivals", &model::DailySeries::arrivals},
      {"completions", &model::DailySeries::completions},
      {"backlog", &model::DailySeries::backlog},
      {"overdue", &model::DailySeries::overdue}};
  for (const auto& [series_name, member] : series) {
    std::vector<std::int32_t> data;
    data.reserve(reps * days * units);
    for (const auto& r : results) {
      const model::DailySeries& d = r.*which;
      const auto& values = d.*member;
      if (static_cast<hsize_t>(d.days) != days || static_cast<hsize_t>(d.units) != units ||
          values.size() != days * units) {
        throw std::logic_error("write_results_h5: daily series of different shapes");
      }
      data.insert(data.end(), values.begin(), values.end());
    }
    write_array(daily, series_name, H5::PredType::NATIVE_INT32, {reps, days, units}, data, chunk);
  }
}

void write_replications(H5::H5File& file, std::span<const model::ReplicationResult> results,
                        std::span<const MonthlyMeanRow> monthly_rows) {
  H5::Group group = file.createGroup("/replications");
  const hsize_t reps = results.size();
  const auto& first = results.front();
  const hsize_t scopes = first.scopes.size();
  const hsize_t positions = first.position_utilization.size();

  std::vector<std::uint64_t> index, events, dossiers;
  std::vector<double> kpi, utilization, overtime;
  kpi.reserve(reps * scopes * model::kMetricCount);
  for (const auto& r : results) {
    if (r.kpis.size() != scopes || r.position_utilization.size() != positions ||
        r.position_overtime_hours.size() != positions) {
      throw std::logic_error("write_results_h5: replications disagree on scopes or positions");
    }
    index.push_back(r.replication);
    events.push_back(r.events);
    dossiers.push_back(r.dossiers);
    for (const auto& row : r.kpis)
      kpi.insert(kpi.end(), row.begin(), row.end());
    utilization.insert(utilization.end(), r.position_utilization.begin(),
                       r.position_utilization.end());
    overtime.insert(overtime.end(), r.position_overtime_hours.begin(),
                    r.position_overtime_hours.end());
  }
  std::vector<std::string> metric_names;
  for (int m = 0; m < model::kMetricCount; ++m) {
    metric_names.emplace_back(model::metric_name(static_cast<model::Metric>(m)));
  }
  write_array(group, "index", H5::PredType::NATIVE_UINT64, {reps}, index);
  write_array(group, "events", H5::PredType::NATIVE_UINT64, {reps}, events);
  write_array(group, "dossiers", H5::PredType::NATIVE_UINT64, {reps}, dossiers);
  write_strings(group, "scopes", first.scopes);
  write_strings(group, "metrics", metric_names);
  write_array(group, "kpi", H5::PredType::NATIVE_DOUBLE,
              {reps, scopes, static_cast<hsize_t>(model::kMetricCount)}, kpi);
  write_array(group, "position_utilization", H5::PredType::NATIVE_DOUBLE, {reps, positions},
              utilization);
  write_array(group, "position_overtime_hours", H5::PredType::NATIVE_DOUBLE, {reps, positions},
              overtime);
  // Per-position (or per-officer) hours that only some scenarios have: secondary skills,
  // overtime policies.
  const auto write_optional = [&](const char* name,
                                  std::vector<double> model::ReplicationResult::*member) {
    const hsize_t width = (first.*member).size();
    if (width == 0) return;
    std::vector<double> values;
    for (const auto& r : results) {
      if ((r.*member).size() != width)
        throw std::logic_error(std::string("write_results_h5: replications disagree on ") + name);
      values.insert(values.end(), (r.*member).begin(), (r.*member).end());
    }
    write_array(group, name, H5::PredType::NATIVE_DOUBLE, {reps, width}, values);
  };
  write_optional("position_help_hours", &model::ReplicationResult::position_help_hours);
  write_optional("position_reassignments", &model::ReplicationResult::position_reassignments);
  write_optional("position_overtime_worked_hours",
                 &model::ReplicationResult::position_overtime_worked_hours);
  write_optional("officer_overtime_hours", &model::ReplicationResult::officer_overtime_hours);

  write_daily(group, "daily", results, &model::ReplicationResult::daily);
  write_daily(group, "daily_domain", results, &model::ReplicationResult::daily_domain);
  write_daily(group, "daily_tier", results, &model::ReplicationResult::daily_tier);

  // Per-replication monthly report, on the rows of the mean table (absent rows are zero).
  H5::Group monthly = group.createGroup("monthly_report");
  std::map<std::tuple<int, int, int>, std::size_t> row_of;
  for (std::size_t i = 0; i < monthly_rows.size(); ++i) {
    row_of[{monthly_rows[i].unit, monthly_rows[i].year, monthly_rows[i].month}] = i;
  }
  const hsize_t rows = monthly_rows.size();
  std::vector<std::int64_t> counts(reps * rows * kMonthlyCountColumns, 0);
  for (std::size_t r = 0; r < results.size(); ++r) {
    for (const auto& row : results[r].monthly_report) {
      const std::size_t i = row_of.at({row.unit, row.year, row.month});
      const auto values = monthly_counts(row);
      std::copy(
          values.begin(), values.end(),
          counts.begin() + static_cast<std::ptrdiff_t>((r * rows + i) * kMonthlyCountColumns));
    }
  }
  std::vector<std::string> column_names(kMonthlyCountNames.begin(), kMonthlyCountNames.end());
  write_strings(monthly, "columns", column_names);
  write_array(monthly, "counts", H5::PredType::NATIVE_INT64,
              {reps, rows, static_cast<hsize_t>(kMonthlyCountColumns)}, counts);
}

}  // namespace

void write_results_h5(const std::filesystem::path& path, const RunMetadata& metadata,
                      std::span<const model::ReplicationResult> results,
                      std::span<const SummaryRow> summary,
                      std::span<const MonthlyMeanRow> monthly_means) {
  if (results.empty()) throw std::logic_error("write_results_h5: no replications");
  write_h5_atomically(path, [&](H5::H5File& file) {
    write_scalar_attribute(file, "format_version", H5::PredType::NATIVE_INT32,
                           std::int32_t{kResultsFormatVersion});
    // 1 only in the checkpoint of an interrupted run (analysis/experiments/checkpoint.hpp).
    write_scalar_attribute(file, "incomplete", H5::PredType::NATIVE_INT32, std::int32_t{0});
    write_metadata(file, metadata);
    write_units(file, metadata);
    write_summary(file, summary);
    write_monthly_means(file, metadata, monthly_means);
    write_replications(file, results, monthly_means);
    if (!metadata.trace_table.empty()) copy_trace_table(metadata.trace_table, file.getId());
  });
}

}  // namespace twotier::analysis
