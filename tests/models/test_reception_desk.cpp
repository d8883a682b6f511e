// The reception desk (models/reception_desk.hpp) in the runtime: counters limit how many
// citizens are served at once, patience and the daily ticket cap make citizens leave, a share
// of those come back another day (repeat visits), the rest walk away; the dossiers of those
// who leave are never received. Statistical checks use fixed seeds and bounds far from the
// expected values; the Erlang-A agreement itself is in tests/analysis/validation.
#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using model::Metric;

namespace {

// Citizens at 2.4/h (57.6/day) on a 24x7 unit, `counters` counters serving exp(1h) visits,
// then 6 officers (never the bottleneck) serving a short step.
model::ModelSpec desk_unit(int counters, double days = 60.0) {
  model::ModelSpec spec =
      test::single_unit_24x7(57.6, sim::Distribution::exponential(0.1), 6, days, 5.0);
  spec.reception.counters = {counters};
  spec.reception.service_hours = sim::Distribution::exponential(1.0);
  return spec;
}

double province(const model::ReplicationResult& r, Metric m) {
  return test::kpi(r, "province", m);
}

}  // namespace

TEST_CASE("without patience or a ticket cap nobody leaves the desk", "[reception]") {
  const auto r = model::run_replication(desk_unit(3), 1);
  CHECK(province(r, Metric::kDeskVisits) > 2500);  // 55 days x 57.6
  CHECK(province(r, Metric::kDeskAbandoned) == 0);
  CHECK(province(r, Metric::kDeskWalkedAway) == 0);
  CHECK(province(r, Metric::kDeskRepeatVisits) == 0);
  CHECK(province(r, Metric::kDeskAbandonRate) == 0);
  // Every visit lodges a dossier (those still at the desk at the horizon aside).
  CHECK(province(r, Metric::kArrivals) == Approx(province(r, Metric::kDeskVisits)).margin(30));
  // M/M/3 at rho = 0.8: Wq = 1.08 h (the 10 replications of validate bound it tighter).
  CHECK(province(r, Metric::kDeskWaitHoursMean) > 0.6);
  CHECK(province(r, Metric::kDeskWaitHoursMean) < 1.8);
}

TEST_CASE("a desk without counters is no desk", "[reception]") {
  model::ModelSpec spec = desk_unit(0);
  const auto r = model::run_replication(spec, 1);
  CHECK(province(r, Metric::kDeskVisits) == 0);
  CHECK(province(r, Metric::kArrivals) > 2500);
}

TEST_CASE("impatient citizens leave the queue, and fewer counters lose more of them",
          "[reception]") {
  model::ModelSpec three = desk_unit(3);
  three.reception.patience_hours = sim::Distribution::exponential(2.0);
  model::ModelSpec two = three;
  two.reception.counters = {2};
  const auto r3 = model::run_replication(three, 1);
  const auto r2 = model::run_replication(two, 1);
  // Erlang-A: 0.12 with 3 counters; with 2 (offered load 2.4 > 2) more than 1/6 must leave.
  CHECK(province(r3, Metric::kDeskAbandonRate) > 0.08);
  CHECK(province(r3, Metric::kDeskAbandonRate) < 0.16);
  CHECK(province(r2, Metric::kDeskAbandonRate) > 0.17);
  // Nobody returns: each abandonment is a citizen who walked away, and no dossier is lodged.
  CHECK(province(r3, Metric::kDeskWalkedAway) == province(r3, Metric::kDeskAbandoned));
  CHECK(province(r3, Metric::kDeskRepeatVisits) == 0);
  CHECK(province(r3, Metric::kArrivals) <
        province(r3, Metric::kDeskVisits) - province(r3, Metric::kDeskAbandoned) + 30);
  SECTION("the same seed gives the same desk") {
    const auto again = model::run_replication(three, 1);
    CHECK(province(again, Metric::kDeskAbandoned) == province(r3, Metric::kDeskAbandoned));
    CHECK(province(again, Metric::kDeskWaitHoursMean) == province(r3, Metric::kDeskWaitHoursMean));
  }
}

TEST_CASE("the daily ticket cap turns citizens away; those who return are repeat visits",
          "[reception]") {
  model::ModelSpec spec = desk_unit(3);
  spec.reception.daily_ticket_cap = 40;  // of 57.6 a day
  spec.reception.return_share = 0.5;
  const auto r = model::run_replication(spec, 2);
  const double days = 55.0;
  // At most 40 dossiers lodged a day (the window starts mid-way through no day: 24x7, 5 days).
  CHECK(province(r, Metric::kArrivals) <= 40 * days + 40);
  CHECK(province(r, Metric::kArrivals) > 30 * days);
  const double turned = province(r, Metric::kDeskTurnedAway);
  CHECK(turned > 10 * days);
  // Half of those turned away come back: repeat visits and walk-aways share them about evenly.
  CHECK(province(r, Metric::kDeskRepeatVisits) == Approx(0.5 * turned).epsilon(0.15));
  CHECK(province(r, Metric::kDeskWalkedAway) == Approx(0.5 * turned).epsilon(0.15));
  CHECK(province(r, Metric::kDeskAbandoned) == 0);
  SECTION("with nobody returning, everyone turned away walks away") {
    spec.reception.return_share = 0.0;
    const auto once = model::run_replication(spec, 2);
    CHECK(province(once, Metric::kDeskRepeatVisits) == 0);
    CHECK(province(once, Metric::kDeskWalkedAway) == province(once, Metric::kDeskTurnedAway));
  }
}

TEST_CASE("citizens arriving at a closed desk queue from its opening", "[reception]") {
  // Office hours: arrivals around the clock meet the desk at 08:00; with patience of 1 h and
  // one slow counter, most of the night's arrivals leave within the morning.
  model::ModelSpec spec = test::two_tier(60);
  spec.arrivals.push_back({0, 1, 30.0, 0});  // CERT at C1, 30 a day
  spec.reception.counters.assign(spec.units.size(), 0);
  spec.reception.counters[0] = 1;
  spec.reception.service_hours = sim::Distribution::deterministic(0.25);
  spec.reception.patience_hours = sim::Distribution::deterministic(1.0);
  const auto r = model::run_replication(spec, 3);
  CHECK(province(r, Metric::kDeskVisits) > 0);
  CHECK(province(r, Metric::kDeskAbandoned) > 0);
  // One counter lodges at most 4 an hour, at most 32 in an 8-hour day.
  CHECK(province(r, Metric::kArrivals) <= 32.0 * 60);
  CHECK(province(r, Metric::kDeskWaitHoursMean) <= 1.0);
}
