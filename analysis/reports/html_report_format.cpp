// Labels and number formatting shared by every section of the HTML report
// (html_report_parts.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
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
  return metric == "on_time_rate" || metric == "utilization" || metric == "little_law_gap" ||
         metric.ends_with("_rate") || metric.starts_with("utilization") ||
         metric.starts_with("utilisation") || metric.ends_with("_share");
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

std::string column_label(const Labels& l, const std::string& column) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"scope", {"Scope", "Phạm vi"}},
      {"metric", {"Indicator", "Chỉ tiêu"}},
      {"alternative", {"Alternative", "Phương án"}},
      {"scenario", {"Scenario", "Kịch bản"}},
      {"unit", {"Unit", "Đơn vị"}},
      {"position", {"Position", "Vị trí"}},
      {"target", {"Target", "Chỉ tiêu đặt ra"}},
      {"current", {"Officers now", "Cán bộ hiện có"}},
      {"recommended", {"Officers recommended", "Cán bộ đề xuất"}},
      {"change", {"Change", "Thay đổi"}},
      {"order", {"Order", "Thứ tự"}},
      {"mean", {"Mean", "Trung bình"}},
      {"ci_low", {"Interval from", "KTC từ"}},
      {"ci_high", {"Interval to", "KTC đến"}},
      {"n", {"Replications", "Số lần lặp"}},
      {"base_mean", {"Base", "Phương án gốc"}},
      {"alt_mean", {"Alternative", "Phương án so sánh"}},
      {"diff_mean", {"Difference", "Chênh lệch"}},
      {"diff_ci_low", {"Difference from", "Chênh lệch từ"}},
      {"diff_ci_high", {"Difference to", "Chênh lệch đến"}},
      {"significant", {"Significant", "Có ý nghĩa"}},
      {"variance_ratio",
       {"Variance ratio (paired / independent)", "Tỷ lệ phương sai (cặp / độc lập)"}},
      {"pairs", {"Pairs", "Số cặp"}},
      {"level", {"Confidence level", "Độ tin cậy"}},
      {"overtime_hours", {"Overtime needed (hours)", "Giờ làm thêm cần (giờ)"}},
      {"correlation", {"Correlation of the pairs", "Tương quan cặp"}},
      {"before_mean", {"Before", "Trước"}},
      {"before_ci_low", {"Before, from", "Trước, KTC từ"}},
      {"before_ci_high", {"Before, to", "Trước, KTC đến"}},
      {"after_mean", {"After", "Sau"}},
      {"after_ci_low", {"After, from", "Sau, KTC từ"}},
      {"after_ci_high", {"After, to", "Sau, KTC đến"}},
      {"met_before", {"Met before", "Đạt trước"}},
      {"met_after", {"Met after", "Đạt sau"}},
      {"kpi_before", {"Before", "Trước"}},
      {"kpi_after", {"After", "Sau"}},
      {"kpi_after_ci_low", {"After, from", "Sau, KTC từ"}},
      {"kpi_after_ci_high", {"After, to", "Sau, KTC đến"}},
      {"kpi_scope", {"Measured on", "Đo trên"}},
      {"kpi_metric", {"Indicator", "Chỉ tiêu"}},
      {"kpi_before_ci_low", {"Before, from", "Trước, KTC từ"}},
      {"kpi_before_ci_high", {"Before, to", "Trước, KTC đến"}},
      {"gain", {"Gain", "Mức tăng"}},
      {"gain_ci_low", {"Gain from", "Mức tăng từ"}},
      {"gain_ci_high", {"Gain to", "Mức tăng đến"}},
      {"factor", {"Lever", "Yếu tố"}},
      {"rank", {"Rank", "Hạng"}},
      {"low_value", {"Low value", "Giá trị thấp"}},
      {"high_value", {"High value", "Giá trị cao"}},
      {"low_response", {"Result at low", "Kết quả khi thấp"}},
      {"high_response", {"Result at high", "Kết quả khi cao"}},
      {"swing", {"Swing", "Biên độ"}},
      {"baseline_response", {"Baseline", "Gốc"}},
      {"point", {"Point", "Điểm"}},
      {"officers", {"Officers", "Số cán bộ"}},
      {"utilisation", {"Utilisation", "Mức sử dụng"}},
      {"yearly_cost", {"Yearly cost (VND)", "Chi phí/năm (đồng)"}},
      {"yearly_cost_vnd", {"Yearly cost (VND)", "Chi phí/năm (đồng)"}},
      {"cost_per_point",
       {"Cost per point of on-time rate (VND)", "Chi phí cho mỗi điểm % đúng hạn (đồng)"}},
  };
  const auto it = names.find(column);
  if (it != names.end()) return l.t(it->second.first, it->second.second);
  std::string text = column;  // an unknown column: at least no underscores
  for (char& c : text)
    if (c == '_') c = ' ';
  return text;
}

