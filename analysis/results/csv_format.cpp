#include "analysis/results/csv_format.hpp"

#include <charconv>  // std::to_chars (shortest round-trip form)
#include <cmath>

namespace twotier::analysis {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '"';
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_number(double value) {
  if (std::isnan(value)) return {};
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;  // 64 characters always suffice for a double
  return std::string(buffer, end);
}

}  // namespace twotier::analysis
