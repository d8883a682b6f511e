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

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_records.hpp"
#include "analysis/reports/html_report_backtest.hpp"
#include "analysis/reports/report_labels.hpp"
#include "analysis/results/results_h5_reader.hpp"
#include "analysis/statistics/student_t.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "sim/civil_date.hpp"

namespace twotier::analysis {
namespace {

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

std::string fmt(double v, bool percent = false, int decimals = -1) {
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
                  const std::vector<std::vector<std::string>>& rows, const std::string& cls = "") {
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

// ---- Run folders ----------------------------------------------------------------------------
struct RunFiles {
  fs::path folder;
  std::optional<CsvRecords> summary;
  std::optional<CsvRecords> monthly;
  std::optional<ResultsFileSummary> results;
};

RunFiles read_run(const fs::path& folder) {
  RunFiles run;
  run.folder = folder;
  run.summary = read_csv_file(folder / "summary.csv");
  run.monthly = read_csv_file(folder / "monthly_report.csv");
  std::error_code error;
  if (fs::exists(folder / "results.h5", error))
    run.results = read_results_summary(folder / "results.h5");
  return run;
}

struct Estimate {
  double mean = std::nan(""), low = std::nan(""), high = std::nan("");
};

Estimate find(const RunFiles& run, const std::string& scope, const std::string& metric) {
  Estimate est;
  if (!run.summary) return est;
  const auto& s = *run.summary;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    if (s.field(r, "scope") == scope && s.field(r, "metric") == metric) {
      est.mean = s.number(r, "mean");
      est.low = s.number(r, "ci_low");
      est.high = s.number(r, "ci_high");
      break;
    }
  }
  return est;
}

std::string scenario_value(const std::string& text, const std::string& key) {
  // First "key = value" line of the resolved scenario TOML (for horizon and warm-up).
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, key.size(), key) != 0) continue;
    const auto eq = line.find('=', start + key.size());
    if (eq == std::string::npos || line.find_first_not_of(" \t", start + key.size()) != eq)
      continue;
    std::string value = line.substr(eq + 1);
    if (const auto hash = value.find('#'); hash != std::string::npos) value.resize(hash);
    value.erase(0, value.find_first_not_of(" \t\""));
    value.erase(value.find_last_not_of(" \t\"") + 1);
    return value;
  }
  return "";
}

