// Paid overtime ([overtime], models/replication_overtime.cpp): officers stay on after closing
// when the trigger holds, the task in hand goes on at once, the session ends at its cap or
// when nothing is left, daily and weekly caps hold, and the hours reach the results. Exact
// traces on the two-tier fixture (office hours 08-12, 13-17), then a loaded unit; then with
// outages: exact traces of an outage in a session, and a loaded unit with random outages.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

constexpr int kCert = 1;  // CERT: one work step at commune C1, served by its one clerk

model::ModelSpec with_overtime(model::ModelSpec spec, double per_day, double per_week,
                               model::OvertimeTrigger trigger = model::OvertimeTrigger::kBacklog,
                               int threshold = 1) {
  model::OvertimePolicy policy;
  policy.max_hours_per_day = per_day;
  policy.max_hours_per_week = per_week;
  policy.trigger = trigger;
  policy.threshold = threshold;
  policy.rate_per_hour = 50000;
  spec.overtime.policies = {policy};
  spec.overtime.policy_of_position.assign(spec.positions.size(), -1);
  spec.overtime.policy_of_position[0] = 0;  // the commune clerk
  return spec;
}

// Two 3-hour CERT dossiers at C1 on Monday (day 0) at 16:00.
model::ModelSpec two_late_dossiers() {
  model::ModelSpec spec = test::two_tier(30);
  spec.procedures[kCert].steps[0].effort.hours = sim::Distribution::deterministic(3);
  for (int k = 0; k < 2; ++k)
    spec.replay.push_back({test::at_day_hour(0, 16), 0, kCert, model::Channel::kInPerson});
  return spec;
}

