#include "analysis/validation/validation.hpp"

#include <algorithm>  // std::max, std::min
#include <atomic>
#include <cassert>
#include <functional>
#include <thread>
#include <utility>

#include "analysis/experiments/progress_board.hpp"

#include "analysis/statistics/confidence.hpp"
#include "analysis/statistics/queueing_theory.hpp"
#include "models/replication.hpp"
#include "models/spec.hpp"
#include "sim/civil_date.hpp"
#include "sim/random.hpp"
#include "sim/station_network.hpp"

namespace twotier::analysis {

namespace {

using sim::Distribution;
using sim::NetworkResults;
using sim::NetworkSpec;
using sim::StationSpec;

// One quantity estimated once per replication and compared with its closed form.
struct Metric {
  std::string name;
  double analytic = 0.0;
  std::function<double(const NetworkResults&)> estimate;
};

struct Case {
  std::string name;
  NetworkSpec spec;
  sim::RunWindow window;
  std::vector<Metric> metrics;
  // Set for a case run through the full government model instead of the station network:
  // every metric's estimate of replication `rep` with scenario seed `seed`.
  std::function<std::vector<double>(std::uint64_t seed, std::size_t rep)> run_model;
};

// Run lengths are in multiples of the mean service time (1 time unit). Warm-ups exceed ten
// relaxation times of the busiest station; run lengths give ~15-30k customers per replication.
sim::RunWindow window(double warmup, double length, double scale) {
  return {sim::Duration{warmup * scale}, sim::Instant{(warmup + length) * scale}, false};
}

StationSpec station(int servers, Distribution service) {
  StationSpec s;
  s.servers = servers;
  s.service = {std::move(service)};
  return s;
}

double mean_wait(const NetworkResults& r, std::size_t station, std::size_t customer_class = 0) {
  return r.stations[station].by_class[customer_class].wait.mean();
}

double wait_exceeds(const NetworkResults& r, std::size_t threshold_index) {
  const auto& rec = r.stations[0].by_class[0];
  return static_cast<double>(rec.wait_exceeds[threshold_index]) /
         static_cast<double>(rec.wait.count());
}

Case mm1(double scale) {
  const double lambda = 0.7, mu = 1.0, t = 2.0;
  Case c{"M/M/1", {}, window(1000, 30000, scale), {}, {}};
  c.spec.stations = {station(1, Distribution::exponential(1.0 / mu))};
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, lambda)};
  c.spec.wait_thresholds = {t};
  c.metrics = {
      {"mean wait", mm1_wait_mean(lambda, mu), [](const auto& r) { return mean_wait(r, 0); }},
      {"P(wait > 2)", mm1_wait_exceeds(lambda, mu, t),
       [](const auto& r) { return wait_exceeds(r, 0); }},
      {"mean number in system", mm1_number_mean(lambda, mu),
       [](const auto& r) { return r.number_mean; }},
  };
  return c;
}

Case mmc(double scale) {
  const int servers = 3;
  const double lambda = 2.4, mu = 1.0;
  Case c{"M/M/3", {}, window(500, 60000, scale), {}, {}};
  c.spec.stations = {station(servers, Distribution::exponential(1.0 / mu))};
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, lambda)};
  c.spec.wait_thresholds = {0.0};
  c.metrics = {
      {"P(wait > 0)", erlang_c(servers, lambda / mu),
       [](const auto& r) { return wait_exceeds(r, 0); }},
      {"mean wait", mmc_wait_mean(servers, lambda, mu),
       [](const auto& r) { return mean_wait(r, 0); }},
  };
  return c;
}

Case md1(double scale) {
  const double lambda = 0.7, service = 1.0;
  Case c{"M/D/1", {}, window(1000, 30000, scale), {}, {}};
  c.spec.stations = {station(1, Distribution::deterministic(service))};
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, lambda)};
  c.metrics = {{"mean wait (P-K)", md1_wait_mean(lambda, service),
                [](const auto& r) { return mean_wait(r, 0); }}};
  return c;
}