std::string description_section(const Labels& l, const RunFiles& run) {
  std::ostringstream body;
  const std::map<std::string, std::string> empty;
  const auto& m = run.results ? run.results->metadata : empty;
  auto get = [&](const char* key) {
    const auto it = m.find(key);
    return it == m.end() ? std::string("–") : it->second;
  };
  const std::string text = m.count("scenario_text") ? m.at("scenario_text") : "";
  body << "<dl class=\"stress\">";
  body << "<dt>" << l.t("Objectives", "Mục tiêu") << "</dt><dd>"
       << l.t("Estimate processing times, on-time rates and backlogs of administrative dossiers "
              "at commune-level units and provincial bodies under the two-tier local government, "
              "and how they respond to staffing and organisation.",
              "Ước lượng thời gian xử lý, tỷ lệ đúng hạn và tồn đọng hồ sơ thủ tục hành chính tại "
              "cấp xã và cấp tỉnh trong mô hình chính quyền địa phương hai cấp, và tác động của "
              "biên chế, tổ chức.")
       << "</dd>";
  body << "<dt>" << l.t("Model logic", "Logic mô hình") << "</dt><dd>"
       << l.t("Discrete-event simulation: dossiers arrive by procedure and unit (non-homogeneous "
              "Poisson or a replayed log), pass through work steps done by officers with the "
              "required skill (first come, first served in working hours), transfers between "
              "tiers, joint processing delays and supplementation by the citizen; each is "
              "measured against its statutory deadline in working days.",
              "Mô phỏng sự kiện rời rạc: hồ sơ đến theo thủ tục và đơn vị, qua các bước do cán bộ "
              "có kỹ năng phù hợp xử lý trong giờ làm việc, chuyển giữa hai cấp, phối hợp liên "
              "ngành và bổ sung hồ sơ; mỗi hồ sơ được so với thời hạn giải quyết theo quy định.")
       << "</dd>";
  body << "<dt>" << l.t("Data and sources", "Dữ liệu và nguồn") << "</dt><dd>"
       << l.t("Scenario", "Kịch bản") << ": " << e(get("scenario_name")) << ". "
       << l.t("Sources and tags of every figure are in the scenario's README; the resolved "
              "scenario is reproduced below.",
              "Nguồn và mức độ kiểm chứng của từng số liệu nằm trong README của kịch bản; kịch "
              "bản đầy đủ được chép bên dưới.")
       << "</dd>";
  body << "<dt>" << l.t("Experimentation", "Thử nghiệm") << "</dt><dd>" << l.t("Start", "Bắt đầu")
       << " " << e(get("start_date")) << "; " << l.t("run length", "độ dài") << " "
       << (run.results ? std::to_string(run.results->days) : std::string("–")) << " "
       << l.t("days", "ngày") << " (horizon " << e(scenario_value(text, "horizon")) << ", "
       << l.t("warm-up", "khởi động") << " " << e(scenario_value(text, "warmup")) << "); "
       << e(get("replications")) << " " << l.t("replications", "lần lặp") << " ("
       << l.t("first index", "chỉ số đầu") << " " << e(get("first_replication")) << "); "
       << l.t("seed", "hạt giống") << " " << e(get("seed")) << "; "
       << l.t("confidence level", "độ tin cậy") << " " << e(get("confidence_level")) << "</dd>";
  body << "<dt>" << l.t("Implementation", "Triển khai") << "</dt><dd>twotier "
       << e(get("twotier_version")) << ", commit " << e(get("git_commit")) << "; "
       << e(get("threads")) << " " << l.t("threads", "luồng") << ", "
       << fmt(std::atof(get("wall_time_seconds").c_str()), false, 1) << " s. "
       << l.t("Command", "Lệnh") << ": <code>" << e(get("command_line")) << "</code></dd>";
  body << "</dl>";
  if (!text.empty()) {
    body << "<details><summary>" << l.t("Resolved scenario", "Kịch bản đầy đủ") << "</summary><pre>"
         << e(text) << "</pre></details>";
  }
  return section("model", l.t("Model description (STRESS-DES)", "Mô tả mô hình (STRESS-DES)"),
                 body.str());
}

const std::vector<std::string> kHeadlineMetrics = {"arrivals",
                                                   "completed",
                                                   "on_time_rate",
                                                   "processing_workdays_mean",
                                                   "processing_workdays_p90",
                                                   "backlog_end",
                                                   "overdue_open_end",
                                                   "supplementation_requests"};

// The headline table and cards of one scope ("province" or "unit:<id>", named in the title).
std::string headline_section(const Labels& l,
                             const std::vector<std::pair<std::string, const RunFiles*>>& runs,
                             const std::string& scope) {
  std::vector<std::string> header = {l.t("Indicator", "Chỉ tiêu")};
  for (const auto& [name, run] : runs)
    header.push_back(name + l.t(" (mean)", " (TB)")),
        header.push_back(l.t("95% interval", "Khoảng tin cậy"));
  std::vector<std::vector<std::string>> rows;
  for (const auto& metric : kHeadlineMetrics) {
    std::vector<std::string> row = {metric_label(l, metric)};
    for (const auto& [name, run] : runs) {
      const Estimate est = find(*run, scope, metric);
      row.push_back(fmt(est.mean, is_rate(metric)));
      row.push_back(fmt(est.low, is_rate(metric)) + " – " + fmt(est.high, is_rate(metric)));
    }
    rows.push_back(row);
  }
  std::ostringstream body;
  // KPI cards for the three most-read figures of the first run.
  body << "<div class=\"cards\">";
  for (const char* metric : {"on_time_rate", "processing_workdays_mean", "overdue_open_end"}) {
    const Estimate est = find(*runs.back().second, scope, metric);
    body << "<div class=\"card\"><div class=\"card-title\">" << e(metric_label(l, metric))
         << (runs.size() > 1 ? " — " + e(runs.back().first) : std::string())
         << "</div><div class=\"card-value\">" << fmt(est.mean, is_rate(metric))
         << "</div><div class=\"card-ci\">" << fmt(est.low, is_rate(metric)) << " – "
         << fmt(est.high, is_rate(metric)) << "</div></div>";
  }
  body << "</div>" << table(header, rows, "numbers");
  if (scope == "province")
    return section("kpis", l.t("Headline indicators (province)", "Chỉ tiêu chính (toàn tỉnh)"),
                   body.str());
  const std::string unit = scope.rfind("unit:", 0) == 0 ? scope.substr(5) : scope;
  return section("kpis-" + unit, l.t("Headline indicators: ", "Chỉ tiêu chính: ") + unit,
                 body.str());
}

