// Checks on the bytes of scenario text (docs/scenario-format.md, "Text"): files are UTF-8
// (UTF-16 and invalid UTF-8 are refused with a message saying how to fix them), and ids and
// names hold no invisible or control characters (NUL, C0/C1 controls, bidi overrides and
// marks, zero-width characters, a BOM inside the text). Ids written with letters that look
// like Latin ones (Cyrillic 'с', Greek 'ο', full-width 'ｃ') are caught too. Stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace twotier::model {

// What is wrong with a file's encoding, and on which line (1-based), if anything: a UTF-16
// or UTF-32 byte-order mark or NUL bytes ("UTF-16 is not supported, save as UTF-8"), or a
// byte sequence that is not UTF-8. A UTF-8 BOM at the start is fine.
struct EncodingProblem {
  int line = 1;
  std::string problem;
};
std::optional<EncodingProblem> encoding_problem(std::string_view text);

// The first character of `text` that has no place in an id or name, described ("a zero-width
// space (U+200B)"), if any. `allow_line_breaks` lets tabs and line feeds through (a
// description). REQUIRES: valid UTF-8.
std::optional<std::string> forbidden_character(std::string_view text, bool allow_line_breaks);

// `text` without the characters forbidden_character reports (what the writer meant).
std::string without_forbidden_characters(std::string_view text);

// `text` for a message: forbidden and non-printable characters shown as <U+200B>.
std::string visible(std::string_view text);

// If `id` holds letters that look like Latin letters or digits but are not (Cyrillic,
// Greek, full-width forms), the id written with the Latin ones; otherwise nothing.
std::optional<std::string> latin_lookalike(std::string_view id);

// The first look-alike character of `id` described ("'с' (U+0441)"), for messages.
std::string first_lookalike(std::string_view id);

}  // namespace twotier::model
