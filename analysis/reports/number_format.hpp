// Numbers as a reader of the report expects them: English "1,234.5" and "95.8%", Vietnamese
// "1.234,5" and "95,8%"; differences of rates in percentage points ("+2.0 pts", "+2,0 điểm %");
// dates as ISO (English) or dd/mm/yyyy (Vietnamese). Values within 1e-9 of zero print as 0, never
// as "-0.0" or "-1.39e-17". Pure functions; thread-safe.
#pragma once

#include <string>

namespace twotier::analysis {

struct NumberStyle {
  bool vietnamese = false;  // decimal comma, thousands dot, dd/mm/yyyy, "điểm %"
};

enum class ValueKind {
  kNumber,   // a count or a time
  kPercent,  // a rate stored as a fraction, shown as a percentage
  kPoints,   // a difference of two rates (fractions), shown in percentage points with a sign
};

// `decimals` places with thousands grouping; "–" for NaN. REQUIRES: 0 <= decimals <= 6.
std::string format_number(double v, int decimals, const NumberStyle& style);
// A value of `kind`; decimals < 0 chooses them by magnitude (counts 0, 1 or 2 places;
// percentages and points 1 place). Numbers and points with a sign when `sign` is true.
std::string format_value(double v, ValueKind kind, const NumberStyle& style, int decimals = -1,
                         bool sign = false);
// "2026-01-05" → "2026-01-05" (English) or "05/01/2026" (Vietnamese); other text unchanged.
std::string format_date(const std::string& iso, const NumberStyle& style);
// Places a tick value needs so that consecutive ticks `step` apart read differently.
int tick_decimals(double step);

}  // namespace twotier::analysis
