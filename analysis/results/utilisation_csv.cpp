#include "analysis/results/utilisation_csv.hpp"

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/statistics/kpi_columns.hpp"  // metric_range
#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

std::vector<UtilisationRow> utilisation_rows(const RunMetadata& metadata,
                                             std::span<const model::ReplicationResult> results) {
  const std::size_t positions = metadata.position_labels.size();
  for (const auto& r : results)
    if (r.position_utilization.size() != positions || r.position_overtime_hours.size() != positions)
      throw std::logic_error("utilisation_rows: replications disagree on positions");
  const bool help = !results.empty() && !results.front().position_help_hours.empty();
  for (const auto& r : results)
    if (help && r.position_help_hours.size() != positions)
      throw std::logic_error("utilisation_rows: replications disagree on help hours");
  const bool moves = !results.empty() && !results.front().position_reassignments.empty();
  for (const auto& r : results)
    if (moves && r.position_reassignments.size() != positions)
      throw std::logic_error("utilisation_rows: replications disagree on reassignments");
  const bool worked = !results.empty() && !results.front().position_overtime_worked_hours.empty();
  for (const auto& r : results)
    if (worked && r.position_overtime_worked_hours.size() != positions)
      throw std::logic_error("utilisation_rows: replications disagree on overtime worked");
  std::vector<UtilisationRow> rows;
  std::vector<double> utilisation(results.size()), overtime(results.size()), helped(results.size()),
      moved(results.size()), worked_hours(results.size()), cost(results.size());
  for (std::size_t p = 0; p < positions; ++p) {
    for (std::size_t r = 0; r < results.size(); ++r) {
      utilisation[r] = results[r].position_utilization[p];
      overtime[r] = results[r].position_overtime_hours[p];
      if (help) helped[r] = results[r].position_help_hours[p];
      if (moves) moved[r] = results[r].position_reassignments[p];
      if (worked) worked_hours[r] = results[r].position_overtime_worked_hours[p];
    }
    const std::string& label = metadata.position_labels[p];
    const std::size_t slash = label.find('/');
    UtilisationRow row;
    row.unit = label.substr(0, slash);
    row.position = slash == std::string::npos ? std::string() : label.substr(slash + 1);
    row.officers = p < metadata.position_officers.size() ? metadata.position_officers[p] : 0;
    row.utilisation = estimate_mean(utilisation, metadata.confidence, metric_range("utilization"));
    row.overtime_hours =
        estimate_mean(overtime, metadata.confidence, metric_range("overtime_hours"));
    if (help)
      row.help_hours = estimate_mean(helped, metadata.confidence, metric_range("overtime_hours"));
    if (moves)
      row.reassignments = estimate_mean(moved, metadata.confidence, metric_range("reassignments"));
    if (worked) {
      row.overtime_worked_hours =
          estimate_mean(worked_hours, metadata.confidence, metric_range("overtime_hours"));
      const double rate = p < metadata.position_overtime_rate.size()
                              ? metadata.position_overtime_rate[p]
                              : std::numeric_limits<double>::quiet_NaN();
      for (std::size_t r = 0; r < results.size(); ++r)
        cost[r] = worked_hours[r] * rate;  // NaN where the position has no policy
      row.overtime_cost = estimate_mean(cost, metadata.confidence, metric_range("overtime_hours"));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_utilisation_csv(std::ostream& out, const RunMetadata& metadata,
                           std::span<const model::ReplicationResult> results) {
  const auto rows = utilisation_rows(metadata, results);
  const bool help = !rows.empty() && rows.front().help_hours.has_value();
  const bool moves = !rows.empty() && rows.front().reassignments.has_value();
  const bool worked = !rows.empty() && rows.front().overtime_worked_hours.has_value();
  const std::string header = kUtilisationCsvHeader;
  out << header.substr(0, header.size() - 2);
  if (help) out << ',' << kUtilisationCsvHelpColumns;
  if (moves) out << ',' << kUtilisationCsvReassignColumns;
  if (worked) out << ',' << kUtilisationCsvOvertimeColumns;
  out << ",n\n";
  for (const UtilisationRow& row : rows) {
    const MeanEstimate& u = row.utilisation;
    const MeanEstimate& o = row.overtime_hours;
    out << csv_field(row.unit) << ',' << csv_field(row.position) << ',' << row.officers << ','
        << csv_number(u.mean) << ',' << csv_number(u.ci_low) << ',' << csv_number(u.ci_high) << ','
        << csv_number(o.mean) << ',' << csv_number(o.ci_low) << ',' << csv_number(o.ci_high) << ',';
    if (help) {
      const MeanEstimate& h = *row.help_hours;
      out << csv_number(h.mean) << ',' << csv_number(h.ci_low) << ',' << csv_number(h.ci_high)
          << ',';
    }
    if (moves) {
      const MeanEstimate& m = *row.reassignments;
      out << csv_number(m.mean) << ',' << csv_number(m.ci_low) << ',' << csv_number(m.ci_high)
          << ',';
    }
    if (worked) {
      for (const MeanEstimate* e : {&*row.overtime_worked_hours, &*row.overtime_cost})
        out << csv_number(e->mean) << ',' << csv_number(e->ci_low) << ',' << csv_number(e->ci_high)
            << ',';
    }
    out << u.n << '\n';
  }
}

void write_utilisation_csv(const std::filesystem::path& file, const RunMetadata& metadata,
                           std::span<const model::ReplicationResult> results) {
  write_text_atomically(file,
                        [&](std::ostream& out) { write_utilisation_csv(out, metadata, results); });
}

}  // namespace twotier::analysis