std::vector<test::TraceLine> work_lines(const test::CollectingTrace& trace) {
  std::vector<test::TraceLine> out;
  for (const auto& l : trace.lines)
    if (l.event == "start:certify" || l.event == "end:certify") out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("with a queue at closing the clerk stays on and finishes the task in hand tonight",
          "[overtime]") {
  test::CollectingTrace trace;
  const auto r = model::run_replication(with_overtime(two_late_dossiers(), 2, 8), 0, &trace);
  // D1 had 2 h left at 17:00: done at 19:00, the session's end; D2 waits for the morning.
  const std::vector<test::TraceLine> want{
      test::line("D1", "start:certify", 0, 16), test::line("D1", "end:certify", 0, 19),
      test::line("D2", "start:certify", 1, 8), test::line("D2", "end:certify", 1, 11)};
  CHECK(work_lines(trace) == want);
  REQUIRE(r.position_overtime_worked_hours.size() == 2);
  CHECK(r.position_overtime_worked_hours[0] == Approx(2.0));
  CHECK(r.position_overtime_worked_hours[1] == 0.0);
  REQUIRE(r.officer_overtime_hours.size() == 2);
  CHECK(r.officer_overtime_hours[0] == Approx(2.0));
}

TEST_CASE("a longer session takes the next task, which resumes at the opening", "[overtime]") {
  test::CollectingTrace trace;
  const auto r = model::run_replication(with_overtime(two_late_dossiers(), 4, 8), 0, &trace);
  // D1 done at 19:00; D2 from 19:00 to the session's end at 21:00, its last hour at 08:00.
  const std::vector<test::TraceLine> want{
      test::line("D1", "start:certify", 0, 16), test::line("D1", "end:certify", 0, 19),
      test::line("D2", "start:certify", 0, 19), test::line("D2", "end:certify", 1, 9)};
  CHECK(work_lines(trace) == want);
  CHECK(r.position_overtime_worked_hours[0] == Approx(4.0));
}

TEST_CASE("the session ends when nothing is left, and nobody stays without a trigger",
          "[overtime]") {
  SECTION("one dossier in hand and nothing queued: the backlog trigger (1) does not hold") {
    model::ModelSpec spec = two_late_dossiers();
    spec.replay.pop_back();
    test::CollectingTrace trace;
    const auto r = model::run_replication(with_overtime(spec, 4, 8), 0, &trace);
    CHECK(r.position_overtime_worked_hours[0] == 0.0);
    CHECK(work_lines(trace).back() == test::line("D1", "end:certify", 1, 10));
  }
  SECTION("a 1-hour D2: D1 ends at 19:00, D2 at 20:00, and the session with it") {
    model::ModelSpec spec = two_late_dossiers();
    spec.procedures.push_back(spec.procedures[kCert]);
    spec.procedures.back().id = "CERT_SHORT";
    spec.procedures.back().steps[0].effort.hours = sim::Distribution::deterministic(1);
    spec.replay[1].procedure = 2;
    test::CollectingTrace trace;
    const auto r = model::run_replication(with_overtime(spec, 4, 8), 0, &trace);
    CHECK(work_lines(trace).back() == test::line("D2", "end:certify", 0, 20));
    CHECK(r.position_overtime_worked_hours[0] == Approx(3.0));
  }
}

TEST_CASE("overtime keeps to its daily and weekly caps and shortens the queue under load",
          "[overtime]") {
  model::ModelSpec base = test::two_tier(120);
  base.procedures[kCert].steps[0].effort.hours = sim::Distribution::exponential(1.0);
  base.procedures[kCert].deadline_workdays = 2;
  base.arrivals.push_back({0, kCert, 7.6, 0});  // rho = 7.6 x 7 / 40 = 1.33 of the day's hours
  const model::ModelSpec capped = with_overtime(base, 3, 10);
  double without_days = 0, with_days = 0;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const auto plain = model::run_replication(base, rep);
    const auto r = model::run_replication(capped, rep);
    without_days += test::kpi(plain, "province", model::Metric::kTimeInSystemDaysMean);
    with_days += test::kpi(r, "province", model::Metric::kTimeInSystemDaysMean);
    CHECK(plain.position_overtime_worked_hours.empty());
    // 120 days: at most 18 weeks (partial ones included) of 10 hours.
    CHECK(r.officer_overtime_hours[0] <= 10.0 * 18 + 1e-9);
    CHECK(r.officer_overtime_hours[0] > 10.0 * 12);  // overloaded: the cap is reached most weeks
    CHECK(r.position_overtime_worked_hours[0] == Approx(r.officer_overtime_hours[0]));
  }
  CHECK(with_days < 0.7 * without_days);
  SECTION("a trigger that never holds leaves the run as it was") {
    const model::ModelSpec never =
        with_overtime(base, 3, 10, model::OvertimeTrigger::kBacklog, 1000000);
    const auto plain = model::run_replication(base, 5);
    const auto r = model::run_replication(never, 5);
    CHECK(r.officer_overtime_hours[0] == 0.0);
    CHECK(test::kpi(r, "province", model::Metric::kTimeInSystemDaysMean) ==
          test::kpi(plain, "province", model::Metric::kTimeInSystemDaysMean));
    CHECK(test::kpi(r, "province", model::Metric::kCompleted) ==
          test::kpi(plain, "province", model::Metric::kCompleted));
  }
  SECTION("the due-soon trigger: none while nothing queued is near its appointment") {
    model::ModelSpec due = with_overtime(base, 3, 10, model::OvertimeTrigger::kDueSoon, 1);
    due.overtime.policies[0].due_soon_workdays = 0.5;
    const auto r = model::run_replication(due, 0);
    CHECK(r.officer_overtime_hours[0] > 0.0);  // overloaded: late work is always queued
    CHECK(r.officer_overtime_hours[0] <= 10.0 * 18 + 1e-9);
    model::ModelSpec light = due;
    light.arrivals.back().per_day = 1.0;  // rho 0.18: the queue rarely holds old work
    const auto calm = model::run_replication(light, 0);
    CHECK(calm.officer_overtime_hours[0] < 0.2 * r.officer_overtime_hours[0]);
  }
}

