// The HTML report (see html_report.hpp). Sections follow the STRESS-DES checklist for
// reporting discrete-event simulation studies (objectives, logic, data, experimentation,
// implementation), then the results the folder holds.
#include "analysis/reports/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "analysis/reports/html_report_backtest.hpp"
#include "analysis/reports/report_labels.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_records.hpp"
#include "analysis/results/results_h5_reader.hpp"
#include "analysis/statistics/student_t.hpp"
#include "sim/civil_date.hpp"

#include "analysis/reports/html_report_parts.hpp"

namespace twotier::analysis {
namespace {

namespace fs = std::filesystem;
using namespace report_parts;

constexpr const char* kStyle = R"(
body{font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;margin:24px auto;max-width:1000px;color:#111;line-height:1.4}
h1{font-size:24px;border-bottom:3px solid #1f4e79;padding-bottom:6px}h2{font-size:18px;color:#1f4e79;margin-top:28px;border-bottom:1px solid #ccc}
h3{font-size:15px;margin:14px 0 4px}
table{border-collapse:collapse;margin:8px 0;font-size:12px}th,td{border:1px solid #bbb;padding:3px 6px}th{background:#e8eef5;text-align:left}
table.numbers td{text-align:right}table.numbers td:first-child{text-align:left}
.cards{display:flex;gap:12px;margin:10px 0}.card{flex:1;border:1px solid #1f4e79;border-radius:4px;padding:8px 12px}
.card-title{font-size:12px;color:#444}.card-value{font-size:26px;font-weight:bold;color:#1f4e79}.card-ci{font-size:12px;color:#444}
dl.stress dt{font-weight:bold;margin-top:6px}dl.stress dd{margin-left:16px}
pre{background:#f6f6f6;border:1px solid #ddd;padding:8px;font-size:11px;white-space:pre-wrap}
.plain p{margin:4px 0}
svg.chart{display:block;margin:8px 0;max-width:100%;height:auto;font-size:11px}
svg .grid{stroke:#ddd;stroke-width:1}svg .frame{stroke:#888}svg .tick,svg .row-label,svg .value,svg .legend,svg .cell-value,svg .column-label{fill:#222}
svg .axis-title{fill:#222;font-size:12px}svg .bar{fill:#9db7d5}svg .bar.highlight{fill:#1f4e79}svg .bar.low{fill:#9db7d5}svg .bar.high{fill:#1f4e79}
svg .whisker{stroke:#000;stroke-width:1.5}svg .reference{stroke:#b8430b;stroke-width:2;stroke-dasharray:4 3}
svg .point{fill:#888}svg .point.highlight{fill:#1f4e79}svg .cell-value.dark{fill:#fff}
footer{margin-top:30px;font-size:11px;color:#555;border-top:1px solid #ccc;padding-top:6px}
@media print{body{margin:0;max-width:none}section{page-break-inside:avoid}h2{page-break-after:avoid}}
)";

}  // namespace

ResultKind detect_result_kind(const fs::path& folder) {
  std::error_code error;
  auto has = [&](const char* name) { return fs::exists(folder / name, error); };
  if (has("staffing.csv")) return ResultKind::kStaff;
  if (has("delegation.csv")) return ResultKind::kDelegation;
  if (has("backtest.csv")) return ResultKind::kBacktest;
  if (has("comparison.csv")) return ResultKind::kCompare;
  if (has("tornado.csv") || has("sweep.csv")) return ResultKind::kSweep;
  if (has("summary.csv") || has("results.h5")) return ResultKind::kRun;
  throw ReportError(folder.string() +
                    ": no result files found (looked for summary.csv, results.h5, staffing.csv, "
                    "comparison.csv, sweep.csv, tornado.csv, delegation.csv, backtest.csv)");
}

// `--parameter-sets` (uncertainty.csv, comparison_uncertainty.csv): the province's headline KPIs
// with both intervals. Empty when the folder has neither file.
std::string uncertainty_section(const Labels& l, const fs::path& folder) {
  std::string body;
  for (const bool comparison : {false, true}) {
    const auto csv =
        read_csv_file(folder / (comparison ? "comparison_uncertainty.csv" : "uncertainty.csv"));
    if (!csv) continue;
    std::vector<std::vector<std::string>> rows;
    for (std::size_t r = 0; r < csv->rows.size(); ++r) {
      const std::string& metric = csv->field(r, "metric");
      if (csv->field(r, "scope") != "province" ||
          (metric != "on_time_rate" && metric != "overdue_open_end" && metric != "backlog_end"))
        continue;
      const bool rate = is_rate(metric);
      auto shown = [&](const char* column) {
        const double v = csv->number(r, column);
        return comparison && rate ? fmt(100.0 * v, false, 2) + " pp" : fmt(v, rate);
      };
      std::vector<std::string> row;
      if (comparison) row.push_back(e(csv->field(r, "alternative")));
      row.insert(row.end(), {e(metric_label(l, metric)), shown("mean"),
                             shown("noise_ci_low") + " – " + shown("noise_ci_high"),
                             shown("total_ci_low") + " – " + shown("total_ci_high"),
                             e(csv->field(r, "sets"))});
      rows.push_back(std::move(row));
    }
    std::vector<std::string> header = {
        l.t("KPI (province)", "Chỉ tiêu (tỉnh)"), l.t("mean", "trung bình"),
        l.t("95% CI, simulation noise", "KTC 95%, nhiễu mô phỏng"),
        l.t("95% CI, with assumption uncertainty", "KTC 95%, kể cả bất định giả định"),
        l.t("parameter sets", "bộ tham số")};
    if (comparison) header.insert(header.begin(), l.t("alternative − base", "phương án − gốc"));
    body += table(header, rows);
  }
  if (body.empty()) return "";
  return section("uncertainty", l.t("Assumption uncertainty", "Bất định của giả định"),
                 "<p>" +
                     l.t("The scenario at every plausible parameter set of a calibration "
                         "(common random numbers); sensitivity.csv ranks the assumptions.",
                         "Kịch bản với mọi bộ tham số hợp lý của hiệu chỉnh (cùng số ngẫu "
                         "nhiên); sensitivity.csv xếp hạng các giả định.") +
                     "</p>" + body);
}

std::string build_html_report(const fs::path& folder, ReportLanguage language) {
  const ResultKind kind = detect_result_kind(folder);
  Labels l;
  l.vi = language == ReportLanguage::kVietnamese;
  std::string body;
  std::string title;
  switch (kind) {
    case ResultKind::kRun: {
      const RunFiles run = read_run(folder);
      title = run.results && run.results->metadata.count("scenario_name")
                  ? run.results->metadata.at("scenario_name")
                  : folder.filename().string();
      body = run_body(l, run);
      break;
    }
    case ResultKind::kStaff:
      title = l.t("Staffing recommendation", "Đề xuất biên chế");
      body = staff_body(l, folder);
      break;
    case ResultKind::kCompare:
      title = l.t("Comparison of scenarios", "So sánh các phương án");
      body = compare_body(l, folder);
      if (fs::exists(folder / "summary.csv")) body += run_body(l, read_run(folder));
      break;
    case ResultKind::kSweep:
      title = l.t("Sensitivity sweep", "Phân tích độ nhạy");
      body = sweep_body(l, folder);
      break;
    case ResultKind::kDelegation:
      title = l.t("Delegation options", "Phương án phân cấp");
      body = delegation_body(l, folder);
      break;
    case ResultKind::kBacktest:
      title = backtest_report_title(language);
      body = backtest_report_body(folder, language);
      break;
  }
  body += uncertainty_section(l, folder);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"" << (l.vi ? "vi" : "en")
       << "\"><head><meta charset=\"utf-8\">"
       << "<title>" << e(title) << "</title><style>" << kStyle << "</style></head><body>\n"
       << "<h1>" << e(l.t("twotier report: ", "Báo cáo twotier: ") + title) << "</h1>\n"
       << "<p class=\"source\">" << l.t("Built from the result folder", "Lập từ thư mục kết quả")
       << " <code>" << e(folder.string()) << "</code>. "
       << l.t("Every number below is read from its files; rebuild with",
              "Mọi số liệu đọc từ các tệp trong thư mục; lập lại bằng")
       << " <code>twotier report " << e(folder.string()) << "</code>.</p>\n"
       << body << "<footer>twotier — "
       << l.t("discrete-event simulation of the two-tier local government",
              "mô phỏng chính quyền địa phương hai cấp")
       << "</footer></body></html>\n";
  return html.str();
}

fs::path write_html_report(const fs::path& folder, ReportLanguage language) {
  const std::string html = build_html_report(folder, language);
  const fs::path file = folder / "report.html";
  write_text_atomically(file, [&](std::ostream& out) { out << html; });
  return file;
}

}  // namespace twotier::analysis
