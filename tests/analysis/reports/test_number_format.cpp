// Numbers in the report: English and Vietnamese separators, percentages and percentage points,
// dates, and no rounding noise ("-1.39e-17", "-0.0") reaching the reader.
#include <catch2/catch.hpp>

#include "analysis/reports/number_format.hpp"

using namespace twotier::analysis;

TEST_CASE("numbers use the reader's separators") {
  const NumberStyle en{false}, vi{true};
  CHECK(format_number(1234567.891, 2, en) == "1,234,567.89");
  CHECK(format_number(1234567.891, 2, vi) == "1.234.567,89");
  CHECK(format_number(999.5, 0, vi) == "1.000");
  CHECK(format_number(-15.25, 1, vi) == "−15,2");
  CHECK(format_value(0.958, ValueKind::kPercent, vi) == "95,8%");
  CHECK(format_value(0.958, ValueKind::kPercent, en) == "95.8%");
  CHECK(format_value(20000.4, ValueKind::kNumber, vi) == "20.000");
  CHECK(format_value(3.456, ValueKind::kNumber, vi) == "3,46");
}

TEST_CASE("differences of rates are percentage points with a sign") {
  CHECK(format_value(0.0202, ValueKind::kPoints, NumberStyle{true}, 1, true) == "+2,0 điểm %");
  CHECK(format_value(-0.0202, ValueKind::kPoints, NumberStyle{false}, 1, true) == "−2.0 pts");
  CHECK(format_value(0.0, ValueKind::kPoints, NumberStyle{false}, 1, true) == "0.0 pts");
}

TEST_CASE("rounding noise around zero prints as zero") {
  const NumberStyle en{false};
  CHECK(format_number(-1.39e-17, 2, en) == "0.00");
  CHECK(format_number(-0.0004, 1, en) == "0.0");
  CHECK(format_value(-1.39e-17, ValueKind::kNumber, en) == "0.00");
  CHECK(format_value(-1.39e-17, ValueKind::kPercent, en, 0) == "0%");
}

TEST_CASE("dates are dd/mm/yyyy in Vietnamese") {
  CHECK(format_date("2026-01-05", NumberStyle{true}) == "05/01/2026");
  CHECK(format_date("2026-01-05", NumberStyle{false}) == "2026-01-05");
  CHECK(format_date("–", NumberStyle{true}) == "–");
}

TEST_CASE("tick labels get as many places as their step needs") {
  CHECK(tick_decimals(5000) == 0);
  CHECK(tick_decimals(1) == 0);
  CHECK(tick_decimals(0.5) == 1);
  CHECK(tick_decimals(0.25) == 2);
  CHECK(tick_decimals(0.002) == 3);
}
