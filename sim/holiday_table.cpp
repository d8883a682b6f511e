#include "sim/holiday_table.hpp"

#include <algorithm>  // std::all_of

#include <cstddef>
#include <fstream>
#include <iterator>  // std::istreambuf_iterator
#include <map>

namespace sim {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kHolidayKind = "holiday";
constexpr std::string_view kMakeupKind = "makeup_working_day";

// Splits one CSV line into fields (RFC 4180 quoting, no embedded line breaks).
// Returns false on an unterminated quote.
bool split_csv_line(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool in_quotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return !in_quotes;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(const std::string& source, int line, const std::string& message) {
  throw HolidayTableError(source + ":" + std::to_string(line) + ": " + message);
}

}  // namespace

HolidayTable parse_holiday_table(std::string_view text, const std::string& source_name) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());

  HolidayTable table;
  std::map<CivilDate, int> first_line_of_date;
  std::vector<std::string> fields;
  int date_column = -1;
  int kind_column = -1;
  int marks_column = -1;  // optional
  std::size_t header_fields = 0;
  bool have_header = false;
  int line_number = 0;

  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    if (!split_csv_line(line, fields)) fail(source_name, line_number, "unterminated quoted field");

    if (!have_header) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string_view name = trim(fields[i]);
        if (name == "date") date_column = static_cast<int>(i);
        if (name == "kind") kind_column = static_cast<int>(i);
        if (name == "marks") marks_column = static_cast<int>(i);
      }
      for (const auto& [column, name] : {std::pair{date_column, "date"}, {kind_column, "kind"}}) {
        if (column < 0) {
          fail(source_name, line_number,
               std::string("missing required column '") + name +
                   "' in the header (required: date, kind; others are ignored)");
        }
      }
      header_fields = fields.size();
      have_header = true;
      continue;
    }

    if (fields.size() != header_fields) {
      fail(source_name, line_number,
           "expected " + std::to_string(header_fields) + " fields as in the header, found " +
               std::to_string(fields.size()));
    }
    const std::string_view date_text = trim(fields[date_column]);
    const auto date = parse_iso_date(date_text);
    if (!date) {
      fail(source_name, line_number,
           "column 'date': bad value '" + std::string(date_text) +
               "' (expected an ISO date YYYY-MM-DD)");
    }
    const auto [it, inserted] = first_line_of_date.emplace(*date, line_number);
    if (!inserted) {
      fail(source_name, line_number,
           "column 'date': duplicate value '" + std::string(date_text) + "' (first given on line " +
               std::to_string(it->second) + ")");
    }
    if (marks_column >= 0) {
      const std::string_view marks = trim(fields[marks_column]);
      if (!marks.empty()) {
        const bool name_ok = std::all_of(marks.begin(), marks.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (!name_ok || !(marks.front() >= 'a' && marks.front() <= 'z'))
          fail(source_name, line_number,
               "column 'marks': bad value '" + std::string(marks) +
                   "' (expected a name of lower-case letters, digits and '_', e.g. tet)");
        table.marked_dates.push_back({std::string(marks), *date});
      }
    }
    const std::string_view kind = trim(fields[kind_column]);
    if (kind == kHolidayKind) {
      table.holidays.push_back(*date);
    } else if (kind == kMakeupKind) {
      table.makeup_working_days.push_back(MakeupWorkingDay{*date, kMonday});
    } else {
      fail(source_name, line_number,
           "column 'kind': bad value '" + std::string(kind) + "' (expected '" +
               std::string(kHolidayKind) + "' or '" + std::string(kMakeupKind) + "')");
    }
  }
  if (!have_header)
    fail(source_name, line_number > 0 ? line_number : 1, "empty file (expected a header row)");
  return table;
}

HolidayTable load_holiday_table(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw HolidayTableError(file.string() + ": cannot open the holiday table");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw HolidayTableError(file.string() + ": error reading the holiday table");
  return parse_holiday_table(text, file.string());
}

}  // namespace sim
