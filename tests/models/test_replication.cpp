// Whole-replication checks (models/replication.hpp): textbook queues through the full model
// (M/M/1, M/M/c on a 24x7 calendar, CI-based with fixed seeds), Little's law on every run,
// the monthly report identities, daily series, warm-up and reproducibility.
#include <cmath>
#include <cstring>  // std::memcmp
#include <map>
#include <vector>

#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using model::Metric;

namespace {

// Erlang C: mean time in an M/M/c system, in the time unit of the rates.
double mmc_time_in_system(double lambda, double mu, int c) {
  const double a = lambda / mu;
  const double rho = a / c;
  double term = 1.0, sum = 1.0;  // sum_{k<c} a^k/k!
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double last = term * a / c / (1.0 - rho);  // a^c/c! * 1/(1-rho)
  const double wait_probability = last / (sum + last);
  return wait_probability / (c * mu - lambda) + 1.0 / mu;
}

struct Interval {
  double mean, low, high;
};

// Student-t 99% interval of a metric across replications (t quantile for 19 d.o.f.).
Interval interval_99(const std::vector<double>& values) {
  REQUIRE(values.size() == 20);
  double mean = 0;
  for (double v : values)
    mean += v;
  mean /= values.size();
  double ss = 0;
  for (double v : values)
    ss += (v - mean) * (v - mean);
  const double half = 2.861 * std::sqrt(ss / (values.size() - 1) / values.size());
  return {mean, mean - half, mean + half};
}

struct QueueRun {
  std::vector<double> time_in_system_days, processing_p90, utilization;
};

QueueRun run_queue(const model::ModelSpec& spec) {
  QueueRun run;
  for (std::uint64_t rep = 0; rep < 20; ++rep) {
    const model::ReplicationResult r = model::run_replication(spec, rep);
    run.time_in_system_days.push_back(test::kpi(r, "province", Metric::kTimeInSystemDaysMean));
    run.processing_p90.push_back(test::kpi(r, "province", Metric::kProcessingWorkdaysP90));
    run.utilization.push_back(r.position_utilization.at(0));
    // Little's law on every run: L = lambda W up to the dossiers open at the window's ends.
    for (const char* scope : {"province", "unit:U", "procedure:P"})
      CHECK(test::kpi(r, scope, Metric::kLittleLawGap) < 0.01);
    // Time in system equals processing time on a 24x7 calendar (24 h working days).
    CHECK(test::kpi(r, "province", Metric::kProcessingWorkdaysMean) ==
          Approx(test::kpi(r, "province", Metric::kTimeInSystemDaysMean)));
  }
  return run;
}

}  // namespace

TEST_CASE("the full model reproduces M/M/1 on a 24x7 calendar", "[replication][statistical]") {
  // lambda = 1/h, mean effort 0.8 h (mu = 1.25/h): rho = 0.8, W = 4 h, sojourn ~ Exp(0.25/h).
  const model::ModelSpec spec =
      test::single_unit_24x7(24.0, sim::Distribution::exponential(0.8), 1, 400, 20);
  const QueueRun run = run_queue(spec);
  const Interval w = interval_99(run.time_in_system_days);
  INFO("W " << w.mean << " in [" << w.low << ", " << w.high << "]");
  CHECK(w.low <= 4.0 / 24);
  CHECK(4.0 / 24 <= w.high);
  const Interval p90 = interval_99(run.processing_p90);
  const double p90_theory = std::log(10.0) / 0.25 / 24;
  INFO("p90 " << p90.mean << " in [" << p90.low << ", " << p90.high << "]");
  CHECK(p90.low <= p90_theory * 1.005);  // the sketch's relative error
  CHECK(p90_theory * 0.995 <= p90.high);
  const Interval rho = interval_99(run.utilization);
  INFO("rho " << rho.mean << " in [" << rho.low << ", " << rho.high << "]");
  CHECK(rho.low <= 0.8);
  CHECK(0.8 <= rho.high);
}

