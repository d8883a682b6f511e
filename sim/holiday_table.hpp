// Loads non-working dates (holidays) and make-up working days from a CSV file, for building a
// sim::Calendar.
//
// Format: a header row naming the columns; `date` (YYYY-MM-DD) and `kind` (`holiday` or
// `makeup_working_day`) are required; an optional `marks` names the movable date a row marks
// (e.g. `tet` on the first day of the lunar new year), for seasons that follow it; any other
// columns (name, source, status, ...) are ignored. UTF-8 with or without BOM, LF or CRLF line ends,
// blank lines skipped, fields may be double-quoted ("" for a quote inside). Every date may appear
// at most once. Errors throw HolidayTableError naming file, line, column, bad value and what is
// allowed.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/civil_date.hpp"

namespace sim {

class HolidayTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct HolidayTable {
  std::vector<CivilDate> holidays;                    // in file order
  std::vector<MakeupWorkingDay> makeup_working_days;  // worked with Monday's hours
  // Named movable dates (`marks` column), in file order: e.g. {"tet", 2026-02-17}.
  struct MarkedDate {
    std::string name;
    CivilDate date;
  };
  std::vector<MarkedDate> marked_dates;
};

// Reads a table from a file. Throws HolidayTableError if the file cannot be read or a row is
// invalid.
HolidayTable load_holiday_table(const std::filesystem::path& file);
// Parses CSV text; `source_name` is used in error messages in place of a file name.
HolidayTable parse_holiday_table(std::string_view csv_text, const std::string& source_name);

}  // namespace sim