// Overtime with outages ([outages], models/replication_levers.cpp): work in hand goes on in a
// session at the platform's speed, an outage that stops it sends the officer home, nobody
// stays on while the system is down, and tonight's progress survives into tomorrow's outages.
namespace {

model::ModelSpec with_window(model::ModelSpec spec, double day, double from_hour, double to_hour,
                             model::OutageMode mode = model::OutageMode::kStop) {
  spec.levers.outages.maintenance.push_back(
      {test::at_day_hour(day, from_hour), test::at_day_hour(day, to_hour)});
  spec.levers.outages.mode = mode;
  spec.levers.outages.paper_speed = 0.5;
  return spec;
}

std::vector<test::TraceLine> work_and_outage_lines(const test::CollectingTrace& trace) {
  std::vector<test::TraceLine> out;
  for (const auto& l : trace.lines)
    for (const char* event : {"start:", "end:", "suspend:", "resume:", "slow:", "speed:"})
      if (l.event == std::string(event) + "certify") out.push_back(l);
  return out;
}

// Runs `spec` (seed 0): its work and outage trace lines, and the clerk's overtime hours.
void check_run(const model::ModelSpec& spec, const std::vector<test::TraceLine>& want,
               double hours) {
  test::CollectingTrace trace;
  const auto r = model::run_replication(spec, 0, &trace);
  CHECK(work_and_outage_lines(trace) == want);
  CHECK(r.officer_overtime_hours[0] == Approx(hours));
  CHECK(r.position_overtime_worked_hours[0] == Approx(hours));
}

}  // namespace

TEST_CASE("an outage during an overtime session", "[overtime]") {
  // Two 3-hour CERT dossiers at 16:00 on Monday; a 4-hour session from 17:00 (to 21:00).
  const model::ModelSpec base = with_overtime(two_late_dossiers(), 4, 8);
  SECTION("stop at 18:00: D1's work stops, the officer goes home, the rest waits for 08:00") {
    // D1: 1 h by 17:00, 1 h in the session to 18:00, 1 h left; the system is back at 18:30
    // but the session ended at the stop: the last hour on Tuesday 08-09, then D2 09-12.
    check_run(with_window(base, 0, 18, 18.5),
              {test::line("D1", "start:certify", 0, 16), test::line("D1", "suspend:certify", 0, 18),
               test::line("D1", "resume:certify", 0, 18.5), test::line("D1", "end:certify", 1, 9),
               test::line("D2", "start:certify", 1, 9), test::line("D2", "end:certify", 1, 12)},
              1.0);
  }
  SECTION("paper at half speed 18-19: the session goes on slower and takes D2 at 19:30") {
    // D1: 1 h left at 18:00, 0.5 h of it done on paper by 19:00, the last 0.5 h by 19:30.
    // D2 from 19:30: 1.5 h in the session to 21:00, its last 1.5 h on Tuesday 08:00-09:30.
    check_run(with_window(base, 0, 18, 19, model::OutageMode::kPaper),
              {test::line("D1", "start:certify", 0, 16), test::line("D1", "slow:certify", 0, 18),
               test::line("D1", "speed:certify", 0, 19), test::line("D1", "end:certify", 0, 19.5),
               test::line("D2", "start:certify", 0, 19.5), test::line("D2", "end:certify", 1, 9.5)},
              4.0);
  }
  SECTION("down at closing (16:30-17:30): nobody stays on, whatever waits") {
    // D1 stopped at 16:30 with 2.5 h left: Tuesday 08:00-10:30; D2 10:30-14:30 (lunch 12-13).
    check_run(
        with_window(base, 0, 16.5, 17.5),
        {test::line("D1", "start:certify", 0, 16), test::line("D1", "suspend:certify", 0, 16.5),
         test::line("D1", "resume:certify", 0, 17.5), test::line("D1", "end:certify", 1, 10.5),
         test::line("D2", "start:certify", 1, 10.5), test::line("D2", "end:certify", 1, 14.5)},
        0.0);
  }
  SECTION("tonight's progress counts when an outage stops the work tomorrow") {
    // A 1-hour session: D1 has 1 h left after 18:00 (due Tuesday 09:00). Tuesday 08:30-09:00
    // is down: 0.5 h done by then, the last 0.5 h from 09:00. (Counting the progress from
    // 17:00 without the session would leave 1.5 h: D1 would end at 10:30.)
    check_run(
        with_window(with_overtime(two_late_dossiers(), 1, 8), 1, 8.5, 9),
        {test::line("D1", "start:certify", 0, 16), test::line("D1", "suspend:certify", 1, 8.5),
         test::line("D1", "resume:certify", 1, 9), test::line("D1", "end:certify", 1, 9.5),
         test::line("D2", "start:certify", 1, 9.5), test::line("D2", "end:certify", 1, 13.5)},
        1.0);
  }
}

