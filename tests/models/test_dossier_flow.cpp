// Exact trace tests of a dossier's life (models/replication.hpp): both tiers with a
// supplementation, working-day deadlines across a weekend and Tết, pause vs restart clocks,
// replayed arrivals and a backlog snapshot. Efforts are deterministic, so times are exact.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using test::line;
using test::TraceLine;

namespace {

model::ReplayedArrival replay(double day, double hour, int procedure,
                              model::Channel channel = model::Channel::kInPerson) {
  return {test::at_day_hour(day, hour), 0, procedure, channel};
}

}  // namespace

TEST_CASE("a land dossier goes through both tiers with one supplementation", "[dossier_flow]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.procedures[0].steps[0].incomplete_probability = 1.0;  // found incomplete at reception
  spec.replay = {replay(0, 9, 0)};                           // Monday 09:00
  test::CollectingTrace trace;
  const model::ReplicationResult result = model::run_replication(spec, 0, &trace);

  // Mon 5 Jan 09:00 received: 10 working days -> Mon 19 Jan 17:00. Incomplete at 10:00; the
  // citizen returns 48 h later (Wed 10:00): the paused working time (Mon 10-12, 13-17, Tue
  // 8 h, Wed 8-10 = 16 h) moves the appointment two working days, to Wed 21 Jan 17:00.
  const std::vector<TraceLine> expected{
      line("D1", "arrive", 0, 9),
      line("D1", "receive", 0, 9),
      line("D1", "appointment", 14, 17),
      line("D1", "queue:reception", 0, 9),
      line("D1", "start:reception", 0, 9),
      line("D1", "end:reception", 0, 10),
      line("D1", "supplementation", 0, 10),
      line("D1", "resubmit", 2, 10),
      line("D1", "appointment", 16, 17),
      line("D1", "queue:reception", 2, 10),  // the step that found it incomplete, again
      line("D1", "start:reception", 2, 10),
      line("D1", "end:reception", 2, 11),
      line("D1", "start:transfer_up", 2, 11),  // 24 h of calendar time
      line("D1", "end:transfer_up", 3, 11),
      line("D1", "queue:appraisal", 3, 11),  // at the provincial department
      line("D1", "start:appraisal", 3, 11),
      line("D1", "end:appraisal", 3, 16),  // 4 wh across the lunch break
      line("D1", "start:transfer_down", 3, 16),
      line("D1", "end:transfer_down", 4, 9),  // 2 wh: Thu 16-17, Fri 8-9
      line("D1", "queue:return", 4, 9),
      line("D1", "start:return", 4, 9),
      line("D1", "end:return", 4, 9.5),
      line("D1", "complete", 4, 9.5),
  };
  CHECK(trace.lines == expected);

  using model::Metric;
  CHECK(test::kpi(result, "province", Metric::kCompleted) == 1);
  CHECK(test::kpi(result, "tier:province", Metric::kCompleted) == 1);
  CHECK(test::kpi(result, "tier:commune", Metric::kCompleted) == 0);
  CHECK(test::kpi(result, "unit:C1", Metric::kSupplementationRequests) == 1);
  CHECK(test::kpi(result, "domain:land", Metric::kOnTimeRate) == 1.0);
  CHECK(test::kpi(result, "procedure:LAND", Metric::kApologySlips) == 0);
  CHECK(test::kpi(result, "province", Metric::kTimeInSystemDaysMean) == Approx(4.0 + 0.5 / 24));
  // Working time Mon 09:00 -> Fri 09:30 is 32.5 h, minus the 16 h paused: 16.5 h of 8 h days.
  CHECK(test::kpi(result, "province", Metric::kProcessingWorkdaysMean) == Approx(16.5 / 8));
  // Where the time went (calendar days): worked 1+1+5+0.5 h, transfers 24+17 h, citizen 48 h.
  CHECK(test::kpi(result, "province", Metric::kWorkedDaysMean) == Approx(7.5 / 24));
  CHECK(test::kpi(result, "province", Metric::kTransferDaysMean) == Approx(41.0 / 24));
  CHECK(test::kpi(result, "province", Metric::kCitizenDaysMean) == Approx(2.0));
  CHECK(test::kpi(result, "province", Metric::kWaitOfficerDaysMean) == Approx(0.0));
}

