// CsvTable: one scenario table read from CSV, with its header checked against the columns the
// loader knows, and every cell able to say where it came from in error messages.
//
// Accepts RFC 4180 (quoted fields with commas, doubled quotes and line breaks), a UTF-8 byte
// order mark, CRLF or LF line ends. Unquoted fields are trimmed of spaces and tabs; blank lines
// are skipped. Rows are numbered by the line of the file they start on (the header is line 1),
// which is what an editor or spreadsheet shows. Immutable after construction; cells and rows
// are views that must not outlive their table.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>  // std::invoke_result_t
#include <utility>      // std::pair
#include <vector>

#include "models/scenario_error.hpp"

namespace twotier::model {

// The columns a table may have. Every required column must be in the header; optional ones
// may be missing (their cells read as empty); any other column is an error.
struct CsvColumns {
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

class CsvTable;

// One field of one row, with its location.
class CsvCell {
 public:
  std::string_view text() const { return text_; }
  bool empty() const { return text_.empty(); }
  const std::string& file() const;
  int line() const { return line_; }
  std::string_view column() const { return column_; }

  // Throws ScenarioError "file:row: error: column 'x': problem (allowed: ...)".
  [[noreturn]] void fail(const std::string& problem, const std::string& allowed = {}) const;
  // fail("bad value 'text'", allowed).
  [[noreturn]] void bad_value(const std::string& allowed) const;

  // Returns parse(text()); a ValueError it throws becomes a ScenarioError at this cell
  // ("bad value 'y': <problem>").
  template <class Parse>
  std::invoke_result_t<Parse, std::string_view> parse(Parse&& parse) const {
    try {
      return parse(text_);
    } catch (const ValueError& e) {
      fail("bad value '" + std::string(text_) + "': " + e.problem(), e.allowed());
    }
  }

 private:
  friend class CsvRow;
  friend class CsvReader;
  CsvCell(const std::string* file, int line, std::string_view column, std::string_view text)
      : file_(file), line_(line), column_(column), text_(text) {}
  const std::string* file_;
  int line_;
  std::string_view column_;
  std::string_view text_;
  const std::string* source_ = nullptr;  // the --set that wrote it, if one did
};

class CsvRow {
 public:
  // REQUIRES: `column` is one of the table's declared (required or optional) columns.
  CsvCell operator[](std::string_view column) const;
  int line() const { return line_; }
  const std::string& file() const;
  // Throws ScenarioError "file:row: error: problem".
  [[noreturn]] void fail(const std::string& problem) const;

 private:
  friend class CsvTable;
  CsvRow(const CsvTable* table, std::size_t index, int line)
      : table_(table), index_(index), line_(line) {}
  const CsvTable* table_;
  std::size_t index_;
  int line_;
};

class CsvTable {
 public:
  // Reads `file`; messages name it as given (lexically normalised). Throws ScenarioError if the
  // file cannot be read, is empty, has a bad header, ragged rows or unbalanced quotes.
  static CsvTable read_file(const std::filesystem::path& file, const CsvColumns& columns);
  // The same from text already in memory; `file_label` names it in messages.
  static CsvTable parse(std::string text, std::string file_label, const CsvColumns& columns);

  const std::string& file() const { return file_; }
  // The file's contents as read (for the resolved scenario text kept with results).
  const std::string& text() const { return text_; }
  std::size_t size() const { return rows_.size(); }
  CsvRow row(std::size_t i) const { return CsvRow(this, i, lines_[i]); }
  // Whether the header has this column (optional columns may be absent).
  bool has_column(std::string_view column) const;

  // Changes for `--set TABLE.KEY.COLUMN=VALUE` (models/table_overrides.hpp), made before any
  // cell or row view is taken. REQUIRES: `column` is declared.
  // The text of row `i`'s cell in `column` ("" when the column is absent).
  std::string_view field(std::size_t i, std::string_view column) const;
  // Replaces it (adding the column, empty elsewhere, when the header lacks it); messages about
  // the cell then name `source` ("--set ...") instead of the file and row.
  void set_field(std::size_t i, std::string_view column, std::string text, std::string source);
  // Appends a copy of row `i` (same line number); returns the new row's index.
  std::size_t copy_row(std::size_t i);

 private:
  friend class CsvRow;
  friend class CsvCell;
  CsvTable() = default;
  [[noreturn]] void fail_at(int line, const std::string& problem) const;

  // Constant after construction.
  std::string file_;
  std::string text_;
  std::vector<std::string> declared_;      // required then optional column names
  std::vector<int> position_of_declared_;  // its index in each row, or -1 if absent
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;  // line each row starts on
  // (row, declared column) -> the --set that wrote the cell
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string>> set_by_;
};

// Splits a ";"-separated list field, trimming spaces and dropping empty items.
std::vector<std::string> split_list(std::string_view text);

}  // namespace twotier::model
