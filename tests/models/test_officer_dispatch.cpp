// Dispatch of tasks to individual officers (models/officer_dispatch.hpp) and the dispatch
// policies' orders (models/dispatch_policy.hpp) on hand-made queues.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/dispatch_policy.hpp"
#include "models/officer_dispatch.hpp"
#include "models/replication.hpp"
#include "models/roster.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

TEST_CASE("an idle officer takes a task at once, first position in spec order first",
          "[officer_dispatch]") {
  model::ModelSpec spec = test::two_tier();
  spec.skills = {"one_stop", "land", "leader"};
  // Unit 0: position 0 covers one_stop; add position 2 covering one_stop and leader.
  spec.positions.push_back({0, "deputy", 1, {0, 2}, 1.0, {}});
  model::Roster roster(spec, 0, 200);
  REQUIRE(roster.size() == 3);  // clerk (0), land specialist (1), deputy (2)
  model::OfficerDispatch dispatch(spec, roster);
  auto taker = [&](int skill, std::uint32_t slot, std::uint64_t seq) {
    const auto a = dispatch.offer(0, skill, {slot, seq, 0.0}, 0);
    return a ? a->officer : -1;
  };
  CHECK(taker(0, 10, 1) == 0);
  CHECK(taker(0, 11, 2) == 2);   // the clerk is busy: the deputy
  CHECK(taker(0, 12, 3) == -1);  // both busy: queued
  CHECK(taker(2, 13, 4) == -1);
  CHECK(taker(0, 14, 5) == -1);
  CHECK(dispatch.queued(0, 0) == 2);
  CHECK_FALSE(dispatch.covered(1, 0));

  SECTION("a freed officer takes the earliest task among the queues of its skills") {
    auto next = dispatch.release(2, 0);
    REQUIRE(next);
    CHECK(next->task.slot == 12);
    next = dispatch.release(2, 0);
    REQUIRE(next);
    CHECK(next->task.slot == 13);
    CHECK(next->position == 2);
    next = dispatch.release(0, 0);  // the clerk covers one_stop only
    REQUIRE(next);
    CHECK(next->task.slot == 14);
    CHECK_FALSE(dispatch.release(0, 0));  // nothing left: idle
    CHECK(dispatch.idle(0));
    CHECK_FALSE(dispatch.idle(2));
  }
}

TEST_CASE("an officer holding two positions is one person, busy in both", "[officer_dispatch]") {
  model::ModelSpec spec = test::two_tier();
  spec.skills = {"one_stop", "land", "leader"};
  spec.positions[0].officers = 0;  // the one-stop post is held by the chairman only
  spec.positions.push_back({0, "leader", 0, {2}, 1.0, {}});
  model::OfficerSpec chairman;
  chairman.id = "chairman";
  chairman.unit = 0;
  chairman.positions = {2, 0};  // leader first, one-stop as a concurrent duty
  model::OfficerSpec specialist;
  specialist.id = "land";
  specialist.unit = 1;
  specialist.positions = {1};
  spec.staff.roster = {chairman, specialist};
  model::Roster roster(spec, 0, 200);
  model::OfficerDispatch dispatch(spec, roster);
  const auto a = dispatch.offer(0, 0, {1, 1, 0.0}, 0);
  REQUIRE(a);
  CHECK(a->officer == 0);
  CHECK(a->position == 0);                            // served as the one-stop officer
  CHECK_FALSE(dispatch.offer(0, 2, {2, 2, 0.0}, 0));  // the leader is the same person: busy
  const auto next = dispatch.release(0, 0);
  REQUIRE(next);
  CHECK(next->task.slot == 2);
  CHECK(next->position == 2);
}

TEST_CASE("an absent officer takes no work and pulls queued work on return", "[officer_dispatch]") {
  model::ModelSpec spec = test::two_tier();
  spec.staff.roster = model::effective_roster(spec);
  spec.staff.roster[0].from_day = 3;  // the clerk joins on day 3
  model::Roster roster(spec, 0, 200);
  model::OfficerDispatch dispatch(spec, roster);
  CHECK_FALSE(dispatch.offer(0, 0, {7, 1, 0.0}, 2));
  CHECK_FALSE(dispatch.pull(0, 2));
  const auto next = dispatch.pull(0, 3);
  REQUIRE(next);
  CHECK(next->task.slot == 7);
}

namespace {

// Queues tasks with the given keys behind a busy officer, then lists the slots in the order
// the freed officer takes them.
std::vector<std::uint32_t> order_taken(const model::DispatchPolicy& policy,
                                       const std::vector<model::TaskFacts>& facts) {
  model::ModelSpec spec = test::two_tier();
  model::Roster roster(spec, 0, 200);
  model::OfficerDispatch dispatch(spec, roster);
  REQUIRE(dispatch.offer(0, 0, {99, 0, 0.0}, 0));  // the clerk is busy
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const double key = model::priority_key(policy, facts[i]);
    REQUIRE_FALSE(dispatch.offer(0, 0, {static_cast<std::uint32_t>(i), i + 1, key}, 0));
  }
  std::vector<std::uint32_t> order;
  while (const auto next = dispatch.release(0, 0))
    order.push_back(next->task.slot);
  return order;
}