TEST_CASE("the statutory clock pauses or restarts during supplementation", "[dossier_flow]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.procedures[0].steps[0].incomplete_probability = 1.0;
  // The citizen comes back 50 h later, Wed 12:00, in the lunch break: taken at 13:00.
  spec.procedures[0].citizen_response = test::hours(sim::Distribution::deterministic(50), false);
  spec.replay = {replay(0, 9, 0)};

  SECTION("pause: the appointment moves by the working time with the citizen") {
    spec.procedures[0].clock_on_supplement = model::ClockOnSupplement::kPause;
    test::CollectingTrace trace;
    const auto result = model::run_replication(spec, 0, &trace);
    // Paused Mon 10:00 -> Wed 13:00 = 6 + 8 + 4 = 18 wh: Mon 19 Jan 17:00 + 18 wh = Thu 22
    // Jan 10:00.
    CHECK(trace.lines[7] == line("D1", "resubmit", 2, 13));
    CHECK(trace.lines[8] == line("D1", "appointment", 17, 10));
    // Completed Fri 11:30. Processing excludes the pause: Mon 09:00 -> Fri 11:30 minus 18 wh.
    CHECK(trace.lines.back() == line("D1", "complete", 4, 11.5));
    const double worked_hours = 7 + 8 + 8 + 8 + 3.5 - 18;
    CHECK(test::kpi(result, "province", model::Metric::kProcessingWorkdaysMean) ==
          Approx(worked_hours / 8));
  }
  SECTION("restart: a fresh deadline counts from the complete dossier") {
    spec.procedures[0].clock_on_supplement = model::ClockOnSupplement::kRestart;
    test::CollectingTrace trace;
    const auto result = model::run_replication(spec, 0, &trace);
    // Wed 7 Jan 13:00 + 10 working days = Wed 21 Jan 17:00.
    CHECK(trace.lines[7] == line("D1", "resubmit", 2, 13));
    CHECK(trace.lines[8] == line("D1", "appointment", 16, 17));
    // Processing counts from the resubmission: Wed 13:00 -> Fri 11:30 = 4 + 8 + 3.5 wh.
    CHECK(test::kpi(result, "province", model::Metric::kProcessingWorkdaysMean) ==
          Approx(15.5 / 8));
  }
}

TEST_CASE("appointments count working days across a weekend and across Tết", "[dossier_flow]") {
  SECTION("received Friday morning: 3 working days end Wednesday at closing") {
    model::ModelSpec spec = test::two_tier(30);
    spec.replay = {replay(4, 10, 1)};  // Fri 9 Jan 10:00
    test::CollectingTrace trace;
    model::run_replication(spec, 0, &trace);
    CHECK(trace.lines[2] == line("D1", "appointment", 9, 17));  // Wed 14 Jan
  }
  SECTION("filed online Friday after closing: counted from Monday, due Thursday") {
    model::ModelSpec spec = test::two_tier(30);
    spec.replay = {replay(4, 17.5, 1, model::Channel::kOnline)};
    test::CollectingTrace trace;
    model::run_replication(spec, 0, &trace);
    const std::vector<TraceLine> expected{
        line("D1", "arrive", 4, 17.5),
        line("D1", "receive", 4, 17.5),
        line("D1", "appointment", 10, 17),  // Thu 15 Jan
        line("D1", "queue:certify", 4, 17.5),
        line("D1", "start:certify", 7, 8),  // the officer starts when the office opens
        line("D1", "end:certify", 7, 9),
        line("D1", "complete", 7, 9),
    };
    CHECK(trace.lines == expected);
  }
  SECTION(
      "received before Tết: the holiday week does not count, and a late dossier gets an "
      "apology slip at its appointment") {
    model::ModelSpec spec = test::two_tier(80, test::tet_2026());
    spec.procedures[1].steps[0].effort = test::hours(sim::Distribution::deterministic(30));
    spec.replay = {replay(38, 10, 1)};  // Thu 12 Feb 10:00
    test::CollectingTrace trace;
    const auto result = model::run_replication(spec, 0, &trace);
    // Fri 13 Feb is day 1, Mon 23 (2), Tue 24 Feb (3): day 50 at 17:00.
    CHECK(trace.lines[2] == line("D1", "appointment", 50, 17));
    // 30 wh from Thu 10:00: Thu 6 + Fri 8 + Mon 8 + Tue 8 -> ends Tue 24 Feb 17:00 exactly,
    // which is on time (completion runs before the appointment at the same instant).
    CHECK(trace.lines.back() == line("D1", "complete", 50, 17));
    CHECK(test::kpi(result, "province", model::Metric::kOnTimeRate) == 1.0);

    spec.procedures[1].steps[0].effort = test::hours(sim::Distribution::deterministic(31));
    test::CollectingTrace late;
    const auto late_result = model::run_replication(spec, 0, &late);
    REQUIRE(late.lines.size() >= 3);
    CHECK(late.lines[late.lines.size() - 3] == line("D1", "overdue", 50, 17));
    CHECK(late.lines.back() == line("D1", "complete", 51, 9));
    CHECK(test::kpi(late_result, "province", model::Metric::kOnTimeRate) == 0.0);
    CHECK(test::kpi(late_result, "unit:C1", model::Metric::kApologySlips) == 1);
  }
}

