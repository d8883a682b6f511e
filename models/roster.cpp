// Roster: presence table, learning curve and absence-aware working time (see roster.hpp).
#include "models/roster.hpp"

#include <climits>
#include <stdexcept>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "sim/random.hpp"

namespace twotier::model {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A uniform in [0, 1) that depends only on (seed, counter): the per-(officer, day) draw.
double hashed_uniform(std::uint64_t seed, std::uint64_t counter) {
  return static_cast<double>(sim::splitmix64(seed ^ sim::splitmix64(counter)) >> 11) * 0x1.0p-53;
}

// The working days of whole calendar years on one unit calendar's schedule and holidays,
// however short the run: leave is placed among a year's working days, so the run's window
// must not cut the year. Set-up work (one small calendar per spec calendar and replication).
struct YearCalendar {
  int first_year = 0;
  int last_year = -1;
  std::int64_t first_serial = 0;  // serial day of 1 January of first_year
  std::optional<sim::Calendar> calendar;

  // Covers the years of days [0, days) of `cal` (REQUIRES: days >= 1).
  YearCalendar(const ModelSpec& spec, const sim::Calendar& cal, int days) {
    const sim::CivilDate first = cal.epoch();
    const sim::CivilDate last = sim::add_days(first, std::max(1, days) - 1);
    first_year = first.year;
    last_year = last.year;
    const sim::CivilDate from{first_year, 1, 1};
    first_serial = sim::days_from_civil(from);
    const auto span =
        static_cast<int>(sim::days_between(from, sim::CivilDate{last_year + 1, 1, 1}));
    calendar.emplace(from, span, cal.schedule(), spec.holiday_table.holidays,
                     spec.holiday_table.makeup_working_days);
  }
};

// The serial days of an officer's annual leave in `year`: the year's working days split into
// `blocks` equal segments, one block of consecutive working days placed uniformly inside each
// segment (uniforms from (seed, year, block) only).
std::vector<std::int64_t> leave_dates(const YearCalendar& years, int year, int days_per_year,
                                      int leave_blocks, std::uint64_t seed) {
  const sim::Calendar& cal = *years.calendar;
  const int begin =
      static_cast<int>(sim::days_from_civil(sim::CivilDate{year, 1, 1}) - years.first_serial);
  const int end =
      static_cast<int>(sim::days_from_civil(sim::CivilDate{year + 1, 1, 1}) - years.first_serial);
  std::vector<int> working;
  for (int d = begin; d < end; ++d)
    if (cal.is_working_day(d)) working.push_back(d);
  const int blocks = std::max(1, leave_blocks);
  const int n = static_cast<int>(working.size());
  std::vector<std::int64_t> dates;
  for (int b = 0; b < blocks; ++b) {
    const int length = days_per_year / blocks + (b < days_per_year % blocks);
    const int seg_begin = n * b / blocks;
    const int seg_end = n * (b + 1) / blocks;
    const int room = seg_end - seg_begin - length;
    if (length <= 0 || seg_end <= seg_begin) continue;
    const double u = hashed_uniform(seed, static_cast<std::uint64_t>(year) * 64 + b);
    const int first = seg_begin + (room > 0 ? static_cast<int>(u * (room + 1)) : 0);
    for (int k = first; k < std::min(seg_end, first + length); ++k)
      dates.push_back(years.first_serial + working[static_cast<std::size_t>(k)]);
  }
  return dates;
}

// Working days of `officer` between the hire date and the calendar's first day (0 when hired
// on or after it), on the unit calendar's schedule and the holiday table: a ramp-up begun
// before the run goes on where it stands on the run's first day. Counted up to ramp_workdays
// (later days do not change the ramp). Set-up work, for officers with a learning curve only.
int working_days_before(const ModelSpec& spec, const sim::Calendar& cal,
                        const OfficerSpec& officer) {
  if (officer.from_day >= 0 || officer.from_day == INT_MIN) return 0;
  const sim::CivilDate hired = sim::add_days(cal.epoch(), officer.from_day);
  // Whole years from the hire's, in steps, until the ramp is surely over or the epoch reached.
  int worked = 0;
  sim::CivilDate from = hired;
  while (from < cal.epoch() && worked < officer.ramp_workdays) {
    const sim::CivilDate year_end{from.year + 1, 1, 1};
    const sim::CivilDate to = std::min(year_end, cal.epoch());
    const auto span = static_cast<int>(sim::days_between(from, to));
    const sim::Calendar part(from, span, cal.schedule(), spec.holiday_table.holidays,
                             spec.holiday_table.makeup_working_days);
    worked += part.working_days_between(0, span);
    from = to;
  }
  return std::min(worked, officer.ramp_workdays);
}

int day_of(double seconds) {
  // Truncation is floor for t >= 0 (the usual case) and needs no libm call.
  return seconds >= 0.0 ? static_cast<int>(seconds / sim::kSecondsPerDay)
                        : static_cast<int>(std::floor(seconds / sim::kSecondsPerDay));
}

}  // namespace