model::TaskFacts facts(double due_day, double remaining_hours, model::Domain domain) {
  model::TaskFacts f;
  f.due_seconds = due_day * sim::kSecondsPerDay;
  f.due_work_clock = due_day * 8 * sim::kSecondsPerHour;  // 8 working hours a day
  f.remaining_work_seconds = remaining_hours * sim::kSecondsPerHour;
  f.domain = domain;
  return f;
}

}  // namespace

TEST_CASE("each dispatch policy orders a hand-made queue as documented", "[officer_dispatch]") {
  using model::Domain;
  // Task 0: due day 5, 1 h left, land. Task 1: due day 3, 1 h, civil status.
  // Task 2: due day 4, 20 h left (slack 12 h), certification. Task 3: due day 3, 1 h, land.
  const std::vector<model::TaskFacts> queue{
      facts(5, 1, Domain::kLand), facts(3, 1, Domain::kCivilStatusJustice),
      facts(4, 20, Domain::kCertification), facts(3, 1, Domain::kLand)};
  SECTION("first come first served: offer order") {
    CHECK(order_taken(model::FirstComeFirstServed{}, queue) ==
          std::vector<std::uint32_t>{0, 1, 2, 3});
  }
  SECTION("earliest deadline first, ties by offer order") {
    CHECK(order_taken(model::EarliestDeadlineFirst{}, queue) ==
          std::vector<std::uint32_t>{1, 3, 2, 0});
  }
  SECTION("least slack: task 2's 20 h of work leave it 12 h of slack") {
    CHECK(order_taken(model::LeastSlack{}, queue) == std::vector<std::uint32_t>{2, 1, 3, 0});
  }
  SECTION("domain priority list: land, then civil status, then the rest") {
    model::UnitStaffing unit;
    unit.dispatch = model::DispatchRule::kDomainPriority;
    unit.domain_rank.fill(9);
    unit.domain_rank[static_cast<int>(Domain::kLand)] = 0;
    unit.domain_rank[static_cast<int>(Domain::kCivilStatusJustice)] = 1;
    CHECK(order_taken(model::make_dispatch_policy(unit), queue) ==
          std::vector<std::uint32_t>{0, 3, 1, 2});
  }
}

TEST_CASE("a part-time share stretches the working time of a task", "[officer_dispatch]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.positions[0].dossier_share = 0.5;  // the clerk spends half the time on dossiers
  spec.replay = {{test::at_day_hour(0, 9), 0, 1, model::Channel::kInPerson}};
  test::CollectingTrace trace;
  const auto result = model::run_replication(spec, 0, &trace);
  CHECK(trace.lines.back() == test::line("D1", "complete", 0, 11));  // 1 wh takes 2 wh
  CHECK(result.position_utilization[0] > 0.0);
  REQUIRE(result.officer_utilization.size() == 2);
  CHECK(result.officer_utilization[0] == Approx(result.position_utilization[0]));
}

