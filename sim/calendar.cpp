#include "sim/calendar.hpp"

#include <algorithm>  // std::lower_bound, std::min
#include <cassert>
#include <cmath>      // std::floor
#include <cstdio>     // std::snprintf
#include <stdexcept>  // std::invalid_argument, std::out_of_range
#include <string>

namespace sim {
namespace {

std::string seconds_text(double s) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", s);
  return buffer;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// WeeklySchedule

WeeklySchedule::WeeklySchedule(std::array<DayIntervals, kDaysPerWeek> days)
    : days_(std::move(days)) {
  for (int wd = 0; wd < kDaysPerWeek; ++wd) {
    double previous_end = 0.0;
    for (std::size_t i = 0; i < days_[wd].size(); ++i) {
      const WorkingInterval& iv = days_[wd][i];
      const std::string where =
          "WeeklySchedule: weekday " + std::to_string(wd) + " interval " + std::to_string(i);
      if (!(iv.start_seconds >= 0.0) || !(iv.end_seconds <= kSecondsPerDay)) {
        throw std::invalid_argument(where + " [" + seconds_text(iv.start_seconds) + ", " +
                                    seconds_text(iv.end_seconds) +
                                    ") is not within [0, 86400] seconds of the day");
      }
      if (!(iv.start_seconds < iv.end_seconds)) {
        throw std::invalid_argument(where + " is empty or reversed: start " +
                                    seconds_text(iv.start_seconds) + " s, end " +
                                    seconds_text(iv.end_seconds) + " s");
      }
      if (iv.start_seconds < previous_end) {
        throw std::invalid_argument(where + " starts at " + seconds_text(iv.start_seconds) +
                                    " s, before the previous interval ends (" +
                                    seconds_text(previous_end) +
                                    " s); intervals must be sorted and must not overlap");
      }
      previous_end = iv.end_seconds;
    }
  }
}

WeeklySchedule WeeklySchedule::always() {
  std::array<DayIntervals, kDaysPerWeek> days;
  for (auto& d : days)
    d = {WorkingInterval{0.0, kSecondsPerDay}};
  return WeeklySchedule(std::move(days));
}

WeeklySchedule WeeklySchedule::office(DayIntervals weekday_hours, DayIntervals saturday_hours) {
  std::array<DayIntervals, kDaysPerWeek> days;
  for (int wd = kMonday; wd <= kFriday; ++wd)
    days[wd] = weekday_hours;
  days[kSaturday] = std::move(saturday_hours);
  return WeeklySchedule(std::move(days));
}

WeeklySchedule WeeklySchedule::standard_office() {
  return office({WorkingInterval::from_hours(7.5, 11.5), WorkingInterval::from_hours(13.0, 16.5)});
}

double WeeklySchedule::standard_day_seconds() const {
  for (int d = 0; d < kDaysPerWeek; ++d)
    if (const double seconds = working_seconds(d); seconds > 0.0) return seconds;
  return 0.0;
}

double WeeklySchedule::working_seconds(int weekday) const {
  assert(weekday >= 0 && weekday < kDaysPerWeek);
  double total = 0.0;
  for (const WorkingInterval& iv : days_[weekday])
    total += iv.length_seconds();
  return total;
}

// ---------------------------------------------------------------------------------------
// Calendar: construction

Calendar::Calendar(CivilDate epoch, int num_days, WeeklySchedule schedule,
                   const std::vector<CivilDate>& holidays,
                   const std::vector<MakeupWorkingDay>& makeup_days)
    : epoch_(epoch),
      num_days_(num_days),
      end_seconds_(num_days * kSecondsPerDay),
      schedule_(std::move(schedule)) {
  if (!is_valid(epoch)) {
    throw std::invalid_argument("Calendar: epoch " + to_string(epoch) + " is not a valid date");
  }
  if (num_days < 1) {
    throw std::invalid_argument("Calendar: num_days must be >= 1, got " + std::to_string(num_days));
  }
  for (int p = 0; p < kDaysPerWeek; ++p) {
    span_first_[p] = static_cast<std::uint32_t>(spans_.size());
    double done = 0.0;
    for (const WorkingInterval& iv : schedule_.intervals(p)) {
      spans_.push_back(Span{iv.start_seconds, iv.end_seconds, done});
      done += iv.length_seconds();
    }
    pattern_work_seconds_[p] = done;
  }
  span_first_[kNoWork] = span_first_[kNoWork + 1] = static_cast<std::uint32_t>(spans_.size());
  pattern_work_seconds_[kNoWork] = 0.0;

  const std::int64_t epoch_serial = days_from_civil(epoch_);
  day_pattern_.resize(num_days_);
  for (int d = 0; d < num_days_; ++d) {
    day_pattern_[d] = static_cast<std::uint8_t>(weekday_of_serial_day(epoch_serial + d));
  }
  auto index_in_range = [&](const CivilDate& date) -> std::optional<int> {
    if (!is_valid(date)) {
      throw std::invalid_argument("Calendar: " + to_string(date) + " is not a valid date");
    }
    const std::int64_t offset = days_from_civil(date) - epoch_serial;
    if (offset < 0 || offset >= num_days_) return std::nullopt;
    return static_cast<int>(offset);
  };
  std::vector<bool> is_holiday(num_days_, false);
  for (const CivilDate& h : holidays) {
    if (const auto d = index_in_range(h)) {
      day_pattern_[*d] = kNoWork;
      is_holiday[*d] = true;
    }
  }
  for (const MakeupWorkingDay& m : makeup_days) {
    if (m.hours_of_weekday < 0 || m.hours_of_weekday >= kDaysPerWeek) {
      throw std::invalid_argument("Calendar: make-up day " + to_string(m.date) +
                                  ": hours_of_weekday " + std::to_string(m.hours_of_weekday) +
                                  " is not a weekday (expected 0 = Monday .. 6 = Sunday)");
    }
    if (const auto d = index_in_range(m.date)) {
      if (is_holiday[*d]) {
        throw std::invalid_argument("Calendar: " + to_string(m.date) +
                                    " is both a holiday and a make-up working day");
      }
      day_pattern_[*d] = static_cast<std::uint8_t>(m.hours_of_weekday);
    }
  }

  cumulative_work_.resize(num_days_ + 1);
  working_days_before_.resize(num_days_ + 1);
  cumulative_work_[0] = 0.0;
  working_days_before_[0] = 0;
  for (int d = 0; d < num_days_; ++d) {
    const double work = pattern_work_seconds_[day_pattern_[d]];
    cumulative_work_[d + 1] = cumulative_work_[d] + work;
    working_days_before_[d + 1] = working_days_before_[d] + (work > 0.0 ? 1 : 0);
    if (work > 0.0) working_days_.push_back(d);
  }
  if (!working_days_.empty()) last_working_day_start_ = working_days_.back() * kSecondsPerDay;
}

// ---------------------------------------------------------------------------------------
// Calendar: range checks

void Calendar::throw_out_of_range(const std::string& detail) const {
  throw std::out_of_range("Calendar: " + detail + "; the calendar covers " + to_string(epoch_) +
                          " .. " + to_string(last_day()) + " (" + std::to_string(num_days_) +
                          " days); tabulate more days");
}

namespace {

// The range checks run on every query: the test is inline, the message is built out of line
// (building it inline kept the compiler from inlining the checks; 3% of a province run).
[[gnu::noinline, gnu::cold]] void throw_instant_out_of_range(const Calendar& cal, Instant t) {
  throw std::out_of_range("Calendar: instant " + seconds_text(t.seconds) +
                          " s is outside the range; the calendar covers " + to_string(cal.epoch()) +
                          " .. " + to_string(cal.last_day()) + " (" +
                          std::to_string(cal.num_days()) + " days); tabulate more days");
}

// The first j >= 1 with sorted[j] >= w, given sorted[0] < w <= sorted.back() (nondecreasing).
// Gallops out from `guess`, then binary-searches the bracket: the same answer as
// std::lower_bound over the whole range, in O(log distance) instead of O(log size).
std::size_t first_at_least(const std::vector<double>& sorted, double w, std::size_t guess) {
  const std::size_t last = sorted.size() - 1;
  guess = std::clamp<std::size_t>(guess, 1, last);
  std::size_t lo = 0;  // invariant: sorted[lo] < w <= sorted[hi]
  std::size_t hi = last;
  std::size_t step = 1;
  if (sorted[guess] >= w) {
    hi = guess;
    lo = hi > step ? hi - step : 0;
    while (sorted[lo] >= w) {  // ends at the latest at lo = 0
      hi = lo;
      step *= 2;
      lo = hi > step ? hi - step : 0;
    }
  } else {
    lo = guess;
    hi = std::min(lo + step, last);
    while (sorted[hi] < w) {  // ends at the latest at hi = last
      lo = hi;
      step *= 2;
      hi = std::min(lo + step, last);
    }
  }
  const auto first = sorted.begin() + static_cast<std::ptrdiff_t>(lo) + 1;
  const auto end = sorted.begin() + static_cast<std::ptrdiff_t>(hi) + 1;
  return static_cast<std::size_t>(std::lower_bound(first, end, w) - sorted.begin());
}

}  // namespace

void Calendar::check_instant(Instant t, bool allow_end) const {
  const double end_seconds = end().seconds;
  const bool ok =
      t.seconds >= 0.0 && (allow_end ? t.seconds <= end_seconds : t.seconds < end_seconds);
  if (!ok) [[unlikely]]
    throw_instant_out_of_range(*this, t);
}

void Calendar::throw_day_out_of_range(int day) const {
  throw_out_of_range("day index " + std::to_string(day) + " is outside the range");
}

// ---------------------------------------------------------------------------------------
// Calendar: days

CivilDate Calendar::last_day() const {
  return add_days(epoch_, num_days_ - 1);
}

int Calendar::day_index(Instant t) const {
  check_instant(t, /*allow_end=*/false);
  // t >= 0 here, so truncation is floor (and avoids a libm call on baseline x86-64).
  const int d = static_cast<int>(t.seconds / kSecondsPerDay);
  return std::min(d, num_days_ - 1);  // guards rounding just below end()
}

int Calendar::day_index(const CivilDate& date) const {
  const std::int64_t offset = days_between(epoch_, date);
  if (offset < 0 || offset >= num_days_) {
    throw_out_of_range("date " + to_string(date) + " is outside the range");
  }
  return static_cast<int>(offset);
}

CivilDate Calendar::date_of_day(int day) const {
  check_day(day, /*allow_end=*/false);
  return add_days(epoch_, day);
}

Instant Calendar::start_of_day(int day) const {
  check_day(day, /*allow_end=*/true);
  return {day * kSecondsPerDay};
}

bool Calendar::is_working_day(int day) const {
  check_day(day, /*allow_end=*/false);
  return pattern_work_seconds_[day_pattern_[day]] > 0.0;
}

int Calendar::working_days_between(int from_day, int to_day) const {
  check_day(from_day, /*allow_end=*/true);
  check_day(to_day, /*allow_end=*/true);
  assert(from_day <= to_day);
  return working_days_before_[to_day] - working_days_before_[from_day];
}

int Calendar::nth_working_day_after(int day, int n) const {
  check_day(day, /*allow_end=*/false);
  assert(n >= 1);
  const std::size_t k = static_cast<std::size_t>(working_days_before_[day + 1]) + (n - 1);
  if (k >= working_days_.size()) {
    throw_out_of_range("working day " + std::to_string(n) + " after " +
                       to_string(date_of_day(day)) + " is beyond the range");
  }
  return working_days_[k];
}

Instant Calendar::opening_of_day(int day) const {
  if (!is_working_day(day)) {
    throw std::invalid_argument("Calendar::opening_of_day: " + to_string(date_of_day(day)) +
                                " is not a working day");
  }
  return {day * kSecondsPerDay + schedule_.intervals(day_pattern_[day]).front().start_seconds};
}

Instant Calendar::closing_of_day(int day) const {
  if (!is_working_day(day)) {
    throw std::invalid_argument("Calendar::closing_of_day: " + to_string(date_of_day(day)) +
                                " is not a working day");
  }
  return {day * kSecondsPerDay + schedule_.intervals(day_pattern_[day]).back().end_seconds};
}

// ---------------------------------------------------------------------------------------
// Calendar: working time

bool Calendar::is_working(Instant t) const {
  const int d = day_index(t);
  const std::uint8_t p = day_pattern_[d];
  if (p == kNoWork) return false;
  const double s = t.seconds - d * kSecondsPerDay;
  for (const WorkingInterval& iv : schedule_.intervals(p)) {
    if (s < iv.start_seconds) return false;
    if (s < iv.end_seconds) return true;
  }
  return false;
}

double Calendar::work_clock_at_end(Instant t) const {
  check_instant(t, /*allow_end=*/true);
  return total_work_seconds();  // t == end(): the checked range leaves nothing else
}

Instant Calendar::instant_at_work_clock(double w) const {
  if (!(w >= 0.0 && w <= total_work_seconds())) {
    throw_out_of_range("working clock " + seconds_text(w) + " s is outside [0, " +
                       seconds_text(total_work_seconds()) + "]");
  }
  if (w == 0.0) return Instant{0.0};
  // The day on which the clock reaches w: the first d with cumulative_work_[d + 1] >= w. By
  // minimality cumulative_work_[d] < w, so that day has work left to do.
  // Working time is spread fairly evenly over the days, so proportion guesses the day to
  // within a few (holidays); the search gallops from there.
  const auto guess = static_cast<std::size_t>(w / total_work_seconds() * num_days_) + 1;
  const int d = static_cast<int>(first_at_least(cumulative_work_, w, guess)) - 1;
  return instant_on_day(d, w);
}

Instant Calendar::next_working_day_opening(Instant t) const {
  const int d = day_index(t);
  const std::uint8_t p = day_pattern_[d];
  if (p != kNoWork) {
    const double s = t.seconds - d * kSecondsPerDay;
    for (const WorkingInterval& iv : schedule_.intervals(p)) {
      if (s < iv.end_seconds) {
        return s >= iv.start_seconds ? t : Instant{d * kSecondsPerDay + iv.start_seconds};
      }
    }
  }
  const std::size_t k = static_cast<std::size_t>(working_days_before_[d + 1]);
  if (k >= working_days_.size()) {
    throw_out_of_range("no working time after " + to_string(date_of_day(d)));
  }
  return opening_of_day(working_days_[k]);
}

Instant Calendar::add_work(Instant start, WorkDuration effort) const {
  assert(effort.seconds >= 0.0);
  const double clock = work_clock(start);  // also checks the range
  if (effort.seconds == 0.0) return start;
  const double target = clock + effort.seconds;
  if (target > total_work_seconds()) {
    throw_out_of_range("work of " + seconds_text(effort.seconds) + " s started at " +
                       to_string(date_of(start)) + " would end beyond the range");
  }
  // Most work ends on the day it starts: that day is the search's hint (same answer for any).
  return instant_at_work_clock(target, static_cast<int>(start.seconds / kSecondsPerDay));
}

WorkDuration Calendar::working_time_between(Instant a, Instant b) const {
  assert(a <= b);
  return {work_clock(b) - work_clock(a)};
}

// ---------------------------------------------------------------------------------------
// Calendar: deadlines

int Calendar::effective_receipt_day(Instant receipt, const DeadlineRule& rule) const {
  const int d = day_index(receipt);
  if (is_working_day(d)) {
    const double closing = schedule_.intervals(day_pattern_[d]).back().end_seconds;
    const double cutoff = std::min(rule.receipt_cutoff_seconds_of_day.value_or(closing), closing);
    if (receipt.seconds - d * kSecondsPerDay < cutoff) return d;
  }
  return nth_working_day_after(d, 1);
}

Instant Calendar::deadline_after(Instant receipt, int working_days,
                                 const DeadlineRule& rule) const {
  assert(working_days >= 0);
  const int received = effective_receipt_day(receipt, rule);
  const int due_day = working_days == 0 ? received : nth_working_day_after(received, working_days);
  return closing_of_day(due_day);
}

}  // namespace sim