// Mean and t band per day over replications.
BandSeries band(const std::vector<std::vector<double>>& per_rep, const std::string& label,
                const std::string& colour, double level) {
  BandSeries s;
  s.label = label;
  s.colour = colour;
  if (per_rep.empty()) return s;
  const std::size_t days = per_rep.front().size();
  std::vector<double> values(per_rep.size());
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t r = 0; r < per_rep.size(); ++r)
      values[r] = per_rep[r][d];
    const MeanInterval m = mean_interval(values, level);
    s.mean.push_back(m.mean);
    s.low.push_back(std::isnan(m.low) ? m.mean : m.low);
    s.high.push_back(std::isnan(m.high) ? m.mean : m.high);
  }
  return s;
}

std::vector<std::string> month_ticks(const ResultsFileSummary& results) {
  std::vector<std::string> labels(static_cast<std::size_t>(results.days));
  const auto start = sim::parse_iso_date(
      results.metadata.count("start_date") ? results.metadata.at("start_date") : "");
  if (!start) return labels;
  const std::int64_t first = sim::days_from_civil(*start);
  const int step = results.days > 200 ? 2 : 1;  // label every (other) month
  int month_count = 0;
  for (int d = 0; d < results.days; ++d) {
    const sim::CivilDate date = sim::civil_from_days(first + d);
    if (date.day == 1 || d == 0) {
      if (month_count++ % step == 0) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%02d/%04d", date.month, date.year);
        labels[static_cast<std::size_t>(d)] = buffer;
      }
    }
  }
  return labels;
}

std::string trajectory_section(const Labels& l,
                               const std::vector<std::pair<std::string, const RunFiles*>>& runs) {
  static const char* colours[] = {"#1f4e79", "#b8430b", "#2e7d32", "#6a1b9a"};
  std::vector<BandSeries> backlog, overdue;
  const ResultsFileSummary* first = nullptr;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].second->results) continue;
    const auto& r = *runs[i].second->results;
    if (!first) first = &r;
    const std::string suffix = runs.size() > 1 ? " — " + runs[i].first : "";
    backlog.push_back(
        band(r.backlog, l.t("in process", "đang xử lý") + suffix, colours[(2 * i) % 4], 0.95));
    overdue.push_back(
        band(r.overdue, l.t("overdue", "quá hạn") + suffix, colours[(2 * i + 1) % 4], 0.95));
    overdue.back().dashed = true;
  }
  if (!first) return "";
  std::vector<BandSeries> all = backlog;
  all.insert(all.end(), overdue.begin(), overdue.end());
  std::ostringstream body;
  body << "<p>"
       << l.t("Dossiers in process and overdue at each day's end, province total: mean over "
              "replications with its 95% confidence band.",
              "Hồ sơ đang xử lý và quá hạn cuối mỗi ngày, toàn tỉnh: trung bình các lần "
              "lặp và dải tin cậy 95%.")
       << "</p>" << line_band_chart(all, month_ticks(*first), l.t("dossiers", "hồ sơ"));
  return section("backlog", l.t("Backlog trajectory", "Diễn biến tồn đọng"), body.str());
}

std::string unit_name(const RunFiles& run, const std::string& id) {
  if (!run.results) return id;
  const auto& ids = run.results->unit_ids;
  for (std::size_t u = 0; u < ids.size(); ++u)
    if (ids[u] == id && u < run.results->unit_names.size()) return run.results->unit_names[u];
  return id;
}