Case mg1_lognormal(double scale) {
  const double lambda = 0.6, mean = 1.0, cv = 1.5;
  // 125,000 time units (was 80,000): its heavy-tailed waits made it the weakest check, a 5%
  // bias caught in 18 of 20 seeds (power ~91% predicted from the noise); now ~98%.
  Case c{"M/G/1 lognormal cv 1.5", {}, window(1000, 125000, scale), {}, {}};
  c.spec.stations = {station(1, Distribution::lognormal(mean, cv))};
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, lambda)};
  c.metrics = {{"mean wait (P-K)",
                mg1_wait_mean(lambda, mean, second_moment_from_scv(mean, cv * cv)),
                [](const auto& r) { return mean_wait(r, 0); }}};
  return c;
}

Case priority(double scale) {
  const double lambda_high = 0.3, lambda_low = 0.4, mu = 1.0;
  Case c{"M/M/1 2-class priority", {}, window(1000, 50000, scale), {}, {}};
  c.spec.classes = 2;
  c.spec.stations = {station(1, Distribution::exponential(1.0 / mu))};
  c.spec.stations[0].discipline = sim::QueueDiscipline::kPriority;
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, lambda_high),
                     sim::ArrivalSpec::poisson(0, 1, lambda_low)};
  const double second_moment = second_moment_from_scv(1.0 / mu, 1.0);
  const auto w = priority_wait_means(
      {{lambda_high, 1.0 / mu, second_moment}, {lambda_low, 1.0 / mu, second_moment}});
  c.metrics = {
      {"mean wait class 0 (Cobham)", w[0], [](const auto& r) { return mean_wait(r, 0, 0); }},
      {"mean wait class 1 (Cobham)", w[1], [](const auto& r) { return mean_wait(r, 0, 1); }},
  };
  return c;
}

Case rework(double scale) {
  const ReworkStation s{0.35, 1.0, 0.5};
  Case c{"M/M/1 rework p=0.5", {}, window(1000, 60000, scale), {}, {}};
  c.spec.stations = {station(1, Distribution::exponential(1.0 / s.mu))};
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, s.lambda)};
  c.spec.routing = {{0, 0, {s.p}}};
  c.metrics = {
      {"mean wait per visit", rework_wait_per_visit(s),
       [](const auto& r) { return mean_wait(r, 0); }},
      {"mean time in system", rework_sojourn_mean(s),
       [](const auto& r) { return r.sojourn_by_class[0].mean(); }},
  };
  return c;
}

Case erlang_loss(double scale) {
  const int servers = 5;
  const double lambda = 4.0, mu = 1.0;
  Case c{"M/M/5/5 Erlang B", {}, window(100, 8000, scale), {}, {}};
  c.spec.stations = {station(servers, Distribution::exponential(1.0 / mu))};
  c.spec.stations[0].capacity = servers;
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, lambda)};
  c.metrics = {{"blocking probability", erlang_b(servers, lambda / mu), [](const auto& r) {
                  const auto& rec = r.stations[0].by_class[0];
                  return static_cast<double>(rec.blocked) / static_cast<double>(rec.arrivals);
                }}};
  return c;
}

// Station 0 (1 server, mu 2.5) sends 60% to station 1 (2 servers, mu 1) and 40% to station 2
// (1 server, mu 3); station 1 feeds station 2; station 2 returns 20% to station 0.
// Traffic: lambda = (2, 1.2, 2), utilisations 0.8, 0.6, 0.67.
Case jackson(double scale) {
  Case c{"Jackson 3 stations + feedback", {}, window(1000, 30000, scale), {}, {}};
  const std::vector<JacksonStation> stations{{1, 2.5, 1.6}, {2, 1.0, 0.0}, {1, 3.0, 0.0}};
  Eigen::MatrixXd routing(3, 3);
  routing << 0.0, 0.6, 0.4,  //
      0.0, 0.0, 1.0,         //
      0.2, 0.0, 0.0;
  for (const auto& s : stations) {
    c.spec.stations.push_back(station(s.servers, Distribution::exponential(1.0 / s.mu)));
  }
  c.spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, stations[0].external_lambda)};
  for (std::size_t i = 0; i < 3; ++i) {
    c.spec.routing.push_back({i, 0, {routing(i, 0), routing(i, 1), routing(i, 2)}});
  }
  const JacksonResult theory = solve_jackson(stations, routing);
  for (std::size_t i = 0; i < 3; ++i) {
    c.metrics.push_back({"mean number at station " + std::to_string(i),
                         theory.number_mean(static_cast<Eigen::Index>(i)),
                         [i](const auto& r) { return r.stations[i].number_mean; }});
  }
  c.metrics.push_back({"mean time in network", theory.network_sojourn_mean,
                       [](const auto& r) { return r.sojourn_by_class[0].mean(); }});
  return c;
}