TEST_CASE("a unit with more than 64 holders: the first idle officer present, across words",
          "[officer_dispatch]") {
  model::ModelSpec spec = test::two_tier();
  spec.skills = {"one_stop", "land", "leader"};
  // 150 clerks at unit 0; some out of post before day 2, some after day 3.
  constexpr int kClerks = 150;
  for (int k = 0; k < kClerks; ++k) {
    model::OfficerSpec clerk;
    clerk.id = "clerk" + std::to_string(k);
    clerk.unit = 0;
    clerk.positions = {0};
    if (k % 7 == 2) clerk.from_day = 2;
    if (k % 5 == 1) clerk.until_day = 3;
    spec.staff.roster.push_back(clerk);
  }
  model::Roster roster(spec, 0, 10);
  model::OfficerDispatch dispatch(spec, roster);
  // The reference: officers in roster order, one FIFO queue (key 0, increasing sequence).
  std::vector<bool> idle(kClerks, true);
  std::vector<std::uint32_t> queue;
  std::vector<int> busy;
  std::uint64_t sequence = 0;
  std::uint32_t lcg = 12345;
  auto draw = [&](std::uint32_t n) {
    lcg = lcg * 1664525u + 1013904223u;
    return (lcg >> 8) % n;
  };
  for (int op = 0; op < 4000; ++op) {
    const int day = op / 700;
    if (busy.empty() || draw(3) != 0) {
      const auto slot = static_cast<std::uint32_t>(op);
      int expected = -1;
      for (int o = 0; o < kClerks && expected < 0; ++o)
        if (idle[o] && roster.present(o, day)) expected = o;
      const auto taken = dispatch.offer(0, 0, {slot, ++sequence, 0.0}, day);
      REQUIRE((taken ? taken->officer : -1) == expected);
      if (expected >= 0) {
        idle[expected] = false;
        busy.push_back(expected);
      } else {
        queue.push_back(slot);
      }
    } else {
      const std::size_t i = draw(static_cast<std::uint32_t>(busy.size()));
      const int o = busy[i];
      const auto next = dispatch.release(o, day);
      if (roster.present(o, day) && !queue.empty()) {
        REQUIRE(next);
        CHECK(next->task.slot == queue.front());
        queue.erase(queue.begin());
      } else {
        REQUIRE_FALSE(next);
        idle[o] = true;
        busy.erase(busy.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
}

namespace {

// Unit 0 with two positions: "a" (skill 0, one officer) helping with skill 2 at `proficiency`,
// and "b" (skill 2, one officer). Officers: 0 = a, 1 = the land specialist at unit 1, 2 = b.
model::ModelSpec helper_spec(float proficiency, model::HelpRule rule, int backlog) {
  model::ModelSpec spec = test::two_tier();
  spec.skills = {"one_stop", "land", "civil"};
  spec.positions[0].secondary_skills = {{2, proficiency}};
  spec.positions.push_back({0, "b", 1, {2}, 1.0, {}});
  spec.staff.units.assign(spec.units.size(), model::UnitStaffing{});
  spec.staff.units[0].help_rule = rule;
  spec.staff.units[0].help_backlog = backlog;
  return spec;
}

}  // namespace

TEST_CASE("a helper takes a secondary skill's task only when no main officer is free",
          "[officer_dispatch][secondary]") {
  const model::ModelSpec spec = helper_spec(0.5f, model::HelpRule::kWhenIdle, 1);
  model::Roster roster(spec, 0, 200);
  REQUIRE(roster.size() == 3);
  model::OfficerDispatch dispatch(spec, roster);
  CHECK(dispatch.covered(0, 2));
  CHECK_FALSE(dispatch.covered(0, 1));  // helpers do not make a skill covered
  auto first = dispatch.offer(0, 2, {1, 1, 0.0}, 0);
  REQUIRE(first);
  CHECK(first->officer == 2);  // b, its main skill
  CHECK_FALSE(first->helping);
  CHECK(first->proficiency == 1.0f);
  auto second = dispatch.offer(0, 2, {2, 2, 0.0}, 0);
  REQUIRE(second);
  CHECK(second->officer == 0);  // b is busy: a helps at its proficiency
  CHECK(second->slot == 2);
  CHECK(second->position == 0);
  CHECK(second->helping);
  CHECK(second->proficiency == 0.5f);
  CHECK_FALSE(dispatch.offer(0, 2, {3, 3, 0.0}, 0));  // both busy: queued
  CHECK_FALSE(dispatch.offer(0, 0, {4, 4, 0.0}, 0));  // a's own work, later

  SECTION("when_idle: a freed helper takes its own work first, help only with its queues empty") {
    auto next = dispatch.release(0, 0);
    REQUIRE(next);
    CHECK(next->task.slot == 4);  // its own, though the civil task waits longer
    CHECK_FALSE(next->helping);
    next = dispatch.release(0, 0);
    REQUIRE(next);
    CHECK(next->task.slot == 3);
    CHECK(next->helping);
    CHECK(next->proficiency == 0.5f);
    CHECK_FALSE(dispatch.release(2, 0));  // nothing left for b
  }
}

TEST_CASE("under the backlog rule a helper joins a queue holding enough tasks, before its own",
          "[officer_dispatch][secondary]") {
  const model::ModelSpec spec = helper_spec(0.8f, model::HelpRule::kBacklog, 2);
  model::Roster roster(spec, 0, 200);
  model::OfficerDispatch dispatch(spec, roster);
  REQUIRE(dispatch.offer(0, 2, {1, 1, 0.0}, 0)->officer == 2);  // b busy
  // One task would wait: below the threshold of 2, the idle helper leaves it queued.
  CHECK_FALSE(dispatch.offer(0, 2, {2, 2, 0.0}, 0));
  CHECK(dispatch.idle(0));
  // A second waiting task reaches the threshold: the helper takes the best waiting one (the
  // older), the offered one waits in its place.
  const auto taken = dispatch.offer(0, 2, {3, 3, 0.0}, 0);
  REQUIRE(taken);
  CHECK(taken->slot == 2);
  CHECK(taken->officer == 0);
  CHECK(taken->helping);
  CHECK(taken->proficiency == 0.8f);
  CHECK_FALSE(dispatch.offer(0, 2, {4, 4, 0.0}, 0));
  CHECK_FALSE(dispatch.offer(0, 0, {5, 5, 0.0}, 0));  // a's own work
  // civil holds 2 (slots 3, 4): at the threshold, the helper competes on equal terms and
  // the older civil task comes before its own.
  auto next = dispatch.release(0, 0);
  REQUIRE(next);
  CHECK(next->task.slot == 3);
  CHECK(next->helping);
  // civil now holds 1, below the threshold: its own work.
  next = dispatch.release(0, 0);
  REQUIRE(next);
  CHECK(next->task.slot == 5);
  CHECK_FALSE(next->helping);
  // Below the threshold it does not help even when idle.
  CHECK_FALSE(dispatch.release(0, 0));
  CHECK(dispatch.queued(0, 2) == 1);
}

namespace {

// The task an officer takes next: which one, and whether it helps outside its main skills.
void check_next(const std::optional<model::OfficerDispatch::Next>& next, std::uint32_t slot,
                bool helping) {
  REQUIRE(next);
  CHECK(next->task.slot == slot);
  CHECK(next->helping == helping);
}

}  // namespace

TEST_CASE("under the due-soon rule a helper serves a queue only while its gate is open",
          "[officer_dispatch][secondary]") {
  const model::ModelSpec spec = helper_spec(0.7f, model::HelpRule::kDueSoon, 1);
  model::Roster roster(spec, 0, 200);
  model::OfficerDispatch dispatch(spec, roster);
  REQUIRE(dispatch.offer(0, 2, {1, 1, 0.0}, 0)->officer == 2);  // b busy
  // Gate closed: the idle helper leaves civil work queued, however much waits.
  CHECK_FALSE(dispatch.offer(0, 2, {2, 2, 0.0}, 0));
  CHECK_FALSE(dispatch.offer(0, 2, {3, 3, 0.0}, 0));
  CHECK(dispatch.idle(0));
  CHECK_FALSE(dispatch.pull(0, 0));
  // The runtime opens the gate (enough due soon): the helper pulls the best waiting task.
  dispatch.set_help_open(0, 2, true);
  const auto pulled = dispatch.pull(0, 0);
  check_next(pulled, 2, true);
  CHECK(pulled->proficiency == 0.7f);
  // Open: on equal terms with its own queue (the older task first).
  CHECK_FALSE(dispatch.offer(0, 0, {4, 4, 0.0}, 0));
  check_next(dispatch.release(0, 0), 3, true);
  // Closed again: offered civil work waits for b, the helper does its own.
  dispatch.set_help_open(0, 2, false);
  CHECK_FALSE(dispatch.offer(0, 2, {5, 5, 0.0}, 0));
  check_next(dispatch.release(0, 0), 4, false);
  CHECK_FALSE(dispatch.release(0, 0));
  CHECK(dispatch.queued(0, 2) == 1);
}

TEST_CASE("a reassigned officer takes its new skill's work first, whatever the help rule",
          "[officer_dispatch][secondary]") {
  const model::ModelSpec spec = helper_spec(0.6f, model::HelpRule::kDueSoon, 1);
  model::Roster roster(spec, 0, 200);
  model::OfficerDispatch dispatch(spec, roster);
  CHECK(dispatch.focus(0) == -1);
  CHECK_FALSE(dispatch.set_focus(0, 1));  // land is not one of a's secondary skills
  CHECK_FALSE(dispatch.set_focus(2, 0));  // b has no secondary skills
  REQUIRE(dispatch.set_focus(0, 2));
  CHECK(dispatch.focus(0) == 2);
  REQUIRE(dispatch.offer(0, 2, {1, 1, 0.0}, 0)->officer == 2);  // b, the main officer, first
  // The gate is closed, but a is reassigned to civil work: it takes the offered task.
  const auto taken = dispatch.offer(0, 2, {2, 2, 0.0}, 0);
  REQUIRE(taken);
  CHECK(taken->officer == 0);
  CHECK(taken->helping);
  CHECK(taken->proficiency == 0.6f);
  CHECK_FALSE(dispatch.offer(0, 0, {3, 3, 0.0}, 0));  // its old main skill's task, older
  CHECK_FALSE(dispatch.offer(0, 2, {4, 4, 0.0}, 0));
  check_next(dispatch.release(0, 0), 4, true);  // the new skill first, though its own task is older
  check_next(dispatch.release(0, 0), 3, false);  // the new skill's queue empty: its old work
  // Moved back: civil work offered now waits for b (the gate is closed).
  REQUIRE(dispatch.set_focus(0, -1));
  CHECK(dispatch.focus(0) == -1);
  CHECK_FALSE(dispatch.offer(0, 2, {5, 5, 0.0}, 0));
  CHECK_FALSE(dispatch.release(0, 0));
  CHECK(dispatch.queued(0, 2) == 1);
}
