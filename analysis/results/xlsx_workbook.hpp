// An Excel workbook (.xlsx) of plain tables, for people rather than scripts: one sheet per
// table, a bold header row that stays in view, a filter on every column, and numbers formatted
// by column (counts rounded, rates as percentages). Written with libxlsxwriter through a
// temporary name renamed when complete (atomic_file.hpp). Texts are UTF-8 and kept as they are.
// A plain value: build the sheets, then write them once; call from one thread.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace twotier::analysis {

enum class CellFormat {
  kText,     // as written
  kCount,    // "#,##0": a count or a mean of counts, rounded to a whole number
  kDecimal,  // "0.00": days, hours
  kPercent,  // "0.0%": a rate stored as a fraction (0.953 shows as 95.3%)
  kInteger,  // "0": years, months, officers (no thousands separator)
  kPrecise,  // "General": full precision
};

struct WorkbookColumn {
  std::string title;
  CellFormat format = CellFormat::kText;
  double width = 12.0;  // in characters
};

// A blank cell (an undefined value), a number or a text; NaN numbers are written blank. A
// number takes its column's format unless the cell names its own (a column mixing rates and
// counts).
struct WorkbookCell {
  std::variant<std::monostate, double, std::string> value;
  std::optional<CellFormat> format;

  WorkbookCell() = default;
  WorkbookCell(double number) : value(number) {}
  WorkbookCell(double number, CellFormat own) : value(number), format(own) {}
  WorkbookCell(std::string text) : value(std::move(text)) {}
  WorkbookCell(const char* text) : value(std::string(text)) {}
};

struct WorkbookSheet {
  std::string name;                // shortened to Excel's 31 characters; []:*?/\ become '-'
  std::vector<std::string> notes;  // lines above the table (what it shows), may be empty
  std::vector<WorkbookColumn> columns;
  std::vector<std::vector<WorkbookCell>> rows;  // each at most columns.size() cells
};

// The name Excel accepts for `name`: at most 31 characters (whole UTF-8 letters), none of
// []:*?/\ (each becomes '-'), and not empty ("sheet").
std::string workbook_sheet_name(std::string_view name);

// Writes `sheets` (in order) to `file` atomically. Sheet names made unique by " (2)", ...
// Throws std::runtime_error naming the file when libxlsxwriter fails.
// REQUIRES: !sheets.empty().
void write_workbook(const std::filesystem::path& file, std::span<const WorkbookSheet> sheets);

}  // namespace twotier::analysis
