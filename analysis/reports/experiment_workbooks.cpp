#include "analysis/reports/experiment_workbooks.hpp"

#include <array>
#include <map>
#include <string_view>
#include <tuple>

#include "analysis/results/utilisation_csv.hpp"

namespace twotier::analysis {

namespace {

using RowKey = std::tuple<std::string_view, std::string_view, std::string_view>;

std::map<RowKey, const ComparisonRow*> index_rows(std::span<const ComparisonRow> rows) {
  std::map<RowKey, const ComparisonRow*> index;
  for (const ComparisonRow& row : rows)
    index[{row.alternative, row.scope, row.metric}] = &row;
  return index;
}

// The KPIs the per-unit sheet shows (the wide province sheet shows every headline KPI).
constexpr std::array<std::string_view, 3> kUnitMetrics = {
    "on_time_rate", "processing_workdays_mean", "backlog_end"};

}  // namespace

std::vector<WorkbookSheet> comparison_sheets(std::span<const ComparisonRow> rows,
                                             std::span<const std::string> names,
                                             const RunMetadata& base, double confidence) {
  const auto index = index_rows(rows);
  const std::string interval = level_text(confidence) + " simultaneous interval";
  std::vector<WorkbookSheet> sheets;

  WorkbookSheet compact;
  compact.name = "Province and tiers";
  compact.notes = {"Each alternative against the base '" + (names.empty() ? "" : names[0]) +
                       "' with common random numbers: the difference alternative - base and its " +
                       interval + " (Bonferroni over the alternatives).",
                   "Every scope and KPI, by id and in full precision: comparison.csv."};
  compact.columns = {
      {"alternative", CellFormat::kText, 24},  {"scope", CellFormat::kText, 16},
      {"KPI", CellFormat::kText, 30},          {"base", CellFormat::kCount, 11},
      {"alternative", CellFormat::kCount, 11}, {"difference", CellFormat::kCount, 11},
      {"low", CellFormat::kCount, 10},         {"high", CellFormat::kCount, 10},
      {"significant", CellFormat::kText, 11}};
  for (std::size_t a = 1; a < names.size(); ++a) {
    for (const char* scope : {"province", "tier:commune", "tier:province"}) {
      for (const std::string_view metric : headline_metrics()) {
        const auto found = index.find({names[a], scope, metric});
        if (found == index.end()) continue;
        const PairedComparison& p = found->second->paired;
        const CellFormat format = metric_cell_format(metric);
        compact.rows.push_back(
            {names[a], scope_display_name(scope, base), metric_heading(metric),
             WorkbookCell(p.base_mean, format), WorkbookCell(p.alt_mean, format),
             WorkbookCell(p.difference.mean, format), WorkbookCell(p.difference.low, format),
             WorkbookCell(p.difference.high, format), p.significant ? "yes" : "no"});
      }
    }
  }
  sheets.push_back(std::move(compact));

  WorkbookSheet units;
  units.name = "Units";
  units.notes = {"Per unit: base, alternative and the difference with its " + interval + "."};
  units.columns = {{"alternative", CellFormat::kText, 24},
                   {"unit", CellFormat::kText, 16},
                   {"name", CellFormat::kText, 28}};
  for (const std::string_view metric : kUnitMetrics) {
    const CellFormat format = metric_cell_format(metric);
    const std::string heading = metric_heading(metric);
    for (const char* part : {" base", " alternative", " difference", " low", " high"})
      units.columns.push_back({heading + part, format, 11});
  }
  for (std::size_t a = 1; a < names.size(); ++a) {
    for (std::size_t u = 0; u < base.unit_ids.size(); ++u) {
      const std::string scope = "unit:" + base.unit_ids[u];
      std::vector<WorkbookCell> cells = {names[a], base.unit_ids[u], base.unit_names[u]};
      bool any = false;
      for (const std::string_view metric : kUnitMetrics) {
        const auto found = index.find({names[a], scope, metric});
        if (found == index.end()) {
          cells.insert(cells.end(), 5, WorkbookCell());
          continue;
        }
        any = true;
        const PairedComparison& p = found->second->paired;
        cells.insert(cells.end(), {p.base_mean, p.alt_mean, p.difference.mean, p.difference.low,
                                   p.difference.high});
      }
      if (any) units.rows.push_back(std::move(cells));
    }
  }
  sheets.push_back(std::move(units));

  std::vector<std::pair<std::string, std::string>> about = {
      {"base", names.empty() ? std::string() : names[0]}};
  for (std::size_t a = 1; a < names.size(); ++a)
    about.emplace_back("alternative " + std::to_string(a), names[a]);
  about.emplace_back("replications", std::to_string(base.replications) + " each");
  about.emplace_back("seed", std::to_string(base.seed) + " (common random numbers)");
  about.emplace_back("confidence", level_text(confidence) + " simultaneous");
  if (!base.command_line.empty()) about.emplace_back("command", base.command_line);
  sheets.push_back(about_sheet("Comparison", std::move(about)));
  return sheets;
}

void write_comparison_workbook(const std::filesystem::path& file,
                               std::span<const ComparisonRow> rows,
                               std::span<const std::string> names, const RunMetadata& base,
                               double confidence) {
  write_workbook(file, comparison_sheets(rows, names, base, confidence));
}

std::vector<WorkbookSheet> staffing_sheets(const model::ModelSpec& spec,
                                           const StaffingRecommendation& rec, double confidence) {
  // Utilisation of each position under both staffings, on the confirmation replications.
  auto utilisation = [&](const StaffingEvaluation& evaluation) {
    model::ModelSpec staffed = spec;
    for (std::size_t p = 0; p < staffed.positions.size(); ++p)
      staffed.positions[p].officers = evaluation.officers[p];
    RunMetadata metadata = describe_run(staffed);
    metadata.confidence = confidence;
    return utilisation_rows(metadata, evaluation.replications);
  };
  const RunMetadata names = describe_run(spec);
  const auto before = utilisation(rec.before);
  const auto after = utilisation(rec.after);

  WorkbookSheet staffing;
  staffing.name = "Staffing";
  staffing.notes = {
      "Officers per position, current and recommended, and their utilisation "
      "(busy / present working time) on the confirmation replications, with " +
      level_text(confidence) + " intervals. staffing.csv lists the changes."};
  staffing.columns = {{"unit", CellFormat::kText, 16},
                      {"name", CellFormat::kText, 28},
                      {"position", CellFormat::kText, 14},
                      {"current", CellFormat::kInteger, 9},
                      {"recommended", CellFormat::kInteger, 12},
                      {"change", CellFormat::kInteger, 8},
                      {"utilisation before", CellFormat::kPercent, 11},
                      {"low", CellFormat::kPercent, 8},
                      {"high", CellFormat::kPercent, 8},
                      {"utilisation after", CellFormat::kPercent, 11},
                      {"low", CellFormat::kPercent, 8},
                      {"high", CellFormat::kPercent, 8}};
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const auto unit = static_cast<std::size_t>(spec.positions[p].unit);
    std::vector<WorkbookCell> cells = {spec.units[unit].id,
                                       spec.units[unit].name,
                                       spec.positions[p].id,
                                       static_cast<double>(rec.current[p]),
                                       static_cast<double>(rec.recommended[p]),
                                       static_cast<double>(rec.recommended[p] - rec.current[p])};
    for (const auto* rows : {&before, &after}) {
      if (p < rows->size()) {
        const MeanEstimate& u = (*rows)[p].utilisation;
        cells.insert(cells.end(), {u.mean, u.ci_low, u.ci_high});
      }
    }
    staffing.rows.push_back(std::move(cells));
  }

