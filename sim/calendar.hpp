// The working-time calendar: which instants are working time, and conversions between
// calendar time (Instant, Duration) and working time (WorkDuration).
//
// A Calendar tabulates a fixed range of days [0, num_days) starting at the epoch date (day 0
// begins at Instant 0). Every day has 86,400 s (no daylight saving; Vietnam has none). Working
// time is a weekly pattern of intervals, minus holidays, plus make-up working days.
// Invariants: immutable after construction; queries are O(intervals per day) or
// O(log num_days) and allocate nothing, so one Calendar may be shared read-only by many
// threads. Instants outside the tabulated range throw std::out_of_range (cheap to check, and
// silently wrong deadlines are worse than a stopped run).
#pragma once

#include <algorithm>  // std::min
#include <array>
#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/civil_date.hpp"
#include "sim/time.hpp"

namespace sim {

// A working interval [start, end) in seconds since local midnight.
struct WorkingInterval {
  double start_seconds = 0.0;
  double end_seconds = 0.0;

  static constexpr WorkingInterval from_hours(double start_h, double end_h) {
    return {start_h * kSecondsPerHour, end_h * kSecondsPerHour};
  }
  constexpr double length_seconds() const { return end_seconds - start_seconds; }
  constexpr bool operator==(const WorkingInterval&) const = default;
};

// Working intervals for each weekday (0 = Monday .. 6 = Sunday). A day may have several
// intervals (a lunch break separates morning and afternoon) or none (weekly rest day).
// Invariant (checked by the constructor, which throws std::invalid_argument): per day,
// intervals lie within [0, 86400], have start < end, are sorted and do not overlap (touching
// is allowed: [8h,12h) and [12h,13h)).
class WeeklySchedule {
 public:
  using DayIntervals = std::vector<WorkingInterval>;

  explicit WeeklySchedule(std::array<DayIntervals, kDaysPerWeek> days);

  // Every instant is working time (24x7): working time equals calendar time. For validating
  // the simulator against textbook queueing results.
  static WeeklySchedule always();
  // Monday to Friday work `weekday_hours`; Saturday works `saturday_hours` (empty by default:
  // some units open Saturday mornings for reception); Sunday is a rest day.
  static WeeklySchedule office(DayIntervals weekday_hours, DayIntervals saturday_hours = {});
  // The usual Vietnamese public-office day: 07:30-11:30 and 13:00-16:30 (7.5 h), Monday to
  // Friday. Units differ (many work 07:00/07:30-11:30, 13:00/13:30-17:00); scenarios should
  // pass their own hours to office().
  static WeeklySchedule standard_office();

  // REQUIRES: 0 <= weekday < 7
  const DayIntervals& intervals(int weekday) const {
    assert(weekday >= 0 && weekday < kDaysPerWeek);
    return days_[weekday];
  }
  double working_seconds(int weekday) const;
  // The length of one working day ("wd", in inputs and outputs alike): Monday's working
  // seconds, else the first weekday with working hours; 86,400 on a 24x7 schedule (a
  // deadline of N working days is N calendar days there, and so is N wd of work). 0 when no
  // day has working hours.
  double standard_day_seconds() const;

 private:
  std::array<DayIntervals, kDaysPerWeek> days_;
};

// A weekend (or any) date worked as a normal day, with the hours of `hours_of_weekday`.
struct MakeupWorkingDay {
  CivilDate date;
  int hours_of_weekday = kMonday;  // whose hours apply; Monday's by default
};

// How "N working days after receipt" is counted. The default is the usual reading of the
// one-stop rules: a dossier received on a working day before its closing time counts as
// received that day; received at or after closing, or on a non-working day, it counts as
// received on the next working day.
struct DeadlineRule {
  // Seconds since midnight at or after which a receipt counts as received on the next
  // working day. nullopt (default): the receiving day's closing time. If the cutoff is later
  // than that day's closing time (e.g. a short Saturday), the closing time applies.
  // Example: certification is "same day; next working day if received after 15:00" ->
  // cutoff 15 h with 0 working days.
  std::optional<double> receipt_cutoff_seconds_of_day;
};

class Calendar {
 public:
  // Tabulates days [0, num_days) from `epoch` (day 0 starts at Instant 0). Holidays are
  // non-working dates; make-up days are worked with the given weekday's hours. Dates outside
  // the range are ignored (a shared holiday file covers more years than one run needs).
  // Throws std::invalid_argument if num_days < 1, a make-up day's weekday is out of range, or
  // a date is both a holiday and a make-up day. Duplicates are harmless.
  // Cost: O(num_days + holidays + make-up days); a few microseconds per year of days.
  Calendar(CivilDate epoch, int num_days, WeeklySchedule schedule,
           const std::vector<CivilDate>& holidays = {},
           const std::vector<MakeupWorkingDay>& makeup_days = {});

