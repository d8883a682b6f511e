// CSV reading for scenario tables (see csv_table.hpp).
#include "models/csv_table.hpp"

#include <algorithm>
#include <cassert>
#include <fstream>
#include <sstream>

#include "models/csv_record.hpp"
#include "models/input_limits.hpp"
#include "models/text_check.hpp"
#include "models/text_match.hpp"

namespace twotier::model {
namespace {

using csv_detail::Record;

// Splits RFC 4180 text into records. `fail(line, problem)` must throw.
template <class Fail>
std::vector<Record> split_records(std::string_view text, Fail&& fail) {
  std::vector<Record> records;
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    Record record;
    csv_detail::read_record(text, i, line, record, fail);
    record.fields.resize(record.count);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

namespace csv_detail {

void check_field(const std::string& file, int line, const std::vector<std::string>* header,
                 std::size_t column, const std::string& field) {
  // Called for every field of every row: the message is built only on failure.
  auto fail = [&](const std::string& problem) {
    std::string message = file;
    message.append(":").append(std::to_string(line)).append(": error: ");
    if (header == nullptr || column >= header->size())
      message.append("the header: ");
    else
      message.append("column '").append(visible((*header)[column])).append("': ");
    throw ScenarioError(message.append(problem));
  };
  if (field.size() > kMaxFieldBytes) {
    fail("a field of " + std::to_string(field.size()) + " bytes (at most " +
         std::to_string(kMaxFieldBytes) + ")");
  }
  if (const auto bad = forbidden_character(field, true)) {
    const std::string meant = without_forbidden_characters(field);
    std::string problem = visible(field);
    problem.insert(0, 1, '\'');
    problem.append("' contains ").append(*bad).append(", not allowed in ids and names");
    if (!meant.empty()) problem.append(" (did you mean '").append(meant).append("'?)");
    fail(problem);
  }
}

std::vector<int> declared_positions(const std::string& file, int line,
                                    const std::vector<std::string>& header,
                                    const CsvColumns& columns) {
  std::vector<std::string> declared = columns.required;
  declared.insert(declared.end(), columns.optional.begin(), columns.optional.end());
  auto fail = [&](const std::string& problem) {
    throw ScenarioError(file + ":" + std::to_string(line) + ": error: " + problem);
  };
  if (header.size() > kMaxTableColumns) {
    fail("the header has " + std::to_string(header.size()) + " columns (at most " +
         std::to_string(kMaxTableColumns) + ")");
  }
  std::vector<int> position_of(declared.size(), -1);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    const auto it = std::find(declared.begin(), declared.end(), name);
    if (it == declared.end()) {
      fail("unknown column '" + name + "'" + did_you_mean(name, declared) +
           " (allowed: " + join_names(declared) + ")");
    }
    int& position = position_of[static_cast<std::size_t>(it - declared.begin())];
    if (position >= 0) fail("column '" + name + "' appears twice");
    position = static_cast<int>(c);
  }
  for (std::size_t d = 0; d < columns.required.size(); ++d) {
    if (position_of[d] < 0) {
      fail("missing column '" + declared[d] + "' (required: " + join_names(columns.required) + ")");
    }
  }
  return position_of;
}

}  // namespace csv_detail

const std::string& CsvCell::file() const {
  return *file_;
}

void CsvCell::fail(const std::string& problem, const std::string& allowed) const {
  const std::string message =
      "column '" + std::string(column_) + "': " + with_allowed(problem, allowed);
  throw ScenarioError((source_ != nullptr ? *source_ : *file_ + ":" + std::to_string(line_)) +
                      ": error: " + message);
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
  if (position < 0) return CsvCell(&table_->file_, line_, *it, {});
  CsvCell cell(&table_->file_, line_, *it,
               table_->rows_[index_][static_cast<std::size_t>(position)]);
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

  if (records.empty()) {
    throw ScenarioError(table.file_ + ": error: the file is empty (expected a header row: " +
                        join_names(table.declared_) + ")");
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
      csv_detail::check_field(table.file_, record.line,
                              &record == &header ? nullptr : &header.fields, c, record.fields[c]);
    }
  }
  table.position_of_declared_ =
      csv_detail::declared_positions(table.file_, header.line, header.fields, columns);
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
