#include "analysis/calibration/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "analysis/calibration/calibration.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "models/scenario_error.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::analysis {

namespace {
template <class Items>
int index_of_id(const Items& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

std::size_t write_backlog_csv(const DossierLog& log, LogTime from, const model::ModelSpec& scenario,
                              const std::filesystem::path& file) {
  for (const LoggedDossier& d : log.dossiers) {
    auto fail = [&](const char* column, const std::string& value, const char* what) {
      throw model::ScenarioError(log.file + ":" + std::to_string(d.line) + ": error: column '" +
                                 column + "': bad value '" + value + "': not a " + what +
                                 " of the scenario " + scenario.scenario_file);
    };
    if (index_of_id(scenario.units, d.unit) < 0) fail("unit", d.unit, "unit");
    if (index_of_id(scenario.procedures, d.procedure) < 0)
      fail("procedure", d.procedure, "procedure");
  }
  // The last step row started before `from`, per dossier.
  std::vector<const LoggedStep*> last(log.dossiers.size(), nullptr);
  for (const LoggedStep& s : log.steps)
    if (s.started < from && (!last[s.dossier] || s.started >= last[s.dossier]->started))
      last[s.dossier] = &s;
  std::size_t written = 0;
  write_text_atomically(file, [&](std::ostream& out) {
    out << "id,unit,procedure,received_at,current_step\n";
    for (std::size_t i = 0; i < log.dossiers.size(); ++i) {
      const LoggedDossier& d = log.dossiers[i];
      if (!(d.received < from) || (d.completed && *d.completed <= from)) continue;
      int step = 1;
      if (last[i]) step = last[i]->ended <= from ? last[i]->step + 1 : last[i]->step;
      const auto& steps = scenario.procedures[index_of_id(scenario.procedures, d.procedure)].steps;
      step = std::min(step, static_cast<int>(steps.size()));
      out << csv_field(d.id) << "," << csv_field(d.unit) << "," << csv_field(d.procedure) << ","
          << format_log_time(d.received) << "," << step << "\n";
      ++written;
    }
  });
  return written;
}

std::vector<ObservedMonth> observed_months(const DossierLog& log, LogTime from, LogTime to) {
  // Period boundaries: month starts inside (from, to), plus from and to.
  std::vector<LogTime> bounds{from};
  sim::CivilDate month = date_of(from);
  month.day = 1;
  for (;;) {
    month = month.month == 12 ? sim::CivilDate{month.year + 1, 1, 1}
                              : sim::CivilDate{month.year, month.month + 1, 1};
    const LogTime t = log_time(month);
    if (t >= to) break;
    bounds.push_back(t);
  }
  bounds.push_back(to);
  std::map<std::string, std::vector<ObservedMonth>> by_unit;
  for (const LoggedDossier& d : log.dossiers) {
    auto [it, fresh] = by_unit.try_emplace(d.unit);
    if (fresh) {
      for (std::size_t p = 0; p + 1 < bounds.size(); ++p) {
        const sim::CivilDate first = date_of(bounds[p]);
        it->second.push_back({d.unit, first.year, first.month, {}});
      }
    }
    for (std::size_t p = 0; p + 1 < bounds.size(); ++p) {
      const LogTime a = bounds[p], b = bounds[p + 1];
      auto& counts = it->second[p].counts;
      if (a <= d.received && d.received < b) counts[0] += 1;
      if (d.completed && a <= *d.completed && *d.completed < b) {
        if (d.outcome == model::DossierOutcome::kOnTime) counts[1] += 1;
        if (d.outcome == model::DossierOutcome::kLate) counts[2] += 1;
      }
      const bool open_at_end = d.received < b && (!d.completed || *d.completed >= b);
      if (open_at_end && d.due && *d.due < b) counts[3] += 1;
    }
  }
  std::vector<ObservedMonth> months;
  for (auto& [unit, rows] : by_unit)
    months.insert(months.end(), rows.begin(), rows.end());
  return months;
}

Backtest compare_backtest(const model::ModelSpec& spec,
                          const std::vector<model::ReplicationResult>& results,
                          const std::vector<ObservedMonth>& observed, double level) {
  Backtest backtest;
  const int n = static_cast<int>(results.size());
  backtest.replications = n;
  const int k = std::max(1, static_cast<int>(std::floor((n + 1) * (1.0 - level) / 2.0)));
  backtest.nominal_coverage = std::max(0.0, static_cast<double>(n + 1 - 2 * k) / (n + 1));
  std::map<std::tuple<std::string, int, int>, std::vector<std::array<double, 4>>> predicted;
  for (const model::ReplicationResult& r : results)
    for (const model::MonthlyReportRow& row : r.monthly_report)
      predicted[{spec.units[row.unit].id, row.year, row.month}].push_back(
          {static_cast<double>(row.received_new), static_cast<double>(row.completed_on_time),
           static_cast<double>(row.completed_late), static_cast<double>(row.pending_overdue)});
  int inside = 0;
  for (const ObservedMonth& o : observed) {
    const auto found = predicted.find({o.unit, o.year, o.month});
    for (int m = 0; m < kBacktestMeasures; ++m) {
      std::vector<double> values;
      if (found != predicted.end())
        for (const auto& v : found->second)
          values.push_back(v[m]);
      values.resize(static_cast<std::size_t>(n), 0.0);  // a missing row counts as zero
      std::sort(values.begin(), values.end());
      BacktestRow row;
      row.unit = o.unit;
      row.year = o.year;
      row.month = o.month;
      row.measure = kBacktestMeasureNames[m];
      row.observed = o.counts[m];
      for (double v : values)
        row.predicted_mean += v / n;
      row.low = values[std::min(k, n) - 1];
      row.high = values[std::max(0, n - k)];
      row.inside = row.low <= row.observed && row.observed <= row.high;
      inside += row.inside ? 1 : 0;
      backtest.rows.push_back(row);
    }
  }
  backtest.inside_share =
      backtest.rows.empty() ? 0.0 : static_cast<double>(inside) / backtest.rows.size();
  return backtest;
}

BacktestRun run_backtest(const std::filesystem::path& scenario, const DossierLog& log,
                         const sim::CivilDate& from_date, const sim::CivilDate& to_date,
                         int replications, int threads, double level,
                         const std::filesystem::path& out, const BacktestSettings& settings) {
  const long days = static_cast<long>(sim::days_between(from_date, to_date));
  const LogTime from = log_time(from_date);
  const LogTime to = log_time(to_date);
  const auto [log_start, log_end] = log_window(log);
  if (from >= log_end || to <= log_start) {
    throw model::ScenarioError(
        "twotier backtest: error: --from " + sim::to_string(from_date) + " --to " +
        sim::to_string(to_date) + ": the period does not overlap the log " + log.file +
        ", which receives dossiers from " + sim::to_string(date_of(log_start)) + " to " +
        sim::to_string(date_of(log_end - sim::kSecondsPerDay)) +
        " (allowed: a period inside the log)");
  }
  model::LoadOptions load;
  load.overrides = settings.overrides;
  load.overrides.insert(load.overrides.end(),
                        {"scenario.start=" + sim::to_string(from_date),
                         "scenario.horizon=" + std::to_string(days) + "d", "scenario.warmup=0d"});
  const model::ModelSpec structure = model::load_scenario(scenario, load);
  std::filesystem::create_directories(out);
  const std::filesystem::path backlog = std::filesystem::absolute(out / kBacklogCsvName);
  BacktestRun run;
  run.open_at_start = write_backlog_csv(log, from, structure, backlog);
  if (run.open_at_start > 0) load.overrides.push_back("tables.backlog=" + backlog.string());
  const model::ModelSpec spec = model::load_scenario(scenario, load);
  for (const auto& unit : spec.units) {
    run.unit_ids.push_back(unit.id);
    run.unit_names.push_back(unit.name);
  }
  ExperimentOptions experiment;
  experiment.replications = replications;
  experiment.threads = threads;
  experiment.progress = settings.progress;
  const ExperimentResult result = run_experiment(spec, experiment);
  run.result = compare_backtest(spec, result.replications, observed_months(log, from, to), level);
  write_backtest_csv(run.result, out / kBacktestCsvName);
  return run;
}

void write_backtest_csv(const Backtest& backtest, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "unit,year,month,measure,observed,predicted_mean,low,high,inside\n";
    for (const BacktestRow& r : backtest.rows)
      out << csv_field(r.unit) << "," << r.year << "," << r.month << "," << r.measure << ","
          << csv_number(r.observed) << "," << csv_number(r.predicted_mean) << ","
          << csv_number(r.low) << "," << csv_number(r.high) << "," << (r.inside ? 1 : 0) << "\n";
  });
}

}  // namespace twotier::analysis