  // --- Range and day arithmetic ---------------------------------------------------------
  CivilDate epoch() const { return epoch_; }
  int num_days() const { return num_days_; }
  CivilDate last_day() const;  // the date of day num_days() - 1
  // Instant at which the tabulated range ends (midnight after the last day).
  Instant end() const { return {end_seconds_}; }
  const WeeklySchedule& schedule() const { return schedule_; }

  // Day containing t. Throws std::out_of_range unless 0 <= t < end().
  int day_index(Instant t) const;
  // Day index of a date. Throws std::out_of_range outside the tabulated range.
  int day_index(const CivilDate& date) const;
  CivilDate date_of(Instant t) const { return date_of_day(day_index(t)); }
  CivilDate date_of_day(int day) const;  // throws std::out_of_range if day is outside
  Instant start_of_day(int day) const;   // midnight; throws std::out_of_range if outside

  // --- Working days ---------------------------------------------------------------------
  // A working day has at least one working interval (not a holiday and not a rest day, or a
  // make-up day).
  bool is_working_day(int day) const;
  // Number of working days d with from_day <= d < to_day. REQUIRES: from_day <= to_day;
  // both in [0, num_days()].
  int working_days_between(int from_day, int to_day) const;
  // The n-th working day strictly after `day` (n >= 1). Throws std::out_of_range if it is
  // beyond the tabulated range.
  int nth_working_day_after(int day, int n) const;
  // Start of the first / end of the last working interval of a working day. Throw
  // std::invalid_argument if the day is not a working day.
  Instant opening_of_day(int day) const;
  Instant closing_of_day(int day) const;

