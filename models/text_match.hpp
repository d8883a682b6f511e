// "Did you mean ...?" suggestions for misspelt keys, columns and ids, by edit distance.
// Stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::model {

// Edit distance: insertions, deletions, substitutions and swaps of adjacent bytes (Levenshtein
// with transpositions, "optimal string alignment"), case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: distance at
// most max(1, |word| / 3), or `word` differing from it only in letter case. Ties go to the
// earliest candidate.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Up to `count` candidates nearest to `word` by edit distance (case-insensitive), nearest
// first; ties keep the candidates' order. Unlike closest_name, always answers (for "closest
// matches: ..." when nothing is a plausible typo).
std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t count);

// UTF-8 text folded for matching names typed without diacritics: Vietnamese letters (also
// with combining marks) lose their marks (đ -> d), ASCII letters go to lower case, and every
// run of other characters (spaces, '_', '-', punctuation) becomes one space, trimmed at both
// ends. "Phường Phước Tân" and "phuoc_tan" fold to "phuong phuoc tan" and "phuoc tan".
std::string fold_text(std::string_view text);

// Candidates joined by ", " (for "allowed: ..." lists).
std::string join_names(const std::vector<std::string>& names);

}  // namespace twotier::model
