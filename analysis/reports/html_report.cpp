// The HTML report (see html_report.hpp). Sections follow the STRESS-DES checklist for
// reporting discrete-event simulation studies (objectives, logic, data, experimentation,
// implementation), then the results the folder holds.
#include "analysis/reports/html_report.hpp"

#include <algorithm>
#include <cctype>
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
h2.part{font-size:20px;color:#111;border-bottom:3px solid #1f4e79;margin-top:36px}
.placeholder{border:2px dashed #888;padding:6px 12px;background:#fafafa}
.warning{border-left:4px solid #b8430b;padding-left:8px}.note{font-size:11px;color:#444}
footer{margin-top:30px;font-size:11px;color:#555;border-top:1px solid #ccc;padding-top:6px}
footer code{word-break:break-all}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;font-size:12px}h1{margin-top:0}h2{page-break-after:avoid;break-after:avoid}
h3{break-after:avoid}svg.chart,table,.cards,.placeholder,.warning,#positions,#cost{break-inside:avoid}
.card-value{font-size:20px}h2.part{break-before:page}
details{display:none}}
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

namespace {

// The unit id `scope` names ("unit:ID", "ID" or the unit's name, any case), checked against the
// units of `run`; empty for an empty scope. Throws ReportError naming the closest units.
std::string resolve_unit(const RunFiles& run, const std::string& scope) {
  if (scope.empty()) return "";
  std::string wanted = scope.starts_with("unit:") ? scope.substr(5) : scope;
  if (!run.results) throw ReportError("--scope " + scope + ": the folder has no results.h5");
  const auto& ids = run.results->unit_ids;
  const auto& names = run.results->unit_names;
  auto lower = [](std::string text) {
    for (char& c : text)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  for (std::size_t u = 0; u < ids.size(); ++u)
    if (ids[u] == wanted || lower(ids[u]) == lower(wanted) ||
        (u < names.size() && lower(names[u]) == lower(wanted)))
      return ids[u];
  std::string some;
  for (std::size_t u = 0; u < ids.size(); ++u)
    if (lower(ids[u]).find(lower(wanted)) != std::string::npos ||
        lower(wanted).find(lower(ids[u])) != std::string::npos)
      some += (some.empty() ? "" : ", ") + ids[u];
  if (some.empty())
    for (std::size_t u = 0; u < ids.size() && u < 5; ++u)
      some += (some.empty() ? "" : ", ") + ids[u];
  throw ReportError("--scope " + scope + ": no such unit in " + run.folder.string() + " (units: " +
                    some + (ids.size() > 5 ? ", ...)" : ")") + "; twotier units lists them)");
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
        return comparison ? l.difference(v, rate) : l.value(v, rate);
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

}  // namespace

std::string build_html_report(const fs::path& folder, ReportLanguage language,
                              const std::string& scope) {
  const ResultKind kind = detect_result_kind(folder);
  Labels l;
  l.vi = language == ReportLanguage::kVietnamese;
  std::string body;
  std::string title;
  if (!scope.empty() && kind != ResultKind::kRun && kind != ResultKind::kStaff)
    throw ReportError("--scope is for the folder of a run or of staff, not of this command");
  switch (kind) {
    case ResultKind::kRun: {
      const RunFiles run = read_run(folder);
      // A unit-focused run (models/focus.hpp) reports its unit: the province was not simulated.
      const std::string focus = run.results && run.results->metadata.count("focus_unit")
                                    ? run.results->metadata.at("focus_unit")
                                    : std::string();
      const std::string unit =
          resolve_unit(run, scope.empty() && !focus.empty() ? "unit:" + focus : scope);
      if (!unit.empty()) {
        const ReportBody report = unit_run_report(l, run, unit);
        title = report.title;
        body = report.html;
        break;
      }
      title = run.results && run.results->metadata.count("scenario_name")
                  ? run.results->metadata.at("scenario_name")
                  : folder.filename().string();
      body = run_body(l, run);
      break;
    }
    case ResultKind::kStaff: {
      const std::string unit = resolve_unit(read_run(folder / "current"), scope);
      const ReportBody report = staff_report(l, folder, unit);
      title = report.title;
      body = report.html;
      break;
    }
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
       << "<h1>" << e(title) << "</h1>\n"
       << body << "<footer><p>twotier — "
       << l.t("discrete-event simulation of the two-tier local government",
              "mô phỏng chính quyền địa phương hai cấp")
       << ". " << l.t("Built from the result folder", "Lập từ thư mục kết quả") << " <code>"
       << e(folder.string()) << "</code>. "
       << l.t("Every number is read from its files; rebuild with",
              "Mọi số liệu đọc từ các tệp trong thư mục; lập lại bằng")
       << " <code>twotier report " << e(folder.string())
       << (scope.empty() ? "" : " --scope " + e(scope)) << (l.vi ? " --lang vi" : "")
       << "</code>.</p></footer></body></html>\n";
  return html.str();
}

fs::path write_html_report(const fs::path& folder, ReportLanguage language) {
  const std::string html = build_html_report(folder, language, "");
  const fs::path file = folder / "report.html";
  write_text_atomically(file, [&](std::ostream& out) { out << html; });
  return file;
}

}  // namespace twotier::analysis
