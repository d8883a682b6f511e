// IT outages (models/it_platform.hpp and their effect in models/replication_levers.cpp): exact
// traces of work suspended and resumed, slowed on paper, online filings held by the portal;
// outage hours per unit; outages delay dossiers (common random numbers); data-sync errors
// flag on-time dossiers overdue without changing the true overdue count.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using model::Metric;
using test::line;
using test::TraceLine;

namespace {

// The CERT procedure of the two-tier fixture: one 1 wh step at the commune, filed on Monday.
model::ModelSpec cert_at(double hour, model::Channel channel = model::Channel::kInPerson) {
  model::ModelSpec spec = test::two_tier(30);
  spec.replay = {{test::at_day_hour(0, hour), 0, 1, channel}};
  return spec;
}

model::OutageSpec::Window window(double day, double from_hour, double to_hour) {
  return {test::at_day_hour(day, from_hour), test::at_day_hour(day, to_hour)};
}

}  // namespace

TEST_CASE("an outage suspends work in progress and it resumes where it stopped", "[it_platform]") {
  SECTION("stop: the hour of work is split around the outage") {
    model::ModelSpec spec = cert_at(9);
    spec.levers.outages.maintenance = {window(0, 9.5, 10.5)};
    test::CollectingTrace trace;
    const model::ReplicationResult result = model::run_replication(spec, 0, &trace);
    const std::vector<TraceLine> expected{
        line("D1", "arrive", 0, 9),
        line("D1", "receive", 0, 9),
        line("D1", "appointment", 3, 17),
        line("D1", "queue:certify", 0, 9),
        line("D1", "start:certify", 0, 9),
        line("D1", "suspend:certify", 0, 9.5),
        line("D1", "resume:certify", 0, 10.5),
        line("D1", "end:certify", 0, 11),
        line("D1", "complete", 0, 11),
    };
    CHECK(trace.lines == expected);
    CHECK(test::kpi(result, "unit:C1", Metric::kOutageHours) == Approx(1.0));
    CHECK(test::kpi(result, "province", Metric::kOutageHours) == Approx(1.0));
    CHECK(test::kpi(result, "province", Metric::kOutageDelayedDossiers) == 1);
  }
  SECTION("stop: an outage over the lunch break counts working time only") {
    model::ModelSpec spec = cert_at(10.5);
    spec.levers.outages.maintenance = {window(0, 11, 14)};
    test::CollectingTrace trace;
    const model::ReplicationResult result = model::run_replication(spec, 0, &trace);
    const std::vector<TraceLine> expected{
        line("D1", "arrive", 0, 10.5),        line("D1", "receive", 0, 10.5),
        line("D1", "appointment", 3, 17),     line("D1", "queue:certify", 0, 10.5),
        line("D1", "start:certify", 0, 10.5), line("D1", "suspend:certify", 0, 11),
        line("D1", "resume:certify", 0, 14),  line("D1", "end:certify", 0, 14.5),
        line("D1", "complete", 0, 14.5),
    };
    CHECK(trace.lines == expected);
    // 11-12 and 13-14 are working hours; 12-13 is lunch.
    CHECK(test::kpi(result, "unit:C1", Metric::kOutageHours) == Approx(2.0));
  }
  SECTION("paper: work goes on at half speed during the outage") {
    model::ModelSpec spec = cert_at(9);
    spec.levers.outages.maintenance = {window(0, 9.5, 10)};
    spec.levers.outages.mode = model::OutageMode::kPaper;
    spec.levers.outages.paper_speed = 0.5;
    test::CollectingTrace trace;
    model::run_replication(spec, 0, &trace);
    // 0.5 h done by 9:30, 0.25 h on paper by 10:00, the last 0.25 h at full speed.
    const std::vector<TraceLine> expected{
        line("D1", "arrive", 0, 9),         line("D1", "receive", 0, 9),
        line("D1", "appointment", 3, 17),   line("D1", "queue:certify", 0, 9),
        line("D1", "start:certify", 0, 9),  line("D1", "slow:certify", 0, 9.5),
        line("D1", "speed:certify", 0, 10), line("D1", "end:certify", 0, 10.25),
        line("D1", "complete", 0, 10.25),
    };
    CHECK(trace.lines == expected);
  }
  SECTION("an online filing waits in the portal until the platform is back") {
    model::ModelSpec spec = cert_at(9.75, model::Channel::kOnline);
    spec.levers.outages.maintenance = {window(0, 9.5, 10.5)};
    test::CollectingTrace trace;
    const model::ReplicationResult result = model::run_replication(spec, 0, &trace);
    const std::vector<TraceLine> expected{
        line("D1", "arrive", 0, 9.75),        line("D1", "held", 0, 9.75),
        line("D1", "receive", 0, 10.5),       line("D1", "appointment", 3, 17),
        line("D1", "queue:certify", 0, 10.5), line("D1", "start:certify", 0, 10.5),
        line("D1", "end:certify", 0, 11.5),   line("D1", "complete", 0, 11.5),
    };
    CHECK(trace.lines == expected);
    CHECK(test::kpi(result, "province", Metric::kOutageDelayedDossiers) == 1);
  }
  SECTION("work that starts during an outage waits for the recovery") {
    model::ModelSpec spec = cert_at(9.75);
    spec.levers.outages.maintenance = {window(0, 9.5, 10.5)};
    test::CollectingTrace trace;
    model::run_replication(spec, 0, &trace);
    const std::vector<TraceLine> expected{
        line("D1", "arrive", 0, 9.75),        line("D1", "receive", 0, 9.75),
        line("D1", "appointment", 3, 17),     line("D1", "queue:certify", 0, 9.75),
        line("D1", "start:certify", 0, 9.75), line("D1", "resume:certify", 0, 10.5),
        line("D1", "end:certify", 0, 11.5),   line("D1", "complete", 0, 11.5),
    };
    CHECK(trace.lines == expected);
  }
}

