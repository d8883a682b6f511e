// ServiceDays: the per-day table (see service_days.hpp).
#include "models/service_days.hpp"

namespace twotier::model {

ServiceDays::ServiceDays(const sim::Calendar& calendar)
    : calendar_(&calendar), last_day_(calendar.num_days() - 1) {
  const int n = calendar.num_days();
  days_.resize(static_cast<std::size_t>(std::max(n, 0)));
  int next = kNeverDay;
  for (int d = n - 1; d >= 0; --d) {
    Day& entry = days_[static_cast<std::size_t>(d)];
    entry.next_working_day = next;
    entry.close_seconds = -1.0;
    entry.exact = true;
    if (!calendar.is_working_day(d)) continue;
    // The calendar closes day d at d * 86400 + (its pattern's last end): find that end among
    // the weekly patterns; it must be the only candidate giving the same closing instant.
    const double closing = calendar.closing_of_day(d).seconds;
    const double midnight = d * sim::kSecondsPerDay;
    int matches = 0;
    for (int wd = 0; wd < sim::kDaysPerWeek; ++wd) {
      const auto& intervals = calendar.schedule().intervals(wd);
      if (intervals.empty() || midnight + intervals.back().end_seconds != closing) continue;
      if (matches > 0 && intervals.back().end_seconds == entry.close_seconds) continue;
      entry.close_seconds = intervals.back().end_seconds;
      ++matches;
    }
    // On the last working day the working clock may round to its total just before the
    // close (the calendar then says "never"): leave that day to the calendar.
    entry.exact = matches == 1 && entry.next_working_day != kNeverDay;
    next = d;
  }
}

int ServiceDays::slow_day(sim::Instant t) const {
  const sim::Calendar& cal = *calendar_;
  if (t >= cal.end() || cal.work_clock(t) >= cal.total_work_seconds()) return kNeverDay;
  const sim::Instant next = cal.next_working_instant(t);
  return next.seconds >= 1e15 ? kNeverDay
                              : static_cast<int>(std::floor(next.seconds / sim::kSecondsPerDay));
}

}  // namespace twotier::model
