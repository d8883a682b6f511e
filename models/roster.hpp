// The officers of one replication: who they are (OfficerSpec), when each is present, and how
// fast each works on a given day (learning curve, training).
//
// Presence is tabulated once per replication as one bit per (officer, day) over the run plus
// a margin: in post, not on annual leave, not sick. Sick days come from a counter-based hash
// of (officer stream seed, date), so an officer's sick days do not depend on anything else in
// the run (common random numbers hold across scenarios sharing the officer's id and unit).
// Leave blocks are drawn per (officer, calendar year) the same way and placed among the whole
// year's working days: presence on a date depends only on (seed, replication, officer, date),
// never on the run's start or length. A learning curve counts working days from the hire date,
// before the calendar's first day too, so speed on a date does not depend on the run's start
// either. Queries allocate nothing.
// Written at construction only; then read by one replication's event loop.
#pragma once

#include <algorithm>  // std::min
#include <cassert>
#include <cstdint>
#include <vector>

#include "models/service_days.hpp"
#include "models/spec.hpp"
#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace twotier::model {

// The roster a replication runs: spec.staff.roster, or, when empty, one anonymous officer
// per PositionSpec::officers (id "<unit>/<position>#<k>", the position's dossier share,
// default proficiency, always present); then, when the mobile team is on, teams x officers
// anonymous officers of its position at each unit it may go to (always present).
std::vector<OfficerSpec> effective_roster(const ModelSpec& spec);

// Sets position p's headcount to `officers`, keeping the roster consistent (a lever changes
// the ModelSpec only): added officers copy the proficiency and presence of the position's
// last single-duty officer (ids "<unit>/<position>#+<k>"); removed ones are the last
// single-duty officers of the position. Officers with concurrent duties are never removed.
// REQUIRES: officers >= 0. Throws std::invalid_argument when too few single-duty officers
// are left to remove.
void set_position_headcount(ModelSpec& spec, int p, int officers);

class Roster {
 public:
  // Tabulates presence for days [0, last_day]. REQUIRES: every unit calendar covers them.
  Roster(const ModelSpec& spec, std::uint64_t replication, int last_day);
  Roster(const Roster&) = delete;
  Roster& operator=(const Roster&) = delete;

  std::size_t size() const { return officers_.size(); }
  const OfficerSpec& officer(int o) const { return officers_[o]; }
  int unit(int o) const { return hot_[o].unit; }  // officer(o).unit, from the compact array
  const std::vector<OfficerSpec>& officers() const { return officers_; }
  const sim::Calendar& calendar(int o) const { return *hot_[o].calendar; }
  // The service-day table of spec calendar `c` (one per calendar, shared with the model).
  const ServiceDays& service_days(int c) const { return service_days_[c]; }
  // Whether the officer is ever absent or out of post (else presence checks are skipped).
  bool always_present(int o) const { return hot_[o].always_present; }
  // In post and neither on leave nor sick on `day` (days beyond the table: in post only).
  bool present(int o, int day) const {
    const Hot& officer = hot_[o];
    if (day < officer.from_day || day >= officer.until_day) return false;
    if (officer.always_present || day < 0 || day >= days_) return true;
    return bit(o, day);
  }
  // Speed on `day`: speed x learning curve x training (effort e takes e / speed).
  double speed(int o, int day) const {
    const Hot& pace = hot_[o];
    return pace.plain ? pace.speed : changing_speed(o, day);
  }
  double error_probability(int o, int day) const {
    const Hot& pace = hot_[o];
    return pace.plain ? std::min(pace.error_probability, 1.0) : changing_error_probability(o, day);
  }
  double dossier_share(int o) const { return hot_[o].dossier_share; }

