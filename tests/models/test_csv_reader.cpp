// CsvReader (the streaming reader of large logs): the same rows, lines and messages as CsvTable
// on the same text, also when records straddle the 1 MiB read chunks (a CRLF split between two
// chunks, a quoted field with line breaks across the boundary).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/csv_reader.hpp"
#include "models/csv_table.hpp"

using twotier::model::CsvColumns;
using twotier::model::CsvReader;
using twotier::model::CsvTable;
using twotier::model::ScenarioError;

namespace {
const CsvColumns kColumns{{"id", "name"}, {"note"}};

std::filesystem::path write(const std::string& text) {
  const auto folder = std::filesystem::path(TWOTIER_BINARY_DIR) / "test-output" / "csv_reader";
  std::filesystem::create_directories(folder);
  const auto file = folder / "t.csv";
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

// Every row as "line|id|name|note", or the error.
std::vector<std::string> streamed(const std::string& text) {
  std::vector<std::string> rows;
  try {
    CsvReader reader(write(text), kColumns);
    while (reader.next())
      rows.push_back(std::to_string(reader.line()) + "|" + std::string(reader["id"].text()) + "|" +
                     std::string(reader["name"].text()) + "|" + std::string(reader["note"].text()));
  } catch (const ScenarioError& e) {
    // Messages name the file as given; keep the part after it. Rows read before the error
    // are dropped (the table in memory reads none).
    const std::string what = e.what();
    rows = {what.substr(what.find("t.csv"))};
  }
  return rows;
}

std::vector<std::string> in_memory(const std::string& text) {
  std::vector<std::string> rows;
  try {
    const CsvTable table = CsvTable::parse(text, "t.csv", kColumns);
    for (std::size_t i = 0; i < table.size(); ++i)
      rows.push_back(std::to_string(table.row(i).line()) + "|" +
                     std::string(table.row(i)["id"].text()) + "|" +
                     std::string(table.row(i)["name"].text()) + "|" +
                     std::string(table.row(i)["note"].text()));
  } catch (const ScenarioError& e) {
    rows.push_back(e.what());
  }
  return rows;
}
}  // namespace

TEST_CASE("a streamed CSV table reads the rows and lines of the table in memory", "[csv_reader]") {
  SECTION("quotes, BOM, CRLF and blank lines") {
    const std::string text =
        "\xEF\xBB\xBFid,name,note\r\n"
        "a,\"Xã Phú Hòa, Đồng Nai\",plain\r\n"
        "\r\n"
        " b , \"say \"\"hi\"\"\" ,\"two\nlines\"\r\n"
        "c,d,e\rf,g,\n";
    CHECK(streamed(text) == in_memory(text));
    CHECK(streamed(text).size() == 4);
  }
  SECTION("records straddling the read chunks") {
    // Rows of varied lengths so that CRLFs, quotes and quoted line breaks fall on the 1 MiB
    // boundaries; three chunks' worth.
    std::string text = "name,id,note\r\n";
    for (int i = 0; text.size() < 3 * (std::size_t{1} << 20) + 5000; ++i)
      text += "\"n" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 7), '\n') +
              "\"," + std::to_string(i) + "," + std::string(static_cast<std::size_t>(i % 13), 'x') +
              (i % 3 == 0   ? "\r\n"
               : i % 3 == 1 ? "\n"
                            : "\r");
    const auto expected = in_memory(text);
    CHECK(streamed(text) == expected);
    CHECK(expected.size() > 100000);
  }
  SECTION("the same messages for malformed files") {
    for (const std::string& text :
         {std::string(""), std::string("\xEF\xBB\xBF\r\n"), std::string("id,note\n1,x\n"),
          std::string("id,nmae\n"), std::string("id,name,id\n"),
          std::string("id,name\n1,a\n2,b,c\n"), std::string("id,name\n1,\"open\n2,b\n"),
          std::string("id,name\n1,ab\"c\n"), std::string("id,name\n1,a\xFF\n"),
          std::string("\xFF\xFEi\0d\0", 6), std::string("id,name\n1,a\xE2\x80\x8B\n")}) {
      INFO(text);
      CHECK(streamed(text) == in_memory(text));
    }
  }
}

TEST_CASE("a missing file streamed is an error naming it", "[csv_reader]") {
  CHECK_THROWS_WITH(CsvReader("/nonexistent/x.csv", kColumns),
                    "/nonexistent/x.csv: error: cannot open the file (does it exist?)");
}