namespace {

model::ModelSpec busy_commune(int days) {
  model::ModelSpec spec = test::two_tier(days);
  spec.positions[0].officers = 2;
  spec.arrivals.push_back({0, 1, 10.0, 0});  // CERT, 10 a day for 2 officers of 8 h
  spec.procedures[1].channel_mix = {0.7, 0.3, 0.0};
  return spec;
}

}  // namespace

TEST_CASE("outages delay dossiers (common random numbers)", "[it_platform]") {
  const model::ModelSpec base = busy_commune(120);
  model::ModelSpec outages = base;
  outages.levers.outages.per_unit = true;
  outages.levers.outages.unit_between = sim::Distribution::exponential(5 * 24);
  outages.levers.outages.unit_repair = sim::Distribution::lognormal(6, 0.5);
  const model::ReplicationResult a = model::run_replication(base, 0);
  const model::ReplicationResult b = model::run_replication(outages, 0);
  CHECK(test::kpi(a, "province", Metric::kArrivals) == test::kpi(b, "province", Metric::kArrivals));
  CHECK(test::kpi(a, "province", Metric::kOutageHours) == 0);
  CHECK(test::kpi(a, "province", Metric::kOutageDelayedDossiers) == 0);
  CHECK(test::kpi(b, "unit:C1", Metric::kOutageHours) > 20);
  CHECK(test::kpi(b, "province", Metric::kOutageDelayedDossiers) > 20);
  CHECK(test::kpi(b, "province", Metric::kTimeInSystemDaysMean) >
        test::kpi(a, "province", Metric::kTimeInSystemDaysMean));
}

TEST_CASE("data-sync errors flag on-time dossiers overdue, the true count is unchanged",
          "[it_platform]") {
  const model::ModelSpec base = busy_commune(60);
  model::ModelSpec sync = base;
  sync.levers.sync.probability = 0.5;
  sync.levers.sync.delay_hours = sim::Distribution::deterministic(10 * 24);  // 10 days late
  const model::ReplicationResult a = model::run_replication(base, 0);
  const model::ReplicationResult b = model::run_replication(sync, 0);
  const double completed = test::kpi(a, "province", Metric::kCompleted);
  CHECK(test::kpi(a, "province", Metric::kOverdueFlagged) ==
        test::kpi(a, "province", Metric::kOverdueTrue));
  CHECK(test::kpi(b, "province", Metric::kOverdueTrue) ==
        test::kpi(a, "province", Metric::kOverdueTrue));
  // About half of the on-time completions are flagged (3-day deadline, 10 days late).
  const double false_flags = test::kpi(b, "province", Metric::kOverdueFlagged) -
                             test::kpi(b, "province", Metric::kOverdueTrue);
  const double on_time = completed - test::kpi(a, "province", Metric::kOverdueTrue);
  CHECK(false_flags == Approx(0.5 * on_time).margin(4 * std::sqrt(0.25 * on_time)));
}
