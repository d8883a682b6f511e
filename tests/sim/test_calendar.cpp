// Tests of sim::WeeklySchedule and sim::Calendar: exact traces of working time across lunch
// breaks, weekends and Tet 2026 (real holiday file), deadlines, the add_work /
// working_time_between inverse property, the 24x7 calendar and range errors.
#include <algorithm>  // std::min
#include <cmath>
#include <cstdint>
#include <cstdio>  // std::snprintf
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "sim/calendar.hpp"
#include "sim/holiday_table.hpp"
#include "tests/support/test_lcg.hpp"

using sim::CivilDate;
using sim::Instant;
using sim::WorkDuration;

namespace {

const std::string kHolidayFile = TWOTIER_SOURCE_DIR "/scenarios/calendars/vn_public_holidays.csv";

// 2026-01-01 .. 2027-12-31, standard office hours (07:30-11:30, 13:00-16:30), real holidays.
sim::Calendar vietnam_2026() {
  const sim::HolidayTable table = sim::load_holiday_table(kHolidayFile);
  return sim::Calendar({2026, 1, 1}, 730, sim::WeeklySchedule::standard_office(), table.holidays,
                       table.makeup_working_days);
}

Instant at(const sim::Calendar& cal, CivilDate date, int hour, int minute = 0) {
  return cal.start_of_day(cal.day_index(date)) + sim::Duration{hour * 3600.0 + minute * 60.0};
}

// Readable form of an instant for failure messages and exact comparisons: "2026-02-23 08:00".
std::string show(const sim::Calendar& cal, Instant t) {
  const int d = cal.day_index(t);
  const double s = t.seconds - cal.start_of_day(d).seconds;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, " %02d:%02d", static_cast<int>(s / 3600),
                static_cast<int>(std::fmod(s, 3600.0) / 60));
  return sim::to_string(cal.date_of_day(d)) + buffer + (std::fmod(s, 60.0) != 0 ? "+" : "");
}

using twotier::test::Lcg;

}  // namespace

TEST_CASE("a weekly schedule rejects unsorted, overlapping or out-of-day intervals", "[calendar]") {
  using sim::WorkingInterval;
  using Days = std::array<sim::WeeklySchedule::DayIntervals, sim::kDaysPerWeek>;
  auto with_monday = [](sim::WeeklySchedule::DayIntervals monday) {
    Days days;
    days[sim::kMonday] = std::move(monday);
    return days;
  };
  CHECK_NOTHROW(sim::WeeklySchedule(
      with_monday({WorkingInterval::from_hours(8, 12), WorkingInterval::from_hours(12, 13)})));
  CHECK_THROWS_AS(sim::WeeklySchedule(with_monday(
                      {WorkingInterval::from_hours(13, 16), WorkingInterval::from_hours(8, 12)})),
                  std::invalid_argument);
  CHECK_THROWS_AS(sim::WeeklySchedule(with_monday(
                      {WorkingInterval::from_hours(8, 12), WorkingInterval::from_hours(11, 13)})),
                  std::invalid_argument);
  CHECK_THROWS_AS(sim::WeeklySchedule(with_monday({WorkingInterval::from_hours(20, 25)})),
                  std::invalid_argument);
  CHECK_THROWS_AS(sim::WeeklySchedule(with_monday({WorkingInterval::from_hours(-1, 5)})),
                  std::invalid_argument);
  CHECK_THROWS_AS(sim::WeeklySchedule(with_monday({WorkingInterval::from_hours(9, 9)})),
                  std::invalid_argument);
  CHECK(sim::WeeklySchedule::standard_office().working_seconds(sim::kMonday) == 7.5 * 3600);
  CHECK(sim::WeeklySchedule::standard_office().working_seconds(sim::kSaturday) == 0);
}

