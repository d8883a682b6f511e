// `import twotier`: the simulator from Python, for researchers. The same engine and error
// messages as the command line: load and check a scenario, run replications, compare scenarios
// with common random numbers. Results come back as numpy arrays and dicts keyed by names
// (str, UTF-8 decoded). The GIL is released while replications run. python/README.md has the API.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "analysis/experiments/compare_run.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/results/monthly_report_csv.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/utilisation_csv.hpp"
#include "analysis/statistics/summary.hpp"
#include "analysis/statistics/summary_columns.hpp"
#include "models/count_text.hpp"
#include "models/offered_load.hpp"
#include "models/replication_result.hpp"
#include "models/scenario_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"
#include "models/spec.hpp"
#include "twotier_version.hpp"

namespace py = pybind11;
using namespace twotier;

namespace {

// A scenario as loaded: the file and overrides it came from (so run() can reload it with a
// seed or horizon of its own) and the resolved ModelSpec.
struct Scenario {
  std::filesystem::path path;
  std::vector<std::string> overrides;
  model::ModelSpec spec;
};

Scenario load(const std::filesystem::path& path, std::vector<std::string> overrides) {
  Scenario s{path, std::move(overrides), {}};
  s.spec = model::load_scenario(path, model::LoadOptions{s.overrides});
  return s;
}

// A scenario argument: a loaded Scenario or a path.
using ScenarioArg = std::variant<Scenario, std::filesystem::path>;

// The scenario to simulate: `arg` reloaded with seed/horizon overrides when given.
Scenario resolve(const ScenarioArg& arg, const std::vector<std::string>& set,
                 std::optional<std::uint64_t> seed, const py::object& horizon) {
  Scenario base = std::holds_alternative<Scenario>(arg)
                      ? std::get<Scenario>(arg)
                      : Scenario{std::get<std::filesystem::path>(arg), {}, {}};
  std::vector<std::string> overrides = base.overrides;
  overrides.insert(overrides.end(), set.begin(), set.end());
  if (seed) overrides.push_back("scenario.seed=" + std::to_string(*seed));
  if (!horizon.is_none()) {
    // An int or float is a number of days; a str is the scenario's syntax ("90d", "2026-03-01").
    const std::string value = py::isinstance<py::str>(horizon)
                                  ? "\"" + horizon.cast<std::string>() + "\""
                                  : "\"" + py::str(horizon).cast<std::string>() + "d\"";
    overrides.push_back("scenario.horizon=" + value);
  }
  if (overrides == base.overrides && std::holds_alternative<Scenario>(arg)) return base;
  return load(base.path, std::move(overrides));
}

template <typename T>
py::array_t<T> array(const std::vector<T>& values, std::vector<py::ssize_t> shape) {
  py::array_t<T> out(shape);
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

py::list strings(const std::vector<std::string>& values) {
  py::list out;
  for (const auto& v : values)
    out.append(py::str(v));  // UTF-8 decoded: str, never bytes
  return out;
}

py::dict unit_table(const model::ModelSpec& spec) {
  std::vector<std::string> ids, names, kinds;
  std::vector<double> population;
  std::vector<int> officers(spec.units.size(), 0);
  for (const auto& unit : spec.units) {
    ids.push_back(unit.id);
    names.push_back(unit.name);
    kinds.push_back(model::to_string(unit.kind));
    population.push_back(unit.population);
  }
  for (const auto& position : spec.positions)
    officers[static_cast<std::size_t>(position.unit)] += position.officers;
  py::dict d;
  d["id"] = strings(ids);
  d["name"] = strings(names);
  d["kind"] = strings(kinds);
  d["population"] = array(population, {static_cast<py::ssize_t>(population.size())});
  d["officers"] = array(officers, {static_cast<py::ssize_t>(officers.size())});
  return d;
}

py::dict summary_dict(const std::vector<analysis::SummaryRow>& rows) {
  const analysis::SummaryColumns c = analysis::summary_columns(rows);
  const auto size = static_cast<py::ssize_t>(rows.size());
  py::dict d;
  d["scope"] = strings(c.scope);
  d["metric"] = strings(c.metric);
  d["mean"] = array(c.mean, {size});
  d["ci_low"] = array(c.ci_low, {size});
  d["ci_high"] = array(c.ci_high, {size});
  d["n"] = array(c.n, {size});
  return d;
}

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (int m = 0; m < model::kMetricCount; ++m)
    names.push_back(model::metric_name(static_cast<model::Metric>(m)));
  return names;
}

// Replications' KPIs as one (R, S, M) array.
py::array_t<double> kpi_array(const std::vector<model::ReplicationResult>& results) {
  const std::size_t scopes = results.empty() ? 0 : results.front().scopes.size();
  std::vector<double> values;
  for (const auto& r : results)
    for (const auto& row : r.kpis)
      values.insert(values.end(), row.begin(), row.end());
  return array(values, {static_cast<py::ssize_t>(results.size()), static_cast<py::ssize_t>(scopes),
                        model::kMetricCount});
}

py::dict run_dict(const Scenario& scenario, const std::vector<model::ReplicationResult>& results,
                  double confidence, double wall_seconds) {
  analysis::RunMetadata metadata = analysis::describe_run(scenario.spec);
  metadata.replications = static_cast<int>(results.size());
  metadata.confidence = confidence;
  py::dict d;
  d["scenario"] = py::str(scenario.spec.name);
  d["seed"] = scenario.spec.seed;
  d["replications"] = results.size();
  d["wall_seconds"] = wall_seconds;
  d["units"] = unit_table(scenario.spec);
  d["scopes"] = strings(results.empty() ? std::vector<std::string>{} : results.front().scopes);
  d["metrics"] = strings(metric_names());
  d["kpis"] = kpi_array(results);
  d["summary"] = summary_dict(analysis::summarize(results, metadata.position_labels, confidence));

  // Daily series at each day's end: (R, D, U) arrays.
  const auto& first = results.front().daily;
  const auto shape =
      std::vector<py::ssize_t>{static_cast<py::ssize_t>(results.size()), first.days, first.units};
  py::dict daily;
  for (const auto& [name, member] : {std::pair{"arrivals", &model::DailySeries::arrivals},
                                     std::pair{"completions", &model::DailySeries::completions},
                                     std::pair{"backlog", &model::DailySeries::backlog},
                                     std::pair{"overdue", &model::DailySeries::overdue}}) {
    std::vector<std::int32_t> values;
    for (const auto& r : results)
      values.insert(values.end(), (r.daily.*member).begin(), (r.daily.*member).end());
    daily[name] = array(values, shape);
  }
  d["daily"] = daily;

  // Staffing: one entry per position.
  std::vector<std::string> unit, position;
  std::vector<int> officers;
  std::vector<double> utilisation, low, high, overtime;
  for (const auto& row : analysis::utilisation_rows(metadata, results)) {
    unit.push_back(row.unit);
    position.push_back(row.position);
    officers.push_back(row.officers);
    utilisation.push_back(row.utilisation.mean);
    low.push_back(row.utilisation.ci_low);
    high.push_back(row.utilisation.ci_high);
    overtime.push_back(row.overtime_hours.mean);
  }
  const auto positions = static_cast<py::ssize_t>(unit.size());
  py::dict staffing;
  staffing["unit"] = strings(unit);
  staffing["position"] = strings(position);
  staffing["officers"] = array(officers, {positions});
  staffing["utilisation"] = array(utilisation, {positions});
  staffing["utilisation_ci_low"] = array(low, {positions});
  staffing["utilisation_ci_high"] = array(high, {positions});
  staffing["overtime_hours"] = array(overtime, {positions});
  d["staffing"] = staffing;

  // The official monthly report, mean over replications.
  const auto monthly = analysis::mean_monthly_report(results);
  std::vector<std::string> month_unit;
  std::vector<int> year, month;
  std::vector<double> counts;
  for (const auto& row : monthly) {
    month_unit.push_back(scenario.spec.units[static_cast<std::size_t>(row.unit)].id);
    year.push_back(row.year);
    month.push_back(row.month);
    counts.insert(counts.end(), row.mean.begin(), row.mean.end());
  }
  const auto rows = static_cast<py::ssize_t>(monthly.size());
  py::dict report;
  report["unit"] = strings(month_unit);
  report["year"] = array(year, {rows});
  report["month"] = array(month, {rows});
  for (std::size_t c = 0; c < analysis::kMonthlyCountNames.size(); ++c) {
    std::vector<double> column;
    for (std::size_t r = 0; r < monthly.size(); ++r)
      column.push_back(counts[r * analysis::kMonthlyCountColumns + c]);
    report[py::str(std::string(analysis::kMonthlyCountNames[c]))] = array(column, {rows});
  }
  d["monthly_report"] = report;
  return d;
}

py::dict run(const ScenarioArg& arg, std::optional<int> reps, std::optional<std::uint64_t> seed,
             int threads, const py::object& horizon, const std::vector<std::string>& set,
             double confidence) {
  const Scenario scenario = resolve(arg, set, seed, horizon);
  analysis::ExperimentOptions options;
  options.replications = reps.value_or(scenario.spec.replications);
  if (options.replications < 1) throw py::value_error("reps must be at least 1");
  options.threads = threads;
  analysis::ExperimentResult result;
  {
    py::gil_scoped_release release;
    result = analysis::run_experiment(scenario.spec, options);
  }
  return run_dict(scenario, result.replications, confidence, result.wall_seconds);
}

py::dict compare(const std::vector<ScenarioArg>& args, std::optional<int> reps,
                 std::optional<std::uint64_t> seed, int threads, const py::object& horizon,
                 const std::vector<std::string>& set, double confidence) {
  if (args.size() < 2)
    throw py::value_error("compare needs a base scenario and at least one alternative");
  std::vector<model::ModelSpec> specs;
  for (const auto& arg : args) {
    // Common random numbers need one seed for all: `seed`, else the base's.
    std::optional<std::uint64_t> common = seed;
    if (!common.has_value() && !specs.empty()) common.emplace(specs.front().seed);
    specs.push_back(resolve(arg, set, common, horizon).spec);
  }
  analysis::CompareOptions options;
  options.replications = reps.value_or(specs.front().replications);
  if (options.replications < 2) throw py::value_error("compare needs reps >= 2 for intervals");
  options.threads = threads;
  options.confidence = confidence;
  analysis::CompareRun result;
  {
    py::gil_scoped_release release;
    result = analysis::run_comparison(specs, options);
  }
  std::vector<std::string> alternative, scope, metric;
  std::vector<double> base_mean, alt_mean, diff, low, high;
  std::vector<bool> significant;
  std::vector<int> pairs;
  for (const auto& row : result.rows) {
    alternative.push_back(row.alternative);
    scope.push_back(row.scope);
    metric.push_back(row.metric);
    base_mean.push_back(row.paired.base_mean);
    alt_mean.push_back(row.paired.alt_mean);
    diff.push_back(row.paired.difference.mean);
    low.push_back(row.paired.difference.low);
    high.push_back(row.paired.difference.high);
    significant.push_back(row.paired.significant);
    pairs.push_back(row.paired.pairs);
  }
  const auto size = static_cast<py::ssize_t>(result.rows.size());
  py::dict rows;
  rows["alternative"] = strings(alternative);
  rows["scope"] = strings(scope);
  rows["metric"] = strings(metric);
  rows["base_mean"] = array(base_mean, {size});
  rows["alt_mean"] = array(alt_mean, {size});
  rows["diff_mean"] = array(diff, {size});
  rows["diff_ci_low"] = array(low, {size});
  rows["diff_ci_high"] = array(high, {size});
  py::array_t<bool> flags(size);
  for (py::ssize_t i = 0; i < size; ++i)
    flags.mutable_data()[i] = significant[static_cast<std::size_t>(i)];
  rows["significant"] = flags;
  rows["pairs"] = array(pairs, {size});

  py::dict d;
  d["names"] = strings(result.names);
  d["replications"] = options.replications;
  d["seed"] = specs.front().seed;
  d["confidence"] = confidence;
  d["wall_seconds"] = result.wall_seconds;
  d["comparison"] = rows;
  py::list kpis;
  for (const auto& replications : result.results)
    kpis.append(kpi_array(replications));
  d["kpis"] = kpis;  // per scenario, (R, S, M)
  d["scopes"] = strings(result.results.front().front().scopes);
  d["metrics"] = strings(metric_names());
  return d;
}

py::dict check(const ScenarioArg& arg, const std::vector<std::string>& set) {
  const Scenario scenario = resolve(arg, set, std::nullopt, py::none());
  const model::ModelSpec& spec = scenario.spec;
  py::dict d;
  d["scenario"] = py::str(spec.name);
  d["warnings"] = strings(model::scenario_warnings(spec));
  d["units"] = unit_table(spec);
  std::vector<std::string> unit, skill;
  std::vector<double> demand, capacity, utilisation;
  std::vector<int> officers;
  for (const auto& load : model::offered_load(spec)) {
    unit.push_back(spec.units[static_cast<std::size_t>(load.unit)].id);
    skill.push_back(spec.skills[static_cast<std::size_t>(load.skill)]);
    demand.push_back(load.demand_hours_per_week);
    capacity.push_back(load.capacity_hours_per_week);
    utilisation.push_back(load.utilization);
    officers.push_back(load.officers);
  }
  const auto size = static_cast<py::ssize_t>(unit.size());
  py::dict loads;
  loads["unit"] = strings(unit);
  loads["skill"] = strings(skill);
  loads["demand_hours_per_week"] = array(demand, {size});
  loads["capacity_hours_per_week"] = array(capacity, {size});
  loads["utilisation"] = array(utilisation, {size});
  loads["officers"] = array(officers, {size});
  d["offered_load"] = loads;
  return d;
}

}  // namespace