  // When `work_seconds` of the officer's working time started at `from` ends, skipping the
  // days the officer is on leave or sick (an officer whose post ends finishes the task in
  // hand); +infinity when it would end past the calendar.
  sim::Instant add_work(int o, sim::Instant from, double work_seconds) const;
  // The first working instant at or after t on a day the officer's work progresses (see
  // add_work); +infinity past the calendar.
  sim::Instant next_working_instant(int o, sim::Instant t) const {
    return next_work_start(o, t).at;
  }
  // next_working_instant and the day it falls on (floor(at / 86400); kNeverDay with
  // +infinity), from the same table lookup.
  struct WorkStart {
    sim::Instant at;
    int day;
  };
  WorkStart next_work_start(int o, sim::Instant t) const {
    // The table gives the day of the calendar's next working instant (kNeverDay: none), so
    // the calendar is asked only for the instant returned; inline for the common case, a
    // day the officer works.
    const Hot& officer = hot_[o];
    const int day = officer.service_days->day(t);
    if (day == kNeverDay || !(officer.always_present || works(o, day)))
      return next_work_start_after(o, t, day);
    // t at or after that day's midnight: t is on it, before its close.
    if (t.seconds >= day * sim::kSecondsPerDay)
      return {officer.calendar->next_working_instant_on_day(day, t), day};
    return {officer.calendar->next_working_instant(t), day};
  }
  // add_work(o, from, work_seconds), given start = next_work_start(o, from): the same instant;
  // when the work starts on from's own day (the officer present, before the close), without
  // finding that day or checking presence again.
  sim::Instant add_work(int o, sim::Instant from, double work_seconds, WorkStart start) const {
    if (hot_[o].always_present || start.day == kNeverDay || !(work_seconds > 0.0) ||
        !(from.seconds >= start.day * sim::kSecondsPerDay))
      return add_work(o, from, work_seconds);
    // from <= start.at < (start.day + 1) * 86400: from is on start.day, a day the officer
    // works (next_work_start chose it), inside the calendar.
    return add_work_from_day(o, from, start.day, work_seconds);
  }
  // Working seconds in [a, b) on the days add_work counts (busy time of a task).
  double busy_seconds(int o, sim::Instant a, sim::Instant b) const;
  // Working seconds in [a, b) on days present (the officer's available time).
  double available_seconds(int o, sim::Instant a, sim::Instant b) const;

 private:
  // Days on which a started task progresses: present, or out of post (finishing it).
  bool works(int o, int day) const {
    const Hot& officer = hot_[o];
    return day < officer.from_day || day >= officer.until_day || day >= days_ || bit(o, day);
  }
  double changing_speed(int o, int day) const;
  // next_work_start when the officer does not work on `day`, the service day of t.
  WorkStart next_work_start_after(int o, sim::Instant t, int day) const;
  // add_work's walk from `from` on `day`, a day the officer works: the rest of that day, then
  // add_work_from_midnight. Inline: most work ends on the day it starts.
  // REQUIRES: not always present, 0 <= day < the calendar's days, from on day, work_seconds > 0
  sim::Instant add_work_from_day(int o, sim::Instant from, int day, double work_seconds) const {
    const sim::Calendar& cal = *hot_[o].calendar;
    const double c0 = cal.work_clock_on_day(day, from);
    const double c1 = cal.work_clock_at_midnight(std::min(day + 1, cal.num_days()));
    if (c1 - c0 >= work_seconds) return cal.instant_at_work_clock(c0 + work_seconds, day);
    return add_work_from_midnight(o, day + 1, work_seconds - (c1 - c0));
  }
  // add_work's walk over whole days from the midnight starting `day` (+infinity past the
  // calendar): the clock at each day's end is the clock at the next midnight, tabulated.
  sim::Instant add_work_from_midnight(int o, int day, double remaining) const;
  double changing_error_probability(int o, int day) const;
  template <class DayFilter>
  double seconds_on_days(int o, sim::Instant a, sim::Instant b, DayFilter counts) const;
  // REQUIRES: 0 <= day < days_ (unsigned: shifts, not a signed division)
  bool bit(int o, int day) const {
    assert(day >= 0 && day < days_);
    const auto d = static_cast<unsigned>(day);
    return (presence_[(d / 64) * officer_count_ + static_cast<std::size_t>(o)] >> (d % 64)) & 1u;
  }

  // Constant after construction.
  std::vector<OfficerSpec> officers_;
  std::vector<ServiceDays> service_days_;  // per spec calendar
  // What the queries read of an officer, in one cache line (they read several of these
  // fields per query: one line per officer instead of one per array): its calendar and the
  // calendar's ServiceDays table, OfficerSpec's [from_day, until_day) and unit, whether it
  // is always present, and its pace; `plain`: no learning curve and no training, so speed
  // and error probability do not depend on the day.
  struct alignas(64) Hot {
    const sim::Calendar* calendar;
    const ServiceDays* service_days;
    int from_day;
    int until_day;
    int unit;
    bool always_present;
    bool plain;
    double speed;
    double error_probability;
    double dossier_share;
  };
  std::vector<Hot> hot_;
  // Per officer: working days of the learning curve done before the calendar's first day.
  std::vector<int> ramp_days_before_;
  int days_ = 0;  // tabulated days
  // Bit per (officer, day), 1 = present: word (day / 64) * officers + officer, so the words
  // of the weeks being simulated lie together (3,240 officers: 26 KB, not one line each).
  std::vector<std::uint64_t> presence_;
  std::size_t officer_count_ = 0;  // officers_.size(), the stride of presence_
};

}  // namespace twotier::model
