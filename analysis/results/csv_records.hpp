// Reading the CSV files twotier writes (RFC 4180: quoted fields, doubled quotes, UTF-8) back
// into named columns, for reports built from result folders. Not a general CSV library: the
// whole file is read into memory. Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::analysis {

struct CsvRecords {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header (padded)

  // Column index of `name`, or -1.
  int column(std::string_view name) const;
  // The field, or "" when the column is missing.
  const std::string& field(std::size_t row, std::string_view name) const;
  // The field as a number; NaN when empty, missing or not a number.
  double number(std::size_t row, std::string_view name) const;
};

// A leading UTF-8 byte-order mark (`--csv-bom`) is skipped.
CsvRecords parse_csv(std::string_view text);

// nullopt when the file does not exist; throws std::runtime_error when it cannot be read.
std::optional<CsvRecords> read_csv_file(const std::filesystem::path& file);

}  // namespace twotier::analysis