  // --- Working time ---------------------------------------------------------------------
  // Whether t lies inside a working interval (intervals are half-open: the closing instant
  // itself is not working time).
  bool is_working(Instant t) const;
  // Working seconds elapsed in [Instant 0, t). Non-decreasing; constant over idle time.
  // Valid for 0 <= t <= end(). Inline: a few million calls per province-year.
  double work_clock(Instant t) const {
    if (!(t.seconds >= 0.0 && t.seconds < end().seconds)) [[unlikely]]
      return work_clock_at_end(t);
    // 0 <= t < end(): truncation is floor; min() guards rounding just below end().
    const int d = std::min(static_cast<int>(t.seconds / kSecondsPerDay), num_days_ - 1);
    return cumulative_work_[d] + work_within_day(day_pattern_[d], t.seconds - d * kSecondsPerDay);
  }
  // work_clock(t) for t known to lie on `day`, without finding the day (the same operations).
  // REQUIRES: 0 <= day < num_days(), day * 86400 <= t < (day + 1) * 86400
  double work_clock_on_day(int day, Instant t) const {
    assert(day >= 0 && day < num_days_);
    return cumulative_work_[day] +
           work_within_day(day_pattern_[day], t.seconds - day * kSecondsPerDay);
  }
  // Whether working time remains at or after t: work_clock(t) < total_work_seconds(), without
  // the clock before the last working day. Valid for 0 <= t <= end() (throws otherwise).
  bool work_remains(Instant t) const {
    if (t.seconds >= 0.0 && t.seconds < last_working_day_start_) return true;
    return work_clock(t) < total_work_seconds();
  }
  // Total working seconds in the tabulated range (= work_clock(end())).
  double total_work_seconds() const { return cumulative_work_.back(); }
  // The earliest instant whose working clock equals w: the moment the w-th working second is
  // completed, i.e. the end of work, not the end of the idle gap that may follow it.
  // REQUIRES: 0 <= w <= total_work_seconds() (throws std::out_of_range otherwise).
  Instant instant_at_work_clock(double w) const;
  // The same instant as instant_at_work_clock(w), for any `day_hint`; without a search when
  // the clock reaches w on day_hint (work_clock_at_midnight(day_hint) < w <=
  // work_clock_at_midnight(day_hint + 1)), the common case of work ending the day it starts.
  Instant instant_at_work_clock(double w, int day_hint) const {
    if (day_hint >= 0 && day_hint < num_days_ && cumulative_work_[day_hint] < w &&
        w <= cumulative_work_[day_hint + 1])
      return instant_on_day(day_hint, w);
    return instant_at_work_clock(w);
  }
  // work_clock(b) - work_clock(a) for a and b on `day`, by the same operations (the day's
  // table entries read once): the working time of work that starts and ends on one day.
  // REQUIRES: 0 <= day < num_days(), day * 86400 <= a <= b < (day + 1) * 86400
  double work_clock_difference_on_day(int day, Instant a, Instant b) const {
    assert(day >= 0 && day < num_days_ && a <= b);
    const std::uint8_t p = day_pattern_[day];
    const double base = cumulative_work_[day];
    const double midnight = day * kSecondsPerDay;
    return (base + work_within_day(p, b.seconds - midnight)) -
           (base + work_within_day(p, a.seconds - midnight));
  }
  // work_clock at the midnight starting `day` (= work_clock(Instant{day * 86400})).
  // REQUIRES: 0 <= day <= num_days()
  double work_clock_at_midnight(int day) const {
    assert(day >= 0 && day <= num_days_);
    return cumulative_work_[day];
  }
  // t itself if working, else the start of the next working interval. Throws
  // std::out_of_range if there is none in the range. Inline for the common case (t on a
  // working day before its close).
  Instant next_working_instant(Instant t) const {
    if (t.seconds >= 0.0 && t.seconds < end().seconds) [[likely]]
      return next_working_instant_on_day(
          std::min(static_cast<int>(t.seconds / kSecondsPerDay), num_days_ - 1), t);
    return next_working_day_opening(t);
  }
  // next_working_instant(t) for t known to lie on `day`, without finding the day (the same
  // operations); fastest when a working instant follows on that day (the common case).
  // REQUIRES: 0 <= day < num_days(), day * 86400 <= t < (day + 1) * 86400
  Instant next_working_instant_on_day(int day, Instant t) const {
    assert(day >= 0 && day < num_days_);
    const std::uint8_t p = day_pattern_[day];
    const double s = t.seconds - day * kSecondsPerDay;
    for (std::uint32_t k = span_first_[p]; k < span_first_[p + 1]; ++k) {
      if (s < spans_[k].end_seconds)
        return s >= spans_[k].start_seconds
                   ? t
                   : Instant{day * kSecondsPerDay + spans_[k].start_seconds};
    }
    return next_working_day_opening(t);  // after the day's last close
  }
  // When `effort` working time started at `start` ends: the instant at which it is completed
  // (if it completes exactly at a closing time, the result is that closing time, not the next
  // opening). effort == 0 returns `start` unchanged, even at a non-working instant; callers
  // who need the next working instant ask next_working_instant.
  // REQUIRES: effort.seconds >= 0. Throws std::out_of_range if the work would end beyond
  // end().
  Instant add_work(Instant start, WorkDuration effort) const;
  // Working time in [a, b). REQUIRES: a <= b. Inverse of add_work:
  // working_time_between(t, add_work(t, e)) == e.
  WorkDuration working_time_between(Instant a, Instant b) const;

