// The RFC 4180 record splitter shared by CsvTable (a whole table in memory) and CsvReader
// (a table streamed record by record): quoted fields with commas, doubled quotes and line
// breaks; CRLF, LF or CR line ends; unquoted fields trimmed of spaces and tabs. Internal to
// models/ (csv_table.cpp, csv_reader.cpp). Stateless.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::model {
struct CsvColumns;
}

namespace twotier::model::csv_detail {

struct Record {
  std::vector<std::string> fields;  // reused between records: strings keep their capacity
  std::size_t count = 0;            // fields[0, count) belong to this record
  int line = 0;                     // the line the record starts on
  bool blank = false;               // a line with nothing but spaces
};

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Reads the record of `text` that starts at `i` into `record` and moves `i` past its line end
// and `line` to the next record's line. REQUIRES: i < text.size(). `fail(line, problem)` must
// throw.
template <class Fail>
void read_record(std::string_view text, std::size_t& i, int& line, Record& record, Fail&& fail) {
  const std::size_t n = text.size();
  auto at_line_end = [&](std::size_t k) { return k >= n || text[k] == '\n' || text[k] == '\r'; };
  auto next_field = [&record]() -> std::string& {
    if (record.count == record.fields.size()) record.fields.emplace_back();
    std::string& field = record.fields[record.count++];
    field.clear();
    return field;
  };
  record.count = 0;
  record.line = line;
  bool any_quoted = false;
  while (true) {
    // One field starting at i.
    std::size_t k = i;
    while (k < n && (text[k] == ' ' || text[k] == '\t'))
      ++k;
    std::string& field = next_field();
    if (k < n && text[k] == '"') {
      any_quoted = true;
      const int opened_on = line;
      ++k;
      while (true) {
        if (k >= n) fail(opened_on, "a quoted field is never closed (missing '\"')");
        if (text[k] == '"') {
          if (k + 1 < n && text[k + 1] == '"') {
            field += '"';
            k += 2;
            continue;
          }
          ++k;
          break;
        }
        if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= n || text[k + 1] != '\n'))) ++line;
        field += text[k++];
      }
      while (k < n && (text[k] == ' ' || text[k] == '\t'))
        ++k;
      if (k < n && text[k] != ',' && !at_line_end(k)) {
        fail(line,
             "text after the closing quote of a field (write a quote inside a quoted "
             "field as \"\")");
      }
    } else {
      std::size_t start = k;
      while (k < n && text[k] != ',' && !at_line_end(k)) {
        if (text[k] == '"') {
          fail(line,
               "a quote inside an unquoted field (quote the whole field and write the "
               "quote as \"\")");
        }
        ++k;
      }
      field.assign(trim(text.substr(start, k - start)));
    }
    if (k < n && text[k] == ',') {
      i = k + 1;
      continue;
    }
    i = k;
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
    break;
  }
  record.blank = !any_quoted && record.count == 1 && record.fields[0].empty();
}

// Rejects a field that is too long or holds forbidden characters (models/text_check.hpp),
// throwing ScenarioError "file:line: error: column 'x': ..."; `header` is null for a field of
// the header itself.
void check_field(const std::string& file, int line, const std::vector<std::string>* header,
                 std::size_t column, const std::string& field);

// Checks a header row against the declared columns (at most kMaxTableColumns, no unknown or
// repeated column, every required one present) and returns, per declared column (required then
// optional), its position in the header or -1. Throws ScenarioError "file:line: error: ...".
std::vector<int> declared_positions(const std::string& file, int line,
                                    const std::vector<std::string>& header,
                                    const CsvColumns& columns);

}  // namespace twotier::model::csv_detail