namespace {

void add_anonymous(const ModelSpec& spec, int p, int count, std::vector<OfficerSpec>& roster) {
  const PositionSpec& position = spec.positions[p];
  for (int k = 1; k <= count; ++k) {
    OfficerSpec officer;
    officer.id = spec.units[position.unit].id + "/" + position.id + "#" + std::to_string(k);
    officer.unit = position.unit;
    officer.positions = {p};
    officer.dossier_share = position.dossier_share;
    roster.push_back(std::move(officer));
  }
}

}  // namespace

std::vector<OfficerSpec> effective_roster(const ModelSpec& spec) {
  std::vector<OfficerSpec> roster = spec.staff.roster;
  if (roster.empty()) {
    for (std::size_t p = 0; p < spec.positions.size(); ++p)
      add_anonymous(spec, static_cast<int>(p), spec.positions[p].officers, roster);
  }
  // The mobile team's officers, at every unit it may go to (off duty until it comes there:
  // the runtime puts one team's officers on duty at a time, see OfficerDispatch::set_on_duty).
  const MobileTeamSpec& mobile = spec.levers.mobile;
  if (mobile.enabled) {
    for (const int p : mobile.position_at_unit)
      if (p >= 0) add_anonymous(spec, p, mobile.teams * mobile.officers, roster);
  }
  return roster;
}

void set_position_headcount(ModelSpec& spec, int p, int officers) {
  PositionSpec& position = spec.positions[static_cast<std::size_t>(p)];
  const int delta = officers - position.officers;
  position.officers = officers;
  std::vector<OfficerSpec>& roster = spec.staff.roster;
  if (roster.empty() || delta == 0) return;  // an empty roster is derived from the counts
  const auto single_duty = [p](const OfficerSpec& o) {
    return o.positions.size() == 1 && o.positions.front() == p;
  };
  if (delta > 0) {
    OfficerSpec model;
    model.unit = position.unit;
    model.positions = {p};
    model.dossier_share = position.dossier_share;
    for (auto it = roster.rbegin(); it != roster.rend(); ++it)
      if (single_duty(*it)) {
        model = *it;
        break;
      }
    model.from_day = INT_MIN;  // present from the start, like the officers it joins
    model.until_day = INT_MAX;
    for (int k = 1; k <= delta; ++k) {
      OfficerSpec added = model;
      added.id = spec.units[static_cast<std::size_t>(position.unit)].id + "/" + position.id + "#+" +
                 std::to_string(k);
      roster.push_back(std::move(added));
    }
    return;
  }
  int to_remove = -delta;
  for (std::size_t i = roster.size(); i-- > 0 && to_remove > 0;) {
    if (!single_duty(roster[i])) continue;
    roster.erase(roster.begin() + static_cast<std::ptrdiff_t>(i));
    --to_remove;
  }
  if (to_remove > 0)
    throw std::invalid_argument("position '" + position.id + "': cannot remove " +
                                std::to_string(-delta) +
                                " officers, the others hold concurrent duties");
}

