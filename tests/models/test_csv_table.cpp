// CsvTable: RFC 4180 quoting, BOM, CRLF, header checks and located error messages.
#include <string>

#include <catch2/catch.hpp>

#include "models/csv_table.hpp"

using twotier::model::CsvColumns;
using twotier::model::CsvTable;
using twotier::model::ScenarioError;

namespace {
const CsvColumns kColumns{{"id", "name"}, {"note"}};

std::string error_of(const std::string& text, const CsvColumns& columns = kColumns) {
  try {
    CsvTable::parse(text, "t.csv", columns);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("a CSV table reads quoted fields, BOM and CRLF", "[csv_table]") {
  const std::string text =
      "\xEF\xBB\xBFid,name,note\r\n"
      "a,\"Xã Phú Hòa, Đồng Nai\",plain\r\n"
      "\r\n"
      " b , \"say \"\"hi\"\"\" ,\"two\nlines\"\r\n"
      "c,last,";
  const CsvTable t = CsvTable::parse(text, "t.csv", kColumns);
  REQUIRE(t.size() == 3);
  CHECK(t.row(0)["name"].text() == "Xã Phú Hòa, Đồng Nai");
  CHECK(t.row(0).line() == 2);
  SECTION("unquoted fields are trimmed, quoted ones keep their text") {
    CHECK(t.row(1)["id"].text() == "b");
    CHECK(t.row(1)["name"].text() == "say \"hi\"");
    CHECK(t.row(1)["note"].text() == "two\nlines");
    CHECK(t.row(1).line() == 4);  // the blank line 3 is skipped
  }
  SECTION("a row after a quoted line break is numbered by the line it starts on") {
    CHECK(t.row(2).line() == 6);
    CHECK(t.row(2)["note"].empty());
  }
  SECTION("the raw text is kept") {
    CHECK(t.text() == text);
  }
}

TEST_CASE("an optional column may be missing and reads empty", "[csv_table]") {
  const CsvTable t = CsvTable::parse("name,id\nx,1\n", "t.csv", kColumns);
  CHECK_FALSE(t.has_column("note"));
  CHECK(t.row(0)["note"].empty());
  CHECK(t.row(0)["id"].text() == "1");
}

TEST_CASE("CSV errors name the file, the row and the problem", "[csv_table]") {
  SECTION("empty file") {
    CHECK(error_of("") ==
          "t.csv: error: the file is empty (expected a header row: id, name, note)");
    CHECK(error_of("\xEF\xBB\xBF\r\n") ==
          "t.csv: error: the file is empty (expected a header row: id, name, note)");
  }
  SECTION("missing required column") {
    CHECK(error_of("id,note\n1,x\n") ==
          "t.csv:1: error: missing column 'name' (required: id, name)");
  }
  SECTION("unknown column, with a suggestion") {
    CHECK(error_of("id,nmae\n") ==
          "t.csv:1: error: unknown column 'nmae' (did you mean 'name'?) (allowed: id, name, note)");
  }
  SECTION("column twice") {
    CHECK(error_of("id,name,id\n") == "t.csv:1: error: column 'id' appears twice");
  }
  SECTION("ragged row") {
    CHECK(error_of("id,name\n1,a\n2,b,c\n") ==
          "t.csv:3: error: this row has 3 fields but the header has 2");
  }
  SECTION("unclosed quote") {
    CHECK(error_of("id,name\n1,\"open\n2,b\n") ==
          "t.csv:2: error: a quoted field is never closed (missing '\"')");
  }
  SECTION("a quote inside an unquoted field") {
    CHECK(error_of("id,name\n1,ab\"c\n").starts_with("t.csv:2: error: a quote inside an unquoted"));
  }
  SECTION("a cell's message names its column and value") {
    const CsvTable t = CsvTable::parse("id,name\n1,town\n", "t.csv", kColumns);
    try {
      t.row(0)["name"].bad_value("ward, commune");
      FAIL("no error");
    } catch (const ScenarioError& e) {
      CHECK(std::string(e.what()) ==
            "t.csv:2: error: column 'name': bad value 'town' (allowed: ward, commune)");
    }
  }
}

TEST_CASE("a missing CSV file is an error naming it", "[csv_table]") {
  CHECK_THROWS_WITH(CsvTable::read_file("/nonexistent/x.csv", kColumns),
                    "/nonexistent/x.csv: error: cannot open the file (does it exist?)");
}
