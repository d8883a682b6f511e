// A count that may be absurdly large, for an error message: "1234567" up to 1e15, then
// "1.23e+300" (a cast to an integer type would overflow and print "-9223372036854775808").
// Stateless; safe from any thread.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace twotier::model {

inline std::string count_text(double value) {
  char buffer[32];
  if (std::isfinite(value) && std::fabs(value) < 1e15)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

}  // namespace twotier::model
