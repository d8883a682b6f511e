// The day on which work handed over at an instant can start at a unit: the day of the
// calendar's next working instant, tabulated per day (closing time, next working day) so the
// hot path asks no working clock. Answers exactly what day_of(next working instant, or never)
// answers through sim::Calendar; instants outside [0, end) and days whose closing time cannot
// be matched to the weekly schedule go through the calendar itself.
// Constant after construction; the calendar must outlive it.
#pragma once

#include <algorithm>  // std::min
#include <cmath>      // std::floor
#include <limits>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace twotier::model {

// The day index standing for "never" (no working time left in the calendar).
inline constexpr int kNeverDay = std::numeric_limits<int>::max() / 2;

class ServiceDays {
 public:
  explicit ServiceDays(const sim::Calendar& calendar);

  // day_of(next working instant at or after t), kNeverDay when there is none.
  int day(sim::Instant t) const {
    if (!(t.seconds >= 0.0 && t < calendar_->end())) return slow_day(t);
    const int raw = static_cast<int>(t.seconds / sim::kSecondsPerDay);
    const int d = std::min(raw, last_day_);
    const double s = t.seconds - d * sim::kSecondsPerDay;
    const Day& entry = days_[d];
    if (!entry.exact) return slow_day(t);
    if (s < entry.close_seconds) return raw == d ? d : slow_day(t);
    return entry.next_working_day;
  }
  // Whether some working time lies at or after t (else the next working instant is never).
  bool has_work_from(sim::Instant t) const { return day(t) != kNeverDay; }

 private:
  struct Day {
    double close_seconds;  // end of the last working interval (seconds of the day); -1: none
    int next_working_day;  // first working day after this one, or kNeverDay
    bool exact;            // close_seconds is surely the calendar's own value (else: slow_day)
  };
  int slow_day(sim::Instant t) const;

  const sim::Calendar* calendar_;
  int last_day_ = 0;
  std::vector<Day> days_;
};

}  // namespace twotier::model