// One unit "q" on a 24x7 calendar (flat profile, no holidays) for cases run through the full
// government model: `skills` skills, no procedures, positions or arrivals yet.
model::ModelSpec full_model_unit(const char* name, std::vector<std::string> skills,
                                 double warmup_days, double days) {
  model::ModelSpec spec;
  spec.name = name;
  spec.epoch_date = sim::CivilDate{2026, 1, 1};
  spec.start = sim::Instant{0.0};
  spec.end = sim::Instant{} + sim::Duration::from_days(days);
  spec.warmup = sim::Duration::from_days(warmup_days);
  spec.calendars.emplace_back(spec.epoch_date, static_cast<int>(days) + 120,
                              sim::WeeklySchedule::always());
  spec.workday_hours = 24.0;
  spec.skills = std::move(skills);
  model::UnitSpec unit;
  unit.id = "q";
  unit.name = "q";
  spec.units.push_back(unit);
  model::ProfileSpec flat;
  flat.id = "flat";
  flat.week.fill(1.0);
  flat.month.fill(1.0);
  spec.profiles.push_back(flat);
  spec.province_unit_for_domain.fill(-1);
  return spec;
}

// A procedure `id` at unit q: one work step of skill `skill`, effort exp(1/mu) hours, Poisson
// arrivals at lambda an hour, a deadline far beyond any wait.
void add_exponential_job(model::ModelSpec& spec, const char* id, int skill, double lambda,
                         double mu) {
  model::ProcedureSpec procedure;
  procedure.id = id;
  procedure.deadline_workdays = 30;
  model::StepSpec step;
  step.name = "service";
  step.kind = model::StepKind::kWork;
  step.skill = skill;
  step.effort.hours = Distribution::exponential(1.0 / mu);
  procedure.steps.push_back(step);
  spec.arrivals.push_back({0, static_cast<int>(spec.procedures.size()), lambda * 24.0, 0});
  spec.procedures.push_back(procedure);
}

// A case whose metrics are read from one full-model replication's results (a copy of the spec
// per call: replications run on several threads at once).
Case full_model_case(std::string name, model::ModelSpec spec, std::vector<Metric> metrics,
                     std::function<std::vector<double>(const model::ReplicationResult&)> read) {
  Case c{std::move(name), {}, {}, std::move(metrics), {}};
  c.run_model = [spec = std::move(spec), read = std::move(read)](std::uint64_t seed,
                                                                 std::size_t rep) {
    model::ModelSpec seeded = spec;
    seeded.seed = seed;
    return read(model::run_replication(seeded, rep));
  };
  return c;
}

// Erlang-A (M/M/3+M) through the full government model: one unit on a 24x7 calendar whose
// reception desk has 3 counters (service exp(1h)), citizens filing in person at 2.4/h who
// leave the queue after an exponential patience of mean 2 h; the lodged dossiers then go to
// 3 officers (one exp(1h) step). The KPI desk_abandon_rate of the province scope.
// scenarios/validation/erlang_a.toml is the same model as a scenario file. A 5% bias is 7.7
// standard errors of the screen's mean: caught in 100 of 100 seeds, power ~100% predicted from
// the noise (tests/analysis/validation/test_validation_error_rates.cpp).
Case erlang_a_desk(double scale) {
  const int counters = 3;
  const double lambda = 2.4, mu = 1.0, theta = 0.5;
  model::ModelSpec spec = full_model_unit("validation Erlang-A desk", {"serve"}, 10.0 * scale,
                                          10.0 * scale + 400.0 * scale);
  add_exponential_job(spec, "job", 0, lambda, mu);
  model::PositionSpec position;
  position.id = "server";
  position.officers = 3;
  position.skills = {0};
  spec.positions.push_back(position);
  spec.reception.counters = {counters};
  spec.reception.service_hours = Distribution::exponential(1.0 / mu);
  spec.reception.patience_hours = Distribution::exponential(1.0 / theta);
  return full_model_case(
      "Erlang-A M/M/3+M desk (full model)", std::move(spec),
      {{"P(abandon)", erlang_a_abandon_probability(counters, lambda, mu, theta), nullptr}},
      [](const model::ReplicationResult& r) {
        return std::vector<double>{
            r.kpis.front()[static_cast<int>(model::Metric::kDeskAbandonRate)]};
      });
}