TEST_CASE("the real holiday file makes Tet 2026 and the 10 Jan make-up Saturday", "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  CHECK(cal.last_day() == CivilDate{2027, 12, 31});
  CHECK_FALSE(cal.is_working_day(cal.day_index(CivilDate{2026, 1, 1})));   // Tet Duong lich
  CHECK_FALSE(cal.is_working_day(cal.day_index(CivilDate{2026, 1, 2})));   // swapped Friday
  CHECK(cal.is_working_day(cal.day_index(CivilDate{2026, 1, 10})));        // make-up Saturday
  CHECK_FALSE(cal.is_working_day(cal.day_index(CivilDate{2026, 1, 11})));  // ordinary Sunday
  CHECK(show(cal, cal.opening_of_day(cal.day_index(CivilDate{2026, 1, 10}))) ==
        "2026-01-10 07:30");  // with Monday's hours
  // February 2026: 20 weekdays, 5 of them Tet.
  CHECK(cal.working_days_between(cal.day_index(CivilDate{2026, 2, 1}),
                                 cal.day_index(CivilDate{2026, 3, 1})) == 15);
  CHECK(cal.nth_working_day_after(cal.day_index(CivilDate{2026, 2, 13}), 1) ==
        cal.day_index(CivilDate{2026, 2, 23}));
  CHECK_THROWS_AS(cal.opening_of_day(cal.day_index(CivilDate{2026, 2, 17})), std::invalid_argument);
}

TEST_CASE("add_work traces across lunch, weekends and Tet", "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  const auto hours = [](double h) { return WorkDuration::from_hours(h); };

  SECTION("across the lunch break") {
    CHECK(show(cal, cal.add_work(at(cal, {2026, 1, 5}, 10, 30), hours(2))) == "2026-01-05 14:00");
  }
  SECTION("work that ends exactly at noon closing ends then, not after lunch") {
    CHECK(show(cal, cal.add_work(at(cal, {2026, 1, 5}, 10, 30), hours(1))) == "2026-01-05 11:30");
  }
  SECTION("started during lunch, work begins at 13:00") {
    CHECK(show(cal, cal.add_work(at(cal, {2026, 1, 5}, 12, 0), hours(0.5))) == "2026-01-05 13:30");
  }
  SECTION("across an ordinary weekend") {
    CHECK(show(cal, cal.add_work(at(cal, {2026, 1, 16}, 15, 30), hours(2))) == "2026-01-19 08:30");
  }
  SECTION("across a weekend whose Saturday is a make-up day") {
    CHECK(show(cal, cal.add_work(at(cal, {2026, 1, 9}, 15, 30), hours(2))) == "2026-01-10 08:30");
  }
  SECTION("across Tet 2026 (14-22 Feb off)") {
    CHECK(show(cal, cal.add_work(at(cal, {2026, 2, 13}, 16, 0), hours(1))) == "2026-02-23 08:00");
    CHECK(show(cal, cal.add_work(at(cal, {2026, 2, 15}, 10, 0), hours(8))) == "2026-02-24 08:00");
  }
  SECTION("several days of effort") {
    // 7.5 h per day: 15 h from Monday 07:30 ends Tuesday 16:30.
    CHECK(show(cal, cal.add_work(at(cal, {2026, 1, 5}, 7, 30), hours(15))) == "2026-01-06 16:30");
  }
  SECTION("zero effort returns the start unchanged, even at a non-working instant") {
    const Instant saturday = at(cal, {2026, 1, 17}, 9, 0);
    CHECK(cal.add_work(saturday, WorkDuration{0}) == saturday);
  }
}

