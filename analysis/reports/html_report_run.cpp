// The HTML report of a run folder: description (STRESS-DES), headline KPIs, the backlog
// trajectory with bands, unit ranking, utilisation, processing times and the monthly report.
// The staff and compare reports reuse these sections (html_report_parts.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "analysis/reports/html_report.hpp"
#include "analysis/reports/html_report_parts.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "analysis/statistics/summary.hpp"  // estimate_mean
#include "sim/civil_date.hpp"

namespace twotier::analysis::report_parts {

namespace fs = std::filesystem;

RunFiles read_run(const fs::path& folder) {
  RunFiles run;
  run.folder = folder;
  run.summary = read_csv_file(folder / "summary.csv");
  run.monthly = read_csv_file(folder / "monthly_report.csv");
  std::error_code error;
  if (fs::exists(folder / "results.h5", error)) {
    try {
      run.results = read_results_summary(folder / "results.h5");
    } catch (const std::runtime_error& e) {  // a damaged or foreign file: the input's fault
      throw ReportError("not a readable results file of twotier run: " + std::string(e.what()));
    }
  }
  return run;
}

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

extern const std::vector<std::string> kHeadlineMetrics;
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

// Mean and t band per day over replications (dossier counts: clipped at 0, as in summary.csv).
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
    const MeanEstimate m = estimate_mean(values, level, ValueRange::non_negative());
    s.mean.push_back(m.mean);
    s.low.push_back(m.ci_low);
    s.high.push_back(m.ci_high);
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

}  // namespace twotier::analysis::report_parts
