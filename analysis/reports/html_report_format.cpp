// Labels and number formatting shared by every section of the HTML report
// (html_report_parts.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/reports/html_report_parts.hpp"
#include "analysis/reports/svg_chart.hpp"

namespace twotier::analysis::report_parts {

namespace fs = std::filesystem;

// ---- Labels ---------------------------------------------------------------------------------

std::string metric_label(const Labels& l, const std::string& metric) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"arrivals", {"Dossiers received", "Số hồ sơ tiếp nhận"}},
      {"completed", {"Dossiers completed", "Số hồ sơ đã giải quyết"}},
      {"on_time_rate", {"On-time rate", "Tỷ lệ giải quyết đúng hạn"}},
      {"time_in_system_days_mean",
       {"Time in system (days, mean)", "Thời gian trong hệ thống (ngày, TB)"}},
      {"processing_workdays_mean",
       {"Processing time (working days, mean)", "Thời gian xử lý (ngày làm việc, TB)"}},
      {"processing_workdays_p50", {"Processing time, median", "Thời gian xử lý, trung vị"}},
      {"processing_workdays_p90",
       {"Processing time, 90th percentile", "Thời gian xử lý, phân vị 90"}},
      {"processing_workdays_p95",
       {"Processing time, 95th percentile", "Thời gian xử lý, phân vị 95"}},
      {"backlog_mean", {"Dossiers in process (mean)", "Hồ sơ đang xử lý (TB)"}},
      {"backlog_end", {"Dossiers in process at the end", "Hồ sơ đang xử lý cuối kỳ"}},
      {"overdue_open_end", {"Overdue dossiers at the end", "Hồ sơ quá hạn cuối kỳ"}},
      {"apology_slips", {"Apology letters (overdue)", "Phiếu xin lỗi (quá hạn)"}},
      {"supplementation_requests", {"Supplementation requests", "Yêu cầu bổ sung hồ sơ"}},
      {"returned_withdrawn", {"Returned / withdrawn", "Trả lại/rút hồ sơ"}},
      {"utilization", {"Utilisation", "Mức sử dụng cán bộ"}},
  };
  const auto it = names.find(metric);
  if (it == names.end()) return metric;
  return l.t(it->second.first, it->second.second);
}

// Official monthly report rows, in MonthlyReportRow order.
const std::vector<std::pair<std::string, std::pair<const char*, const char*>>>& monthly_rows() {
  static const std::vector<std::pair<std::string, std::pair<const char*, const char*>>> rows = {
      {"carried_over", {"Carried over from the previous period", "Kỳ trước chuyển qua"}},
      {"new", {"New dossiers received", "Số hồ sơ mới tiếp nhận"}},
      {"completed_on_time", {"Completed before or on time", "Đã giải quyết trước và đúng hạn"}},
      {"completed_late", {"Completed late", "Đã giải quyết quá hạn"}},
      {"returned_withdrawn", {"Returned / withdrawn", "Trả lại/rút hồ sơ"}},
      {"pending_not_due", {"In process, not yet due", "Đang giải quyết chưa đến hạn"}},
      {"pending_overdue", {"In process, overdue", "Đang giải quyết quá hạn"}},
  };
  return rows;
}

// ---- Formatting -----------------------------------------------------------------------------
bool is_rate(const std::string& metric) {
  return metric == "on_time_rate" || metric == "utilization" || metric == "little_law_gap";
}

std::string fmt(double v, bool percent, int decimals) {
  if (std::isnan(v)) return "–";
  char buffer[48];
  if (percent) {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * v);
  } else if (decimals >= 0) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  } else if (std::abs(v) >= 1000) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  } else if (std::abs(v) >= 10) {
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
  }
  return buffer;
}

std::string e(const std::string& text) {
  return html_escape(text);
}

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, const std::string& cls) {
  std::ostringstream out;
  out << "<table" << (cls.empty() ? "" : " class=\"" + cls + "\"") << "><thead><tr>";
  for (const auto& h : header)
    out << "<th>" << e(h) << "</th>";
  out << "</tr></thead><tbody>";
  for (const auto& row : rows) {
    out << "<tr>";
    for (const auto& cell : row)
      out << "<td>" << e(cell) << "</td>";
    out << "</tr>";
  }
  out << "</tbody></table>";
  return out.str();
}

std::string section(const std::string& id, const std::string& title, const std::string& body) {
  return "<section id=\"" + id + "\"><h2>" + e(title) + "</h2>" + body + "</section>\n";
}

std::string csv_table(const CsvRecords& csv, std::size_t max_rows) {
  std::vector<std::vector<std::string>> rows(
      csv.rows.begin(),
      csv.rows.begin() + static_cast<std::ptrdiff_t>(std::min(max_rows, csv.rows.size())));
  for (auto& row : rows)
    for (auto& cell : row) {
      // Shorten long floating-point fields for reading.
      char* end = nullptr;
      const double v = std::strtod(cell.c_str(), &end);
      if (!cell.empty() && end && *end == '\0' && cell.find('.') != std::string::npos)
        cell = fmt(v, false, std::abs(v) < 1 ? 4 : 2);
    }
  std::string html = table(csv.header, rows, "numbers");
  if (csv.rows.size() > max_rows)
    html +=
        "<p>… " + std::to_string(csv.rows.size() - max_rows) + " more rows in the CSV file.</p>";
  return html;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace twotier::analysis::report_parts