// Two officers and two streams (0.6/h each, exp(1h) work) through the full government model
// (scenarios/validation/split.toml and pooled.toml): split, each officer serves only its own
// skill (two M/M/1 queues, W = 2.5 h); pooled, each lists the other's skill as a secondary
// skill at proficiency 1 and helps when idle (no officer idles while a task waits: one M/M/2
// queue, W = 1.5625 h). Mean time in system (hours) of the province scope. A 5% bias is 5.9
// (split) and 7.6 (pooled) standard errors of the screen's mean: each caught in 100 of 100
// seeds, power 99.99% and ~100% predicted from the noise; 40 days instead of 400 would give
// ~28% and ~59%.
Case cross_trained_pair(double scale, bool pooled) {
  const double lambda = 0.6, mu = 1.0;
  model::ModelSpec spec =
      full_model_unit(pooled ? "validation pooled M/M/2" : "validation split 2 x M/M/1",
                      {"serve_a", "serve_b"}, 20.0 * scale, 20.0 * scale + 400.0 * scale);
  add_exponential_job(spec, "job_a", 0, lambda, mu);
  add_exponential_job(spec, "job_b", 1, lambda, mu);
  for (int k = 0; k < 2; ++k) {
    model::PositionSpec position;
    position.id = k == 0 ? "server_a" : "server_b";
    position.officers = 1;
    position.skills = {k};
    if (pooled) position.secondary_skills = {{1 - k, 1.0}};
    spec.positions.push_back(position);
  }
  const double w = pooled ? mmc_sojourn_mean(2, 2 * lambda, mu) : mm1_sojourn_mean(lambda, mu);
  return full_model_case(
      pooled ? "M/M/2 pooled cross-trained officers (full model)"
             : "2 x M/M/1 split officers (full model)",
      std::move(spec), {{"W (h)", w, nullptr}}, [](const model::ReplicationResult& r) {
        return std::vector<double>{
            r.kpis.front()[static_cast<int>(model::Metric::kTimeInSystemDaysMean)] * 24.0};
      });
}

// Runs `count` replications on up to `options.threads` threads (the caller's among them):
// body(i) for each i in [0, count) once. Replications are counted on the progress board (one
// "day" each); the calling thread redraws it after each of its own.
void for_each_replication(std::size_t count, const ValidationOptions& options,
                          const std::function<void(std::size_t)>& body) {
  ProgressBoard& board = progress_board();
  const bool progress = options.progress && board.enabled();
  if (progress) board.begin_experiment(static_cast<int>(count), 1.0);
  std::atomic<std::size_t> next{0};
  auto work = [&](bool draws) {
    for (std::size_t i = next++; i < count; i = next++) {
      body(i);
      if (!progress) continue;
      board.days_done().fetch_add(1, std::memory_order_relaxed);
      board.replication_done();
      if (draws) board.draw();
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, options.threads)));
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t)
    helpers.emplace_back(work, false);
  work(true);
  for (auto& helper : helpers)
    helper.join();
}

// Each metric's estimates over replications [first, first + count) of case `c`, in
// replication order whatever the threads.
std::vector<std::vector<double>> estimates(const Case& c, const ValidationOptions& options,
                                           std::size_t first, std::size_t count) {
  const std::uint64_t case_seed = sim::derive_seed(options.seed, 0, c.name);
  std::vector<std::vector<double>> values(c.metrics.size(), std::vector<double>(count));
  std::vector<double> factor(c.metrics.size(), 1.0);
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    if (options.relative_bias) factor[m] += options.relative_bias(c.name, c.metrics[m].name);
  }
  for_each_replication(count, options, [&](std::size_t i) {
    std::vector<double> model_values;
    NetworkResults results;
    if (c.run_model) {
      model_values = c.run_model(case_seed, first + i);
    } else {
      sim::StationNetwork network(c.spec, case_seed, first + i);
      results = network.run(c.window);
    }
    for (std::size_t m = 0; m < c.metrics.size(); ++m) {
      values[m][i] = (c.run_model ? model_values[m] : c.metrics[m].estimate(results)) * factor[m];
    }
  });
  return values;
}

