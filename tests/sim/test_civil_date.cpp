// Tests of sim::CivilDate: day-number round trips, weekdays, leap years, ISO parsing.
#include <catch2/catch.hpp>

#include "sim/civil_date.hpp"

using sim::CivilDate;

TEST_CASE("serial day numbers match known dates", "[civil_date]") {
  CHECK(sim::days_from_civil({1970, 1, 1}) == 0);
  CHECK(sim::days_from_civil({1970, 1, 2}) == 1);
  CHECK(sim::days_from_civil({1969, 12, 31}) == -1);
  CHECK(sim::days_from_civil({2000, 3, 1}) == 11017);
  CHECK(sim::days_from_civil({2026, 1, 1}) == 20454);
  CHECK(sim::days_from_civil({1600, 2, 29}) == -135081);
  CHECK(sim::civil_from_days(20454) == CivilDate{2026, 1, 1});
  CHECK(sim::civil_from_days(-135081) == CivilDate{1600, 2, 29});
}

TEST_CASE("days_from_civil and civil_from_days are inverse over four centuries", "[civil_date]") {
  // Walk day by day from 1899-12-25 to 2300-01-05, checking that each date follows the previous
  // one by the calendar rules, so the conversion is checked independently of itself.
  CivilDate expected{1899, 12, 25};
  const std::int64_t first = sim::days_from_civil(expected);
  for (std::int64_t n = first; n < first + 146097 + 20; ++n) {
    const CivilDate got = sim::civil_from_days(n);
    REQUIRE(got == expected);
    REQUIRE(sim::days_from_civil(got) == n);
    if (expected.day < sim::days_in_month(expected.year, expected.month)) {
      ++expected.day;
    } else if (expected.month < 12) {
      expected = {expected.year, expected.month + 1, 1};
    } else {
      expected = {expected.year + 1, 1, 1};
    }
  }
}

TEST_CASE("weekdays are Monday-based", "[civil_date]") {
  CHECK(sim::weekday({1970, 1, 1}) == sim::kThursday);
  CHECK(sim::weekday({2026, 2, 14}) == sim::kSaturday);
  CHECK(sim::weekday({2026, 2, 16}) == sim::kMonday);
  CHECK(sim::weekday({2026, 4, 26}) == sim::kSunday);
  CHECK(sim::weekday({1969, 12, 29}) == sim::kMonday);  // negative serial day
  CHECK(sim::weekday({2000, 1, 1}) == sim::kSaturday);
}

TEST_CASE("leap years follow the Gregorian rule", "[civil_date]") {
  CHECK(sim::is_leap_year(2024));
  CHECK_FALSE(sim::is_leap_year(2025));
  CHECK_FALSE(sim::is_leap_year(1900));
  CHECK(sim::is_leap_year(2000));
  CHECK(sim::days_in_month(2028, 2) == 29);
  CHECK(sim::days_in_month(2026, 2) == 28);
  CHECK(sim::is_valid({2028, 2, 29}));
  CHECK_FALSE(sim::is_valid({2026, 2, 29}));
  CHECK_FALSE(sim::is_valid({2026, 13, 1}));
  CHECK_FALSE(sim::is_valid({2026, 4, 31}));
}

TEST_CASE("add_days and days_between cross months and years", "[civil_date]") {
  CHECK(sim::add_days({2026, 2, 14}, 8) == CivilDate{2026, 2, 22});
  CHECK(sim::add_days({2025, 12, 31}, 1) == CivilDate{2026, 1, 1});
  CHECK(sim::add_days({2028, 3, 1}, -1) == CivilDate{2028, 2, 29});
  CHECK(sim::days_between({2026, 1, 1}, {2027, 1, 1}) == 365);
  CHECK(sim::days_between({2028, 1, 1}, {2027, 1, 1}) == -365);
}

TEST_CASE("dates compare chronologically", "[civil_date]") {
  CHECK(CivilDate{2026, 2, 14} < CivilDate{2026, 2, 15});
  CHECK(CivilDate{2025, 12, 31} < CivilDate{2026, 1, 1});
  CHECK(CivilDate{2026, 3, 1} > CivilDate{2026, 2, 28});
}

TEST_CASE("parse_iso_date accepts exactly YYYY-MM-DD", "[civil_date]") {
  CHECK(sim::parse_iso_date("2026-02-14") == CivilDate{2026, 2, 14});
  CHECK(sim::parse_iso_date("2028-02-29") == CivilDate{2028, 2, 29});
  for (const char* bad : {"2026-13-01", "2026-02-29", "2026-2-14", "26-02-14", "2026/02/14",
                          " 2026-02-14", "2026-02-14 ", "2026-02-1x", "", "2026-00-10"}) {
    INFO(bad);
    CHECK_FALSE(sim::parse_iso_date(bad).has_value());
  }
}

TEST_CASE("to_string pads to YYYY-MM-DD and round-trips", "[civil_date]") {
  CHECK(sim::to_string({2026, 2, 4}) == "2026-02-04");
  CHECK(sim::to_string({987, 1, 1}) == "0987-01-01");
  CHECK(sim::parse_iso_date(sim::to_string({2031, 12, 31})) == CivilDate{2031, 12, 31});
}
