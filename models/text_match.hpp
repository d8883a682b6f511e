// "Did you mean ...?" suggestions for misspelt keys, columns and ids, by edit distance.
// Stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::model {

// Levenshtein distance (insertions, deletions, substitutions of bytes), case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: distance at
// most max(1, |word| / 3), or `word` differing from it only in letter case. Ties go to the
// earliest candidate.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Candidates joined by ", " (for "allowed: ..." lists).
std::string join_names(const std::vector<std::string>& names);

}  // namespace twotier::model