TEST_CASE("the full model reproduces M/M/3 on a 24x7 calendar", "[replication][statistical]") {
  // lambda = 2.4/h, mean effort 1 h, c = 3: rho = 0.8.
  const model::ModelSpec spec =
      test::single_unit_24x7(57.6, sim::Distribution::exponential(1.0), 3, 300, 20);
  const QueueRun run = run_queue(spec);
  const double w_theory = mmc_time_in_system(2.4, 1.0, 3) / 24;
  const Interval w = interval_99(run.time_in_system_days);
  INFO("W " << w.mean << " in [" << w.low << ", " << w.high << "], theory " << w_theory);
  CHECK(w.low <= w_theory);
  CHECK(w_theory <= w.high);
  const Interval rho = interval_99(run.utilization);
  CHECK(rho.low <= 0.8);
  CHECK(0.8 <= rho.high);
}

namespace {

// Two communes sharing the land department, streams of both procedures, supplementation
// with withdrawals and a tight certification deadline so that every report column fills.
model::ModelSpec busy_two_tier() {
  model::ModelSpec spec = test::two_tier(150, test::tet_2026(), 0);
  spec.end = test::at_day_hour(150, 0);
  spec.warmup = sim::Duration::from_days(10);
  model::UnitSpec second = spec.units[0];
  second.id = "C2";
  second.name = "Phường Trấn Biên";
  spec.units.push_back(second);
  model::PositionSpec clerk = spec.positions[0];
  clerk.unit = 2;
  spec.positions.push_back(clerk);
  model::ProcedureSpec& land = spec.procedures[0];
  land.steps[0].incomplete_probability = 0.3;
  land.steps[0].effort = test::hours(sim::Distribution::exponential(0.5));
  land.steps[2].effort = test::hours(sim::Distribution::lognormal(1.5, 0.8));
  land.steps[2].field_check_probability = 0.2;
  land.steps[2].field_check = test::hours(sim::Distribution::uniform(4, 16));
  land.citizen_response = test::hours(sim::Distribution::exponential(72), false);
  land.withdraw_probability = 0.25;
  land.channel_mix = {0.5, 0.4, 0.1};
  spec.procedures[1].steps[0].effort = test::hours(sim::Distribution::exponential(0.4));
  spec.procedures[1].channel_mix = {0.7, 0.3, 0.0};
  spec.profiles[0].week.fill(0.0);
  for (int day = 0; day < 5; ++day)
    for (int hour = 8; hour < 17; ++hour)
      spec.profiles[0].week[day * 24 + hour] = 168.0 / 45;
  spec.arrivals = {{0, 0, 1.5, 0}, {0, 1, 8.0, 0}, {2, 0, 1.0, 0}, {2, 1, 9.0, 0}};
  return spec;
}

}  // namespace

TEST_CASE("the monthly report balances per unit and month, and the daily series agree",
          "[replication]") {
  const model::ModelSpec spec = busy_two_tier();
  const model::ReplicationResult r = model::run_replication(spec, 3);
  REQUIRE(r.monthly_report.size() == 6 * spec.units.size());  // January..June (to 3 June)

  std::map<int, std::int64_t> previous_pending;
  std::map<int, std::int64_t> received, completed;
  std::int64_t late = 0, withdrawn = 0;
  for (const model::MonthlyReportRow& row : r.monthly_report) {
    INFO("unit " << row.unit << " " << row.year << "-" << row.month);
    CHECK(row.carried_over + row.received_new == row.completed_on_time + row.completed_late +
                                                     row.returned_withdrawn + row.pending_not_due +
                                                     row.pending_overdue);
    CHECK(row.carried_over == previous_pending[row.unit]);
    previous_pending[row.unit] = row.pending_not_due + row.pending_overdue;
    received[row.unit] += row.received_new;
    completed[row.unit] += row.completed_on_time + row.completed_late;
    late += row.completed_late;
    withdrawn += row.returned_withdrawn;
  }
  CHECK(late > 0);  // a same-day deadline makes some certifications late
  CHECK(withdrawn > 0);
  CHECK(received[1] == 0);  // the department receives no filings here

  REQUIRE(r.daily.days == 150);
  REQUIRE(r.daily.units == 3);
  for (int u = 0; u < 3; ++u) {
    std::int64_t daily_arrivals = 0, daily_completions = 0;
    for (int d = 0; d < r.daily.days; ++d) {
      daily_arrivals += r.daily.arrivals[d * 3 + u];
      daily_completions += r.daily.completions[d * 3 + u];
    }
    CHECK(daily_arrivals == received[u]);
    CHECK(daily_completions == completed[u]);
    CHECK(r.daily.backlog[(r.daily.days - 1) * 3 + u] == previous_pending[u]);
  }
  // The horizon's open dossiers are the backlog_end KPI.
  CHECK(test::kpi(r, "unit:C1", Metric::kBacklogEnd) == previous_pending[0]);
  CHECK(test::kpi(r, "unit:C2", Metric::kBacklogEnd) == previous_pending[2]);
}