std::string ranking_section(const Labels& l, const RunFiles& run) {
  if (!run.summary) return "";
  std::vector<IntervalRow> rows;
  const auto& s = *run.summary;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const std::string& scope = s.field(r, "scope");
    if (!scope.starts_with("unit:") || s.field(r, "metric") != "on_time_rate") continue;
    const double mean = s.number(r, "mean");
    if (std::isnan(mean)) continue;
    const std::string id = scope.substr(5);
    rows.push_back({unit_name(run, id) + " (" + id + ")", mean, s.number(r, "ci_low"),
                    s.number(r, "ci_high"), false});
  }
  if (rows.empty()) return "";
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.value < b.value; });
  const Estimate province = find(run, "province", "on_time_rate");
  for (auto& row : rows)
    row.highlight = row.value < province.mean;
  std::ostringstream body;
  body << "<p>"
       << l.t("Units sorted from the lowest on-time rate (most pressure) up; whiskers are "
              "95% intervals, the vertical line is the province's rate, darker bars are "
              "below it.",
              "Các đơn vị xếp từ tỷ lệ đúng hạn thấp nhất (áp lực cao nhất); râu là khoảng "
              "tin cậy 95%, đường dọc là tỷ lệ toàn tỉnh, thanh đậm là thấp hơn.")
       << "</p>"
       << bar_interval_chart(rows, true, province.mean,
                             l.t("on-time rate by unit", "tỷ lệ đúng hạn theo đơn vị"));
  return section(
      "ranking",
      l.t("Pressure ranking: on-time rate by unit", "Xếp hạng áp lực: tỷ lệ đúng hạn theo đơn vị"),
      body.str());
}

std::string utilisation_section(const Labels& l, const RunFiles& run) {
  if (!run.summary) return "";
  const auto& s = *run.summary;
  std::vector<std::string> units, positions;
  std::map<std::pair<std::string, std::string>, double> value;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const std::string& scope = s.field(r, "scope");
    if (!scope.starts_with("position:") || s.field(r, "metric") != "utilization") continue;
    const std::string label = scope.substr(9);
    const auto slash = label.find('/');
    if (slash == std::string::npos) continue;
    const std::string unit = label.substr(0, slash), position = label.substr(slash + 1);
    if (std::find(units.begin(), units.end(), unit) == units.end()) units.push_back(unit);
    if (std::find(positions.begin(), positions.end(), position) == positions.end())
      positions.push_back(position);
    value[{unit, position}] = s.number(r, "mean");
  }
  if (units.empty()) return "";
  std::vector<std::vector<double>> grid;
  std::vector<std::string> row_labels;
  for (const auto& u : units) {
    row_labels.push_back(unit_name(run, u));
    std::vector<double> row;
    for (const auto& p : positions) {
      const auto it = value.find({u, p});
      row.push_back(it == value.end() ? std::nan("") : it->second);
    }
    grid.push_back(row);
  }
  return section(
      "utilisation",
      l.t("Officer utilisation (unit × position)", "Mức sử dụng cán bộ (đơn vị × vị trí)"),
      "<p>" +
          l.t("Share of available working time spent on dossiers (mean over replications).",
              "Tỷ lệ thời gian làm việc dành cho hồ sơ (trung bình các lần lặp).") +
          "</p>" + heat_map(row_labels, positions, grid, l.t("utilisation", "mức sử dụng")));
}

std::string processing_section(const Labels& l, const RunFiles& run) {
  if (!run.summary) return "";
  const auto& s = *run.summary;
  std::vector<std::vector<std::string>> rows;
  std::set<std::string> seen;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const std::string& scope = s.field(r, "scope");
    if (!scope.starts_with("procedure:") || !seen.insert(scope).second) continue;
    const Estimate completed = find(run, scope, "completed");
    if (!(completed.mean > 0)) continue;
    rows.push_back({scope.substr(10), fmt(completed.mean),
                    fmt(find(run, scope, "on_time_rate").mean, true),
                    fmt(find(run, scope, "processing_workdays_mean").mean),
                    fmt(find(run, scope, "processing_workdays_p50").mean),
                    fmt(find(run, scope, "processing_workdays_p90").mean),
                    fmt(find(run, scope, "processing_workdays_p95").mean)});
  }
  if (rows.empty()) return "";
  return section("processing",
                 l.t("Processing time by procedure (working days)",
                     "Thời gian xử lý theo thủ tục (ngày làm việc)"),
                 table({l.t("Procedure", "Thủ tục"), l.t("Completed", "Đã giải quyết"),
                        l.t("On time", "Đúng hạn"), l.t("Mean", "TB"), l.t("Median", "Trung vị"),
                        "P90", "P95"},
                       rows, "numbers"));
}