TEST_CASE("the working clock, its inverse and next_working_instant", "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  const Instant lunch_start = at(cal, {2026, 1, 5}, 11, 30);
  const Instant lunch_end = at(cal, {2026, 1, 5}, 13, 0);
  CHECK(cal.work_clock(lunch_start) == cal.work_clock(lunch_end));
  CHECK(cal.work_clock(Instant{0}) == 0);
  // Earliest instant with a given clock: the end of work, not the end of the idle gap.
  CHECK(cal.instant_at_work_clock(cal.work_clock(lunch_end)) == lunch_start);
  CHECK(cal.instant_at_work_clock(0) == Instant{0});
  CHECK(cal.instant_at_work_clock(cal.total_work_seconds()) == at(cal, {2027, 12, 31}, 16, 30));

  CHECK(cal.is_working(at(cal, {2026, 1, 5}, 7, 30)));
  CHECK_FALSE(cal.is_working(lunch_start));  // intervals are half-open
  CHECK_FALSE(cal.is_working(at(cal, {2026, 2, 17}, 9, 0)));
  CHECK(show(cal, cal.next_working_instant(at(cal, {2026, 1, 5}, 12, 0))) == "2026-01-05 13:00");
  CHECK(show(cal, cal.next_working_instant(at(cal, {2026, 1, 5}, 16, 30))) == "2026-01-06 07:30");
  CHECK(show(cal, cal.next_working_instant(at(cal, {2026, 1, 17}, 9, 0))) == "2026-01-19 07:30");
  CHECK(show(cal, cal.next_working_instant(at(cal, {2026, 2, 13}, 20, 0))) == "2026-02-23 07:30");
  const Instant working = at(cal, {2026, 1, 5}, 9, 17);
  CHECK(cal.next_working_instant(working) == working);
  CHECK(cal.date_of(working) == CivilDate{2026, 1, 5});
}

TEST_CASE("deadline_after counts working days from the effective receipt day", "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  const auto due = [&](CivilDate date, int hour, int minute, int days,
                       const sim::DeadlineRule& rule = {}) {
    return show(cal, cal.deadline_after(at(cal, date, hour, minute), days, rule));
  };
  SECTION("received during working hours") {
    CHECK(due({2026, 1, 6}, 10, 0, 0) == "2026-01-06 16:30");
    CHECK(due({2026, 1, 6}, 10, 0, 1) == "2026-01-07 16:30");
    // Wed 7, Thu 8, Fri 9, Sat 10 (make-up day), Mon 12.
    CHECK(due({2026, 1, 6}, 10, 0, 5) == "2026-01-12 16:30");
  }
  SECTION("received before opening or at lunch still counts that day") {
    CHECK(due({2026, 1, 6}, 6, 0, 0) == "2026-01-06 16:30");
    CHECK(due({2026, 1, 6}, 12, 0, 1) == "2026-01-07 16:30");
  }
  SECTION("received at or after closing counts from the next working day") {
    CHECK(due({2026, 1, 6}, 16, 30, 0) == "2026-01-07 16:30");
    CHECK(due({2026, 1, 6}, 17, 0, 0) == "2026-01-07 16:30");
    CHECK(due({2026, 1, 6}, 17, 0, 1) == "2026-01-08 16:30");
    CHECK(due({2026, 1, 6}, 17, 0, 5) == "2026-01-13 16:30");
  }
  SECTION("received on Friday evening") {
    CHECK(due({2026, 1, 16}, 18, 0, 0) == "2026-01-19 16:30");
    CHECK(due({2026, 1, 16}, 18, 0, 1) == "2026-01-20 16:30");
    CHECK(due({2026, 1, 16}, 18, 0, 5) == "2026-01-26 16:30");
  }
  SECTION("received on a holiday (Tet) or just before it") {
    CHECK(due({2026, 2, 14}, 9, 0, 0) == "2026-02-23 16:30");
    CHECK(due({2026, 2, 17}, 9, 0, 1) == "2026-02-24 16:30");
    CHECK(due({2026, 2, 14}, 9, 0, 5) == "2026-03-02 16:30");
    CHECK(due({2026, 2, 13}, 10, 0, 1) == "2026-02-23 16:30");
  }
  SECTION("a cutoff: same day before 15:00, else the next working day") {
    const sim::DeadlineRule cutoff{15 * 3600.0};
    CHECK(due({2026, 1, 6}, 14, 59, 0, cutoff) == "2026-01-06 16:30");
    CHECK(due({2026, 1, 6}, 15, 0, 0, cutoff) == "2026-01-07 16:30");
    CHECK(due({2026, 1, 16}, 15, 30, 0, cutoff) == "2026-01-19 16:30");
  }
}