std::string scope_label(const Labels& l, const std::string& scope,
                        const std::function<std::string(const std::string&)>& unit_names) {
  if (scope == "province") return l.t("province", "toàn tỉnh");
  if (scope == "tier:commune") return l.t("commune tier", "cấp xã");
  if (scope == "tier:province") return l.t("provincial tier", "cấp tỉnh");
  if (scope.starts_with("unit:")) return unit_names ? unit_names(scope.substr(5)) : scope.substr(5);
  if (scope.starts_with("domain:")) return domain_name(l, scope.substr(7));
  return scope;
}

std::string domain_name(const Labels& l, const std::string& domain) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"land", {"Land", "Đất đai"}},
      {"construction", {"Construction", "Xây dựng"}},
      {"civil_status_justice", {"Civil status and justice", "Hộ tịch, tư pháp"}},
      {"certification", {"Certification", "Chứng thực"}},
      {"household_business", {"Household business", "Hộ kinh doanh"}},
      {"social_labour", {"Labour and social affairs", "Lao động, xã hội"}},
      {"finance_budget", {"Finance and budget", "Tài chính, ngân sách"}},
      {"investment", {"Investment", "Đầu tư"}},
      {"other", {"Other", "Khác"}},
  };
  const auto it = names.find(domain);
  return it == names.end() ? domain : l.t(it->second.first, it->second.second);
}

std::string csv_table(const Labels& l, const CsvRecords& csv, std::size_t max_rows,
                      const std::function<std::string(const std::string&)>& unit_names) {
  const int metric_column = [&] {
    for (const char* name : {"metric", "kpi_metric"})
      if (csv.column(name) >= 0) return csv.column(name);
    return -1;
  }();
  const int target_column = csv.column("target");
  std::vector<std::string> header;
  for (const auto& h : csv.header)
    header.push_back(column_label(l, h));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < std::min(max_rows, csv.rows.size()); ++r) {
    std::string metric =
        metric_column >= 0 ? csv.rows[r][static_cast<std::size_t>(metric_column)] : "";
    if (metric.empty() && target_column >= 0) {  // "on_time_rate>=0.9"
      const std::string& t = csv.rows[r][static_cast<std::size_t>(target_column)];
      metric = t.substr(0, t.find_first_of(" <>="));
    }
    const bool rate = is_rate(metric);
    std::vector<std::string> row;
    for (std::size_t c = 0; c < csv.rows[r].size() && c < csv.header.size(); ++c) {
      const std::string& name = csv.header[c];
      const std::string& cell = csv.rows[r][c];
      char* end = nullptr;
      const double v = std::strtod(cell.c_str(), &end);
      const bool number = !cell.empty() && end && *end == '\0';
      const bool flag = name == "significant" || name.starts_with("met_") || name == "target_met" ||
                        name == "is_current";
      if (cell == "true" || cell == "false" || (flag && (cell == "0" || cell == "1"))) {
        row.push_back(cell == "true" || cell == "1" ? l.t("yes", "có") : l.t("no", "không"));
      } else if (name == "level" && number) {
        row.push_back(l.pct(v, 0));
      } else if (static_cast<int>(c) == metric_column) {
        row.push_back(metric_label(l, cell));
      } else if (name == "scope" || name == "kpi_scope") {
        row.push_back(scope_label(l, cell, unit_names));
      } else if (name == "unit") {
        row.push_back(unit_names ? unit_names(cell) : cell);
      } else if (name == "position") {
        row.push_back(position_label(l, cell));
      } else if (static_cast<int>(c) == target_column) {
        row.push_back(target_label(l, cell));
      } else if (number) {
        const bool difference = name.find("diff") != std::string::npos ||
                                name.starts_with("gain") || name == "change" || name == "swing";
        const bool level = name.find("mean") != std::string::npos ||
                           name.find("ci_") != std::string::npos || name.starts_with("kpi_") ||
                           name.ends_with("_response") || name == "gain";
        if (name == "change")
          row.push_back(format_value(v, ValueKind::kNumber, l.style(), 0, true));
        else if (rate && difference)
          row.push_back(l.points(v));
        else if (rate && level)
          row.push_back(l.pct(v));
        else if (cell.find('.') == std::string::npos)
          row.push_back(l.num(v, 0));
        else
          row.push_back(l.num(v));
      } else {
        row.push_back(cell);
      }
    }
    rows.push_back(row);
  }
  std::string html = table(header, rows, "numbers");
  if (csv.rows.size() > max_rows)
    html += "<p>… " + l.num(static_cast<double>(csv.rows.size() - max_rows), 0) +
            l.t(" more rows in the CSV file.", " dòng nữa trong tệp CSV.") + "</p>";
  return html;
}