  // --- Deadlines ------------------------------------------------------------------------
  // "N working days after receipt": the closing time of the N-th working day after the
  // effective receipt day (N = 0: closing time of the effective receipt day itself). The
  // effective receipt day is the receipt's day if it is a working day and the receipt comes
  // before the rule's cutoff; otherwise the next working day. REQUIRES: working_days >= 0.
  // Throws std::out_of_range if the deadline falls beyond the tabulated range.
  Instant deadline_after(Instant receipt, int working_days, const DeadlineRule& rule = {}) const;
  // The effective receipt day used by deadline_after.
  int effective_receipt_day(Instant receipt, const DeadlineRule& rule = {}) const;

 private:
  static constexpr std::uint8_t kNoWork = kDaysPerWeek;  // pattern of a non-working day

  // Working seconds of day pattern p completed by `seconds_of_day`.
  double work_within_day(std::uint8_t pattern, double seconds_of_day) const {
    for (std::uint32_t k = span_first_[pattern]; k < span_first_[pattern + 1]; ++k) {
      const Span& span = spans_[k];
      if (seconds_of_day < span.start_seconds) return span.work_before;
      if (seconds_of_day < span.end_seconds)
        return span.work_before + (seconds_of_day - span.start_seconds);
    }
    return pattern_work_seconds_[pattern];
  }
  // The instant at which the clock reaches w on day d, given that it does: cumulative_work_[d]
  // < w <= cumulative_work_[d + 1].
  Instant instant_on_day(int d, double w) const {
    const std::uint8_t p = day_pattern_[d];
    double remaining = w - cumulative_work_[d];
    const double day_start = d * kSecondsPerDay;
    for (std::uint32_t k = span_first_[p]; k < span_first_[p + 1]; ++k) {
      const double length = spans_[k].end_seconds - spans_[k].start_seconds;
      if (remaining <= length) return {day_start + spans_[k].start_seconds + remaining};
      remaining -= length;
    }
    return {day_start + spans_[span_first_[p + 1] - 1].end_seconds};  // rounding left a sliver
  }
  // work_clock outside [0, end()): total at end(), else throws std::out_of_range.
  double work_clock_at_end(Instant t) const;
  // next_working_instant when t is not before a working interval of its own day (or is
  // outside the range: throws).
  Instant next_working_day_opening(Instant t) const;
  void check_instant(Instant t, bool allow_end) const;
  // Inline test (called on most day queries), message built out of line.
  void check_day(int day, bool allow_end) const {
    const bool ok = day >= 0 && (allow_end ? day <= num_days_ : day < num_days_);
    if (!ok) [[unlikely]]
      throw_day_out_of_range(day);
  }
  [[noreturn, gnu::noinline, gnu::cold]] void throw_day_out_of_range(int day) const;
  // Throws std::out_of_range with `detail` and the tabulated range (error path only).
  [[noreturn]] void throw_out_of_range(const std::string& detail) const;

  // Constant after construction.
  CivilDate epoch_;
  int num_days_;
  double end_seconds_;  // num_days_ * kSecondsPerDay, kept: end() is asked on every query
  WeeklySchedule schedule_;
  // Per weekday pattern: its intervals with the working seconds completed before each, in one
  // flat table (pattern p: spans_[span_first_[p] .. span_first_[p + 1]); kNoWork: none), and
  // the total.
  struct Span {
    double start_seconds;
    double end_seconds;
    double work_before;
  };
  std::vector<Span> spans_;
  std::array<std::uint32_t, kDaysPerWeek + 2> span_first_{};
  std::array<double, kDaysPerWeek + 1> pattern_work_seconds_{};
  // Per day: which weekday's hours apply (kNoWork for holidays and rest days).
  std::vector<std::uint8_t> day_pattern_;
  // cumulative_work_[d] = working seconds in days [0, d); size num_days + 1.
  std::vector<double> cumulative_work_;
  // working_days_before_[d] = number of working days in [0, d); size num_days + 1.
  std::vector<std::int32_t> working_days_before_;
  // Day indices of the working days, in order.
  std::vector<std::int32_t> working_days_;
  // Start (midnight) of the last working day, 0 if none: before it, work always remains
  // (the clock there is at most cumulative_work_ of that day, below the total).
  double last_working_day_start_ = 0.0;
};

}  // namespace sim