TEST_CASE("working_time_between is the inverse of add_work at random instants", "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  Lcg rng{20260214};
  const double first_year = 365 * sim::kSecondsPerDay;
  for (int i = 0; i < 20000; ++i) {
    const Instant t{rng.uniform() * first_year};
    const WorkDuration effort{rng.uniform() * 60 * sim::kSecondsPerHour};
    const Instant done = cal.add_work(t, effort);
    INFO("start " << show(cal, t) << ", effort " << effort.seconds << " s");
    REQUIRE(done >= t);
    REQUIRE(cal.working_time_between(t, done).seconds == Approx(effort.seconds).margin(1e-6));
    // Completion is a working instant or the closing edge of a working interval.
    REQUIRE((cal.is_working(done) || cal.is_working(done - sim::Duration{1e-3})));

    const Instant u{t.seconds + rng.uniform() * 20 * sim::kSecondsPerDay};
    const WorkDuration between = cal.working_time_between(t, u);
    const Instant back = cal.add_work(t, between);
    REQUIRE(back <= u);
    REQUIRE(cal.work_clock(back) == Approx(cal.work_clock(u)).margin(1e-6));
  }
}

TEST_CASE("instant_at_work_clock with a day hint answers as without, on any hint", "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  Lcg rng{20261128};
  for (int i = 0; i < 20000; ++i) {
    const Instant t{rng.uniform() * cal.end().seconds};
    const int day = cal.day_index(t);
    // Clocks on t's day (the hint's fast path), a few days later, and exact day boundaries.
    const double w = i % 3 == 0   ? cal.work_clock_at_midnight(day + 1)
                     : i % 3 == 1 ? std::min(cal.total_work_seconds(),
                                             cal.work_clock(t) + rng.uniform() * 4 * 3600)
                                  : rng.uniform() * cal.total_work_seconds();
    const int hint = i % 7 == 0 ? day + static_cast<int>(rng.uniform() * 5) - 2 : day;
    INFO("clock " << w << " s, hint day " << hint);
    REQUIRE(cal.instant_at_work_clock(w, hint) == cal.instant_at_work_clock(w));
  }
  CHECK(cal.instant_at_work_clock(0.0, 0) == Instant{0});
  CHECK(cal.instant_at_work_clock(0.0, -1) == Instant{0});
  CHECK(cal.instant_at_work_clock(cal.total_work_seconds(), cal.num_days() + 3) ==
        cal.instant_at_work_clock(cal.total_work_seconds()));
  for (int day = 0; day <= cal.num_days(); ++day)
    REQUIRE(
        cal.work_clock_at_midnight(day) ==
        (day < cal.num_days() ? cal.work_clock(cal.start_of_day(day)) : cal.total_work_seconds()));
}

TEST_CASE("the on-day working clock, difference and next working instant match the general ones",
          "[calendar]") {
  const sim::Calendar cal = vietnam_2026();
  Lcg rng{20261129};
  for (int i = 0; i < 20000; ++i) {
    const int day = static_cast<int>(rng.uniform() * cal.num_days());
    const double midnight = cal.start_of_day(day).seconds;
    // Fractional instants, exact midnights, openings and closings (07:30, 11:30, 16:30).
    double s0 = rng.uniform() * sim::kSecondsPerDay;
    double s1 = rng.uniform() * sim::kSecondsPerDay;
    if (i % 5 == 0) s0 = 0.0;
    if (i % 7 == 0) s1 = (i % 2 == 0 ? 11.5 : 16.5) * 3600;
    if (i % 9 == 0) s0 = 7.5 * 3600;
    const Instant a{midnight + std::min(s0, s1)};
    const Instant b{midnight + std::max(s0, s1)};
    INFO("day " << day << ", " << a.seconds << " .. " << b.seconds);
    const double expected = cal.work_clock(b) - cal.work_clock(a);
    const double got = cal.work_clock_difference_on_day(day, a, b);
    REQUIRE(std::signbit(got) == std::signbit(expected));
    REQUIRE(got == expected);
    REQUIRE(cal.work_clock_on_day(day, a) == cal.work_clock(a));
    // Before the close of a working day the next working instant is found on the day itself:
    // a working instant at or after a with no working time between them.
    if (cal.is_working_day(day) && a < cal.closing_of_day(day)) {
      const Instant next = cal.next_working_instant_on_day(day, a);
      REQUIRE(next == cal.next_working_instant(a));
      REQUIRE(next >= a);
      REQUIRE(next < cal.closing_of_day(day));
      REQUIRE(cal.is_working(next));
      REQUIRE(cal.work_clock(next) == cal.work_clock(a));
    }
  }
}