ValidationRow row_of(const Case& c, std::size_t m, const std::vector<double>& values, double level,
                     bool rerun) {
  const ConfidenceInterval ci = mean_confidence_interval(values, level);
  const double analytic = c.metrics[m].analytic;
  return {c.name, c.metrics[m].name,    analytic, ci.mean, ci.low, ci.high, level, values.size(),
          rerun,  ci.contains(analytic)};
}

// The screen on the first replications, then one rerun of each missed check on fresh ones.
std::vector<ValidationRow> run_case(const Case& c, const ValidationOptions& options) {
  const auto first = estimates(c, options, 0, options.replications);
  std::vector<ValidationRow> rows;
  std::vector<std::vector<double>> rerun;
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    rows.push_back(row_of(c, m, first[m], options.screen_level, false));
    if (rows.back().pass) continue;
    if (rerun.empty()) {
      rerun =
          estimates(c, options, options.replications, options.rerun_factor * options.replications);
    }
    rows.back() = row_of(c, m, rerun[m], validation_rerun_level(options), true);
  }
  return rows;
}

std::vector<Case> all_cases(double scale) {
  return {mm1(scale),
          mmc(scale),
          md1(scale),
          mg1_lognormal(scale),
          priority(scale),
          rework(scale),
          erlang_loss(scale),
          jackson(scale),
          erlang_a_desk(scale),
          cross_trained_pair(scale, false),
          cross_trained_pair(scale, true)};
}

// Little's law holds exactly on every sample path when each customer's time is counted inside
// the window; the row reports the largest relative gap over the replications.
ValidationRow little_identity(const Case& c, const std::string& name,
                              const ValidationOptions& options) {
  const std::uint64_t case_seed = sim::derive_seed(options.seed, 0, name);
  std::vector<double> gaps(options.replications);
  for_each_replication(options.replications, options, [&](std::size_t rep) {
    sim::StationNetwork network(c.spec, case_seed, rep);
    gaps[rep] = network.run(c.window).little.relative_gap();
  });
  const double worst = *std::max_element(gaps.begin(), gaps.end());
  return {name,  "|L - lambda W| / L (exact)",
          0.0,   worst,
          0.0,   kLittleTolerance,
          1.0,   options.replications,
          false, worst <= kLittleTolerance};
}

}  // namespace

std::size_t validation_interval_checks() {
  std::size_t checks = 0;
  for (const Case& c : all_cases(1.0))
    checks += c.metrics.size();
  return checks;
}

double validation_rerun_level(const ValidationOptions& options) {
  const double alpha = options.family_error / (static_cast<double>(validation_interval_checks()) *
                                               (1.0 - options.screen_level));
  return 1.0 - std::min(alpha, 0.5);
}

std::vector<ValidationRow> run_validation(const ValidationOptions& options) {
  assert(options.replications >= 2);
  assert(options.screen_level > 0 && options.screen_level < 1);
  assert(options.family_error > 0 && options.family_error < 1);
  assert(options.rerun_factor >= 1);
  assert(options.run_scale > 0);
  const double scale = options.run_scale;
  std::vector<ValidationRow> rows;
  // The progress total: every case's replications and the two Little checks (reruns add).
  if (options.progress && options.only_case.empty())
    progress_board().expect(static_cast<int>((all_cases(scale).size() + 2) * options.replications),
                            1.0);
  for (const Case& c : all_cases(scale)) {
    if (!options.only_case.empty() && c.name != options.only_case) continue;
    auto case_rows = run_case(c, options);
    rows.insert(rows.end(), case_rows.begin(), case_rows.end());
  }
  if (!options.only_case.empty()) return rows;
  // From empty, no warm-up, drained: plain sojourn times. Then with warm-up and cut-off.
  Case drained = mm1(scale);
  drained.window = {sim::Duration{0}, sim::Instant{20000 * scale}, true};
  rows.push_back(little_identity(drained, "Little M/M/1 drained", options));
  rows.push_back(little_identity(jackson(scale), "Little Jackson warm-up + cut-off", options));
  return rows;
}

}  // namespace twotier::analysis