PYBIND11_MODULE(twotier, m) {
  m.doc() =
      "twotier: a discrete-event simulator of Vietnam's two-tier local government "
      "(python/README.md).";
  m.attr("__version__") = twotier::kVersion;
  m.attr("git_commit") = twotier::kGitCommit;

  // Scenario errors (file, line, key, allowed values) as ValueError with the loader's message.
  static py::exception<model::ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const model::ScenarioError& e) {
      scenario_error(e.what());
    }
  });

  py::class_<Scenario>(m, "Scenario", "A loaded, validated scenario (twotier.load).")
      .def_property_readonly("name", [](const Scenario& s) { return s.spec.name; })
      .def_property_readonly("path", [](const Scenario& s) { return s.path; })
      .def_property_readonly("overrides", [](const Scenario& s) { return s.overrides; })
      .def_property_readonly("seed", [](const Scenario& s) { return s.spec.seed; })
      .def_property_readonly("replications", [](const Scenario& s) { return s.spec.replications; })
      .def_property_readonly(
          "units", [](const Scenario& s) { return unit_table(s.spec); },
          "dict of unit columns: id, name, kind (str lists), population, "
          "officers (numpy arrays)")
      .def_property_readonly("procedures",
                             [](const Scenario& s) {
                               std::vector<std::string> ids, names;
                               for (const auto& p : s.spec.procedures) {
                                 ids.push_back(p.id);
                                 names.push_back(p.name);
                               }
                               py::dict d;
                               d["id"] = strings(ids);
                               d["name"] = strings(names);
                               return d;
                             })
      .def_property_readonly(
          "text", [](const Scenario& s) { return s.spec.source_text; },
          "the fully resolved scenario (TOML)")
      .def("__repr__", [](const Scenario& s) {
        return "<twotier.Scenario '" + s.spec.name +
               "': " + model::count_of(static_cast<long long>(s.spec.units.size()), "unit") + ", " +
               model::count_of(static_cast<long long>(s.spec.procedures.size()), "procedure") + ">";
      });

  m.def("load", &load, py::arg("path"), py::arg("set") = std::vector<std::string>{},
        "Load and validate a scenario TOML file; `set` holds overrides like the command line's "
        "--set ('scenario.horizon=30d'). Raises twotier.ScenarioError (a ValueError) naming the "
        "file, line, key and allowed values.");
  m.def("check", &check, py::arg("scenario"), py::arg("set") = std::vector<std::string>{},
        "Validate a scenario (a path or a Scenario) without simulating: warnings, units and the "
        "offered load against capacity per unit and skill.");
  m.def("run", &run, py::arg("scenario"), py::kw_only(), py::arg("reps") = py::none(),
        py::arg("seed") = py::none(), py::arg("threads") = 0, py::arg("horizon") = py::none(),
        py::arg("set") = std::vector<std::string>{}, py::arg("confidence") = 0.95,
        "Run replications (as `twotier run`, without writing files). horizon: days (int) or the "
        "scenario's syntax ('90d', '2026-03-01'). Returns a dict: kpis (R, S, M) with scopes and "
        "metrics, summary (means with intervals), daily (R, D, U) arrays, staffing, "
        "monthly_report, units.");
  m.def("compare", &compare, py::arg("scenarios"), py::kw_only(), py::arg("reps") = py::none(),
        py::arg("seed") = py::none(), py::arg("threads") = 0, py::arg("horizon") = py::none(),
        py::arg("set") = std::vector<std::string>{}, py::arg("confidence") = 0.95,
        "Compare alternatives with a base (the first) using common random numbers (as "
        "`twotier compare`). Returns a dict: names, comparison (paired differences with "
        "Bonferroni-adjusted intervals, as comparison.csv), kpis per scenario.");
}
