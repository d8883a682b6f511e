// Tests of sim::load_holiday_table / parse_holiday_table: the shipped Vietnam file, format
// tolerance (BOM, CRLF, quotes, extra columns) and exact error messages.
#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "sim/holiday_table.hpp"

using sim::CivilDate;

namespace {

const std::string kHolidayFile = TWOTIER_SOURCE_DIR "/scenarios/calendars/vn_public_holidays.csv";

bool contains(const std::vector<CivilDate>& dates, CivilDate d) {
  return std::find(dates.begin(), dates.end(), d) != dates.end();
}

std::string error_of(const std::string& csv) {
  try {
    sim::parse_holiday_table(csv, "h.csv");
  } catch (const sim::HolidayTableError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the shipped Vietnam holiday file loads and is consistent", "[holiday_table]") {
  const sim::HolidayTable t = sim::load_holiday_table(kHolidayFile);
  // Tet 2026: civil servants off Saturday 14 to Sunday 22 February.
  for (int day = 14; day <= 22; ++day)
    CHECK(contains(t.holidays, CivilDate{2026, 2, day}));
  CHECK_FALSE(contains(t.holidays, CivilDate{2026, 2, 23}));
  CHECK(contains(t.holidays, CivilDate{2026, 4, 27}));  // Gio To on Sunday: Monday off
  CHECK(contains(t.holidays, CivilDate{2025, 9, 1}));
  // Each year 2025-2031 has New Year, 30/4, 1/5 and 2/9.
  for (int y = 2025; y <= 2031; ++y) {
    for (const CivilDate d :
         {CivilDate{y, 1, 1}, CivilDate{y, 4, 30}, CivilDate{y, 5, 1}, CivilDate{y, 9, 2}}) {
      INFO(sim::to_string(d));
      CHECK(contains(t.holidays, d));
    }
  }
  // Make-up working days are weekend dates, and the table makes no holiday a make-up day.
  REQUIRE(t.makeup_working_days.size() == 2);
  for (const sim::MakeupWorkingDay& m : t.makeup_working_days) {
    INFO(sim::to_string(m.date));
    CHECK(sim::weekday(m.date) >= sim::kSaturday);
    CHECK_FALSE(contains(t.holidays, m.date));
  }
  // A compensatory day follows fixed-date holidays that fall on a weekend (Labour Code
  // Art. 111(3)).
  for (const CivilDate d : {CivilDate{2028, 1, 1}, CivilDate{2027, 5, 1}, CivilDate{2028, 9, 2}}) {
    INFO(sim::to_string(d));
    CHECK(sim::weekday(d) >= sim::kSaturday);
  }
  CHECK(contains(t.holidays, CivilDate{2028, 1, 3}));
  CHECK(contains(t.holidays, CivilDate{2027, 5, 3}));
  CHECK(contains(t.holidays, CivilDate{2028, 9, 4}));
  // Tết's first day (mùng 1) is marked `tet` each year, inside the Tết break.
  std::vector<CivilDate> tet;
  for (const auto& m : t.marked_dates)
    if (m.name == "tet") tet.push_back(m.date);
  CHECK(tet == std::vector<CivilDate>{{2025, 1, 29},
                                      {2026, 2, 17},
                                      {2027, 2, 6},
                                      {2028, 1, 26},
                                      {2029, 2, 13},
                                      {2030, 2, 2},
                                      {2031, 1, 23}});
  for (const CivilDate d : tet)
    CHECK(contains(t.holidays, d));
}

TEST_CASE("the optional marks column names movable dates", "[holiday_table]") {
  const sim::HolidayTable t = sim::parse_holiday_table(
      "date,kind,marks\n2026-02-17,holiday,tet\n2026-02-18,holiday,\n", "m.csv");
  REQUIRE(t.marked_dates.size() == 1);
  CHECK(t.marked_dates[0].name == "tet");
  CHECK(t.marked_dates[0].date == CivilDate{2026, 2, 17});
  CHECK(error_of("date,kind,marks\n2026-02-17,holiday,Tết\n") ==
        "h.csv:2: column 'marks': bad value 'Tết' (expected a name of lower-case letters, digits "
        "and '_', e.g. tet)");
}

TEST_CASE("the loader tolerates BOM, CRLF, blank lines, quotes and extra columns",
          "[holiday_table]") {
  const std::string csv =
      "\xEF\xBB\xBF"
      "name,kind,date,note\r\n"
      "\"Tết, Dương lịch\",holiday,2026-01-01,\"a \"\"quoted\"\" note\"\r\n"
      "\r\n"
      "Làm bù,makeup_working_day,2026-01-10,\r\n";
  const sim::HolidayTable t = sim::parse_holiday_table(csv, "x.csv");
  REQUIRE(t.holidays.size() == 1);
  CHECK(t.holidays[0] == CivilDate{2026, 1, 1});
  REQUIRE(t.makeup_working_days.size() == 1);
  CHECK(t.makeup_working_days[0].date == CivilDate{2026, 1, 10});
  CHECK(t.makeup_working_days[0].hours_of_weekday == sim::kMonday);
}

TEST_CASE("bad rows give messages naming file, line, column, value and what is allowed",
          "[holiday_table]") {
  CHECK(error_of("date,kind\n2026-01-01,holiday\n2026-13-01,holiday\n") ==
        "h.csv:3: column 'date': bad value '2026-13-01' (expected an ISO date YYYY-MM-DD)");
  CHECK(error_of("date,kind\r\n2026-01-01,day_off\r\n") ==
        "h.csv:2: column 'kind': bad value 'day_off' (expected 'holiday' or "
        "'makeup_working_day')");
  CHECK(error_of("date,kind\n2026-01-01,holiday\n\n2026-01-01,holiday\n") ==
        "h.csv:4: column 'date': duplicate value '2026-01-01' (first given on line 2)");
  CHECK(error_of("day,kind\n") ==
        "h.csv:1: missing required column 'date' in the header (required: date, kind; others "
        "are ignored)");
  CHECK(error_of("date,kind,name\n2026-01-01,holiday\n") ==
        "h.csv:2: expected 3 fields as in the header, found 2");
  CHECK(error_of("date,kind\n\"2026-01-01,holiday\n") == "h.csv:2: unterminated quoted field");
  CHECK(error_of("") == "h.csv:1: empty file (expected a header row)");
  CHECK_THROWS_WITH(sim::load_holiday_table("/nonexistent/h.csv"),
                    "/nonexistent/h.csv: cannot open the holiday table");
}
