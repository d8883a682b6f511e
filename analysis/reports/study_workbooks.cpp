#include "analysis/reports/study_workbooks.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/reports/delegation_report.hpp"  // need_cell
#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

namespace {

// Mean, low and high columns of a KPI: "on time", "on time low", "on time high".
void add_interval_columns(WorkbookSheet& sheet, std::string_view metric, double width = 12) {
  const CellFormat format = metric_cell_format(metric);
  const std::string heading = metric_heading(metric);
  sheet.columns.push_back({heading, format, width});
  sheet.columns.push_back({heading + " low", format, 9});
  sheet.columns.push_back({heading + " high", format, 9});
}

void add_estimate(std::vector<WorkbookCell>& cells, const MeanEstimate& e) {
  cells.insert(cells.end(), {e.mean, e.ci_low, e.ci_high});
}

}  // namespace

std::vector<WorkbookSheet> sweep_sheets(const SweepWorkbook& book) {
  std::vector<WorkbookSheet> sheets;
  const std::string scope_name = scope_display_name(book.scope, book.base);
  const std::string interval = level_text(book.confidence) + " confidence interval";

  WorkbookSheet points;
  points.name = "Points";
  points.notes = {scope_name + ": the headline KPIs at every design point, each the mean over " +
                      std::to_string(book.base.replications) + " replications with its " +
                      interval + ". The points share the seed (common random numbers).",
                  "Every scope and KPI, by id and in full precision: sweep.csv."};
  points.columns = {{"point", CellFormat::kInteger, 7}};
  for (const SweepFactor& factor : book.factors)
    points.columns.push_back({factor.key, CellFormat::kText, 18});
  for (const std::string_view metric : headline_metrics())
    add_interval_columns(points, metric);
  for (const SweepResult& result : book.results) {
    std::vector<WorkbookCell> cells = {static_cast<double>(result.point.id)};
    for (std::size_t f = 0; f < book.factors.size(); ++f) {
      const std::string& value =
          f < result.point.values.size() ? result.point.values[f] : std::string();
      cells.emplace_back(value.empty() ? std::string("(as in the scenario)") : value);
    }
    for (const std::string_view metric : headline_metrics()) {
      if (const SummaryRow* row = find_row(result.summary, book.scope, metric))
        add_estimate(cells, row->estimate);
      else
        cells.insert(cells.end(), 3, WorkbookCell());
    }
    points.rows.push_back(std::move(cells));
  }
  sheets.push_back(std::move(points));

  if (!book.bars.empty()) {
    const CellFormat format = metric_cell_format(book.tornado_metric);
    WorkbookSheet tornado;
    tornado.name = "Tornado";
    tornado.notes = {scope_name + ": how far each lever moves " +
                     metric_heading(book.tornado_metric) +
                     " between its lowest and highest value, the others as in the scenario "
                     "(tornado.csv)."};
    tornado.columns = {{"rank", CellFormat::kInteger, 6},
                       {"lever", CellFormat::kText, 28},
                       {"low value", CellFormat::kText, 12},
                       {"high value", CellFormat::kText, 12},
                       {"at the low value", format, 14},
                       {"at the high value", format, 14},
                       {"swing", format, 10},
                       {"scenario as is", format, 14}};
    for (std::size_t b = 0; b < book.bars.size(); ++b) {
      const TornadoBar& bar = book.bars[b];
      const auto factor = std::find_if(book.factors.begin(), book.factors.end(),
                                       [&](const SweepFactor& f) { return f.key == bar.factor; });
      const bool known = factor != book.factors.end();
      tornado.rows.push_back({static_cast<double>(b + 1), bar.factor,
                              known ? factor->low_text() : std::string(),
                              known ? factor->high_text() : std::string(), bar.low_response,
                              bar.high_response, bar.swing, book.tornado_baseline});
    }
    sheets.push_back(std::move(tornado));
  }

  sheets.push_back(about_sheet(
      "Sweep", {{"scenario", book.base.scenario_name},
                {"design", book.design + ", " + std::to_string(book.results.size()) + " points"},
                {"replications", std::to_string(book.base.replications) + " per point"},
                {"seed", std::to_string(book.base.seed) + " (common random numbers)"},
                {"confidence", level_text(book.confidence)},
                {"scope shown", scope_name},
                {"command", book.base.command_line}}));
  return sheets;
}

