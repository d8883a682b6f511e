// The runtime levers besides outages (models/lever_spec.hpp): a shared pool serves several
// units from one queue, the mobile support team lowers the backlog where it is sent, online
// adoption raises the online share, province-wide filing moves citizens to a neighbour with
// a shorter queue. Each compared with the same scenario without the lever (common random
// numbers: same seeds, same streams).
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/online_adoption.hpp"
#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using model::Metric;

namespace {

// Communes C1 and C2 (office hours), one procedure "F" (one 1 wh step of skill "clerk"),
// one clerk each; arrivals per day at each.
model::ModelSpec two_communes(double c1_per_day, double c2_per_day, int days = 90) {
  model::ModelSpec spec =
      test::single_unit_24x7(c1_per_day, sim::Distribution::exponential(1), 1, days);
  spec.calendars.clear();
  spec.calendars.push_back(test::office_calendar(days + 400));
  spec.units[0].id = "C1";
  model::UnitSpec c2 = spec.units[0];
  c2.id = "C2";
  spec.units.push_back(c2);
  model::PositionSpec clerk2 = spec.positions[0];
  clerk2.unit = 1;
  spec.positions.push_back(clerk2);
  spec.procedures[0].deadline_workdays = 2;
  if (c2_per_day > 0) spec.arrivals.push_back({1, 0, c2_per_day, 0});
  return spec;
}

double utilisation(const model::ReplicationResult& r, int position) {
  return r.position_utilization[position];
}

}  // namespace

TEST_CASE("a shared pool serves several units from one queue", "[levers]") {
  const model::ModelSpec separate = two_communes(1.5, 1.5);
  model::ModelSpec pooled = separate;
  // As the loader does: the served units' positions lose the skill, the pool is appended.
  pooled.positions[0].skills.clear();
  pooled.positions[1].skills.clear();
  model::PoolSpec pool;
  pool.id = "shared";
  pool.home = 0;
  pool.skills = {0};
  pool.units = {0, 1};
  pool.switch_hours = 0.25;
  pool.position = 2;
  pooled.levers.pools.push_back(pool);
  pooled.positions.push_back({0, "pool:shared", 1, {0}, 1.0, {}});
  const model::ReplicationResult a = model::run_replication(separate, 0);
  const model::ReplicationResult b = model::run_replication(pooled, 0);
  // One officer does both units' work: about the sum of the two utilisations, plus switching.
  const double sum = utilisation(a, 0) + utilisation(a, 1);
  CHECK(utilisation(b, 2) > sum);
  CHECK(utilisation(b, 2) < sum + 0.3);
  CHECK(test::kpi(b, "unit:C2", Metric::kCompleted) > 0);  // C2's dossiers done at C1's pool
  CHECK(test::kpi(b, "province", Metric::kWaitOfficerDaysMean) >
        test::kpi(a, "province", Metric::kWaitOfficerDaysMean));
}

TEST_CASE("the mobile team lowers the backlog of the unit it is sent to", "[levers]") {
  // C1 receives 12 a day for one clerk of 8 h: its backlog grows without help.
  const model::ModelSpec alone = two_communes(12, 1, 60);
  model::ModelSpec helped = alone;
  model::MobileTeamSpec& team = helped.levers.mobile;
  team.enabled = true;
  team.officers = 2;
  team.skills = {0};
  team.threshold = 30;
  team.period_days = 14;
  team.position_at_unit = {2, 3};
  helped.positions.push_back({0, "mobile_team", 0, {0}, 1.0, {}});
  helped.positions.push_back({1, "mobile_team", 0, {0}, 1.0, {}});
  const model::ReplicationResult a = model::run_replication(alone, 0);
  const model::ReplicationResult b = model::run_replication(helped, 0);
  CHECK(test::kpi(a, "unit:C1", Metric::kBacklogEnd) > 60);
  CHECK(test::kpi(b, "unit:C1", Metric::kBacklogMean) <
        0.7 * test::kpi(a, "unit:C1", Metric::kBacklogMean));
  CHECK(test::kpi(b, "unit:C2", Metric::kCompleted) == test::kpi(a, "unit:C2", Metric::kCompleted));
}

TEST_CASE("online adoption follows its S-curve and raises the online share", "[levers]") {
  model::ModelSpec base = two_communes(6, 6, 180);
  base.procedures[0].channel_mix = {0.8, 0.2, 0.0};
  model::ModelSpec push = base;
  push.levers.online = {
      true, 0.2, 0.9, base.start, base.end, base.start + (base.end - base.start) * 0.5, 40.0};
  const model::OnlineAdoption curve(push);
  CHECK(curve.share(push.start) == Approx(0.2));
  CHECK(curve.share(push.end) == Approx(0.9));
  CHECK(curve.share(push.levers.online.midpoint) == Approx(0.55));
  // Flat outside its dates: the curve belongs to the calendar, not to the run.
  CHECK(curve.share(push.start - sim::Duration::from_days(30)) == 0.2);
  CHECK(curve.share(push.end + sim::Duration::from_days(30)) == 0.9);
  const model::ReplicationResult a = model::run_replication(base, 0);
  const model::ReplicationResult b = model::run_replication(push, 0);
  const double n = test::kpi(a, "province", Metric::kArrivals);
  CHECK(test::kpi(a, "province", Metric::kOnlineShare) ==
        Approx(0.2).margin(4 * std::sqrt(0.16 / n)));
  // The mean share over the run of a symmetric S-curve is its midpoint value.
  CHECK(test::kpi(b, "province", Metric::kOnlineShare) == Approx(0.55).margin(0.05));
}

TEST_CASE("province-wide filing: citizens go to a neighbour with a shorter queue", "[levers]") {
  const model::ModelSpec local = two_communes(12, 0, 60);
  model::ModelSpec anywhere = local;
  anywhere.levers.front_office_skill = 0;
  anywhere.levers.file_elsewhere_share = 0.5;
  anywhere.levers.neighbours = {{1}, {0}};
  const model::ReplicationResult a = model::run_replication(local, 0);
  const model::ReplicationResult b = model::run_replication(anywhere, 0);
  CHECK(test::kpi(a, "unit:C2", Metric::kArrivals) == 0);
  CHECK(test::kpi(b, "unit:C2", Metric::kArrivals) >
        0.3 * test::kpi(b, "province", Metric::kArrivals));
  CHECK(test::kpi(b, "province", Metric::kTimeInSystemDaysMean) <
        test::kpi(a, "province", Metric::kTimeInSystemDaysMean));
}
