// The helpers' day-end reviews (models/replication_help.cpp): the due-soon help rule opens a
// queue to the helpers only on days when enough of its waiting work is due soon, and the
// chair's review reassigns a cross-trained officer to the most loaded skill, with the moves
// in the results. One 24x7 unit, two skills: A lightly loaded, B overloaded for its one
// officer; A's officer is cross-trained in B at proficiency 1.
#include <cstring>  // std::memcmp

#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

model::ModelSpec two_queues(model::HelpRule rule, int due_soon, int reassign_days) {
  // A: 6 a day x 1 h for one officer (rho 0.25); B: 30 a day x 1 h for one (rho 1.25).
  model::ModelSpec spec = test::single_unit_24x7(6.0, sim::Distribution::exponential(1.0), 1, 60);
  spec.skills = {"a", "b"};
  model::ProcedureSpec q = spec.procedures[0];
  q.id = "Q";
  q.steps[0].skill = 1;
  q.deadline_workdays = 1;
  spec.procedures.push_back(q);
  spec.positions[0].id = "a";
  spec.positions[0].secondary_skills = {{1, 1.0}};
  model::PositionSpec b = spec.positions[0];
  b.id = "b";
  b.skills = {1};
  b.secondary_skills = {};
  spec.positions.push_back(b);
  spec.arrivals.push_back({0, 1, 30.0, 0});
  spec.staff.units.assign(1, model::UnitStaffing{});
  spec.staff.units[0].help_rule = rule;
  spec.staff.units[0].help_due_soon = due_soon;
  spec.staff.units[0].help_due_soon_workdays = 1.0;
  spec.staff.units[0].reassign_days = reassign_days;
  return spec;
}

double on_time_q(const model::ReplicationResult& r) {
  return test::kpi(r, "procedure:Q", model::Metric::kOnTimeRate);
}

}  // namespace

TEST_CASE("the due-soon rule lets helpers in only when enough waiting work is due soon",
          "[help_reviews][secondary]") {
  // Never enough (the threshold above anything that can wait): nobody helps.
  const auto closed = model::run_replication(two_queues(model::HelpRule::kDueSoon, 1000000, 0), 0);
  REQUIRE(closed.position_help_hours.size() == 2);
  CHECK(closed.position_help_hours[0] == 0.0);
  CHECK(closed.position_reassignments.empty());  // no unit reviews
  // B is overloaded: its work is due soon every day, the gate opens and A's officer helps.
  const auto open = model::run_replication(two_queues(model::HelpRule::kDueSoon, 5, 0), 0);
  CHECK(open.position_help_hours[0] > 24.0 * 60 * 0.3);  // most of A's idle time
  CHECK(open.position_help_hours[1] == 0.0);
  CHECK(on_time_q(open) > on_time_q(closed) + 0.2);
}

TEST_CASE("the chair's review moves a cross-trained officer to the most loaded skill",
          "[help_reviews][secondary]") {
  // The gate never opens: only a reassignment makes A's officer serve B.
  const auto kept = model::run_replication(two_queues(model::HelpRule::kDueSoon, 1000000, 0), 0);
  const auto moved = model::run_replication(two_queues(model::HelpRule::kDueSoon, 1000000, 7), 0);
  REQUIRE(moved.position_reassignments.size() == 2);
  CHECK(moved.position_reassignments[0] >= 1.0);       // moved to B at the first review (day 7)
  CHECK(moved.position_reassignments[0] <= 60.0 / 7);  // at most one move a review
  CHECK(moved.position_reassignments[1] == 0.0);       // b has no secondary skills
  // B's excess (6 h a day) and its first week's backlog, served by A's officer after the move.
  CHECK(moved.position_help_hours[0] > 6.0 * 40);
  CHECK(on_time_q(moved) > on_time_q(kept) + 0.2);
  // Reassigned to B, A's officer serves B first: A's own work waits longer than when it
  // helps only when idle (its own work first).
  const auto idle_help = model::run_replication(two_queues(model::HelpRule::kWhenIdle, 1, 0), 0);
  CHECK(test::kpi(moved, "procedure:P", model::Metric::kTimeInSystemDaysMean) >
        test::kpi(idle_help, "procedure:P", model::Metric::kTimeInSystemDaysMean));
  // Deterministic.
  const auto again = model::run_replication(two_queues(model::HelpRule::kDueSoon, 1000000, 7), 0);
  CHECK(again.position_reassignments == moved.position_reassignments);
  REQUIRE(again.kpis.size() == moved.kpis.size());
  CHECK(std::memcmp(again.kpis.data(), moved.kpis.data(),
                    moved.kpis.size() * sizeof(model::KpiRow)) == 0);  // NaN-safe
}
