// FCFS dispatch of tasks to officers (models/officer_dispatch.hpp): which idle position takes
// a task, and which queued task a freed officer takes.
#include <catch2/catch.hpp>

#include "models/officer_dispatch.hpp"
#include "models/replication.hpp"
#include "tests/model_fixtures.hpp"

using namespace twotier;

TEST_CASE("an idle officer takes a task at once, first position in spec order first",
          "[officer_dispatch]") {
  model::ModelSpec spec = test::two_tier();
  spec.skills = {"one_stop", "land", "leader"};
  // Unit 0: position 0 covers one_stop; add position 2 covering one_stop and leader.
  spec.positions.push_back({0, "deputy", 1, {0, 2}, 1.0});
  model::OfficerDispatch dispatch(spec);
  CHECK(dispatch.offer(0, 0, {10, 1}) == 0);
  CHECK(dispatch.offer(0, 0, {11, 2}) == 2);             // position 0 is busy
  CHECK(dispatch.offer(0, 0, {12, 3}) == std::nullopt);  // both busy: queued
  CHECK(dispatch.offer(0, 2, {13, 4}) == std::nullopt);
  CHECK(dispatch.offer(0, 0, {14, 5}) == std::nullopt);
  CHECK(dispatch.queued(0, 0) == 2);
  CHECK_FALSE(dispatch.covered(1, 0));

  SECTION("a freed officer takes the earliest task among the queues of its skills") {
    // The deputy covers one_stop (12 at seq 3, 14 at 5) and leader (13 at seq 4).
    auto next = dispatch.release(2);
    REQUIRE(next);
    CHECK(next->slot == 12);
    next = dispatch.release(2);
    REQUIRE(next);
    CHECK(next->slot == 13);
    next = dispatch.release(0);  // the clerk covers one_stop only
    REQUIRE(next);
    CHECK(next->slot == 14);
    CHECK_FALSE(dispatch.release(0));  // nothing left: idle
    CHECK(dispatch.busy(0) == 0);
    CHECK(dispatch.busy(2) == 1);
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
}
