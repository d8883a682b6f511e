// Folder-name slugs for scenario names: "Đồng Nai baseline 2026" -> "dong-nai-baseline-2026".
// Vietnamese letters fold to their base Latin letter (đ -> d, ữ -> u); any other character
// outside [a-z0-9] becomes a separator; runs of separators collapse to one '-'. Pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace twotier::analysis {

// At most this many characters (a folder name must stay under the file system's 255 bytes):
// a longer name is cut there (a trailing separator dropped).
inline constexpr std::size_t kMaxSlugLength = 80;

// Returns "scenario" when nothing usable is left (e.g. an all-symbol name).
std::string slugify(std::string_view utf8_name);

}  // namespace twotier::analysis