std::string monthly_section(const Labels& l, const RunFiles& run) {
  if (!run.monthly || run.monthly->rows.empty()) return "";
  const auto& m = *run.monthly;
  // Province totals per month, in file order of first appearance.
  std::vector<std::pair<int, int>> months;
  std::map<std::pair<int, int>, std::map<std::string, double>> totals;
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const std::pair<int, int> key{static_cast<int>(m.number(r, "year")),
                                  static_cast<int>(m.number(r, "month"))};
    if (!totals.count(key)) months.push_back(key);
    for (const auto& [column, names] : monthly_rows())
      totals[key][column] += m.number(r, column);
  }
  std::sort(months.begin(), months.end());
  std::vector<std::string> header = {l.t("Item (province total, mean over replications)",
                                         "Chỉ tiêu (toàn tỉnh, trung bình các lần lặp)")};
  for (const auto& [y, mo] : months) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d/%04d", mo, y);
    header.push_back(buffer);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [column, names] : monthly_rows()) {
    std::vector<std::string> row = {l.t(names.first, names.second)};
    for (const auto& key : months)
      row.push_back(fmt(totals[key][column], false, 0));
    rows.push_back(row);
  }
  return section("monthly", l.t("Monthly report (official rows)", "Báo cáo tháng (theo mẫu)"),
                 table(header, rows, "numbers monthly"));
}

std::string run_body(const Labels& l, const RunFiles& run) {
  return description_section(l, run) +
         headline_section(l, {{l.t("Run", "Kết quả"), &run}}, "province") +
         trajectory_section(l, {{"", &run}}) + ranking_section(l, run) +
         utilisation_section(l, run) + processing_section(l, run) + monthly_section(l, run);
}

// ---- Staff, compare, sweep, delegation -------------------------------------------------------
std::string csv_table(const CsvRecords& csv, std::size_t max_rows = 500) {
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

std::string staff_body(const Labels& l, const fs::path& folder) {
  std::ostringstream body;
  const std::string summary = read_text(folder / "summary.txt");
  std::ostringstream text;
  std::istringstream lines(summary);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty()) text << "<p>" << e(line) << "</p>";
  body << section("recommendation", l.t("Staffing recommendation", "Đề xuất biên chế"),
                  "<div class=\"plain\">" + text.str() + "</div>");
  if (auto staffing = read_csv_file(folder / "staffing.csv")) {
    body << section("staffing-table",
                    l.t("Officers per unit and position", "Cán bộ theo đơn vị và vị trí"),
                    staffing->rows.empty() ? "<p>" + l.t("No change.", "Không thay đổi.") + "</p>"
                                           : csv_table(*staffing));
  }
  const auto targets = read_csv_file(folder / "targets.csv");
  if (targets) {
    body << section("targets",
                    l.t("Targets before and after (confirmation run)",
                        "Chỉ tiêu trước và sau (lần chạy xác nhận)"),
                    csv_table(*targets));
  }
  if (auto marginal = read_csv_file(folder / "marginal.csv")) {
    std::vector<IntervalRow> rows;
    for (std::size_t r = 0; r < marginal->rows.size(); ++r)
      rows.push_back({marginal->field(r, "order") + ". " + marginal->field(r, "unit") + "/" +
                          marginal->field(r, "position"),
                      marginal->number(r, "gain"), marginal->number(r, "gain_ci_low"),
                      marginal->number(r, "gain_ci_high"), true});
    body << section(
        "marginal",
        l.t("Marginal gain of each extra officer", "Lợi ích biên của từng cán bộ tăng thêm"),
        forest_plot(rows, "marginal gain") + csv_table(*marginal));
  }
  const RunFiles current = read_run(folder / "current");
  const RunFiles recommended = read_run(folder / "recommended");
  if (recommended.summary && current.summary) {
    const std::vector<std::pair<std::string, const RunFiles*>> runs = {
        {l.t("Current", "Hiện tại"), &current}, {l.t("Recommended", "Đề xuất"), &recommended}};
    // A request for one commune (--scope unit:ID) leads with that commune's own indicators.
    if (targets) {
      std::set<std::string> scopes;
      for (std::size_t r = 0; r < targets->rows.size(); ++r)
        scopes.insert(targets->field(r, "scope"));
      if (scopes.size() == 1 && scopes.begin()->rfind("unit:", 0) == 0)
        body << headline_section(l, runs, *scopes.begin());
    }
    body << headline_section(l, runs, "province");
    body << trajectory_section(
        l, {{l.t("current", "hiện tại"), &current}, {l.t("recommended", "đề xuất"), &recommended}});
    body << ranking_section(l, recommended) << utilisation_section(l, recommended)
         << monthly_section(l, recommended);
    body << description_section(l, recommended);
  }
  return body.str();
}

