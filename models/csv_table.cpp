// CSV reading for scenario tables (see csv_table.hpp).
#include "models/csv_table.hpp"

#include <algorithm>
#include <cassert>
#include <fstream>
#include <sstream>

#include "models/input_limits.hpp"
#include "models/text_check.hpp"
#include "models/text_match.hpp"

namespace twotier::model {
namespace {

struct Record {
  std::vector<std::string> fields;
  int line = 0;
  bool blank = false;  // a line with nothing but spaces
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Splits RFC 4180 text into records. `fail(line, problem)` must throw.
template <class Fail>
std::vector<Record> split_records(std::string_view text, Fail&& fail) {
  std::vector<Record> records;
  std::size_t i = 0;
  int line = 1;
  const std::size_t n = text.size();
  auto at_line_end = [&](std::size_t k) { return k >= n || text[k] == '\n' || text[k] == '\r'; };
  auto skip_line_end = [&](std::size_t& k) {
    if (k < n && text[k] == '\r') ++k;
    if (k < n && text[k] == '\n') ++k;
    ++line;
  };
  while (i < n) {
    Record record;
    record.line = line;
    bool any_quoted = false;
    while (true) {
      // One field starting at i.
      std::size_t k = i;
      while (k < n && (text[k] == ' ' || text[k] == '\t'))
        ++k;
      std::string field;
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
        field = std::string(trim(text.substr(start, k - start)));
      }
      record.fields.push_back(std::move(field));
      if (k < n && text[k] == ',') {
        i = k + 1;
        continue;
      }
      i = k;
      skip_line_end(i);
      break;
    }
    record.blank = !any_quoted && record.fields.size() == 1 && record.fields[0].empty();
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

void CsvTable::check_field(const CsvTable& table, int line, const std::vector<std::string>* header,
                           std::size_t column, const std::string& field) {
  const std::string where = header == nullptr || column >= header->size()
                                ? std::string("the header: ")
                                : "column '" + visible((*header)[column]) + "': ";
  if (field.size() > kMaxFieldBytes) {
    table.fail_at(line, where + "a field of " + std::to_string(field.size()) + " bytes (at most " +
                            std::to_string(kMaxFieldBytes) + ")");
  }
  if (const auto bad = forbidden_character(field, true)) {
    const std::string meant = without_forbidden_characters(field);
    table.fail_at(line, where + "'" + visible(field) + "' contains " + *bad +
                            ", not allowed in ids and names" +
                            (meant.empty() ? std::string{} : " (did you mean '" + meant + "'?)"));
  }
}

const std::string& CsvCell::file() const {
  return table_->file();
}

void CsvCell::fail(const std::string& problem, const std::string& allowed) const {
  const std::string message =
      "column '" + std::string(column_) + "': " + with_allowed(problem, allowed);
  if (source_ != nullptr) throw ScenarioError(*source_ + ": error: " + message);
  table_->fail_at(line_, message);
}

void CsvCell::bad_value(const std::string& allowed) const {
  fail("bad value '" + std::string(text_) + "'", allowed);
}

CsvCell CsvRow::operator[](std::string_view column) const {
  const auto& declared = table_->declared_;
  const auto it = std::find(declared.begin(), declared.end(), column);
  assert(it != declared.end() && "column not declared for this table");
  const std::size_t d = static_cast<std::size_t>(it - declared.begin());
  const int position = table_->position_of_declared_[d];
  if (position < 0) return CsvCell(table_, line_, *it, {});
  CsvCell cell(table_, line_, *it, table_->rows_[index_][static_cast<std::size_t>(position)]);
  for (const auto& [where, source] : table_->set_by_)
    if (where.first == index_ && where.second == d) cell.source_ = &source;
  return cell;
}

const std::string& CsvRow::file() const {
  return table_->file();
}

void CsvRow::fail(const std::string& problem) const {
  table_->fail_at(line_, problem);
}

void CsvTable::fail_at(int line, const std::string& problem) const {
  throw ScenarioError(file_ + ":" + std::to_string(line) + ": error: " + problem);
}

bool CsvTable::has_column(std::string_view column) const {
  for (std::size_t d = 0; d < declared_.size(); ++d) {
    if (declared_[d] == column) return position_of_declared_[d] >= 0;
  }
  return false;
}

std::string_view CsvTable::field(std::size_t i, std::string_view column) const {
  const auto it = std::find(declared_.begin(), declared_.end(), column);
  assert(it != declared_.end() && "column not declared for this table");
  const int position = position_of_declared_[static_cast<std::size_t>(it - declared_.begin())];
  return position < 0 ? std::string_view{} : rows_[i][static_cast<std::size_t>(position)];
}

void CsvTable::set_field(std::size_t i, std::string_view column, std::string text,
                         std::string source) {
  const auto it = std::find(declared_.begin(), declared_.end(), column);
  assert(it != declared_.end() && "column not declared for this table");
  const auto d = static_cast<std::size_t>(it - declared_.begin());
  int& position = position_of_declared_[d];
  if (position < 0) {
    position = static_cast<int>(rows_.empty() ? std::size_t{0} : rows_.front().size());
    for (auto& row : rows_)
      row.emplace_back();
  }
  rows_[i][static_cast<std::size_t>(position)] = std::move(text);
  set_by_.push_back({{i, d}, std::move(source)});
}

std::size_t CsvTable::copy_row(std::size_t i) {
  rows_.push_back(rows_[i]);
  lines_.push_back(lines_[i]);
  return rows_.size() - 1;
}

CsvTable CsvTable::read_file(const std::filesystem::path& file, const CsvColumns& columns) {
  const std::string label = file.lexically_normal().string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(label + ": error: cannot open the file (does it exist?)");
  std::error_code ec;
  if (const auto bytes = std::filesystem::file_size(file, ec); !ec && bytes > kMaxTableFileBytes) {
    throw ScenarioError(label + ": error: the file is " + std::to_string(bytes) +
                        " bytes, more than a table may have (at most " +
                        std::to_string(kMaxTableFileBytes) + " bytes)");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), label, columns);
}

CsvTable CsvTable::parse(std::string text, std::string file_label, const CsvColumns& columns) {
  CsvTable table;
  table.file_ = std::move(file_label);
  table.text_ = std::move(text);
  table.declared_ = columns.required;
  table.declared_.insert(table.declared_.end(), columns.optional.begin(), columns.optional.end());
  table.position_of_declared_.assign(table.declared_.size(), -1);

  std::string_view body = table.text_;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  auto fail = [&table](int line, const std::string& problem) { table.fail_at(line, problem); };
  if (table.text_.size() > kMaxTableFileBytes) {
    fail(1, "the table has " + std::to_string(table.text_.size()) +
                " bytes, more than a table may have (at most " +
                std::to_string(kMaxTableFileBytes) + " bytes)");
  }
  if (const auto bad = encoding_problem(body)) fail(bad->line, bad->problem);
  std::vector<Record> records = split_records(body, fail);
  std::erase_if(records, [](const Record& r) { return r.blank; });

  const std::string expected_header = join_names(table.declared_);
  if (records.empty()) {
    throw ScenarioError(table.file_ + ": error: the file is empty (expected a header row: " +
                        expected_header + ")");
  }
  const Record& header = records.front();
  if (header.fields.size() > kMaxTableColumns) {
    table.fail_at(header.line, "the header has " + std::to_string(header.fields.size()) +
                                   " columns (at most " + std::to_string(kMaxTableColumns) + ")");
  }
  if (records.size() - 1 > kMaxTableRows) {
    table.fail_at(records[kMaxTableRows + 1].line,
                  "the table has " + std::to_string(records.size() - 1) + " rows (at most " +
                      std::to_string(kMaxTableRows) + ")");
  }
  for (const Record& record : records) {
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      check_field(table, record.line, &record == &header ? nullptr : &header.fields, c,
                  record.fields[c]);
    }
  }
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string& name = header.fields[c];
    const auto it = std::find(table.declared_.begin(), table.declared_.end(), name);
    if (it == table.declared_.end()) {
      table.fail_at(header.line, "unknown column '" + name + "'" +
                                     did_you_mean(name, table.declared_) +
                                     " (allowed: " + expected_header + ")");
    }
    int& position =
        table.position_of_declared_[static_cast<std::size_t>(it - table.declared_.begin())];
    if (position >= 0) table.fail_at(header.line, "column '" + name + "' appears twice");
    position = static_cast<int>(c);
  }
  for (std::size_t d = 0; d < columns.required.size(); ++d) {
    if (table.position_of_declared_[d] < 0) {
      table.fail_at(header.line, "missing column '" + table.declared_[d] +
                                     "' (required: " + join_names(columns.required) + ")");
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    Record& record = records[r];
    if (record.fields.size() != header.fields.size()) {
      table.fail_at(record.line, "this row has " + std::to_string(record.fields.size()) +
                                     " fields but the header has " +
                                     std::to_string(header.fields.size()));
    }
    table.rows_.push_back(std::move(record.fields));
    table.lines_.push_back(record.line);
  }
  return table;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t at = text.find(';', start);
    std::string_view item = text.substr(start, at == std::string_view::npos ? at : at - start);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return items;
}

}  // namespace twotier::model