Roster::Roster(const ModelSpec& spec, std::uint64_t replication, int last_day)
    : officers_(effective_roster(spec)), days_(std::max(0, last_day + 1)) {
  officer_count_ = officers_.size();
  const std::size_t words_per_officer = (static_cast<std::size_t>(days_) + 63) / 64;
  presence_.assign(words_per_officer * officers_.size(), ~std::uint64_t{0});
  service_days_.reserve(spec.calendars.size());  // hot_ points into it
  for (const sim::Calendar& cal : spec.calendars)
    service_days_.emplace_back(cal);
  // Working days of whole calendar years, per spec calendar, built on first use: the years
  // the presence table touches, from 1 January of the first to 31 December of the last.
  std::vector<std::optional<YearCalendar>> year_calendars(spec.calendars.size());
  const auto years_of = [&](int c) -> const YearCalendar& {
    auto& slot = year_calendars[static_cast<std::size_t>(c)];
    if (!slot) slot.emplace(spec, spec.calendars[static_cast<std::size_t>(c)], days_);
    return *slot;
  };
  for (std::size_t o = 0; o < officers_.size(); ++o) {
    const OfficerSpec& officer = officers_[o];
    const UnitSpec& unit = spec.units[officer.unit];
    const sim::Calendar& cal = spec.calendars[unit.calendar];
    const bool ramps = officer.ramp_workdays > 0 && officer.ramp_start_speed < 1.0;
    const bool always = officer.from_day == INT_MIN && officer.until_day == INT_MAX &&
                        officer.sick_rate <= 0.0 && officer.leave_days_per_year <= 0;
    hot_.push_back({&cal, &service_days_[unit.calendar], officer.from_day, officer.until_day,
                    officer.unit, always, !ramps && officer.training.empty(), officer.speed,
                    officer.error_probability, officer.dossier_share});
    ramp_days_before_.push_back(ramps ? working_days_before(spec, cal, officer) : 0);
    if (always) continue;
    auto clear = [&](int day) {
      presence_[static_cast<std::size_t>(day / 64) * officer_count_ + o] &=
          ~(std::uint64_t{1} << (day % 64));
    };
    const int days = std::min(days_, cal.num_days());
    const std::string key = unit.id + "/" + officer.id;
    // Both draws are keyed by the date (its serial day, its year), never by the day's index
    // in the run: any window gives the officer the same absences on the same dates.
    const std::int64_t epoch_serial = sim::days_from_civil(cal.epoch());
    if (officer.sick_rate > 0.0) {
      const std::uint64_t seed = sim::derive_seed(spec.seed, replication, "sick/" + key);
      for (int d = 0; d < days; ++d)
        if (hashed_uniform(seed, static_cast<std::uint64_t>(epoch_serial + d)) < officer.sick_rate)
          clear(d);
    }
    if (officer.leave_days_per_year > 0 && days > 0) {
      const std::uint64_t seed = sim::derive_seed(spec.seed, replication, "leave/" + key);
      const YearCalendar& year_days = years_of(unit.calendar);
      for (int year = year_days.first_year; year <= year_days.last_year; ++year)
        for (const std::int64_t serial :
             leave_dates(year_days, year, officer.leave_days_per_year, officer.leave_blocks, seed))
          if (serial >= epoch_serial && serial < epoch_serial + days)
            clear(static_cast<int>(serial - epoch_serial));
    }
    for (int day = 0; day < days_; ++day)
      if (day < officer.from_day || day >= officer.until_day) clear(day);
  }
}

double Roster::changing_speed(int o, int day) const {
  const OfficerSpec& officer = officers_[o];
  double s = officer.speed;
  if (officer.ramp_workdays > 0 && officer.ramp_start_speed < 1.0) {
    const sim::Calendar& cal = *hot_[o].calendar;
    const int from = std::clamp(officer.from_day, 0, cal.num_days());
    const int to = std::clamp(day, from, cal.num_days());
    // Working days since the hire date: those before the calendar's first day, counted once,
    // then the calendar's (the ramp follows the date of hire, not the run's start).
    const int worked = ramp_days_before_[static_cast<std::size_t>(o)] +
                       (day < officer.from_day ? 0 : cal.working_days_between(from, to));
    const double done = std::min(1.0, static_cast<double>(worked) / officer.ramp_workdays);
    s *= officer.ramp_start_speed + (1.0 - officer.ramp_start_speed) * done;
  }
  for (const TrainingEffect& t : officer.training)
    if (day >= t.from_day) s *= t.speed_factor;
  return s;
}

double Roster::changing_error_probability(int o, int day) const {
  const OfficerSpec& officer = officers_[o];
  double p = officer.error_probability;
  for (const TrainingEffect& t : officer.training)
    if (day >= t.from_day) p *= t.error_factor;
  return std::min(p, 1.0);
}