std::string compare_body(const Labels& l, const fs::path& folder) {
  const auto csv = read_csv_file(folder / "comparison.csv");
  std::ostringstream body;
  std::vector<std::string> metrics;
  for (std::size_t r = 0; r < csv->rows.size(); ++r)
    if (csv->field(r, "scope") == "province" &&
        std::find(metrics.begin(), metrics.end(), csv->field(r, "metric")) == metrics.end())
      metrics.push_back(csv->field(r, "metric"));
  std::ostringstream plots;
  for (const auto& metric : metrics) {
    if (std::find(kHeadlineMetrics.begin(), kHeadlineMetrics.end(), metric) ==
        kHeadlineMetrics.end())
      continue;
    std::vector<IntervalRow> rows;
    for (std::size_t r = 0; r < csv->rows.size(); ++r) {
      if (csv->field(r, "scope") != "province" || csv->field(r, "metric") != metric) continue;
      rows.push_back(
          {csv->field(r, "alternative"), csv->number(r, "diff_mean"), csv->number(r, "diff_ci_low"),
           csv->number(r, "diff_ci_high"),
           csv->field(r, "significant") == "true" || csv->field(r, "significant") == "1"});
    }
    plots << "<h3>" << e(metric_label(l, metric)) << "</h3>" << forest_plot(rows, metric);
  }
  body << section("forest",
                  l.t("Differences from the base (paired, common random numbers)",
                      "Chênh lệch so với phương án gốc (so sánh cặp)"),
                  "<p>" +
                      l.t("Each point is the mean difference alternative − base at province level "
                          "with its Bonferroni-adjusted interval; darker points are significant.",
                          "Mỗi điểm là chênh lệch trung bình (phương án − gốc) toàn tỉnh với "
                          "khoảng tin cậy hiệu chỉnh Bonferroni; điểm đậm là có ý nghĩa.") +
                      "</p>" + plots.str());
  CsvRecords province;
  province.header = csv->header;
  for (const auto& row : csv->rows)
    if (row.size() > 1 && row[1] == "province") province.rows.push_back(row);
  body << section("comparison-table",
                  l.t("Comparison table (province)", "Bảng so sánh (toàn tỉnh)"),
                  csv_table(province));
  return body.str();
}

std::string sweep_body(const Labels& l, const fs::path& folder) {
  std::ostringstream body;
  if (auto tornado = read_csv_file(folder / "tornado.csv")) {
    std::vector<TornadoRow> rows;
    double baseline = std::nan("");
    for (std::size_t r = 0; r < tornado->rows.size(); ++r) {
      rows.push_back({tornado->field(r, "factor"), tornado->number(r, "low_response"),
                      tornado->number(r, "high_response")});
      baseline = tornado->number(r, "baseline_response");
    }
    body << section("tornado",
                    l.t("Tornado: which lever moves the KPI most",
                        "Biểu đồ lốc xoáy: đòn bẩy tác động mạnh nhất"),
                    tornado_chart(rows, baseline, "tornado") + csv_table(*tornado));
  }
  if (auto sweep = read_csv_file(folder / "sweep.csv")) {
    CsvRecords province;
    province.header = sweep->header;
    const int scope = sweep->column("scope");
    for (const auto& row : sweep->rows)
      if (scope < 0 || row[static_cast<std::size_t>(scope)] == "province")
        province.rows.push_back(row);
    body << section("sweep", l.t("Design points (province)", "Các điểm thiết kế (toàn tỉnh)"),
                    csv_table(province));
  }
  return body.str();
}