TEST_CASE("the 24x7 calendar makes working time equal calendar time", "[calendar]") {
  const sim::Calendar cal({2026, 1, 1}, 400, sim::WeeklySchedule::always());
  Lcg rng{7};
  for (int i = 0; i < 1000; ++i) {
    const Instant t{rng.uniform() * 300 * sim::kSecondsPerDay};
    const WorkDuration e{rng.uniform() * 30 * sim::kSecondsPerDay};
    REQUIRE(cal.work_clock(t) == Approx(t.seconds).margin(1e-6));
    REQUIRE(cal.add_work(t, e).seconds == Approx(t.seconds + e.seconds).margin(1e-6));
    REQUIRE(cal.is_working(t));
    REQUIRE(cal.next_working_instant(t) == t);
  }
  // Every day is a working day closing at midnight.
  CHECK(cal.deadline_after(Instant{3600}, 2) == Instant{3 * sim::kSecondsPerDay});
}

TEST_CASE("queries beyond the tabulated range throw out_of_range", "[calendar]") {
  const sim::Calendar cal({2026, 1, 1}, 31, sim::WeeklySchedule::standard_office());
  CHECK(cal.last_day() == CivilDate{2026, 1, 31});
  CHECK(cal.end() == Instant{31 * sim::kSecondsPerDay});
  CHECK(cal.work_clock(cal.end()) == cal.total_work_seconds());
  CHECK_THROWS_AS(cal.work_clock(Instant{-1}), std::out_of_range);
  CHECK_THROWS_AS(cal.is_working(cal.end()), std::out_of_range);
  CHECK_THROWS_AS(cal.day_index(CivilDate{2026, 2, 1}), std::out_of_range);
  CHECK_THROWS_AS(cal.add_work(at(cal, {2026, 1, 30}, 9), WorkDuration::from_hours(20)),
                  std::out_of_range);
  CHECK_THROWS_AS(cal.next_working_instant(at(cal, {2026, 1, 30}, 17)), std::out_of_range);
  CHECK_THROWS_AS(cal.deadline_after(at(cal, {2026, 1, 29}, 9), 3), std::out_of_range);
  CHECK_THROWS_WITH(cal.deadline_after(at(cal, {2026, 1, 29}, 9), 3),
                    Catch::Contains("2026-01-01 .. 2026-01-31"));
  CHECK_THROWS_AS(cal.instant_at_work_clock(cal.total_work_seconds() + 1), std::out_of_range);
}

TEST_CASE("a date cannot be both a holiday and a make-up day", "[calendar]") {
  CHECK_THROWS_AS(sim::Calendar({2026, 1, 1}, 31, sim::WeeklySchedule::standard_office(),
                                {CivilDate{2026, 1, 10}}, {{CivilDate{2026, 1, 10}}}),
                  std::invalid_argument);
  // Dates outside the range are ignored.
  CHECK_NOTHROW(sim::Calendar({2026, 1, 1}, 31, sim::WeeklySchedule::standard_office(),
                              {CivilDate{2030, 1, 1}}, {{CivilDate{2030, 1, 5}}}));
}
