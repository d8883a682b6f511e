// A date on the proleptic Gregorian calendar, and conversions to and from a serial day number.
//
// Invariants: a CivilDate produced by this module is always valid (month 1..12, day within the
// month). Serial day numbers count days from 1970-01-01 (day 0), negative before it. Pure value
// type and free functions: no state, safe from any thread.
#pragma once

#include <compare>   // operator<=>
#include <cstdint>   // std::int64_t
#include <optional>  // std::optional
#include <string>
#include <string_view>

namespace sim {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..days_in_month(year, month)

  constexpr auto operator<=>(const CivilDate&) const = default;
};

// Days of the week, Monday first (ISO 8601 order, 0-based).
enum Weekday : int {
  kMonday = 0,
  kTuesday = 1,
  kWednesday = 2,
  kThursday = 3,
  kFriday = 4,
  kSaturday = 5,
  kSunday = 6,
};
inline constexpr int kDaysPerWeek = 7;

bool is_leap_year(int year);
// REQUIRES: 1 <= month <= 12
int days_in_month(int year, int month);
bool is_valid(const CivilDate& date);

// Serial day number of a date: 1970-01-01 -> 0, 1970-01-02 -> 1, 1969-12-31 -> -1.
// REQUIRES: is_valid(date)
std::int64_t days_from_civil(const CivilDate& date);
// Inverse of days_from_civil.
CivilDate civil_from_days(std::int64_t serial_day);

// 0 = Monday .. 6 = Sunday.
int weekday(const CivilDate& date);
int weekday_of_serial_day(std::int64_t serial_day);

// REQUIRES: is_valid(date)
CivilDate add_days(const CivilDate& date, std::int64_t days);
// Signed number of days from `from` to `to` (to - from).
std::int64_t days_between(const CivilDate& from, const CivilDate& to);

// Parses exactly "YYYY-MM-DD" (four-digit year, two-digit month and day, no surrounding
// whitespace); returns nullopt for any other text or an impossible date such as 2026-02-30.
std::optional<CivilDate> parse_iso_date(std::string_view text);
// "YYYY-MM-DD" (years outside 0..9999 print with as many digits as needed, sign for negative).
std::string to_string(const CivilDate& date);

}  // namespace sim