  WorkbookSheet targets;
  targets.name = "Targets";
  targets.notes = {
      "Every target with the current and the recommended staffing, on the same "
      "confirmation replications (targets.csv)."};
  targets.columns = {{"scope", CellFormat::kText, 16},    {"name", CellFormat::kText, 28},
                     {"target", CellFormat::kText, 24},   {"before", CellFormat::kDecimal, 10},
                     {"low", CellFormat::kDecimal, 9},    {"high", CellFormat::kDecimal, 9},
                     {"after", CellFormat::kDecimal, 10}, {"low", CellFormat::kDecimal, 9},
                     {"high", CellFormat::kDecimal, 9},   {"met before", CellFormat::kText, 10},
                     {"met after", CellFormat::kText, 10}};
  for (std::size_t i = 0; i < rec.after.checks.size() && i < rec.before.checks.size(); ++i) {
    const TargetCheck& a = rec.after.checks[i];
    const TargetCheck& b = rec.before.checks[i];
    const CellFormat format = metric_cell_format(model::metric_name(a.target.metric));
    targets.rows.push_back(
        {a.scope, scope_display_name(a.scope, names), describe(a.target),
         WorkbookCell(b.estimate.mean, format), WorkbookCell(b.estimate.ci_low, format),
         WorkbookCell(b.estimate.ci_high, format), WorkbookCell(a.estimate.mean, format),
         WorkbookCell(a.estimate.ci_low, format), WorkbookCell(a.estimate.ci_high, format),
         b.met ? "yes" : "no", a.met ? "yes" : "no"});
  }
  return {std::move(staffing), std::move(targets)};
}

void write_staffing_workbook(const std::filesystem::path& file, const model::ModelSpec& spec,
                             const StaffingRecommendation& rec, double confidence) {
  write_workbook(file, staffing_sheets(spec, rec, confidence));
}

}  // namespace twotier::analysis