std::string target_label(const Labels& l, const std::string& target) {
  const std::size_t op = target.find_first_of("<>=");
  if (op == std::string::npos) return target;
  std::string metric = target.substr(0, op);
  while (!metric.empty() && metric.back() == ' ')
    metric.pop_back();
  std::size_t value_at = op;
  while (value_at < target.size() &&
         (target[value_at] == '<' || target[value_at] == '>' || target[value_at] == '='))
    ++value_at;
  const std::string sense = target.substr(op, value_at - op);
  while (value_at < target.size() && target[value_at] == ' ')
    ++value_at;
  char* end = nullptr;
  const double value = std::strtod(target.c_str() + value_at, &end);
  if (end == target.c_str() + value_at) return target;
  const std::string symbol = sense == ">=" ? "≥" : sense == "<=" ? "≤" : sense;
  return metric_label(l, metric) + " " + symbol + " " + l.value(value, is_rate(metric));
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace twotier::analysis::report_parts

namespace twotier::analysis {

std::string position_label(const Labels& l, const std::string& id) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"one_stop", {"one-stop desk", "bộ phận một cửa"}},
      {"justice_civil_status", {"justice and civil status", "tư pháp – hộ tịch"}},
      {"land_construction", {"land and construction", "địa chính – xây dựng"}},
      {"economy", {"economy", "kinh tế"}},
      {"culture_social", {"culture and social affairs", "văn hóa – xã hội"}},
      {"office", {"office", "văn phòng"}},
      {"section_head", {"section head", "trưởng, phó phòng"}},
      {"leader", {"leader (chair, vice-chair)", "lãnh đạo UBND"}},
      {"director", {"department director", "lãnh đạo sở"}},
      {"land", {"land", "đất đai"}},
      {"finance", {"finance", "tài chính"}},
      {"registration", {"registration", "đăng ký"}},
      {"justice", {"justice", "tư pháp"}},
      {"licensing", {"licensing", "cấp phép"}},
      {"land_registration", {"land registration", "đăng ký đất đai"}},
      {"labour_social", {"labour and social affairs", "lao động – xã hội"}},
      {"judicial_records", {"judicial records", "lý lịch tư pháp"}},
      {"construction_licensing", {"construction licensing", "cấp phép xây dựng"}},
      {"business_investment", {"business and investment", "kinh doanh – đầu tư"}},
      {"reception_desk", {"reception desk", "tiếp nhận hồ sơ"}},
      {"desk", {"desk", "quầy tiếp nhận"}},
      {"clerk", {"clerk", "văn thư"}},
      {"accountant_party", {"Party committee accountant", "kế toán Đảng ủy"}},
      {"accountant_front", {"Fatherland Front accountant", "kế toán Mặt trận Tổ quốc"}},
      {"accountant_council", {"People's Council accountant", "kế toán Hội đồng nhân dân"}},
      {"shared_accountant", {"shared accountant", "kế toán dùng chung"}},
  };
  const auto it = names.find(id);
  if (it != names.end()) return l.t(it->second.first, it->second.second);
  std::string text = id;
  for (char& c : text)
    if (c == '_') c = ' ';
  return text;
}

}  // namespace twotier::analysis