TEST_CASE("KPIs are consistent across scopes and Little's law holds on a busy run",
          "[replication]") {
  const model::ModelSpec spec = busy_two_tier();
  const model::ReplicationResult r = model::run_replication(spec, 1);
  REQUIRE(r.scopes.size() == r.kpis.size());
  const std::vector<std::string> expected_scopes{
      "province", "tier:commune", "tier:province",        "unit:C1",        "unit:SO_TNMT",
      "unit:C2",  "domain:land",  "domain:certification", "procedure:LAND", "procedure:CERT"};
  CHECK(r.scopes == expected_scopes);
  for (Metric m : {Metric::kArrivals, Metric::kCompleted, Metric::kApologySlips,
                   Metric::kSupplementationRequests, Metric::kReturnedWithdrawn,
                   Metric::kBacklogEnd, Metric::kOverdueOpenEnd}) {
    const double province = test::kpi(r, "province", m);
    CHECK(province == test::kpi(r, "tier:commune", m) + test::kpi(r, "tier:province", m));
    CHECK(province == test::kpi(r, "unit:C1", m) + test::kpi(r, "unit:C2", m) +
                          test::kpi(r, "unit:SO_TNMT", m));
    CHECK(province == test::kpi(r, "procedure:LAND", m) + test::kpi(r, "procedure:CERT", m));
  }
  CHECK(test::kpi(r, "province", Metric::kBacklogMean) ==
        Approx(test::kpi(r, "unit:C1", Metric::kBacklogMean) +
               test::kpi(r, "unit:C2", Metric::kBacklogMean)));
  CHECK(test::kpi(r, "province", Metric::kLittleLawGap) < 0.05);
  CHECK(test::kpi(r, "procedure:LAND", Metric::kSupplementationRequests) > 0);
  CHECK(test::kpi(r, "procedure:LAND", Metric::kDelayDaysMean) > 0);  // field checks
  const double on_time = test::kpi(r, "province", Metric::kOnTimeRate);
  CHECK(on_time > 0.0);
  CHECK(on_time < 1.0);
  const double p50 = test::kpi(r, "province", Metric::kProcessingWorkdaysP50);
  const double p90 = test::kpi(r, "province", Metric::kProcessingWorkdaysP90);
  const double p95 = test::kpi(r, "province", Metric::kProcessingWorkdaysP95);
  CHECK(p50 <= p90);
  CHECK(p90 <= p95);
  for (double u : r.position_utilization) {
    CHECK(u > 0.0);
    CHECK(u < 1.0);
  }
  CHECK(r.events > r.dossiers);
}

TEST_CASE("a replication is reproducible and replications differ", "[replication]") {
  const model::ModelSpec spec = busy_two_tier();
  const auto a = model::run_replication(spec, 5);
  const auto b = model::run_replication(spec, 5);
  const auto c = model::run_replication(spec, 6);
  // Bitwise equality (NaN means of scopes without completions compare equal too).
  REQUIRE(a.kpis.size() == b.kpis.size());
  CHECK(std::memcmp(a.kpis.data(), b.kpis.data(), a.kpis.size() * sizeof(model::KpiRow)) == 0);
  CHECK(a.events == b.events);
  CHECK(std::memcmp(a.kpis.data(), c.kpis.data(), a.kpis.size() * sizeof(model::KpiRow)) != 0);
}

TEST_CASE("warm-up: counts cover only the time after it", "[replication]") {
  model::ModelSpec spec = test::single_unit_24x7(24.0, sim::Distribution::exponential(0.5), 1, 100);
  const auto full = model::run_replication(spec, 0);
  spec.warmup = sim::Duration::from_days(50);
  const auto half = model::run_replication(spec, 0);
  const double all = test::kpi(full, "province", Metric::kArrivals);
  const double after = test::kpi(half, "province", Metric::kArrivals);
  CHECK(all == Approx(2400).epsilon(0.1));
  CHECK(after == Approx(1200).epsilon(0.1));
  CHECK(after < all);
  CHECK(full.dossiers == half.dossiers);  // same draws: only the counting changed
  CHECK(half.daily.days == 100);          // reports cover the whole run
}
