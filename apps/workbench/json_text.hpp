// Writing JSON for the workbench's browser page: strings escaped per RFC 8259, numbers that are
// valid JSON (NaN and infinities become null). Small on purpose: the page only reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace twotier::workbench {

std::string json_string(std::string_view text);
std::string json_number(double value);
// ["a","b"]
std::string json_strings(const std::vector<std::string>& texts);

}  // namespace twotier::workbench
