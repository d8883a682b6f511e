// The language switch of the HTML report's sections: every label is written in English and
// Vietnamese side by side at its point of use, and Labels picks one; it also formats numbers
// and dates the way readers of that language write them (number_format.hpp). Thread-safe (a
// value).
#pragma once

#include <string>

#include "analysis/reports/number_format.hpp"

namespace twotier::analysis {

struct Labels {
  bool vi = false;  // Vietnamese labels; English otherwise
  std::string t(const char* en, const char* vi_text) const { return vi ? vi_text : en; }
  NumberStyle style() const { return NumberStyle{vi}; }
  // A count or time ("1,234" / "1.234"); decimals < 0: by magnitude.
  std::string num(double v, int decimals = -1) const {
    return format_value(v, ValueKind::kNumber, style(), decimals);
  }
  // A rate stored as a fraction: "95.8%" / "95,8%".
  std::string pct(double fraction, int decimals = 1) const {
    return format_value(fraction, ValueKind::kPercent, style(), decimals);
  }
  // A difference of rates in percentage points with its sign: "+2.0 pts" / "+2,0 điểm %".
  std::string points(double difference) const {
    return format_value(difference, ValueKind::kPoints, style(), 1, true);
  }
  // A level of `metric`'s kind: rates as percentages, the rest as numbers.
  std::string value(double v, bool rate, int decimals = -1) const {
    return rate ? pct(v) : num(v, decimals);
  }
  // A difference: rates in points, the rest as signed numbers.
  std::string difference(double v, bool rate) const {
    return rate ? points(v) : format_value(v, ValueKind::kNumber, style(), -1, true);
  }
  std::string date(const std::string& iso) const { return format_date(iso, style()); }
};

// A position by name: the commune job framework's name for the usual ids ("one_stop" is
// "one-stop desk" / "bộ phận một cửa"), else the id with spaces for underscores (positions.csv
// has no name column yet). For the report and the staff command's summary.
std::string position_label(const Labels& l, const std::string& id);

}  // namespace twotier::analysis
