#include "analysis/results/xlsx_workbook.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <set>
#include <stdexcept>

#include <xlsxwriter.h>

#include "analysis/results/atomic_file.hpp"

namespace twotier::analysis {

namespace {

constexpr std::size_t kExcelSheetNameLimit = 31;  // characters (Excel counts UTF-16 units;
                                                  // Vietnamese letters are one each)

// Owns the workbook until closed; a workbook that failed is closed (and freed) all the same.
class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& file) : file_(file) {
    lxw_workbook_options options{};
    options.constant_memory = 0;  // rows are written in order anyway; keeps formats simple
    workbook_ = workbook_new_opt(file.c_str(), &options);
    if (workbook_ == nullptr) throw std::runtime_error("cannot create " + file.string());
    // A fixed creation time, so a workbook depends on its content only (a resumed run writes
    // the same bytes as an uninterrupted one).
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>("twotier results");
    properties.created = 946684800;  // 2000-01-01T00:00:00Z
    workbook_set_properties(workbook_, &properties);
  }
  ~Workbook() {
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return workbook_; }

  void close() {
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    check(error, "close");
  }

  void check(lxw_error error, const char* what) const {
    if (error != LXW_NO_ERROR)
      throw std::runtime_error("cannot write " + file_.string() + " (" + what +
                               "): " + lxw_strerror(error));
  }

 private:
  std::filesystem::path file_;
  lxw_workbook* workbook_ = nullptr;
};

const char* number_format(CellFormat format) {
  switch (format) {
    case CellFormat::kCount:
      return "#,##0";
    case CellFormat::kDecimal:
      return "0.00";
    case CellFormat::kPercent:
      return "0.0%";
    case CellFormat::kInteger:
      return "0";
    case CellFormat::kText:
    case CellFormat::kPrecise:
      return nullptr;
  }
  return nullptr;
}

// Drops the bytes of an incomplete UTF-8 letter at the end of `text`.
std::string utf8_prefix(std::string_view text, std::size_t letters) {
  std::size_t i = 0;
  std::size_t count = 0;
  while (i < text.size() && count < letters) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + length > text.size()) break;
    i += length;
    ++count;
  }
  return std::string(text.substr(0, i));
}

std::size_t utf8_letters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

std::string workbook_sheet_name(std::string_view name) {
  std::string cleaned;
  for (const char c : name)
    cleaned += std::strchr("[]:*?/\\", c) != nullptr && c != '\0' ? '-' : c;
  // Excel also refuses a name that starts or ends with an apostrophe.
  while (!cleaned.empty() && cleaned.front() == '\'')
    cleaned.erase(cleaned.begin());
  while (!cleaned.empty() && cleaned.back() == '\'')
    cleaned.pop_back();
  cleaned = utf8_prefix(cleaned, kExcelSheetNameLimit);
  return cleaned.empty() ? "sheet" : cleaned;
}

void write_workbook(const std::filesystem::path& file, std::span<const WorkbookSheet> sheets) {
  if (sheets.empty()) throw std::logic_error("write_workbook: no sheet");
  write_file_atomically(file, [&](const std::filesystem::path& temporary) {
    Workbook book(temporary);
    lxw_format* header = workbook_add_format(book.get());
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(header, LXW_BORDER_THIN);
    lxw_format* note = workbook_add_format(book.get());
    format_set_italic(note);
    std::vector<lxw_format*> formats;
    for (const CellFormat f : {CellFormat::kText, CellFormat::kCount, CellFormat::kDecimal,
                               CellFormat::kPercent, CellFormat::kInteger, CellFormat::kPrecise}) {
      lxw_format* format = nullptr;
      if (const char* pattern = number_format(f)) {
        format = workbook_add_format(book.get());
        format_set_num_format(format, pattern);
      }
      formats.push_back(format);
    }

    std::set<std::string> used;
    for (const WorkbookSheet& sheet : sheets) {
      // Unique names (Excel compares them case-insensitively; ours differ by more than case).
      std::string name = workbook_sheet_name(sheet.name);
      for (int k = 2; used.count(name) != 0; ++k) {
        const std::string suffix = " (" + std::to_string(k) + ")";
        name = utf8_prefix(workbook_sheet_name(sheet.name),
                           kExcelSheetNameLimit - utf8_letters(suffix)) +
               suffix;
      }
      used.insert(name);
      lxw_worksheet* ws = workbook_add_worksheet(book.get(), name.c_str());
      if (ws == nullptr)
        throw std::runtime_error("cannot add sheet '" + name + "' to " + file.string());

      lxw_row_t row = 0;
      for (const std::string& line : sheet.notes)
        book.check(worksheet_write_string(ws, row++, 0, line.c_str(), note), "note");
      if (!sheet.notes.empty()) ++row;  // a blank line before the table
      const lxw_row_t header_row = row;
      for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
        const WorkbookColumn& column = sheet.columns[c];
        const auto col = static_cast<lxw_col_t>(c);
        book.check(worksheet_set_column(ws, col, col, column.width,
                                        formats[static_cast<std::size_t>(column.format)]),
                   "column");
        book.check(worksheet_write_string(ws, row, col, column.title.c_str(), header), "header");
      }
      ++row;
      for (const auto& cells : sheet.rows) {
        if (cells.size() > sheet.columns.size())
          throw std::logic_error("write_workbook: a row of sheet '" + sheet.name +
                                 "' has more cells than columns");
        for (std::size_t c = 0; c < cells.size(); ++c) {
          const auto col = static_cast<lxw_col_t>(c);
          const WorkbookCell& cell = cells[c];
          lxw_format* format =
              formats[static_cast<std::size_t>(cell.format.value_or(sheet.columns[c].format))];
          if (const auto* number = std::get_if<double>(&cell.value)) {
            if (std::isfinite(*number))
              book.check(worksheet_write_number(ws, row, col, *number, format), "number");
          } else if (const auto* text = std::get_if<std::string>(&cell.value)) {
            book.check(worksheet_write_string(ws, row, col, text->c_str(), nullptr), "text");
          }
        }
        ++row;
      }
      if (!sheet.columns.empty()) {
        worksheet_freeze_panes(ws, header_row + 1, 0);
        book.check(
            worksheet_autofilter(ws, header_row, 0, row > header_row + 1 ? row - 1 : header_row,
                                 static_cast<lxw_col_t>(sheet.columns.size() - 1)),
            "filter");
      }
    }
    book.close();
  });
}

}  // namespace twotier::analysis
