#include "analysis/results/csv_records.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "analysis/results/atomic_file.hpp"

namespace twotier::analysis {

int CsvRecords::column(std::string_view name) const {
  for (std::size_t c = 0; c < header.size(); ++c)
    if (header[c] == name) return static_cast<int>(c);
  return -1;
}

const std::string& CsvRecords::field(std::size_t row, std::string_view name) const {
  static const std::string empty;  // immutable, shared safely
  const int c = column(name);
  if (c < 0 || row >= rows.size()) return empty;
  return rows[row][static_cast<std::size_t>(c)];
}

double CsvRecords::number(std::size_t row, std::string_view name) const {
  const std::string& text = field(row, name);
  double value = std::nan("");
  if (text.empty()) return value;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nan("");
  return value;
}

CsvRecords parse_csv(std::string_view text) {
  if (text.starts_with(kUtf8ByteOrderMark))
    text.remove_prefix(kUtf8ByteOrderMark.size());  // --csv-bom
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        record.push_back(std::move(field));
        lines.push_back(std::move(record));
      }
      field.clear();
      record.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    lines.push_back(std::move(record));
  }
  CsvRecords records;
  if (lines.empty()) return records;
  records.header = std::move(lines.front());
  for (std::size_t l = 1; l < lines.size(); ++l) {
    lines[l].resize(std::max(lines[l].size(), records.header.size()));
    records.rows.push_back(std::move(lines[l]));
  }
  return records;
}

std::optional<CsvRecords> read_csv_file(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_csv(text.str());
}

}  // namespace twotier::analysis
