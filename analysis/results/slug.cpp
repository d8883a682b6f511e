#include "analysis/results/slug.hpp"

#include <cstdint>
#include <string_view>

namespace twotier::analysis {
namespace {

// Each group: a base letter followed by the Vietnamese (and common Latin-1) letters that
// fold to it, lower and upper case.
constexpr std::string_view kFoldGroups[] = {
    "aàáảãạăằắẳẵặâầấẩẫậäåÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅ",
    "cçÇ",
    "dđĐ",
    "eèéẻẽẹêềếểễệëÈÉẺẼẸÊỀẾỂỄỆË",
    "iìíỉĩịïîÌÍỈĨỊÏÎ",
    "nñÑ",
    "oòóỏõọôồốổỗộơờớởỡợöøÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØ",
    "uùúủũụưừứửữựüûÙÚỦŨỤƯỪỨỬỮỰÜÛ",
    "yỳýỷỹỵÿỲÝỶỸỴ",
};

// Decodes one UTF-8 code point at `i` and advances `i`; malformed bytes decode as U+FFFD.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80           ? 1
               : (lead >> 5) == 0x6  ? 2
               : (lead >> 4) == 0xE  ? 3
               : (lead >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  std::uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return code;
}

char fold(std::uint32_t code) {
  if (code < 0x80) {
    const char c = static_cast<char>(code);
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
    return 0;
  }
  for (std::string_view group : kFoldGroups) {
    std::size_t i = 1;  // group[0] is the ASCII base letter
    while (i < group.size()) {
      if (next_code_point(group, i) == code) return group[0];
    }
  }
  return 0;
}

}  // namespace

std::string slugify(std::string_view utf8_name) {
  std::string slug;
  bool pending_separator = false;
  for (std::size_t i = 0; i < utf8_name.size() && slug.size() < kMaxSlugLength;) {
    const char c = fold(next_code_point(utf8_name, i));
    if (c == 0) {
      pending_separator = !slug.empty();
      continue;
    }
    if (pending_separator) slug += '-';
    pending_separator = false;
    slug += c;
  }
  if (slug.size() > kMaxSlugLength) slug.resize(kMaxSlugLength);
  while (!slug.empty() && slug.back() == '-')
    slug.pop_back();
  return slug.empty() ? "scenario" : slug;
}

}  // namespace twotier::analysis
