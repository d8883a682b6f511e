// Encoding and character checks for scenario text (see text_check.hpp).
#include "models/text_check.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace twotier::model {
namespace {

// Decodes one UTF-8 character at text[i]; returns its length (0 if the bytes are not UTF-8).
std::size_t decode(std::string_view text, std::size_t i, char32_t& out) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    out = b0;
    return 1;
  }
  std::size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  out = cp;
  return n;
}

std::string code_point(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

// The name of a forbidden character, or nullptr if it is allowed.
const char* forbidden_name(char32_t cp, bool allow_line_breaks) {
  if (cp == 0) return "a NUL byte";
  if ((cp == '\t' || cp == '\n' || cp == '\r') && allow_line_breaks) return nullptr;
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return "a control character";
  if (cp == 0xFEFF) return "a byte-order mark";
  if (cp == 0x200B) return "a zero-width space";
  if (cp == 0x200C || cp == 0x200D) return "a zero-width joiner";
  if (cp == 0x2060) return "a word joiner";
  if (cp == 0x00AD) return "a soft hyphen";
  if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069))
    return "a bidirectional-text control";
  if (cp == 0x2028 || cp == 0x2029) return "a line separator";
  return nullptr;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Letters that look like Latin ones: Cyrillic and Greek capitals and small letters.
constexpr std::array<std::pair<char32_t, char>, 44> kLookalikes{{
    {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'},
    {0x0445, 'x'}, {0x0456, 'i'}, {0x0458, 'j'}, {0x0455, 's'}, {0x04BB, 'h'}, {0x0501, 'd'},
    {0x0410, 'A'}, {0x0412, 'B'}, {0x0415, 'E'}, {0x041A, 'K'}, {0x041C, 'M'}, {0x041D, 'H'},
    {0x041E, 'O'}, {0x0420, 'P'}, {0x0421, 'C'}, {0x0422, 'T'}, {0x0425, 'X'}, {0x0406, 'I'},
    {0x03BF, 'o'}, {0x03B1, 'a'}, {0x03BD, 'v'}, {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03C1, 'p'},
    {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'}, {0x0397, 'H'}, {0x0399, 'I'},
    {0x039A, 'K'}, {0x039C, 'M'}, {0x039D, 'N'}, {0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'},
    {0x03A7, 'X'}, {0x03A5, 'Y'},
}};

std::optional<char> latin_of(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return static_cast<char>(cp - 0xFF01 + 0x21);  // full width
  for (const auto& [from, to] : kLookalikes) {
    if (from == cp) return to;
  }
  return std::nullopt;
}

}  // namespace

std::optional<EncodingProblem> encoding_problem(std::string_view text) {
  constexpr const char* kUtf16 = "UTF-16 is not supported, save the file as UTF-8";
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return EncodingProblem{1, kUtf16};
  }
  if (text.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
    return EncodingProblem{1, "UTF-32 is not supported, save the file as UTF-8"};
  }
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte > 0 && byte < 0x80) {  // ASCII: always UTF-8 (the common case, without decoding)
      if (byte == '\n') ++line;
      ++i;
      continue;
    }
    if (text[i] == '\0') {
      // Every other byte NUL: UTF-16 without a byte-order mark.
      const bool utf16 =
          (i + 2 < text.size() && text[i + 2] == '\0') || (i >= 2 && text[i - 2] == '\0');
      if (utf16) return EncodingProblem{line, kUtf16};
      ++i;  // a lone NUL is a forbidden character, reported where it is used
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned char>(text[i]));
      return EncodingProblem{
          line, std::string("the byte ") + buffer + " is not UTF-8 (save the file as UTF-8)"};
    }
    if (cp == '\n') ++line;
    i += n;
  }
  return std::nullopt;
}

std::optional<std::string> forbidden_character(std::string_view text, bool allow_line_breaks) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII: never forbidden
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = decode(text, i, cp);
    if (n == 0) return "a byte that is not UTF-8";
    if (const char* name = forbidden_name(cp, allow_line_breaks)) {
      return std::string(name) + " (" + code_point(cp) + ")";
    }
    i += n;
  }
  return std::nullopt;
}

std::string without_forbidden_characters(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    if (forbidden_name(cp, false) == nullptr) out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string visible(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "<0x%02X>", static_cast<unsigned char>(text[i]));
      out += buffer;
      ++i;
      continue;
    }
    if (forbidden_name(cp, false) != nullptr) {
      out += '<';  // appended piece by piece: GCC 12 warns falsely on "<" + std::string
      out += code_point(cp);
      out += '>';
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::optional<std::string> latin_lookalike(std::string_view id) {
  std::string out;
  bool any = false;
  for (std::size_t i = 0; i < id.size();) {
    char32_t cp = 0;
    const std::size_t n = decode(id, i, cp);
    if (n == 0) return std::nullopt;
    if (const auto latin = latin_of(cp)) {
      out += *latin;
      any = true;
    } else {
      append_utf8(out, cp);
    }
    i += n;
  }
  if (!any) return std::nullopt;
  return out;
}

std::string first_lookalike(std::string_view id) {
  for (std::size_t i = 0; i < id.size();) {
    char32_t cp = 0;
    const std::size_t n = decode(id, i, cp);
    if (n == 0) break;
    if (latin_of(cp)) {
      std::string out(1, '\'');
      out.append(id.substr(i, n));
      out += "' (";
      out += code_point(cp);
      out += ')';
      return out;
    }
    i += n;
  }
  return {};
}

}  // namespace twotier::model
