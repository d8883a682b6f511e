// Tests of model::Roster's absence-aware working time: add_work, busy_seconds,
// available_seconds and next_working_instant give, to the last bit, what a plain day-by-day
// walk asking the calendar's working clock at every bound gives (the form they had before
// they read the calendar's midnight table), for officers who are sick, on leave, joining and
// leaving, and always present.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "models/roster.hpp"
#include "tests/support/model_fixtures.hpp"
#include "tests/support/test_lcg.hpp"

using namespace twotier;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

int floor_day(double seconds) {
  return static_cast<int>(std::floor(seconds / sim::kSecondsPerDay));
}

// The days on which a started task progresses (Roster::works): out of post, or present.
bool works(const model::Roster& roster, int o, int day) {
  const model::OfficerSpec& officer = roster.officer(o);
  return day < officer.from_day || day >= officer.until_day || roster.present(o, day);
}

sim::Instant reference_add_work(const model::Roster& roster, int o, sim::Instant from,
                                double work_seconds) {
  const sim::Calendar& cal = roster.calendar(o);
  if (from >= cal.end()) return {kInfinity};
  if (roster.always_present(o)) {
    if (cal.work_clock(from) + work_seconds > cal.total_work_seconds()) return {kInfinity};
    return cal.add_work(from, sim::WorkDuration{work_seconds});
  }
  if (work_seconds <= 0.0) return from;
  double t = from.seconds;
  double remaining = work_seconds;
  while (t < cal.end().seconds) {
    const int day = floor_day(t);
    const double day_end = std::min((day + 1) * sim::kSecondsPerDay, cal.end().seconds);
    if (works(roster, o, day)) {
      const double c0 = cal.work_clock({t});
      const double c1 = cal.work_clock({day_end});
      if (c1 - c0 >= remaining) return cal.instant_at_work_clock(c0 + remaining);
      remaining -= c1 - c0;
    }
    t = day_end;
  }
  return {kInfinity};
}

template <class Counts>
double reference_seconds(const model::Roster& roster, int o, sim::Instant a, sim::Instant b,
                         Counts counts) {
  if (!(a < b)) return 0.0;
  const sim::Calendar& cal = roster.calendar(o);
  if (roster.always_present(o)) return cal.working_time_between(a, std::min(b, cal.end())).seconds;
  const double end = std::min(b.seconds, cal.end().seconds);
  double sum = 0.0;
  double t = std::max(a.seconds, 0.0);
  while (t < end) {
    const int day = floor_day(t);
    const double day_end = std::min((day + 1) * sim::kSecondsPerDay, end);
    if (counts(day)) sum += cal.work_clock({day_end}) - cal.work_clock({t});
    t = day_end;
  }
  return sum;
}

sim::Instant reference_next_working_instant(const model::Roster& roster, int o, sim::Instant t) {
  const sim::Calendar& cal = roster.calendar(o);
  while (t < cal.end() && cal.work_clock(t) < cal.total_work_seconds()) {
    const sim::Instant next = cal.next_working_instant(t);
    const int day = floor_day(next.seconds);
    if (roster.always_present(o) || works(roster, o, day)) return next;
    t = sim::Instant{(day + 1) * sim::kSecondsPerDay};
  }
  return {kInfinity};
}

using twotier::test::Lcg;

}  // namespace

TEST_CASE("roster working time equals the day-by-day walk over the working clock, bit for bit",
          "[roster]") {
  constexpr int kDays = 90;
  model::ModelSpec spec = test::two_tier(kDays);
  spec.positions[0].officers = 4;
  spec.staff.roster = model::effective_roster(spec);
  REQUIRE(spec.staff.roster.size() >= 5);
  spec.staff.roster[0].sick_rate = 0.3;
  spec.staff.roster[1].leave_days_per_year = 12;
  spec.staff.roster[1].leave_blocks = 3;
  spec.staff.roster[1].sick_rate = 0.05;
  spec.staff.roster[2].from_day = 10;  // joins, then leaves (finishes the task in hand)
  spec.staff.roster[2].until_day = 50;
  spec.staff.roster[2].sick_rate = 0.1;
  // roster[3] and the department's officers stay always present.
  const model::Roster roster(spec, 0, kDays);
  REQUIRE_FALSE(roster.always_present(0));
  REQUIRE(roster.always_present(3));

  Lcg rng{20261128};
  const double span = (kDays + 20) * sim::kSecondsPerDay;  // past the presence table too
  for (int i = 0; i < 40000; ++i) {
    const int o = i % static_cast<int>(roster.size());
    // Fractional instants, exact midnights and openings, and long spans over absences.
    sim::Instant from{rng.uniform() * span};
    if (i % 5 == 0) from = sim::Instant{std::floor(from.seconds / sim::kSecondsPerDay) * 86400};
    if (i % 5 == 1) from = test::at_day_hour(std::floor(from.seconds / 86400), 8);
    const double work = i % 11 == 0 ? 0.0 : rng.uniform() * (i % 4 == 0 ? 60.0 : 6.0) * 3600;
    const sim::Instant to{from.seconds + rng.uniform() * (i % 3 == 0 ? 15.0 : 1.2) * 86400};
    INFO("officer " << o << ", from " << from.seconds << " s, work " << work << " s, to "
                    << to.seconds << " s");
    REQUIRE(roster.add_work(o, from, work) == reference_add_work(roster, o, from, work));
    const sim::Instant next = reference_next_working_instant(roster, o, from);
    REQUIRE(roster.next_working_instant(o, from) == next);
    const model::Roster::WorkStart start = roster.next_work_start(o, from);
    REQUIRE(start.at == next);
    REQUIRE(start.day == (next.seconds == kInfinity ? model::kNeverDay : floor_day(next.seconds)));
    // Given the start (begin_service's call): the same instant.
    REQUIRE(roster.add_work(o, from, work, start) == roster.add_work(o, from, work));
    const double busy =
        reference_seconds(roster, o, from, to, [&](int day) { return works(roster, o, day); });
    REQUIRE(roster.busy_seconds(o, from, to) == busy);
    const double available =
        reference_seconds(roster, o, from, to, [&](int day) { return roster.present(o, day); });
    REQUIRE(roster.available_seconds(o, from, to) == available);
  }
}

