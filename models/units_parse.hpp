// Parsers for the values with units written in scenario files: durations, rates,
// distributions, times of day, dates, probabilities. Each returns the value in the model's
// units (hours, per calendar day, seconds of the day) or throws ValueError saying what is
// wrong and what is allowed; callers add the file, line and key (CsvCell::parse, the loader).
// Stateless; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/scenario_error.hpp"
#include "models/spec.hpp"
#include "sim/civil_date.hpp"
#include "sim/distribution.hpp"

namespace twotier::model {

// What kind of time a unit of measure denotes.
enum class TimeBase : std::uint8_t {
  kCalendar,  // "d": elapsed calendar time
  kWorking,   // "wmin", "wh", "wd": time on the working calendar
  kEither,    // "min", "h": calendar for delays, working for efforts (the context decides)
};

struct DurationValue {
  double hours = 0.0;
  TimeBase base = TimeBase::kEither;
};

// Context for unit conversions: how long one working day ("wd") is.
struct UnitContext {
  double workday_hours = 8.0;  // REQUIRES: > 0
};

// "45min", "3h", "2d", "1.5d", "30wmin", "2wh", "5wd" (a space before the unit is allowed).
// Rejects negative, NaN, infinite and unit-less values.
DurationValue parse_duration(std::string_view text, const UnitContext& context);
// A calendar duration in seconds ("365d", "36h"); working units are rejected.
sim::Duration parse_calendar_duration(std::string_view text, const UnitContext& context);

// A rate: "120/month", "6/day", "40/week", "500/year", "3.2/1000res/year" (also /1000res/day,
// /week, /month). month = 365.25/12 days, year = 365.25 days.
struct RateValue {
  double per_day = 0.0;  // dossiers per calendar day (per 1,000 residents if below)
  bool per_thousand_residents = false;
};
RateValue parse_rate(std::string_view text);
// Dossiers per year above which one arrival stream is surely a typo.
inline constexpr double kMaxDossiersPerYearPerStream = 1e8;

// Where a distribution is used decides how "min"/"h" read and whether "d" is allowed.
enum class DelayUse : std::uint8_t {
  kEffort,  // officer effort: working time; "min"/"h" are working; "d" is rejected
  kDelay,   // lags and waits: "min"/"h"/"d" are calendar time, "w..." working time
};
// exp(2h), const(30min) or a bare duration, erlang(3, 1h) (k, mean), gamma(2h, 0.7) (mean, cv),
// lognormal(45min, 0.5) (mean, cv), tri(10min, 20min, 1h), uniform(1h, 2h),
// empirical(10min:0.2; 20min:0.5; 1h:0.3) (weights optional, normalised). All durations of one
// distribution must be of one kind (calendar or working).
DelaySpec parse_delay(std::string_view text, DelayUse use, const UnitContext& context);

// "07:30" -> seconds since midnight; "24:00" allowed (end of day).
double parse_time_of_day(std::string_view text);
// "07:30-11:30" -> [start, end) in seconds since midnight; REQUIRES start < end.
struct TimeInterval {
  double start_seconds = 0.0;
  double end_seconds = 0.0;
};
TimeInterval parse_time_interval(std::string_view text);

// "2026-01-01".
sim::CivilDate parse_date(std::string_view text);
// "2026-01-01", "2026-01-05T08:15", "2026-01-05T08:15:00" (or a space instead of T):
// the date and the seconds since its midnight.
struct DateTimeValue {
  sim::CivilDate date;
  double seconds_of_day = 0.0;
};
DateTimeValue parse_date_time(std::string_view text);

// A probability in [0, 1]; empty text gives `if_empty`.
double parse_probability(std::string_view text, double if_empty = 0.0);
// A finite number; with `minimum` / `maximum` bounds checked (inclusive unless stated).
double parse_number(std::string_view text);
// A non-negative whole number.
long long parse_count(std::string_view text);
// true/false/yes/no/1/0; empty gives `if_empty`.
bool parse_bool(std::string_view text, bool if_empty = false);

}  // namespace twotier::model