sim::Instant Roster::add_work(int o, sim::Instant from, double work_seconds) const {
  const sim::Calendar& cal = *hot_[o].calendar;
  const double total = cal.total_work_seconds();
  if (from >= cal.end()) return {kInfinity};
  if (hot_[o].always_present) {
    if (cal.work_clock(from) + work_seconds > total) return {kInfinity};
    return cal.add_work(from, sim::WorkDuration{work_seconds});
  }
  if (work_seconds <= 0.0) return from;
  // Day by day from `from`; after the first day each day starts at midnight. The same values
  // and operations as asking work_clock at each day's bounds, so the same instant to the
  // last bit.
  const int day = day_of(from.seconds);
  if (day < 0) return add_work_from_midnight(o, 0, work_seconds);  // before the calendar
  if (!works(o, day)) return add_work_from_midnight(o, day + 1, work_seconds);
  return add_work_from_day(o, from, day, work_seconds);
}

sim::Instant Roster::add_work_from_midnight(int o, int day, double remaining) const {
  const sim::Calendar& cal = *hot_[o].calendar;
  for (; day < cal.num_days(); ++day) {
    if (!works(o, day)) continue;
    const double c0 = cal.work_clock_at_midnight(day);
    const double c1 = cal.work_clock_at_midnight(day + 1);
    if (c1 - c0 >= remaining) return cal.instant_at_work_clock(c0 + remaining, day);
    remaining -= c1 - c0;
  }
  return {kInfinity};
}

Roster::WorkStart Roster::next_work_start_after(int o, sim::Instant t, int day) const {
  const ServiceDays& days = *hot_[o].service_days;
  for (; day != kNeverDay; day = days.day(t)) {
    if (hot_[o].always_present || works(o, day))
      return {hot_[o].calendar->next_working_instant(t), day};
    t = sim::Instant{(day + 1) * sim::kSecondsPerDay};
  }
  return {{kInfinity}, kNeverDay};
}

template <class DayFilter>
double Roster::seconds_on_days(int o, sim::Instant a, sim::Instant b, DayFilter counts) const {
  // Per day the clock's difference between max(a, day start) and min(b, day end), summed in
  // day order. At midnights the calendar's tabulated clock is that of work_clock there: the
  // same values and operations as asking work_clock at each bound, so the same sum to the
  // last bit (a per-officer prefix sum would round differently).
  const sim::Calendar& cal = *hot_[o].calendar;
  const double end = std::min(b.seconds, cal.end().seconds);
  double sum = 0.0;
  const double from = std::max(a.seconds, 0.0);
  if (!(from < end)) return sum;
  int day = day_of(from);
  for (bool first = true;; first = false, ++day) {
    const double midnight = (day + 1) * sim::kSecondsPerDay;  // the day's end
    if (counts(day)) {
      const double c0 = first ? cal.work_clock({from}) : cal.work_clock_at_midnight(day);
      const double c1 =
          midnight <= end ? cal.work_clock_at_midnight(day + 1) : cal.work_clock({end});
      sum += c1 - c0;
    }
    if (!(midnight < end)) return sum;
  }
}

double Roster::busy_seconds(int o, sim::Instant a, sim::Instant b) const {
  if (!(a < b)) return 0.0;
  const sim::Calendar& cal = *hot_[o].calendar;
  if (hot_[o].always_present) return cal.working_time_between(a, std::min(b, cal.end())).seconds;
  // Most tasks start and end on one day (96% in Dong Nai): the general walk's single term,
  // 0.0 + (work_clock(b) - work_clock(a)), with the day's table entries read once.
  if (a.seconds >= 0.0 && b < cal.end()) {
    const int day = static_cast<int>(a.seconds / sim::kSecondsPerDay);
    // b < (day + 1) * 86400 follows from the equal quotients (division is monotonic).
    if (day < cal.num_days() && static_cast<int>(b.seconds / sim::kSecondsPerDay) == day) {
      double sum = 0.0;
      if (works(o, day)) sum += cal.work_clock_difference_on_day(day, a, b);
      return sum;
    }
  }
  return seconds_on_days(o, a, b, [&](int day) { return works(o, day); });
}

double Roster::available_seconds(int o, sim::Instant a, sim::Instant b) const {
  if (!(a < b)) return 0.0;
  const sim::Calendar& cal = *hot_[o].calendar;
  if (hot_[o].always_present) return cal.working_time_between(a, std::min(b, cal.end())).seconds;
  return seconds_on_days(o, a, b, [&](int day) { return present(o, day); });
}

}  // namespace twotier::model