namespace {

// two_tier() moved to start on `epoch` (a calendar of `days` days from it), with Tết 2026 in
// the calendar and in the holiday table, and officers who are sick and take leave.
model::ModelSpec absent_officers_from(sim::CivilDate epoch, int days) {
  model::ModelSpec spec = test::two_tier(days, test::tet_2026());
  spec.epoch_date = epoch;
  spec.calendars.clear();
  spec.calendars.emplace_back(
      epoch, days + 400,
      sim::WeeklySchedule::office(
          {sim::WorkingInterval::from_hours(8, 12), sim::WorkingInterval::from_hours(13, 17)}),
      test::tet_2026());
  spec.holiday_table.holidays = test::tet_2026();
  spec.positions[0].officers = 6;
  spec.staff.roster = model::effective_roster(spec);
  for (std::size_t o = 0; o < spec.staff.roster.size(); ++o) {
    spec.staff.roster[o].sick_rate = 0.04;
    spec.staff.roster[o].leave_days_per_year = 12;
    spec.staff.roster[o].leave_blocks = 1 + static_cast<int>(o % 3);
  }
  return spec;
}

}  // namespace

// Bug (issue 17): leave was packed among the working days inside the run, and sick days were
// keyed by the day's index in the run, so a 30-day run gave each officer a year's leave.
TEST_CASE("an officer's presence on a date does not depend on the run's window", "[roster]") {
  const model::ModelSpec year = absent_officers_from({2026, 1, 1}, 365);
  const model::Roster year_roster(year, 3, 365);
  for (const auto& [from, days] :
       {std::pair{sim::CivilDate{2026, 3, 10}, 30}, std::pair{sim::CivilDate{2026, 1, 1}, 45},
        std::pair{sim::CivilDate{2026, 11, 20}, 30}}) {
    INFO("window from " << sim::to_string(from) << ", " << days << " days");
    const model::ModelSpec window = absent_officers_from(from, days);
    const model::Roster window_roster(window, 3, days);
    REQUIRE(window_roster.size() == year_roster.size());
    const int offset = static_cast<int>(sim::days_between({2026, 1, 1}, from));
    int absent = 0;
    int officer_days = 0;
    for (int o = 0; o < static_cast<int>(window_roster.size()); ++o) {
      for (int d = 0; d < days; ++d) {
        INFO("officer " << o << ", day " << d);
        CHECK(window_roster.present(o, d) == year_roster.present(o, d + offset));
        if (window.calendars[0].is_working_day(d)) {
          ++officer_days;
          absent += window_roster.present(o, d) ? 0 : 1;
        }
      }
    }
    // About 4% sick plus 12 of ~240 working days on leave (5%), not a year's leave in a month.
    CHECK(static_cast<double>(absent) / officer_days < 0.2);
  }
  // The year run: each officer takes exactly 12 leave days in 2026 (sick days aside).
  const model::ModelSpec no_sickness = [&] {
    model::ModelSpec s = absent_officers_from({2026, 1, 1}, 365);
    for (auto& officer : s.staff.roster)
      officer.sick_rate = 0.0;
    return s;
  }();
  const model::Roster leave_only(no_sickness, 3, 365);
  for (int o = 0; o < static_cast<int>(leave_only.size()); ++o) {
    int leave = 0;
    for (int d = 0; d < 365; ++d)
      leave += (no_sickness.calendars[0].is_working_day(d) && !leave_only.present(o, d)) ? 1 : 0;
    CHECK(leave == 12);
  }
}
