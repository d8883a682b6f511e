// Counts in text. count_text: a count that may be absurdly large, for an error message:
// "1234567" up to 1e15, then "1.23e+300" (a cast to an integer type would overflow and print
// "-9223372036854775808"). count_of: "1 replication", "3 replications", for any message that
// counts things. Stateless; safe from any thread.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace twotier::model {

inline std::string count_text(double value) {
  char buffer[32];
  if (std::isfinite(value) && std::fabs(value) < 1e15)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

// "1 officer", "2 officers" (plural: singular + "s" unless given).
inline std::string count_of(long long n, std::string_view singular, std::string_view plural = {}) {
  std::string text = std::to_string(n) + " ";
  if (n == 1) return text + std::string(singular);
  return text + (plural.empty() ? std::string(singular) + "s" : std::string(plural));
}

}  // namespace twotier::model
