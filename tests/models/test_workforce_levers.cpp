// Issue 18 items 4-6: officers who follow delegated work (models/delegation_staff.hpp), the
// mobile team's deployment rule (units, window) and internal work streams
// (models/internal_work.hpp): exact small cases, then the shipped Dong Nai variants.
#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/costs.hpp"
#include "models/delegation.hpp"
#include "models/delegation_staff.hpp"
#include "models/internal_work.hpp"
#include "models/replication.hpp"
#include "models/roster.hpp"
#include "models/scenario_loader.hpp"
#include "models/workforce_summary.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using model::Metric;

namespace {

const std::filesystem::path kDongNai =
    std::filesystem::path(TWOTIER_SOURCE_DIR) / "scenarios/dong-nai";

std::string load_error(const std::string& file, const std::vector<std::string>& overrides) {
  try {
    model::load_scenario(kDongNai / file, {overrides});
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "";
}

int officers_of(const model::ModelSpec& spec) {
  int n = 0;
  for (const auto& p : spec.positions)
    n += p.officers;
  return n;
}

// two_tier with `officers` land specialists and 4 land dossiers a day filed at the commune.
model::ModelSpec land_at_province(int officers) {
  model::ModelSpec spec = test::two_tier(60);
  spec.positions[1].officers = officers;
  spec.arrivals.push_back({0, 0, 4.0, 0});
  return spec;
}

// The two_tier commune keeps one agency's books: a closing of `effort_hours` on the last
// working day of each month, due `due` working days later, done by the one-stop clerk.
model::ModelSpec with_closing(model::ModelSpec spec, double effort_hours, int due) {
  model::ProcedureSpec close;
  close.id = "close/party";
  close.domain = model::Domain::kFinanceBudget;
  close.deadline_workdays = due;
  close.steps.push_back(
      test::work_step("close", 0, sim::Distribution::deterministic(effort_hours)));
  model::InternalWorkSpec& w = spec.internal_work;
  w.first_procedure = static_cast<int>(spec.procedures.size());
  spec.procedures.push_back(close);
  w.tasks = {"close"};
  w.agencies = {"party"};
  model::InternalStreamSpec stream;
  stream.procedure = w.first_procedure;
  stream.units = {0};
  const int days = static_cast<int>(spec.end.days());
  stream.issue_days = model::internal_issue_days(spec.calendars.front(),
                                                 model::InternalPeriod::kMonth, -1, 0, days);
  w.streams.push_back(stream);
  return spec;
}

model::DelegationRules commune_rules() {
  model::DelegationRules rules;
  rules.front_office_skill = 0;
  return rules;
}

// `spec` with its first procedure (LAND) decided at the commune (front office skill 0).
model::ModelSpec decided_at_commune(model::ModelSpec spec) {
  REQUIRE(model::rewrite_for_authority(spec.procedures[0], model::AuthorityOption::kCommune,
                                       commune_rules()));
  return spec;
}

}  // namespace

TEST_CASE("officers follow the work the delegation rewrite moves", "[workforce]") {
  const model::ModelSpec before = land_at_province(3);
  model::ModelSpec after = decided_at_commune(before);
  SECTION("at share 1 the department's specialists all move: none of its work is left") {
    // All the department's land work moves: 3 officer-equivalents.
    CHECK(model::moved_officer_equivalents(before, after)[1] == Approx(3.0));
    const auto moves = model::move_staff_with_work(before, after, {});
    REQUIRE(moves.size() == 1);
    CHECK(moves[0].officers == 3);
    CHECK(moves[0].from_unit == 1);
    CHECK(moves[0].to_unit == 0);
    CHECK(after.positions[1].officers == 0);
    const model::PositionSpec& moved =
        after.positions[static_cast<std::size_t>(moves[0].to_position)];
    CHECK(moved.id == "moved_land");
    CHECK(moved.unit == 0);
    CHECK(moved.officers == 3);
    CHECK(moved.skills == std::vector<int>{1});
    CHECK(officers_of(after) == officers_of(before));
    CHECK(after.levers.staff_moves.size() == 1);
    CHECK_THAT(model::describe_workforce_levers(after),
               Catch::Contains("3 officers move with the work (land 3)"));
  }
  SECTION("a share moves that share of the equivalents, rounded") {
    const auto moves = model::move_staff_with_work(before, after, {0.5, -1});
    REQUIRE(moves.size() == 1);
    CHECK(moves[0].officers == 2);  // round(1.5)
    CHECK(after.positions[1].officers == 1);
  }
  SECTION("a fixed number of officers") {
    const auto moves = model::move_staff_with_work(before, after, {1.0, 1});
    REQUIRE(moves.size() == 1);
    CHECK(moves[0].officers == 1);
  }
  SECTION("a department that keeps work keeps at least one officer") {
    // A second land procedure, filed at C1 as often, stays at the province: half the
    // department's work moves (1.5 equivalents); asked for 3, it gives 2 and keeps 1.
    model::ModelSpec before_kept = before;
    before_kept.procedures.push_back(before.procedures[0]);
    before_kept.procedures.back().id = "LAND2";
    before_kept.arrivals.push_back({0, 2, 4.0, 0});
    model::ModelSpec after_kept = before_kept;
    REQUIRE(model::rewrite_for_authority(after_kept.procedures[0], model::AuthorityOption::kCommune,
                                         commune_rules()));
    CHECK(model::moved_officer_equivalents(before_kept, after_kept)[1] == Approx(1.5));
    const auto moves = model::move_staff_with_work(before_kept, after_kept, {1.0, 3});
    REQUIRE(moves.size() == 1);
    CHECK(moves[0].officers == 2);
    CHECK(after_kept.positions[1].officers == 1);
  }
}

TEST_CASE("staff = pool: the moved officers form a mobile pool that serves the communes",
          "[workforce]") {
  const model::ModelSpec before = land_at_province(3);
  model::ModelSpec after = decided_at_commune(before);
  model::StaffFollowRule rule;
  rule.destination = model::StaffDestination::kPool;
  SECTION("whole teams of the moved officers, with the moved skills, at the gaining units") {
    rule.pool_team = 1;
    const auto moves = model::move_staff_with_work(before, after, rule);
    REQUIRE(moves.size() == 1);
    CHECK(moves[0].officers == 3);
    CHECK(moves[0].to_unit == -1);
    CHECK(after.positions[1].officers == 0);
    const model::MobileTeamSpec& m = after.levers.mobile;
    REQUIRE(m.enabled);
    CHECK(m.teams == 3);
    CHECK(m.officers == 1);
    CHECK(m.skills == std::vector<int>{1});
    CHECK(m.trigger == model::MobileTrigger::kQueued);
    REQUIRE(m.position_at_unit[0] >= 0);
    CHECK(m.position_at_unit[1] == -1);  // the department gains no work: no pool there
    CHECK(after.positions[static_cast<std::size_t>(m.position_at_unit[0])].id == "delegated_pool");
    // The officers are conserved: those leaving the department are the pool's.
    CHECK(officers_of(after) + m.teams * m.officers == officers_of(before));
    CHECK_THAT(model::describe_workforce_levers(after),
               Catch::Contains("into the delegated-work pool") &&
                   Catch::Contains("tasks of these skills waiting"));
  }
  SECTION("officers beyond the last whole team stay") {
    rule.pool_team = 2;
    model::move_staff_with_work(before, after, rule);
    CHECK(after.levers.mobile.teams == 1);
    CHECK(after.positions[1].officers == 1);
  }
  SECTION("the pool does the commune's new land work, which nobody there could do") {
    // C1 has no land officer: with the officers staying, its appraisals wait for ever.
    model::ModelSpec pooled = after;
    rule.pool_team = 3;  // one team of the 3: a commune is served by one team at a time
    model::move_staff_with_work(before, pooled, rule);
    auto completed = [](const model::ModelSpec& spec) {
      const model::ReplicationResult r = model::run_replication(spec, 0);
      const auto it = std::find(r.scopes.begin(), r.scopes.end(), "domain:land");
      REQUIRE(it != r.scopes.end());
      return r.kpis[static_cast<std::size_t>(it - r.scopes.begin())]
                   [static_cast<int>(Metric::kCompleted)];
    };
    CHECK(completed(after) == 0);
    CHECK(completed(pooled) > 100);  // 4 a day over 60 days
  }
}

TEST_CASE("moved officers keep their pay: staff following costs nothing more", "[workforce]") {
  model::ModelSpec before = land_at_province(3);
  before.costs.base_salary = 2.34e6;
  before.positions[0].pay.coefficient = 2.34;
  before.positions[1].pay.coefficient = 4.4;
  before.positions[1].pay.allowance = 0.3;
  model::ModelSpec after = decided_at_commune(before);
  SECTION("follow") {
    const auto moves = model::move_staff_with_work(before, after, {});
    const auto& moved = after.positions[static_cast<std::size_t>(moves[0].to_position)];
    CHECK(moved.pay.coefficient == Approx(4.4));
    CHECK(moved.pay.allowance == Approx(0.3));
  }
  SECTION("pool") {
    model::StaffFollowRule rule;
    rule.destination = model::StaffDestination::kPool;
    rule.pool_team = 3;
    model::move_staff_with_work(before, after, rule);
    CHECK(after.levers.mobile.teams == 1);
  }
  CHECK(model::total_yearly_cost(after) == Approx(model::total_yearly_cost(before)));
  CHECK(model::total_yearly_cost(before) == Approx(12 * 2.34e6 * (2.34 + 3 * (4.4 + 0.3))));
}

TEST_CASE("delegate-land with staff following moves department specialists to the communes",
          "[workforce]") {
  const model::ModelSpec stay = model::load_scenario(kDongNai / "delegate-land.toml");
  const model::ModelSpec follow = model::load_scenario(kDongNai / "delegate-land-staff.toml");
  CHECK(stay.levers.staff_moves.empty());
  REQUIRE_FALSE(follow.levers.staff_moves.empty());
  int moved = 0;
  for (const auto& m : follow.levers.staff_moves) {
    moved += m.officers;
    CHECK(follow.units[static_cast<std::size_t>(m.from_unit)].tier() == model::Tier::kProvince);
    CHECK(follow.units[static_cast<std::size_t>(m.to_unit)].tier() == model::Tier::kCommune);
  }
  CHECK(moved > 100);
  // The officers are conserved: as many positions' officers and roster officers either way.
  CHECK(officers_of(follow) == officers_of(stay));
  CHECK(follow.staff.roster.size() == stay.staff.roster.size());
  CHECK_THAT(model::describe_workforce_levers(follow),
             Catch::Contains("officers move with the work") &&
                 Catch::Contains("so_nong_nghiep_moi_truong / land_registration"));
}

TEST_CASE("staff-following mistakes are reported at their key", "[workforce]") {
  CHECK_THAT(load_error("delegate-land.toml", {"delegation.staff=some"}),
             Catch::Contains("delegation.staff: bad value 'some' (allowed: stay, follow, pool)"));
  CHECK_THAT(load_error("delegate-land.toml", {"delegation.staff_share=0.5"}),
             Catch::Contains("delegation.staff_share: only with staff = \"follow\" or \"pool\""));
  CHECK_THAT(
      load_error("delegate-land.toml", {"delegation.staff=follow", "delegation.staff_pool_team=3"}),
      Catch::Contains("delegation.staff_pool_team: only with staff = \"pool\""));
  CHECK_THAT(
      load_error("delegate-land.toml", {"delegation.staff=pool", "delegation.staff_pool_team=0"}),
      Catch::Contains("delegation.staff_pool_team: bad value"));
  CHECK_THAT(load_error("delegate-land.toml",
                        {"delegation.staff=pool", "delegation.staff_pool_period=\"0d\""}),
             Catch::Contains("delegation.staff_pool_period"));
  CHECK_THAT(load_error("delegate-land.toml",
                        {"delegation.staff=pool", "delegation.staff_pool_threshold=0"}),
             Catch::Contains("delegation.staff_pool_threshold: bad value"));
  CHECK_THAT(load_error("mobile-team.toml",
                        {"delegation.land=commune", "delegation.staff=pool",
                         "tables.backlog=" + (kDongNai / "backlog_none.csv").string()}),
             Catch::Contains("[delegation] staff = \"pool\""));
  CHECK_THAT(
      load_error("delegate-land.toml", {"delegation.staff=follow", "delegation.staff_share=1.5"}),
      Catch::Contains("delegation.staff_share: bad value"));
  CHECK_THAT(
      load_error("delegate-land.toml", {"delegation.staff=follow", "delegation.staff_share=0.5",
                                        "delegation.staff_officers=3"}),
      Catch::Contains("give staff_share or staff_officers, not both"));
}

TEST_CASE("the mobile team's deployment rule: its units and its window", "[workforce]") {
  const model::ModelSpec spec = model::load_scenario(kDongNai / "mobile-team.toml");
  const model::MobileTeamSpec& m = spec.levers.mobile;
  CHECK(std::count(
            m.skills.begin(), m.skills.end(),
            static_cast<int>(std::find(spec.skills.begin(), spec.skills.end(), "certification") -
                             spec.skills.begin())) == 1);
  CHECK(m.from > spec.start);
  CHECK(m.until < spec.end);
  CHECK_THAT(model::describe_workforce_levers(spec), Catch::Contains("Mobile teams: "));
  const model::ModelSpec two = model::load_scenario(
      kDongNai / "mobile-team.toml", {{"mobile_team.units=[\"tran_bien\", \"long_binh\"]"}});
  CHECK(std::count_if(two.levers.mobile.position_at_unit.begin(),
                      two.levers.mobile.position_at_unit.end(), [](int p) { return p >= 0; }) == 2);
  CHECK_THAT(load_error("mobile-team.toml", {"mobile_team.units=[\"so_xay_dung\"]"}),
             Catch::Contains("mobile_team.units: unit 'so_xay_dung' is provincial"));
  CHECK_THAT(load_error("mobile-team.toml", {"mobile_team.units=[\"tran_bein\"]"}),
             Catch::Contains("unknown unit 'tran_bein'"));
  CHECK_THAT(load_error("mobile-team.toml",
                        {"mobile_team.from=2026-05-01", "mobile_team.until=2026-04-01"}),
             Catch::Contains("mobile_team.until: not after mobile_team.from"));

  SECTION("no team is sent outside the window") {
    // C1 overloaded as in test_lever_runtime; the window closes before the backlog reaches
    // the threshold, so the run is the same as without a team.
    model::ModelSpec alone = test::single_unit_24x7(12, sim::Distribution::exponential(1), 1, 60);
    alone.calendars.clear();
    alone.calendars.push_back(test::office_calendar(460));
    alone.procedures[0].deadline_workdays = 2;
    model::ModelSpec late = alone;
    model::MobileTeamSpec& team = late.levers.mobile;
    team.enabled = true;
    team.officers = 2;
    team.skills = {0};
    team.threshold = 30;
    team.period_days = 14;
    team.position_at_unit = {1};
    late.positions.push_back({0, "mobile_team", 0, {0}, 1.0, {}});
    model::ModelSpec closed = late;
    closed.levers.mobile.until = sim::Instant{} + sim::Duration::from_days(1);
    const model::ReplicationResult a = model::run_replication(alone, 0);
    const model::ReplicationResult b = model::run_replication(closed, 0);
    const model::ReplicationResult c = model::run_replication(late, 0);
    CHECK(test::kpi(b, "province", Metric::kBacklogMean) ==
          test::kpi(a, "province", Metric::kBacklogMean));
    CHECK(test::kpi(c, "province", Metric::kBacklogMean) <
          0.8 * test::kpi(a, "province", Metric::kBacklogMean));
  }
}

TEST_CASE("internal tasks are issued on the working days their period names", "[workforce]") {
  // Office calendar from Monday 5 Jan 2026 (day 0), 120 days, no holidays.
  const sim::Calendar cal = test::office_calendar(120);
  using model::InternalPeriod;
  const auto week = model::internal_issue_days(cal, InternalPeriod::kWeek, 1, 0, 21);
  CHECK(week == std::vector<int>{0, 7, 14});  // Mondays
  // January began before the calendar: its first working day cannot be counted; February's
  // is Monday 2 Feb (day 28), March's Monday 2 Mar (day 56).
  CHECK(model::internal_issue_days(cal, InternalPeriod::kMonth, 1, 0, 60) ==
        std::vector<int>{28, 56});
  // The last working days of January (Fri 30 Jan) and February (Fri 27 Feb); March's last
  // day (Tue 31 Mar) is day 85.
  CHECK(model::internal_issue_days(cal, InternalPeriod::kMonth, -1, 0, 90) ==
        std::vector<int>{25, 53, 85});
  CHECK(model::internal_issue_days(cal, InternalPeriod::kQuarter, -1, 0, 120) ==
        std::vector<int>{85});
  CHECK(model::internal_issue_days(cal, InternalPeriod::kMonth, -2, 0, 30) == std::vector<int>{24});
  // With holidays the count skips them: Tet closes 16-20 Feb 2026 in this calendar.
  const sim::Calendar tet = test::office_calendar(120, test::tet_2026());
  CHECK(model::internal_issue_days(tet, InternalPeriod::kMonth, -1, 0, 60) ==
        model::internal_issue_days(cal, InternalPeriod::kMonth, -1, 0, 60));
}

TEST_CASE("internal work competes for officers' time and is counted apart", "[workforce]") {
  SECTION("a closing is issued at the opening of its day and worked like a dossier") {
    const model::ModelSpec spec = with_closing(test::two_tier(60), 2.0, 1);
    test::CollectingTrace trace;
    const model::ReplicationResult r = model::run_replication(spec, 0, &trace);
    CHECK(test::kpi(r, "internal", Metric::kArrivals) == 2);
    CHECK(test::kpi(r, "internal", Metric::kCompleted) == 2);
    CHECK(test::kpi(r, "internal", Metric::kOnTimeRate) == 1.0);
    CHECK(test::kpi(r, "internal_task:close", Metric::kCompleted) == 2);
    CHECK(test::kpi(r, "internal_agency:party", Metric::kCompleted) == 2);
    CHECK(test::kpi(r, "internal_unit:C1", Metric::kCompleted) == 2);
    CHECK(test::kpi(r, "internal:close/party", Metric::kCompleted) == 2);
    // The service scopes never see it.
    CHECK(test::kpi(r, "province", Metric::kArrivals) == 0);
    CHECK(test::kpi(r, "unit:C1", Metric::kArrivals) == 0);
    CHECK(std::count(r.scopes.begin(), r.scopes.end(), "procedure:close/party") == 0);
    const std::vector<test::TraceLine> d1 = trace.of("D1");
    REQUIRE(d1.size() >= 3);
    CHECK(d1.front() == test::line("D1", "issue", 25, 8));
    CHECK(d1.back() == test::line("D1", "complete", 25, 10));
  }
  SECTION("a closing that cannot be done by its due date is a late closing") {
    const model::ModelSpec spec = with_closing(test::two_tier(60), 10.0, 0);
    const model::ReplicationResult r = model::run_replication(spec, 0);
    CHECK(test::kpi(r, "internal", Metric::kCompleted) == 2);
    CHECK(test::kpi(r, "internal", Metric::kOnTimeRate) == 0.0);
    CHECK(test::kpi(r, "internal", Metric::kApologySlips) == 2);
  }
  SECTION("a citizen queued behind a closing waits for it (first come, first served)") {
    model::ModelSpec spec = with_closing(test::two_tier(60), 2.0, 1);
    spec.replay.push_back({test::at_day_hour(25, 8.25), 0, 1, model::Channel::kInPerson});
    test::CollectingTrace trace;
    model::run_replication(spec, 0, &trace);
    const std::vector<test::TraceLine> citizen = trace.of("D2");
    REQUIRE_FALSE(citizen.empty());
    CHECK(citizen.back() == test::line("D2", "complete", 25, 11));  // 10:00 + its 1 h
    model::ModelSpec no_books = test::two_tier(60);
    no_books.replay = spec.replay;
    test::CollectingTrace alone;
    model::run_replication(no_books, 0, &alone);
    CHECK(alone.of("D1").back() == test::line("D1", "complete", 25, 9.25));
  }
}

TEST_CASE("the Dong Nai baseline keeps every commune's books; shared accountants pool them",
          "[workforce]") {
  const model::ModelSpec base = model::load_scenario(kDongNai / "baseline.toml");
  REQUIRE(base.internal_work.enabled());
  CHECK(base.internal_work.agencies ==
        std::vector<std::string>{"party", "council", "committee", "front"});
  // Every commune-level unit keeps the books of each agency.
  for (const auto& stream : base.internal_work.streams)
    CHECK(stream.units.size() == 95);
  const model::ModelSpec shared = model::load_scenario(kDongNai / "shared-accountants.toml");
  int accountants = 0;
  for (const auto& p : shared.positions) {
    if (p.id == "shared_accountant") {
      ++accountants;
      CHECK(p.skills.size() == 4);
    }
    CHECK(p.id.rfind("accountant_", 0) != 0);  // the agencies' part-timers are gone
  }
  CHECK(accountants == 95);
}