TEST_CASE("overtime with random outages is deterministic, keeps its caps and still helps",
          "[overtime]") {
  model::ModelSpec base = test::two_tier(120);
  base.procedures[kCert].steps[0].effort.hours = sim::Distribution::exponential(1.0);
  base.procedures[kCert].deadline_workdays = 2;
  base.arrivals.push_back({0, kCert, 7.6, 0});  // rho 1.33 of the day's hours, as above
  model::OutageSpec& outages = base.levers.outages;
  outages.province = true;  // a failure about every 2 days, 3 h on average (stop)
  outages.province_between = sim::Distribution::exponential(2 * 24);
  outages.province_repair = sim::Distribution::lognormal(3, 1.0);
  outages.per_unit = true;  // and the commune's own system (the mode: stop, then paper)
  outages.unit_between = sim::Distribution::exponential(3 * 24);
  outages.unit_repair = sim::Distribution::lognormal(4, 1.0);
  const model::ModelSpec capped = with_overtime(base, 3, 10);
  for (const model::OutageMode mode : {model::OutageMode::kStop, model::OutageMode::kPaper}) {
    model::ModelSpec plain = base;
    model::ModelSpec over = capped;
    plain.levers.outages.mode = over.levers.outages.mode = mode;
    double without_days = 0, with_days = 0;
    for (std::uint64_t rep = 0; rep < 3; ++rep) {
      const auto a = model::run_replication(plain, rep);
      const auto r = model::run_replication(over, rep);
      const auto again = model::run_replication(over, rep);
      CHECK(again.officer_overtime_hours == r.officer_overtime_hours);
      CHECK(test::kpi(again, "province", model::Metric::kTimeInSystemDaysMean) ==
            test::kpi(r, "province", model::Metric::kTimeInSystemDaysMean));
      CHECK(test::kpi(again, "province", model::Metric::kCompleted) ==
            test::kpi(r, "province", model::Metric::kCompleted));
      // Common random numbers: the same outages with and without overtime.
      CHECK(test::kpi(r, "unit:C1", model::Metric::kOutageHours) ==
            test::kpi(a, "unit:C1", model::Metric::kOutageHours));
      CHECK(test::kpi(r, "unit:C1", model::Metric::kOutageHours) > 20);
      CHECK(r.officer_overtime_hours[0] <= 10.0 * 18 + 1e-9);
      CHECK(r.officer_overtime_hours[0] > 10.0 * 8);
      without_days += test::kpi(a, "province", model::Metric::kTimeInSystemDaysMean);
      with_days += test::kpi(r, "province", model::Metric::kTimeInSystemDaysMean);
    }
    CHECK(with_days < 0.8 * without_days);
  }
}

TEST_CASE("a system down every evening from before closing to midnight: nobody stays on",
          "[overtime]") {
  model::ModelSpec nightly = test::two_tier(120);
  nightly.procedures[kCert].steps[0].effort.hours = sim::Distribution::exponential(1.0);
  nightly.arrivals.push_back({0, kCert, 7.6, 0});
  for (int day = 0; day < 120; ++day)
    nightly = with_window(nightly, day, 16.9, 24);
  const auto plain = model::run_replication(nightly, 1);
  const auto r = model::run_replication(with_overtime(nightly, 3, 10), 1);
  CHECK(r.officer_overtime_hours[0] == 0.0);
  CHECK(test::kpi(r, "province", model::Metric::kTimeInSystemDaysMean) ==
        test::kpi(plain, "province", model::Metric::kTimeInSystemDaysMean));
  CHECK(test::kpi(r, "province", model::Metric::kCompleted) ==
        test::kpi(plain, "province", model::Metric::kCompleted));
}