std::vector<WorkbookSheet> delegation_sheets(const DelegationExploration& exploration,
                                             const std::string& command_line) {
  const std::string interval = level_text(exploration.confidence) + " confidence interval";
  WorkbookSheet options;
  options.name = "Options";
  options.notes = {"Every option of every domain: the domain's KPIs (mean over " +
                       std::to_string(exploration.replications) + " replications, with the " +
                       interval + ") and whether the target " + exploration.target.text + " holds.",
                   "By id and in full precision: delegation.csv."};
  options.columns = {{"domain", CellFormat::kText, 18},
                     {"option", CellFormat::kText, 12},
                     {"as it is", CellFormat::kText, 8},
                     {"target met", CellFormat::kText, 10}};
  WorkbookSheet differences;
  differences.name = "Differences";
  differences.notes = {
      "Each option minus the domain as it is, on the same replications "
      "(common random numbers), with the simultaneous " +
      interval + "."};
  differences.columns = {{"domain", CellFormat::kText, 18}, {"option", CellFormat::kText, 12}};
  for (int m = 0; m < kDelegationMetricCount; ++m) {
    const std::string metric = metric_name(static_cast<DelegationMetric>(m));
    add_interval_columns(options, metric);
    add_interval_columns(differences, metric);
    differences.columns.push_back({metric_heading(metric) + " significant", CellFormat::kText, 9});
  }
  WorkbookSheet officers;
  officers.name = "Officers";
  // The Erlang C estimate only beside the simulated need (--need), labelled as an estimate.
  const bool need = exploration.need.has_value();
  officers.notes = {need ? "Officers per tier under each option: as staffed, and as the Erlang C "
                           "estimate sizes them for " +
                               percent_text(exploration.staffing_level) +
                               " (at the mean load and at the busiest week's): an estimate, "
                               "not simulated; the simulated need is in the sheet Need."
                         : "Officers per tier under each option, as staffed. The officers each "
                           "option needs were not simulated: run with --need TARGET (e.g. "
                           "--need \"on_time_rate>=0.95\") to find them by the staffing search."};
  officers.columns = {{"domain", CellFormat::kText, 18}, {"option", CellFormat::kText, 12}};
  for (const char* tier : {"commune tier", "province tier"}) {
    officers.columns.push_back({std::string(tier) + " officers", CellFormat::kInteger, 12});
    if (!need) continue;
    for (const char* what : {" Erlang C estimate (mean load)", " Erlang C estimate (peak week)"})
      officers.columns.push_back({std::string(tier) + what, CellFormat::kInteger, 12});
  }
  WorkbookSheet needs;
  needs.name = "Need";
  if (need) {
    needs.notes = {
        "Officers each option needs for " + exploration.need->text +
            " on the domain's dossiers, simulated: the staffing search of `twotier staff` on "
            "the option (scope domain:<name>; the receiving communes' and the department's "
            "positions of the domain's work), confirmed on fresh replications (" +
            interval +
            " of the KPI). Outcome: already_met (0 more), needs (the officers "
            "needed, confirmed), not_reached (no staffing tried, the Erlang C start plus up to " +
            std::to_string(exploration.need_max_added) +
            " greedy additions, was confirmed), undecided (the option as staffed could not be "
            "judged).",
        "By id and in full precision: delegation_need.csv."};
    needs.columns = {{"domain", CellFormat::kText, 18},
                     {"option", CellFormat::kText, 12},
                     {"outcome", CellFormat::kText, 12},
                     {"need", CellFormat::kText, 28},
                     {"positions searched", CellFormat::kInteger, 10},
                     {"officers there now", CellFormat::kInteger, 10},
                     {"officers needed", CellFormat::kInteger, 10}};
    const std::string metric = model::metric_name(exploration.need->metric);
    const CellFormat format = metric_cell_format(metric);
    for (const char* when : {" as staffed", " with them"}) {
      const std::string heading = metric_heading(metric) + when;
      needs.columns.insert(
          needs.columns.end(),
          {{heading, format, 12}, {heading + " low", format, 9}, {heading + " high", format, 9}});
    }
    needs.columns.push_back({"yearly cost (VND)", CellFormat::kCount, 16});
    needs.columns.push_back({"where (unit/position+k)", CellFormat::kText, 30});
  }
  officers.notes.push_back(
      "Officers added: to the scenario's (a pool of new officers); moved: with the work "
      "(+staff: to the units that gain it, +pool: into a mobile pool serving them). Yearly cost: "
      "the option's against the scenario as it is, VND ([costs] and the salaries table); cost "
      "per point: VND per percentage point of the domain's on-time rate gained, with the "
      "interval the gain's gives (empty unless cost and gain are both positive).");
  officers.columns.insert(officers.columns.end(),
                          {{"staff", CellFormat::kText, 8},
                           {"officers moved", CellFormat::kInteger, 10},
                           {"officers added", CellFormat::kInteger, 10},
                           {"yearly cost (VND)", CellFormat::kCount, 16},
                           {"cost per point (VND)", CellFormat::kCount, 16},
                           {"cost per point low", CellFormat::kCount, 16},
                           {"cost per point high", CellFormat::kCount, 16}});

  for (const DomainExploration& domain : exploration.domains) {
    const std::string domain_name = model::to_string(domain.domain);
    for (const DelegationOutcome& outcome : domain.outcomes) {
      std::vector<WorkbookCell> row = {domain_name, outcome.option,
                                       outcome.is_current ? "yes" : "no",
                                       outcome.target_met ? "yes" : "no"};
      for (const MeanEstimate& e : outcome.estimate)
        add_estimate(row, e);
      options.rows.push_back(std::move(row));
      if (!outcome.is_current) {
        std::vector<WorkbookCell> diff = {domain_name, outcome.option};
        for (const auto& d : outcome.difference) {
          if (!d) {
            diff.insert(diff.end(), 4, WorkbookCell());
            continue;
          }
          diff.insert(diff.end(), {d->difference.mean, d->difference.low, d->difference.high,
                                   d->significant ? "yes" : "no"});
        }
        differences.rows.push_back(std::move(diff));
      }
      std::vector<WorkbookCell> staff = {domain_name, outcome.option};
      for (const TierOfficers& t : outcome.officers) {
        staff.push_back(static_cast<double>(t.current));
        if (need)
          staff.insert(staff.end(),
                       {static_cast<double>(t.erlang_c), static_cast<double>(t.erlang_c_peak)});
      }
      if (need && outcome.need) {
        const DelegationNeed& n = *outcome.need;
        const bool known =
            n.outcome == GroupOutcome::kAlreadyMet || n.outcome == GroupOutcome::kNeeds;
        std::vector<WorkbookCell> row = {
            domain_name,
            outcome.option,
            outcome_name(n.outcome),
            need_cell(n, *exploration.need, exploration.need_max_added),
            static_cast<double>(n.positions),
            static_cast<double>(n.officers_now),
            known ? WorkbookCell(static_cast<double>(n.officers_added)) : WorkbookCell()};
        add_estimate(row, n.now);
        if (known) {
          add_estimate(row, n.with);
        } else {
          row.insert(row.end(), 3, WorkbookCell());
        }
        row.push_back(std::isfinite(n.yearly_cost) ? WorkbookCell(n.yearly_cost) : WorkbookCell());
        row.push_back(n.added_at);
        needs.rows.push_back(std::move(row));
      }
      auto money = [](double v) { return std::isfinite(v) ? WorkbookCell(v) : WorkbookCell(); };
      staff.insert(
          staff.end(),
          {outcome.staff_pool     ? "pool"
           : outcome.staff_follow ? "follow"
                                  : "stay",
           static_cast<double>(outcome.officers_moved), static_cast<double>(outcome.officers_added),
           money(outcome.yearly_cost), money(outcome.cost_per_point.value),
           money(outcome.cost_per_point.low), money(outcome.cost_per_point.high)});
      officers.rows.push_back(std::move(staff));
    }
  }
  std::vector<WorkbookSheet> sheets = {std::move(options), std::move(differences),
                                       std::move(officers)};
  if (need) sheets.push_back(std::move(needs));
  std::vector<std::pair<std::string, std::string>> about = {
      {"scenario", exploration.scenario_name},
      {"target", exploration.target.text},
      {"replications", std::to_string(exploration.replications) + " per option"},
      {"seed", std::to_string(exploration.seed) + " (common random numbers)"},
      {"confidence", level_text(exploration.confidence)}};
  for (const std::string& skipped : exploration.skipped)
    about.emplace_back("domain left out", skipped);
  about.emplace_back("command", command_line);
  sheets.push_back(about_sheet("Delegation", std::move(about)));
  return sheets;
}

