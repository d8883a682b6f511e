// Encoding and character checks of scenario text (models/text_check.hpp).
#include <catch2/catch.hpp>

#include "models/text_check.hpp"
#include "models/text_match.hpp"

using namespace twotier::model;

TEST_CASE("UTF-16 and bytes that are not UTF-8 are named with their line", "[text_check]") {
  CHECK(!encoding_problem("id,name\nc1,X\xC3\xA3 M\xE1\xBB\x99t\n"));
  const auto utf16 = encoding_problem(std::string("\xFF\xFEi\0d\0", 6));
  REQUIRE(utf16);
  CHECK(utf16->problem == "UTF-16 is not supported, save the file as UTF-8");
  const auto no_bom = encoding_problem(std::string("i\0d\0,\0", 6));
  REQUIRE(no_bom);
  CHECK(no_bom->problem.starts_with("UTF-16"));
  const auto latin1 = encoding_problem("a\nb\nc\xE9t\n");
  REQUIRE(latin1);
  CHECK(latin1->line == 3);
  CHECK(latin1->problem == "the byte 0xE9 is not UTF-8 (save the file as UTF-8)");
  CHECK(encoding_problem("\xED\xA0\x80"));  // a UTF-16 surrogate written as UTF-8
  CHECK(encoding_problem("\xC0\xAF"));      // an overlong form
}

TEST_CASE("NUL, control, bidi and zero-width characters are named and can be removed",
          "[text_check]") {
  CHECK(!forbidden_character("Xã Một", false));
  CHECK(*forbidden_character(std::string("a\0b", 3), false) == "a NUL byte (U+0000)");
  CHECK(*forbidden_character("a\x01", false) == "a control character (U+0001)");
  CHECK(*forbidden_character("c\xE2\x80\x8B"
                             "1",
                             false) == "a zero-width space (U+200B)");
  CHECK(*forbidden_character("\xEF\xBB\xBF"
                             "c1",
                             false) == "a byte-order mark (U+FEFF)");
  CHECK(*forbidden_character("ab\xE2\x80\xAE"
                             "c",
                             false) == "a bidirectional-text control (U+202E)");
  CHECK(forbidden_character("two\nlines", false));
  CHECK(!forbidden_character("two\nlines", true));
  CHECK(without_forbidden_characters("c\xE2\x80\x8B"
                                     "1") == "c1");
  CHECK(visible("c\xE2\x80\x8B"
                "1") == "c<U+200B>1");
}

TEST_CASE("ids with Cyrillic, Greek or full-width look-alikes suggest the Latin id",
          "[text_check]") {
  CHECK(!latin_lookalike("phuong_1"));
  CHECK(!latin_lookalike("phường_1"));  // Vietnamese letters are Latin
  CHECK(*latin_lookalike("\xD1\x81"
                         "1") == "c1");  // Cyrillic es
  CHECK(*latin_lookalike("\xCE\xBF"
                         "k") == "ok");  // Greek omicron
  CHECK(*latin_lookalike("\xEF\xBD\x83"
                         "1") == "c1");  // full-width c
  CHECK(first_lookalike("\xD1\x81"
                        "1") == "'\xD1\x81' (U+0441)");
  // A reference written with a look-alike gets the real id as a suggestion, and back.
  CHECK(did_you_mean("\xD1\x81"
                     "1",
                     {"c1", "c2"}) == " (did you mean 'c1'?)");
  CHECK(did_you_mean("c1", {"\xD1\x81"
                            "1"}) ==
        " (did you mean '\xD1\x81"
        "1'?)");
}
