// Edit distance and typo suggestions (see text_match.hpp).
#include "models/text_match.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>  // std::pair

#include "models/text_check.hpp"

namespace twotier::model {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: the one two back is needed for swaps.
  const std::size_t n = b.size();
  std::vector<std::size_t> before(n + 1), previous(n + 1), current(n + 1);
  for (std::size_t j = 0; j <= n; ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);  // adjacent swap
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  const std::string word_lower = lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    std::size_t d = lower(candidate) == word_lower ? 0 : edit_distance(word, candidate);
    // Written with a look-alike letter (Cyrillic 'с' for 'c') on either side.
    if (d > 0 && latin_lookalike(candidate).value_or(candidate) ==
                     latin_lookalike(word).value_or(std::string(word)))
      d = 0;
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto best = closest_name(word, candidates);
  return best ? " (did you mean '" + *best + "'?)" : std::string{};
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace twotier::model

namespace twotier::model {

std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t count) {
  const std::string word_lower = lower(word);
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (distance, index)
  for (std::size_t i = 0; i < candidates.size(); ++i)
    ranked.emplace_back(edit_distance(word_lower, lower(candidates[i])), i);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < ranked.size() && out.size() < count; ++k)
    out.push_back(candidates[ranked[k].second]);
  return out;
}

namespace {

// Base letter of a Vietnamese (or Latin-1) letter with diacritics, 0 when there is none.
char base_letter(char32_t c) {
  static const std::vector<std::pair<char, std::u32string>> groups{
      {'a', U"àáảãạăằắẳẵặâầấẩẫậäåÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅ"},
      {'e', U"èéẻẽẹêềếểễệëÈÉẺẼẸÊỀẾỂỄỆË"},
      {'i', U"ìíỉĩịïÌÍỈĨỊÏ"},
      {'o', U"òóỏõọôồốổỗộơờớởỡợöÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖ"},
      {'u', U"ùúủũụưừứửữựüÙÚỦŨỤƯỪỨỬỮỰÜ"},
      {'y', U"ỳýỷỹỵÿỲÝỶỸỴ"},
      {'d', U"đĐ"},
      {'c', U"çÇ"},
      {'n', U"ñÑ"},
  };
  for (const auto& [base, letters] : groups)
    if (letters.find(c) != std::u32string::npos) return base;
  return 0;
}

}  // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  bool gap = false;
  auto put = [&](char c) {
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += c;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    char32_t c = byte;
    std::size_t length = 1;
    if (byte >= 0xF0) {
      length = 4;
      c = byte & 0x07;
    } else if (byte >= 0xE0) {
      length = 3;
      c = byte & 0x0F;
    } else if (byte >= 0xC0) {
      length = 2;
      c = byte & 0x1F;
    }
    if (i + length > text.size()) length = 1;
    for (std::size_t k = 1; k < length; ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += length;
    if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
      put(static_cast<char>(std::tolower(static_cast<int>(c))));
    } else if (c >= 0x300 && c <= 0x36F) {
      // a combining mark (text in NFD): dropped, the letter before it stays
    } else if (const char base = base_letter(c); base != 0) {
      put(base);
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace twotier::model