TEST_CASE("replayed arrivals are received at their logged times, in time order", "[dossier_flow]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.start = test::at_day_hour(1, 0);
  spec.replay = {replay(2, 9, 1), replay(1, 9, 1, model::Channel::kPost),
                 replay(0, 9, 1) /* before the start: skipped */, replay(1, 9.5, 1)};
  test::CollectingTrace trace;
  const auto result = model::run_replication(spec, 0, &trace);
  std::vector<TraceLine> receipts;
  for (const TraceLine& l : trace.lines)
    if (l.event == "receive" || l.event == "start:certify") receipts.push_back(l);
  const std::vector<TraceLine> expected{
      line("D1", "receive", 1, 9),   line("D1", "start:certify", 1, 9),
      line("D2", "receive", 1, 9.5), line("D2", "start:certify", 1, 10),  // FCFS wait
      line("D3", "receive", 2, 9),   line("D3", "start:certify", 2, 9),
  };
  CHECK(receipts == expected);
  CHECK(test::kpi(result, "procedure:CERT", model::Metric::kArrivals) == 3);
  CHECK(test::kpi(result, "procedure:CERT", model::Metric::kWaitOfficerDaysMean) ==
        Approx(0.5 / 24 / 3));
}

TEST_CASE("a backlog snapshot starts dossiers at their current step", "[dossier_flow]") {
  model::ModelSpec spec = test::two_tier(40);
  spec.start = test::at_day_hour(14, 0);  // Mon 19 Jan
  // B1 was received Mon 12 Jan and waits for appraisal; B2 was received Mon 5 Jan, is due Mon
  // 19 Jan 17:00 and waits for the return step; B3 is a certification already overdue.
  spec.backlog = {{"B1", 0, 0, test::at_day_hour(7, 9), 2},
                  {"B2", 0, 0, test::at_day_hour(0, 9), 4},
                  {"B3", 0, 1, test::at_day_hour(0, 9), 0}};
  test::CollectingTrace trace;
  const auto result = model::run_replication(spec, 0, &trace);
  const std::vector<TraceLine> expected_b1{
      line("B1", "receive", 7, 9),
      line("B1", "appointment", 21, 17),  // Mon 12 Jan + 10 working days
      line("B1", "queue:appraisal", 14, 0),
      line("B1", "start:appraisal", 14, 8),
      line("B1", "end:appraisal", 14, 12),
      line("B1", "start:transfer_down", 14, 12),  // 2 wh after the lunch break
      line("B1", "end:transfer_down", 14, 15),
      line("B1", "queue:return", 14, 15),
      line("B1", "start:return", 14, 15),
      line("B1", "end:return", 14, 15.5),
      line("B1", "complete", 14, 15.5),
  };
  CHECK(trace.of("B1") == expected_b1);
  // B2 and B3 share the one-stop clerk in snapshot order: B2 08:00-08:30, B3 08:30-09:30.
  CHECK(trace.of("B2").back() == line("B2", "complete", 14, 8.5));
  CHECK(trace.of("B3").back() == line("B3", "complete", 14, 9.5));
  using model::Metric;
  CHECK(test::kpi(result, "province", Metric::kArrivals) == 0);  // not new
  CHECK(test::kpi(result, "province", Metric::kCompleted) == 3);
  CHECK(test::kpi(result, "procedure:CERT", Metric::kOnTimeRate) == 0.0);  // already overdue
  CHECK(test::kpi(result, "procedure:CERT", Metric::kApologySlips) == 0);  // slip before the run
  CHECK(test::kpi(result, "procedure:LAND", Metric::kOnTimeRate) == 1.0);
  REQUIRE(!result.monthly_report.empty());
  const model::MonthlyReportRow& january = result.monthly_report.front();
  CHECK(january.unit == 0);
  CHECK(january.month == 1);
  CHECK(january.carried_over == 3);
  CHECK(january.completed_on_time == 2);
  CHECK(january.completed_late == 1);
}