std::string option_label(const Labels& l, const std::string& option) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"commune", {"commune decides (decentralised)", "cấp xã quyết định (phân cấp)"}},
      {"province", {"province decides", "cấp tỉnh quyết định"}},
      {"delegated", {"commune on the province's behalf", "cấp xã được ủy quyền"}},
      {"pool", {"commune, shared pool of officers", "cấp xã, tổ cán bộ dùng chung"}},
      {"current", {"as catalogued (mixed)", "như danh mục hiện hành (hỗn hợp)"}},
  };
  const auto it = names.find(option);
  return it == names.end() ? option : l.t(it->second.first, it->second.second);
}

std::string delegation_metric_label(const Labels& l, const std::string& metric) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"transfers_per_dossier", {"Transfers per dossier", "Số lần luân chuyển mỗi hồ sơ"}},
      {"transfer_days_mean", {"Days in transfer (mean)", "Số ngày luân chuyển (TB)"}},
      {"utilization_commune", {"Utilisation, commune officers", "Mức sử dụng cán bộ cấp xã"}},
      {"utilization_province", {"Utilisation, provincial officers", "Mức sử dụng cán bộ cấp tỉnh"}},
      {"province_on_time_rate", {"On-time rate, all domains", "Tỷ lệ đúng hạn, mọi lĩnh vực"}},
  };
  const auto it = names.find(metric);
  return it == names.end() ? metric_label(l, metric) : l.t(it->second.first, it->second.second);
}

std::string domain_label(const Labels& l, const std::string& domain) {
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
  return it == names.end()
             ? domain
             : l.t(it->second.first, it->second.second) + std::string(" (") + domain + ")";
}