std::vector<WorkbookSheet> backtest_sheets(const BacktestRun& run, const BacktestInfo& info,
                                           const std::string& command_line) {
  const Backtest& bt = run.result;
  WorkbookSheet months;
  months.name = "Months";
  months.notes = {
      "Each logged monthly report figure beside the simulation's prediction: the "
      "mean over " +
          std::to_string(bt.replications) + " replications and the " +
          percent_text(bt.nominal_coverage) +
          " prediction interval (lowest to highest replication).",
      "By id and in full precision: backtest.csv."};
  months.columns = {{"unit", CellFormat::kText, 16},         {"name", CellFormat::kText, 28},
                    {"year", CellFormat::kInteger, 6},       {"month", CellFormat::kInteger, 6},
                    {"measure", CellFormat::kText, 20},      {"observed", CellFormat::kCount, 10},
                    {"predicted", CellFormat::kDecimal, 10}, {"low", CellFormat::kCount, 8},
                    {"high", CellFormat::kCount, 8},         {"inside", CellFormat::kText, 7}};
  for (const BacktestRow& row : bt.rows) {
    std::string name;
    for (std::size_t u = 0; u < run.unit_ids.size() && u < run.unit_names.size(); ++u)
      if (run.unit_ids[u] == row.unit) name = run.unit_names[u];
    months.rows.push_back({row.unit, name, static_cast<double>(row.year),
                           static_cast<double>(row.month), row.measure, row.observed,
                           row.predicted_mean, row.low, row.high, row.inside ? "yes" : "no"});
  }
  std::vector<WorkbookSheet> sheets = {std::move(months)};
  sheets.push_back(about_sheet(
      "Backtest", {{"scenario", info.scenario},
                   {"log", info.log},
                   {"period", info.from + " to " + info.to + " (the day after the last simulated)"},
                   {"open dossiers at the start", std::to_string(info.open_at_start)},
                   {"replications", std::to_string(info.replications)},
                   {"inside their interval",
                    percent_text(bt.inside_share) + " of " + std::to_string(bt.rows.size()) +
                        " figures (nominal " + percent_text(bt.nominal_coverage) + ")"},
                   {"command", command_line}}));
  return sheets;
}

