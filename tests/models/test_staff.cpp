// Staff levers in the runtime: each lever moves times in the expected direction under common
// random numbers, and exact traces of batch signing, ramp-up, headcount changes and a unit
// calendar with Saturday reception.
#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "models/roster.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

constexpr int kCert = 1;  // procedure CERT of test::two_tier: one 1 wh step at commune C1

// The two-tier fixture with Poisson CERT arrivals at C1 (`per_day`), its clerk(s) the only
// commune officers.
model::ModelSpec cert_load(double per_day, int days = 120) {
  model::ModelSpec spec = test::two_tier(days);
  spec.procedures[kCert].steps[0].effort.hours = sim::Distribution::exponential(1.0);
  spec.procedures[kCert].deadline_workdays = 2;
  spec.arrivals.push_back({0, kCert, per_day, 0});
  return spec;
}

double mean_days(const model::ModelSpec& spec) {
  double total = 0.0;
  for (std::uint64_t rep = 0; rep < 3; ++rep)
    total += test::kpi(model::run_replication(spec, rep), "province",
                       model::Metric::kTimeInSystemDaysMean);
  return total / 3;
}

// Replays CERT dossiers at C1 at the given (day, hour) pairs.
void replay_cert(model::ModelSpec& spec, std::vector<std::pair<double, double>> at) {
  for (const auto& [day, hour] : at)
    spec.replay.push_back({test::at_day_hour(day, hour), 0, kCert, model::Channel::kInPerson});
}

std::vector<test::TraceLine> only(const std::vector<test::TraceLine>& lines,
                                  const std::string& prefix) {
  std::vector<test::TraceLine> out;
  for (const auto& l : lines)
    if (l.event.rfind(prefix, 0) == 0) out.push_back(l);
  return out;
}

// Exact trace comparison up to rounding of the working clock (1 ms).
bool same(const std::vector<test::TraceLine>& got, const std::vector<test::TraceLine>& want) {
  if (got.size() != want.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (got[i].dossier != want[i].dossier || got[i].event != want[i].event ||
        std::abs(got[i].time_seconds - want[i].time_seconds) > 1e-3)
      return false;
  return true;
}

}  // namespace

TEST_CASE("staff levers move times in the expected direction (common random numbers)", "[staff]") {
  const model::ModelSpec base = cert_load(5.0);  // one clerk, load 5 h of 8 h a day
  const double base_days = mean_days(base);

  SECTION("more officers: shorter times") {
    model::ModelSpec more = base;
    more.positions[0].officers = 2;
    CHECK(mean_days(more) < base_days);
  }
  SECTION("training from day 10: shorter times") {
    model::ModelSpec trained = base;
    trained.staff.roster = model::effective_roster(trained);
    trained.staff.roster[0].training.push_back({10, 1.3, 1.0});
    CHECK(mean_days(trained) < base_days);
  }
  SECTION("sick days and annual leave: longer times") {
    model::ModelSpec sick = base;
    sick.staff.roster = model::effective_roster(sick);
    sick.staff.roster[0].sick_rate = 0.1;
    const double sick_days = mean_days(sick);
    CHECK(sick_days > base_days);
    // Leave is placed over the whole calendar year (not packed into the 120-day run): six
    // blocks of two days, one per sixth of 2026's working days, so some fall in the run.
    sick.staff.roster[0].leave_days_per_year = 12;
    sick.staff.roster[0].leave_blocks = 6;
    CHECK(mean_days(sick) > sick_days);
  }
  SECTION("errors sent back for rework: longer times") {
    model::ModelSpec careless = base;
    careless.staff.roster = model::effective_roster(careless);
    careless.staff.roster[0].error_probability = 0.15;
    CHECK(mean_days(careless) > base_days);
  }
  SECTION("a slow newcomer ramping up: longer times") {
    model::ModelSpec ramp = base;
    ramp.staff.roster = model::effective_roster(ramp);
    ramp.staff.roster[0].from_day = 0;
    ramp.staff.roster[0].ramp_start_speed = 0.5;
    ramp.staff.roster[0].ramp_workdays = 40;
    CHECK(mean_days(ramp) > base_days);
  }
}