// One block per domain: a table of options x KPIs (mean, interval, paired difference), a chart
// of the on-time rate per option with the target, and the officers each option needs.
std::string delegation_body(const Labels& l, const fs::path& folder) {
  const auto csv = read_csv_file(folder / "delegation.csv");
  const auto staffing = read_csv_file(folder / "delegation_staffing.csv");
  std::vector<std::string> domains;
  for (std::size_t r = 0; r < csv->rows.size(); ++r)
    if (std::find(domains.begin(), domains.end(), csv->field(r, "domain")) == domains.end())
      domains.push_back(csv->field(r, "domain"));
  double target = std::nan("");
  if (staffing && !staffing->rows.empty()) {
    const std::string text = staffing->field(0, "target");
    const std::size_t at = text.find(">=");
    if (text.starts_with("on_time_rate") && at != std::string::npos)
      target = std::strtod(text.c_str() + at + 2, nullptr);
  }
  std::ostringstream body;
  body << "<p>"
       << l.t("Each option is simulated with the same random numbers as the scenario as it is "
              "(the reference, marked “now”); Δ is the paired difference option − reference with "
              "its Bonferroni-adjusted interval, * when it excludes 0. Officers needed: analytic "
              "Erlang C estimate per position.",
              "Mỗi phương án được mô phỏng với cùng dãy số ngẫu nhiên như kịch bản hiện tại "
              "(phương án tham chiếu, ghi “hiện tại”); Δ là chênh lệch cặp phương án − tham chiếu "
              "với khoảng tin cậy hiệu chỉnh Bonferroni, * khi khoảng không chứa 0. Số cán bộ cần: "
              "ước lượng Erlang C theo từng vị trí.")
       << "</p>";
  const std::vector<std::string> metrics = {"on_time_rate",          "processing_workdays_mean",
                                            "transfers_per_dossier", "utilization_commune",
                                            "utilization_province",  "province_on_time_rate"};
  for (const auto& domain : domains) {
    std::vector<std::string> options;
    std::map<std::pair<std::string, std::string>, std::size_t> row_of;  // (option, metric)
    for (std::size_t r = 0; r < csv->rows.size(); ++r) {
      if (csv->field(r, "domain") != domain) continue;
      const std::string option = csv->field(r, "option");
      if (std::find(options.begin(), options.end(), option) == options.end())
        options.push_back(option);
      row_of[{option, csv->field(r, "metric")}] = r;
    }
    std::vector<std::string> header = {l.t("Option", "Phương án")};
    for (const auto& m : metrics) {
      header.push_back(delegation_metric_label(l, m));
      header.push_back("Δ");
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<IntervalRow> chart;
    for (const auto& option : options) {
      bool current = false;
      std::vector<std::string> row = {""};
      for (const auto& m : metrics) {
        const auto it = row_of.find({option, m});
        if (it == row_of.end()) {
          row.insert(row.end(), {"–", ""});
          continue;
        }
        const std::size_t r = it->second;
        current = csv->field(r, "is_current") == "1";
        const bool percent = m.find("rate") != std::string::npos || m.starts_with("utilization");
        std::string cell = fmt(csv->number(r, "mean"), percent);
        if (!std::isnan(csv->number(r, "ci_low")))
          cell += " [" + fmt(csv->number(r, "ci_low"), percent) + ", " +
                  fmt(csv->number(r, "ci_high"), percent) + "]";
        row.push_back(cell);
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on "+" + ...
        const double d = csv->number(r, "diff_mean");
        std::string delta;
        if (!std::isnan(d)) {
          if (d >= 0) delta += '+';
          delta += fmt(d, percent);
          if (csv->field(r, "significant") == "1") delta += '*';
        }
        row.push_back(delta);
        if (m == "on_time_rate")
          chart.push_back({option_label(l, option), csv->number(r, "mean"),
                           csv->number(r, "ci_low"), csv->number(r, "ci_high"),
                           !std::isnan(target) && csv->number(r, "ci_low") >= target});
      }
      row[0] = option_label(l, option) + (current ? l.t(" (now)", " (hiện tại)") : "");
      rows.push_back(row);
    }
    std::ostringstream block;
    block << table(header, rows, "numbers delegation")
          << bar_interval_chart(chart, true, target, "on_time_rate " + domain);
    if (staffing) {
      std::vector<std::vector<std::string>> officers;
      for (std::size_t r = 0; r < staffing->rows.size(); ++r) {
        if (staffing->field(r, "domain") != domain) continue;
        officers.push_back({option_label(l, staffing->field(r, "option")),
                            staffing->field(r, "tier") == "commune" ? l.t("commune", "cấp xã")
                                                                    : l.t("province", "cấp tỉnh"),
                            staffing->field(r, "officers_current"),
                            staffing->field(r, "officers_needed"), staffing->field(r, "change"),
                            staffing->field(r, "erlang_c_peak"),
                            staffing->field(r, "target_met") == "1" ? l.t("met", "đạt")
                                                                    : l.t("not met", "chưa đạt")});
      }
      block << "<h3>" << e(l.t("Officers each option needs", "Số cán bộ mỗi phương án cần"))
            << "</h3>"
            << table({l.t("Option", "Phương án"), l.t("Tier", "Cấp"), l.t("Now", "Hiện có"),
                      l.t("Needed (Erlang C)", "Cần (Erlang C)"), l.t("Change", "Chênh lệch"),
                      l.t("Needed at the peak week", "Cần ở tuần cao điểm"),
                      l.t("Target (simulated)", "Chỉ tiêu (mô phỏng)")},
                     officers, "numbers");
    }
    body << section("delegation-" + domain, l.t("Domain: ", "Lĩnh vực: ") + domain_label(l, domain),
                    block.str());
  }
  const std::string notes = read_text(folder / "delegation_notes.txt");
  if (!notes.empty()) {
    body << section(
        "delegation-notes",
        l.t("Method and options left out", "Phương pháp và các phương án không áp dụng được"),
        "<pre>" + e(notes) + "</pre>");
  }
  return section("delegation", l.t("Delegation options", "Các phương án phân cấp, ủy quyền"),
                 body.str());
}

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
