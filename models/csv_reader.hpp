// CsvReader: a CSV table read one record at a time from a file, for tables too large to hold
// (dossier and step logs of millions of rows). Same format, checks and messages as CsvTable
// (models/csv_table.hpp): the header checked against the declared columns, UTF-8 only, every
// field checked for length and forbidden characters, rows as long as the header, blank lines
// skipped, rows numbered by the line they start on. Problems are reported in file order (the
// first one met), each as ScenarioError "file:line: error: ...". Unlike CsvTable it has no
// limit on the file's size or number of rows: memory is the read buffer (1 MiB, more only for
// a record longer than that) and the current record.
// Not thread-safe; the cells of a row are views valid until the next call of next().
#pragma once

#include <cstdio>  // std::FILE
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/csv_record.hpp"
#include "models/csv_table.hpp"

namespace twotier::model {

class CsvReader {
 public:
  // Opens `file` and reads its header; messages name it as given (lexically normalised).
  // Throws ScenarioError if it cannot be read, is empty or has a bad header.
  CsvReader(const std::filesystem::path& file, const CsvColumns& columns);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::string& file() const { return file_; }
  // Whether the header has this column (optional columns may be absent).
  bool has_column(std::string_view column) const;
  // The index of a declared column, for cell(). REQUIRES: `column` is declared.
  int column(std::string_view column) const;

  // Moves to the next row; false at the end of the file. Throws ScenarioError on a malformed
  // record (bad encoding, quotes, forbidden characters, a field count unlike the header's).
  bool next();
  // The current row's line and cells. REQUIRES: the last next() returned true.
  int line() const { return record_.line; }
  CsvCell cell(int declared) const;
  CsvCell operator[](std::string_view name) const { return cell(column(name)); }

 private:
  // The end (one past the line end) of the record starting at `pos_` if the buffer holds all
  // of it, else npos (more must be read). Quotes are paired by parity, as RFC 4180 allows.
  std::size_t record_end() const;
  // Appends the next chunk of the file to the buffer; false at the end of the file.
  bool read_more();
  // Reads the next record, blank or not; false at the end of the file.
  bool next_record();

  struct CloseFile {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  // Constant after construction.
  std::string file_;
  std::vector<std::string> declared_;
  std::vector<int> position_of_declared_;
  std::size_t header_fields_ = 0;
  std::vector<std::string> header_;
  // Reading state.
  std::unique_ptr<std::FILE, CloseFile> in_;
  std::string buffer_;
  std::size_t pos_ = 0;  // start of the next record in buffer_
  bool eof_ = false;
  bool first_ = true;  // nothing consumed yet (encoding checks look for a byte-order mark)
  int line_ = 1;       // the line of the next record
  csv_detail::Record record_;
};

}  // namespace twotier::model
