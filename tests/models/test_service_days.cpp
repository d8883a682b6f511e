// Tests of model::ServiceDays: the tabulated service day equals the calendar's own answer,
// day_of(next working instant, or never), at every boundary of a real calendar (openings,
// lunch, closings, holidays, make-up Saturdays, the last working day, the range's end) and at
// a sweep of instants in between.
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/service_days.hpp"
#include "sim/calendar.hpp"
#include "sim/holiday_table.hpp"

namespace {

const std::string kHolidayFile = TWOTIER_SOURCE_DIR "/scenarios/calendars/vn_public_holidays.csv";

// What the runtime computed before the table: day of the next working instant, or never.
int reference_day(const sim::Calendar& cal, sim::Instant t) {
  if (t >= cal.end() || cal.work_clock(t) >= cal.total_work_seconds())
    return twotier::model::kNeverDay;
  const sim::Instant next = cal.next_working_instant(t);
  return static_cast<int>(std::floor(next.seconds / sim::kSecondsPerDay));
}

void check_everywhere(const sim::Calendar& cal) {
  const twotier::model::ServiceDays days(cal);
  std::vector<double> probes;
  for (int d = 0; d < cal.num_days(); ++d) {
    const double midnight = d * sim::kSecondsPerDay;
    for (double s : {0.0, 1.0, 3600.0 * 7, 3600.0 * 7.5, 3600.0 * 12, 3600.0 * 16.5, 86399.0})
      probes.push_back(midnight + s);
    if (cal.is_working_day(d)) {
      for (const double edge : {cal.opening_of_day(d).seconds, cal.closing_of_day(d).seconds})
        for (const double t : {std::nextafter(edge, 0.0), edge, std::nextafter(edge, 1e18)})
          probes.push_back(t);
    }
  }
  const double end = cal.end().seconds;
  for (const double t : {std::nextafter(end, 0.0), end, end + 5.0, 2e15})
    probes.push_back(t);
  int mismatches = 0;
  for (const double t : probes) {
    const int expected = reference_day(cal, sim::Instant{t});
    const int got = days.day(sim::Instant{t});
    if (got != expected) {
      ++mismatches;
      UNSCOPED_INFO("t = " << t << " s: table " << got << ", calendar " << expected);
    }
    CHECK(days.has_work_from(sim::Instant{t}) == (expected != twotier::model::kNeverDay));
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("ServiceDays answers as the calendar on a real office calendar", "[service_days]") {
  const sim::HolidayTable table = sim::load_holiday_table(kHolidayFile);
  const sim::Calendar cal({2026, 1, 1}, 730, sim::WeeklySchedule::standard_office(), table.holidays,
                          table.makeup_working_days);
  check_everywhere(cal);
}

TEST_CASE("ServiceDays answers as the calendar when always open", "[service_days]") {
  const sim::Calendar cal({2026, 1, 1}, 60, sim::WeeklySchedule::always());
  check_everywhere(cal);
}
