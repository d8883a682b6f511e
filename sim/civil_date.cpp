// Day-number conversions use 400-year "eras" that start on 1 March, so that the leap day is
// the last day of each era-year and month lengths follow a fixed 5-month pattern
// (31,30,31,30,31 | 31,30,31,30,31 | 31,28/29), which a linear formula reproduces.
#include "sim/civil_date.hpp"

#include <cassert>
#include <cstdio>  // std::snprintf

namespace sim {
namespace {

constexpr std::int64_t kDaysPer400Years = 146097;
// Serial day (from 1970-01-01) of 0000-03-01, the start of era 0.
constexpr std::int64_t kEraZeroStart = -719468;

// Floor division for possibly negative numerators.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Day of the March-based year (0 = 1 March) at which month m (0 = March .. 11 = February)
// begins: the 153-day five-month pattern gives 306 days for ten months.
constexpr int march_based_month_start(int m) {
  return (153 * m + 2) / 5;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits)
    value = value * 10 + (c - '0');
  return value;
}

}  // namespace

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  assert(month >= 1 && month <= 12);
  static constexpr int kLengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kLengths[month - 1];
}

bool is_valid(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

std::int64_t days_from_civil(const CivilDate& date) {
  assert(is_valid(date));
  // Shift so the year starts in March: January and February belong to the previous year.
  const std::int64_t march_year = date.month <= 2 ? std::int64_t{date.year} - 1 : date.year;
  const int march_month = date.month <= 2 ? date.month + 9 : date.month - 3;  // 0 = March
  const std::int64_t era = floor_div(march_year, 400);
  const std::int64_t year_of_era = march_year - era * 400;  // 0..399
  const std::int64_t day_of_year = march_based_month_start(march_month) + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // 0..146096
  return era * kDaysPer400Years + day_of_era + kEraZeroStart;
}

CivilDate civil_from_days(std::int64_t serial_day) {
  const std::int64_t shifted = serial_day - kEraZeroStart;
  const std::int64_t era = floor_div(shifted, kDaysPer400Years);
  const std::int64_t day_of_era = shifted - era * kDaysPer400Years;  // 0..146096
  // Remove the leap days accumulated so far (one per 4 years, minus one per century, plus
  // the 400th-year day at the very end of the era) before dividing by 365.
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // 0..365
  const int march_month = static_cast<int>((5 * day_of_year + 2) / 153);       // 0..11
  const int day = static_cast<int>(day_of_year - march_based_month_start(march_month)) + 1;
  const int month = march_month < 10 ? march_month + 3 : march_month - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(year), month, day};
}

int weekday_of_serial_day(std::int64_t serial_day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t shifted = serial_day + kThursday;
  return static_cast<int>(shifted - floor_div(shifted, kDaysPerWeek) * kDaysPerWeek);
}

int weekday(const CivilDate& date) {
  return weekday_of_serial_day(days_from_civil(date));
}

CivilDate add_days(const CivilDate& date, std::int64_t days) {
  return civil_from_days(days_from_civil(date) + days);
}

std::int64_t days_between(const CivilDate& from, const CivilDate& to) {
  return days_from_civil(to) - days_from_civil(from);
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  const CivilDate date{to_int(year), to_int(month), to_int(day)};
  if (!is_valid(date)) return std::nullopt;
  return date;
}

std::string to_string(const CivilDate& date) {
  char buffer[32];
  const int n =
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace sim