TEST_CASE("overtime that would have been needed grows with the load", "[staff]") {
  const auto light = model::run_replication(cert_load(1.0, 60), 0);
  const auto heavy = model::run_replication(cert_load(7.0, 60), 0);
  REQUIRE(light.unit_overtime_hours.size() == 2);
  CHECK(heavy.unit_overtime_hours[0] > light.unit_overtime_hours[0]);
  CHECK(heavy.unit_overtime_hours[0] > 10.0);
  CHECK(heavy.unit_overtime_hours[1] == 0.0);  // the department gets no CERT work
  REQUIRE(heavy.officer_utilization.size() == 2);
  CHECK(heavy.officer_utilization[0] > light.officer_utilization[0]);
}

TEST_CASE("leaders sign in batches at the session times", "[staff]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.skills.push_back("signature");
  spec.positions.push_back({0, "leader", 1, {2}, 1.0, {}});
  model::StepSpec sign = test::work_step("sign", 2, sim::Distribution::deterministic(0.1));
  sign.kind = model::StepKind::kSignature;
  spec.procedures[kCert].steps.push_back(sign);
  spec.staff.units.assign(2, model::UnitStaffing{});
  spec.staff.units[0].signing_seconds_of_day = {10.5 * 3600, 16 * 3600};
  // D1 certified 09:00-10:00, D2 10:00-11:00, D3 11:00-12:00.
  replay_cert(spec, {{0, 9}, {0, 9.5}, {0, 9.6}});
  test::CollectingTrace trace;

  SECTION("every dossier waiting is signed at the next session") {
    model::run_replication(spec, 0, &trace);
    CHECK(same(only(trace.lines, "start:sign"),
               {test::line("D1", "start:sign", 0, 10.5), test::line("D2", "start:sign", 0, 16),
                test::line("D3", "start:sign", 0, 16.1)}));
    CHECK(same({trace.of("D1").back()}, {test::line("D1", "complete", 0, 10.6)}));
    CHECK(same({trace.of("D3").back()}, {test::line("D3", "complete", 0, 16.2)}));
  }
  SECTION("a batch limit leaves the rest for the next session") {
    spec.staff.units[0].signing_batch_max = 1;
    model::run_replication(spec, 0, &trace);
    CHECK(only(trace.lines, "start:sign") ==
          std::vector<test::TraceLine>{test::line("D1", "start:sign", 0, 10.5),
                                       test::line("D2", "start:sign", 0, 16),
                                       test::line("D3", "start:sign", 1, 10.5)});
  }
}

TEST_CASE("a new officer ramps up linearly over working days", "[staff]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.staff.roster = model::effective_roster(spec);
  model::OfficerSpec& clerk = spec.staff.roster[0];
  clerk.from_day = 0;  // Monday
  clerk.ramp_start_speed = 0.5;
  clerk.ramp_workdays = 4;
  // Day 0: speed 0.5 (1 wh takes 2 h); day 2 (2 of 4 days done): 0.75; day 4 and on: 1.
  replay_cert(spec, {{0, 9}, {2, 9}, {4, 9}});
  test::CollectingTrace trace;
  model::run_replication(spec, 0, &trace);
  CHECK(same(only(trace.lines, "complete"),
             {test::line("D1", "complete", 0, 11), test::line("D2", "complete", 2, 9 + 1 / 0.75),
              test::line("D3", "complete", 4, 10)}));
}

// Bug (issue 17): the learning curve was counted from the run's first day for an officer hired
// before it, so a run starting a week after a hire saw a fresh newcomer.
TEST_CASE("an officer hired before the run goes on with the ramp where it stands", "[staff]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.staff.roster = model::effective_roster(spec);
  model::OfficerSpec& clerk = spec.staff.roster[0];
  clerk.from_day = -3;  // Friday before the first Monday: 1 working day done before the run
  clerk.ramp_start_speed = 0.5;
  clerk.ramp_workdays = 4;
  // Day 0: 1 of 4 days done, speed 0.625; day 2: 3 done, 0.875; day 3 and on: 1.
  replay_cert(spec, {{0, 9}, {2, 9}, {3, 9}});
  test::CollectingTrace trace;
  model::run_replication(spec, 0, &trace);
  CHECK(same(only(trace.lines, "complete"), {test::line("D1", "complete", 0, 9 + 1 / 0.625),
                                             test::line("D2", "complete", 2, 9 + 1 / 0.875),
                                             test::line("D3", "complete", 3, 10)}));
}

