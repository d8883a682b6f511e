// Formatting helpers shared by the CSV writers: RFC 4180 quoting and round-trip numbers.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace twotier::analysis {

// The field as written in a CSV row: quoted (with doubled quotes) when it contains a comma,
// a quote, CR or LF; unchanged otherwise.
std::string csv_field(std::string_view text);

// The shortest decimal text that reads back to exactly `value` (std::to_chars); NaN is
// written as an empty field (a missing value for spreadsheets and pandas).
std::string csv_number(double value);

}  // namespace twotier::analysis
