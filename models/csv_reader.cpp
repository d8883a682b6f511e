// Streaming CSV reading (see csv_reader.hpp).
#include "models/csv_reader.hpp"

#include <algorithm>
#include <cassert>

#include "models/text_check.hpp"
#include "models/text_match.hpp"

namespace twotier::model {

namespace {
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
}

CsvReader::CsvReader(const std::filesystem::path& file, const CsvColumns& columns)
    : file_(file.lexically_normal().string()) {
  in_.reset(std::fopen(file.c_str(), "rb"));
  if (!in_) throw ScenarioError(file_ + ": error: cannot open the file (does it exist?)");
  declared_ = columns.required;
  declared_.insert(declared_.end(), columns.optional.begin(), columns.optional.end());
  do {
    if (!next_record()) {
      throw ScenarioError(file_ + ": error: the file is empty (expected a header row: " +
                          join_names(declared_) + ")");
    }
  } while (record_.blank);
  header_.assign(record_.fields.begin(), record_.fields.begin() + record_.count);
  position_of_declared_ = csv_detail::declared_positions(file_, record_.line, header_, columns);
  header_fields_ = header_.size();
}

bool CsvReader::has_column(std::string_view column) const {
  for (std::size_t d = 0; d < declared_.size(); ++d)
    if (declared_[d] == column) return position_of_declared_[d] >= 0;
  return false;
}

int CsvReader::column(std::string_view column) const {
  const auto it = std::find(declared_.begin(), declared_.end(), column);
  assert(it != declared_.end() && "column not declared for this table");
  return static_cast<int>(it - declared_.begin());
}

CsvCell CsvReader::cell(int declared) const {
  const auto d = static_cast<std::size_t>(declared);
  const int position = position_of_declared_[d];
  return CsvCell(&file_, record_.line, declared_[d],
                 position < 0
                     ? std::string_view{}
                     : std::string_view(record_.fields[static_cast<std::size_t>(position)]));
}

bool CsvReader::read_more() {
  if (eof_) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunkBytes);
  const std::size_t got = std::fread(buffer_.data() + old_size, 1, kChunkBytes, in_.get());
  buffer_.resize(old_size + got);
  if (got < kChunkBytes) {
    if (std::ferror(in_.get())) throw ScenarioError(file_ + ": error: cannot read the file");
    eof_ = true;
  }
  if (first_ && buffer_.size() >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  return true;
}

std::size_t CsvReader::record_end() const {
  bool quoted = false;
  const std::size_t n = buffer_.size();
  for (std::size_t k = pos_; k < n; ++k) {
    const char c = buffer_[k];
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      if (c == '\n') return k + 1;
      if (k + 1 < n) return buffer_[k + 1] == '\n' ? k + 2 : k + 1;
      return eof_ ? k + 1 : std::string::npos;  // a CR whose LF may be in the next chunk
    }
  }
  return eof_ ? n : std::string::npos;
}

bool CsvReader::next_record() {
  std::size_t end = std::string::npos;
  while (true) {
    if (pos_ < buffer_.size()) end = record_end();
    if (end != std::string::npos && pos_ < buffer_.size()) break;
    if (!read_more()) return false;
  }
  // The encoding of the record's bytes (after a UTF-8 byte-order mark at the start of the
  // file; a UTF-16 or UTF-32 one is reported).
  const std::string_view body(buffer_.data() + pos_, end - pos_);
  first_ = false;
  if (const auto bad = encoding_problem(body)) {
    throw ScenarioError(file_ + ":" + std::to_string(line_ + bad->line - 1) +
                        ": error: " + bad->problem);
  }
  std::size_t i = 0;
  auto fail = [this](int line, const std::string& problem) {
    throw ScenarioError(file_ + ":" + std::to_string(line) + ": error: " + problem);
  };
  csv_detail::read_record(body, i, line_, record_, fail);
  pos_ = end;
  for (std::size_t c = 0; c < record_.count; ++c)
    csv_detail::check_field(file_, record_.line, header_fields_ == 0 ? nullptr : &header_, c,
                            record_.fields[c]);
  return true;
}

bool CsvReader::next() {
  do {
    if (!next_record()) return false;
  } while (record_.blank);
  if (record_.count != header_fields_) {
    throw ScenarioError(file_ + ":" + std::to_string(record_.line) + ": error: this row has " +
                        std::to_string(record_.count) + " fields but the header has " +
                        std::to_string(header_fields_));
  }
  return true;
}

}  // namespace twotier::model