TEST_CASE("headcount changes take effect on their dates", "[staff]") {
  model::ModelSpec spec = test::two_tier(30);
  spec.positions[0].officers = 2;
  spec.staff.roster = model::effective_roster(spec);  // clerks #1, #2, land specialist
  spec.staff.roster[0].until_day = 2;                 // cut on day 2 (Wednesday)
  spec.staff.roster[1].from_day = 3;                  // hired, arrives day 3 (Thursday)
  // D1 day 1: clerk #1 serves it. D2 day 2: nobody in post, it waits for the hire.
  replay_cert(spec, {{1, 9}, {2, 9}});
  test::CollectingTrace trace;
  const auto result = model::run_replication(spec, 0, &trace);
  CHECK(only(trace.lines, "start:") ==
        std::vector<test::TraceLine>{test::line("D1", "start:certify", 1, 9),
                                     test::line("D2", "start:certify", 3, 8)});
  // Utilisation counts each officer's time in post only.
  CHECK(result.officer_utilization[0] == Approx(1.0 / 16.0));  // 1 h of days 0-1
  CHECK(result.officer_utilization[2] == 0.0);
}

TEST_CASE("a sick day postpones an officer's work and is the same draw in every scenario",
          "[staff]") {
  model::ModelSpec spec = test::two_tier(60);
  spec.staff.roster = model::effective_roster(spec);
  spec.staff.roster[0].sick_rate = 0.3;
  const model::Roster a(spec, 0, 60);
  spec.staff.roster[0].error_probability = 0.2;  // another lever: same sick days
  spec.positions[1].officers = 3;
  const model::Roster b(spec, 0, 60);
  int absent = 0;
  int first_absent_workday = -1;
  for (int day = 0; day < 60; ++day) {
    CHECK(a.present(0, day) == b.present(0, day));
    if (!a.present(0, day)) {
      ++absent;
      if (first_absent_workday < 0 && day % 7 >= 1 && day % 7 < 5 && a.present(0, day - 1))
        first_absent_workday = day;  // Tuesday to Friday, present the day before
    }
  }
  CHECK(absent > 5);
  CHECK(absent < 35);
  REQUIRE(first_absent_workday >= 0);
  // Work begun the evening before that day resumes on the next day present.
  const sim::Instant done =
      a.add_work(0, test::at_day_hour(first_absent_workday - 1, 16), 2 * sim::kSecondsPerHour);
  int next = first_absent_workday + 1;
  while (!a.present(0, next) || next % 7 >= 5)
    ++next;
  CHECK(done == test::at_day_hour(next, 9));
}

TEST_CASE("a unit open on Saturday mornings receives then, deadlines keep official days",
          "[staff]") {
  model::ModelSpec spec = test::two_tier(30);
  auto days = std::array<sim::WeeklySchedule::DayIntervals, 7>{};
  for (int d = 0; d < 5; ++d)
    days[d] = {sim::WorkingInterval::from_hours(8, 12), sim::WorkingInterval::from_hours(13, 17)};
  days[sim::kSaturday] = {sim::WorkingInterval::from_hours(8, 12)};
  spec.calendars.emplace_back(test::kEpoch, 430, sim::WeeklySchedule(days));
  spec.units[0].calendar = 1;
  replay_cert(spec, {{5, 9}});  // Saturday 09:00
  test::CollectingTrace trace;
  model::run_replication(spec, 0, &trace);
  // Certified on Saturday; the 3-working-day appointment counts from Monday (Thursday close).
  CHECK(trace.of("D1") ==
        std::vector<test::TraceLine>{
            test::line("D1", "arrive", 5, 9), test::line("D1", "receive", 5, 9),
            test::line("D1", "appointment", 10, 17), test::line("D1", "queue:certify", 5, 9),
            test::line("D1", "start:certify", 5, 9), test::line("D1", "end:certify", 5, 10),
            test::line("D1", "complete", 5, 10)});
}