std::vector<WorkbookSheet> calibration_sheets(const HistoryMatchingResult& result,
                                              const std::string& scenario_name,
                                              const std::string& command_line) {
  WorkbookSheet sets;
  sets.name = "Parameter sets";
  sets.notes = {
      "Every parameter set simulated, wave by wave: its values, the largest "
      "implausibility over the targets and whether it is plausible (at most " +
          number_text(result.options.cutoff) + ").",
      "In full precision: calibration_runs.csv; the plausible ones: parameter_sets.csv."};
  sets.columns = {{"wave", CellFormat::kInteger, 6}, {"set", CellFormat::kInteger, 6}};
  for (const ParameterRange& p : result.parameters)
    sets.columns.push_back({p.key, CellFormat::kPrecise, 16});
  sets.columns.push_back({"largest implausibility", CellFormat::kDecimal, 12});
  sets.columns.push_back({"plausible", CellFormat::kText, 9});
  for (const EvaluatedSet& set : result.sets) {
    std::vector<WorkbookCell> row = {static_cast<double>(set.wave), static_cast<double>(set.index)};
    for (const double value : set.parameters)
      row.emplace_back(value);
    row.emplace_back(std::isinf(set.max_implausibility) ? std::nan("") : set.max_implausibility);
    row.emplace_back(set.plausible ? "yes" : "no");
    sets.rows.push_back(std::move(row));
  }

  WorkbookSheet targets;
  targets.name = "Targets";
  targets.notes = {
      "Every reported figure, its tolerance and what the plausible parameter sets "
      "simulate for it (lowest and highest mean); blank when no set is plausible."};
  targets.columns = {
      {"target", CellFormat::kText, 18},       {"metric", CellFormat::kText, 22},
      {"scope", CellFormat::kText, 16},        {"from", CellFormat::kText, 11},
      {"to", CellFormat::kText, 11},           {"reported", CellFormat::kDecimal, 11},
      {"tolerance", CellFormat::kDecimal, 10}, {"lowest", CellFormat::kDecimal, 11},
      {"highest", CellFormat::kDecimal, 11},   {"source", CellFormat::kText, 40}};
  for (std::size_t t = 0; t < result.targets.size(); ++t) {
    const CalibrationTarget& target = result.targets[t];
    double low = std::nan(""), high = std::nan("");
    for (const EvaluatedSet& set : result.sets) {
      if (!set.plausible || t >= set.mean.size()) continue;
      low = std::isnan(low) ? set.mean[t] : std::min(low, set.mean[t]);
      high = std::isnan(high) ? set.mean[t] : std::max(high, set.mean[t]);
    }
    // Rates and shares as percentages, counts and days with decimals.
    const CellFormat format = target.metric == TargetMetric::kOnTimeRate ||
                                      target.metric == TargetMetric::kArrivalShare ||
                                      target.metric == TargetMetric::kOverdueFlagSyncShare
                                  ? CellFormat::kPercent
                                  : CellFormat::kDecimal;
    targets.rows.push_back({target.id, to_string(target.metric), target.scope,
                            sim::to_string(target.from), sim::to_string(target.to),
                            WorkbookCell(target.value, format),
                            WorkbookCell(target.tolerance, format), WorkbookCell(low, format),
                            WorkbookCell(high, format), target.source});
  }
  return {std::move(sets), std::move(targets),
          about_sheet("Calibration",
                      {{"scenario", scenario_name},
                       {"waves", std::to_string(result.options.waves)},
                       {"sets per wave", std::to_string(result.options.points_per_wave)},
                       {"replications", std::to_string(result.options.replications) + " per set"},
                       {"plausible sets", std::to_string(result.plausible_count()) + " of " +
                                              std::to_string(result.sets.size())},
                       {"command", command_line}})};
}

}  // namespace twotier::analysis
