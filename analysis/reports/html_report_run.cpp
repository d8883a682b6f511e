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
#include "analysis/results/results_h5_reader.hpp"
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
      est.n = s.number(r, "n");
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
    value.erase(0, value.find_first_not_of(" \t\"'"));
    value.erase(value.find_last_not_of(" \t\"'") + 1);
    return value;
  }
  return "";
}

// "60d" → "60 days" / "60 ngày"; other text unchanged.
std::string duration_words(const Labels& l, const std::string& text) {
  if (text.size() > 1 && text.back() == 'd' &&
      text.find_first_not_of("0123456789") == text.size() - 1)
    return text.substr(0, text.size() - 1) + l.t(" days", " ngày");
  if (text.empty()) return "–";
  return text;
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
  if (m.count("focus_note") && !m.at("focus_note").empty()) {  // a focused run (models/focus.hpp)
    body << "<dt>" << l.t("Focused run", "Mô phỏng tập trung") << "</dt><dd><strong>"
         << e(get("focus_note")) << "</strong></dd>";
  }
  body << "<dt>" << l.t("Data and sources", "Dữ liệu và nguồn") << "</dt><dd>"
       << l.t("Scenario", "Kịch bản") << ": " << e(get("scenario_name")) << ". "
       << l.t("Sources and tags of every figure are in the scenario's README; the resolved "
              "scenario is reproduced below.",
              "Nguồn và mức độ kiểm chứng của từng số liệu nằm trong README của kịch bản; kịch "
              "bản đầy đủ được chép bên dưới.")
       << "</dd>";
  body << "<dt>" << l.t("Experimentation", "Thử nghiệm") << "</dt><dd>" << l.t("Start", "Bắt đầu")
       << " " << e(l.date(get("start_date"))) << "; " << l.t("run length", "độ dài") << " "
       << (run.results ? l.num(run.results->days, 0) : std::string("–")) << " "
       << l.t("days", "ngày") << " (" << l.t("horizon", "thời gian mô phỏng") << " "
       << e(duration_words(l, scenario_value(text, "horizon"))) << ", "
       << l.t("warm-up", "khởi động") << " " << e(duration_words(l, scenario_value(text, "warmup")))
       << "); " << e(get("replications")) << " " << l.t("replications", "lần lặp") << " ("
       << l.t("first index", "chỉ số đầu") << " " << e(get("first_replication")) << "); "
       << l.t("seed", "hạt giống") << " " << e(get("seed")) << "; "
       << l.t("confidence level", "độ tin cậy") << " "
       << (m.count("confidence_level") ? l.pct(std::atof(get("confidence_level").c_str()), 0)
                                       : std::string("–"))
       << "</dd>";
  body << "<dt>" << l.t("Implementation", "Triển khai") << "</dt><dd>twotier "
       << e(get("twotier_version")) << ", commit " << e(get("git_commit")) << "; "
       << e(get("threads")) << " " << l.t("threads", "luồng") << ", "
       << l.num(std::atof(get("wall_time_seconds").c_str()), 1) << l.t(" s. ", " giây. ")
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

namespace {
// "low – high", or why there is none: one replication gives a mean but no spread, and its
// bounds (equal to the mean in summary.csv) must not read as an exact interval.
std::string interval_text(const Labels& l, const Estimate& est, bool percent) {
  if (std::isnan(est.mean)) return "–";
  if (!est.has_interval()) return l.t("no interval (1 replication)", "không có khoảng (1 lần lặp)");
  return l.value(est.low, percent) + " – " + l.value(est.high, percent);
}
// Said under a band or whisker chart of a run with one replication (its bands and whiskers
// collapse onto the mean: no spread can be estimated from one value).
std::string single_replication_note(const Labels& l, const RunFiles& run) {
  if (find(run, "province", "arrivals").has_interval()) return "";
  return l.t(" One replication: no band or whisker can be drawn (run with --reps 2 or more).",
             " Một lần lặp: không vẽ được dải hay râu tin cậy (chạy với --reps từ 2 trở lên).");
}
}  // namespace

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
      row.push_back(l.value(est.mean, is_rate(metric)));
      row.push_back(interval_text(l, est, is_rate(metric)));
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
         << "</div><div class=\"card-value\">" << l.value(est.mean, is_rate(metric))
         << "</div><div class=\"card-ci\">" << interval_text(l, est, is_rate(metric))
         << "</div></div>";
  }
  body << "</div>" << table(header, rows, "numbers");
  if (scope == "province")
    return section("kpis", l.t("Headline indicators (province)", "Chỉ tiêu chính (toàn tỉnh)"),
                   body.str());
  const std::string unit = scope.rfind("unit:", 0) == 0 ? scope.substr(5) : scope;
  return section(
      "kpis-" + unit,
      l.t("Headline indicators: ", "Chỉ tiêu chính: ") + unit_name(*runs.front().second, unit),
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
                               const std::vector<std::pair<std::string, const RunFiles*>>& runs,
                               const std::string& unit) {
  static const char* colours[] = {"#1f4e79", "#b8430b", "#2e7d32", "#6a1b9a"};
  std::vector<BandSeries> backlog, overdue;
  const ResultsFileSummary* first = nullptr;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].second->results) continue;
    const auto& r = *runs[i].second->results;
    if (!first) first = &r;
    const std::string suffix = runs.size() > 1 ? " — " + runs[i].first : "";
    std::vector<std::vector<double>> backlog_series = r.backlog, overdue_series = r.overdue;
    if (!unit.empty()) {
      if (unit_index(r, unit) == r.unit_ids.size()) continue;
      UnitDailySeries mine = read_unit_daily_series(runs[i].second->folder / "results.h5", unit);
      backlog_series = std::move(mine.backlog);
      overdue_series = std::move(mine.overdue);
    }
    const double read_level = r.metadata.count("confidence_level")
                                  ? std::atof(r.metadata.at("confidence_level").c_str())
                                  : 0.95;
    const double level = read_level > 0 && read_level < 1 ? read_level : 0.95;
    backlog.push_back(band(backlog_series, l.t("in process", "đang xử lý") + suffix,
                           colours[(2 * i) % 4], level));
    overdue.push_back(
        band(overdue_series, l.t("overdue", "quá hạn") + suffix, colours[(2 * i + 1) % 4], level));
    overdue.back().dashed = true;
  }
  if (!first) return "";
  std::vector<BandSeries> all = backlog;
  all.insert(all.end(), overdue.begin(), overdue.end());
  std::ostringstream body;
  const std::string where =
      unit.empty() ? l.t("province total", "toàn tỉnh") : unit_name(*runs.front().second, unit);
  body << "<p>"
       << l.t("Dossiers in process and overdue at each day's end, ",
              "Hồ sơ đang xử lý và quá hạn cuối mỗi ngày, ")
       << e(where)
       << l.t(": mean over replications with its 95% confidence band (cut at zero).",
              ": trung bình các lần lặp và dải tin cậy 95% (không âm).")
       << single_replication_note(l, *runs.front().second) << "</p>"
       << line_band_chart(all, month_ticks(*first), l.t("dossiers", "hồ sơ"), l.style());
  if (unit.empty())
    return section("backlog",
                   l.t("Backlog trajectory (province)", "Diễn biến tồn đọng (toàn tỉnh)"),
                   body.str());
  return section("backlog-" + unit, l.t("Backlog trajectory: ", "Diễn biến tồn đọng: ") + where,
                 body.str());
}

std::size_t unit_index(const ResultsFileSummary& results, const std::string& id) {
  const auto& ids = results.unit_ids;
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

std::string unit_name(const RunFiles& run, const std::string& id) {
  if (!run.results) return id;
  const auto& ids = run.results->unit_ids;
  for (std::size_t u = 0; u < ids.size(); ++u)
    if (ids[u] == id && u < run.results->unit_names.size()) return run.results->unit_names[u];
  return id;
}

std::string ranking_section(const Labels& l, const RunFiles& run, const std::string& unit) {
  if (!run.summary) return "";
  std::vector<IntervalRow> rows;
  const auto& s = *run.summary;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const std::string& scope = s.field(r, "scope");
    if (!scope.starts_with("unit:") || s.field(r, "metric") != "on_time_rate") continue;
    const double mean = s.number(r, "mean");
    if (std::isnan(mean)) continue;
    const std::string id = scope.substr(5);
    rows.push_back({unit_name(run, id), mean, s.number(r, "ci_low"), s.number(r, "ci_high"),
                    !unit.empty() && id == unit});
  }
  if (rows.empty()) return "";
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.value < b.value; });
  const Estimate province = find(run, "province", "on_time_rate");
  std::ostringstream body;
  if (unit.empty()) {
    for (auto& row : rows)
      row.highlight = row.value < province.mean;
    body << "<p>"
         << l.t("Units sorted from the lowest on-time rate (most pressure) up; whiskers are "
                "95% intervals, the vertical line is the province's rate, darker bars are "
                "below it.",
                "Các đơn vị xếp từ tỷ lệ đúng hạn thấp nhất (áp lực cao nhất); râu là khoảng "
                "tin cậy 95%, đường dọc là tỷ lệ toàn tỉnh, thanh đậm là thấp hơn.")
         << single_replication_note(l, run) << "</p>";
  } else {
    std::size_t rank = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].highlight) rank = i + 1;
    body << "<p>" << e(unit_name(run, unit)) << l.t(" ranks ", " đứng thứ ")
         << l.num(static_cast<double>(rank), 0) << l.t(" of ", " trên ")
         << l.num(static_cast<double>(rows.size()), 0)
         << l.t(" units counted from the lowest on-time rate (its bar is dark); whiskers are 95% "
                "intervals, the vertical line is the province's rate.",
                " đơn vị, tính từ tỷ lệ đúng hạn thấp nhất (thanh đậm); râu là khoảng tin cậy "
                "95%, đường dọc là tỷ lệ toàn tỉnh.")
         << single_replication_note(l, run) << "</p>";
  }
  body << bar_interval_chart(rows, ValueKind::kPercent, province.mean,
                             l.t("on-time rate by unit", "tỷ lệ đúng hạn theo đơn vị"), l.style());
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
  std::vector<std::string> position_names;
  for (const auto& p : positions)
    position_names.push_back(position_label(l, p));
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
          "</p>" +
          heat_map(row_labels, position_names, grid, l.t("utilisation", "mức sử dụng"), l.style()));
}

std::string procedure_name(const RunFiles& run, const std::string& id) {
  if (!run.results) return id;
  const auto& ids = run.results->procedure_ids;
  for (std::size_t p = 0; p < ids.size(); ++p)
    if (ids[p] == id && p < run.results->procedure_names.size())
      return run.results->procedure_names[p];
  return id;
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
    rows.push_back({procedure_name(run, scope.substr(10)), l.num(completed.mean),
                    l.pct(find(run, scope, "on_time_rate").mean),
                    l.num(find(run, scope, "processing_workdays_mean").mean),
                    l.num(find(run, scope, "processing_workdays_p50").mean),
                    l.num(find(run, scope, "processing_workdays_p90").mean),
                    l.num(find(run, scope, "processing_workdays_p95").mean)});
  }
  if (rows.empty()) return "";
  return section("processing",
                 l.t("Processing time by procedure (working days)",
                     "Thời gian xử lý theo thủ tục (ngày làm việc)"),
                 table({l.t("Procedure", "Thủ tục"), l.t("Completed", "Đã giải quyết"),
                        l.t("On time", "Đúng hạn"), l.t("Mean", "TB"), l.t("Median", "Trung vị"),
                        l.t("90th percentile", "Phân vị 90"), l.t("95th percentile", "Phân vị 95")},
                       rows, "numbers"));
}

std::string monthly_section(const Labels& l, const RunFiles& run, const std::string& unit,
                            const std::string& title_suffix) {
  if (!run.monthly || run.monthly->rows.empty()) return "";
  const auto& m = *run.monthly;
  // Province totals per month, in file order of first appearance.
  std::vector<std::pair<int, int>> months;
  std::map<std::pair<int, int>, std::map<std::string, double>> totals;
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    if (!unit.empty() && m.field(r, "unit") != unit) continue;
    const std::pair<int, int> key{static_cast<int>(m.number(r, "year")),
                                  static_cast<int>(m.number(r, "month"))};
    if (!totals.count(key)) months.push_back(key);
    for (const auto& [column, names] : monthly_rows())
      totals[key][column] += m.number(r, column);
  }
  std::sort(months.begin(), months.end());
  if (months.empty()) return "";
  std::vector<std::string> header = {
      unit.empty() ? l.t("Item (province total, mean over replications)",
                         "Chỉ tiêu (toàn tỉnh, trung bình các lần lặp)")
                   : l.t("Item (mean over replications)", "Chỉ tiêu (trung bình các lần lặp)")};
  for (const auto& [y, mo] : months) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d/%04d", mo, y);
    header.push_back(buffer);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [column, names] : monthly_rows()) {
    std::vector<std::string> row = {l.t(names.first, names.second)};
    for (const auto& key : months)
      row.push_back(l.num(totals[key][column], unit.empty() ? 0 : 1));
    rows.push_back(row);
  }
  const std::string title =
      unit.empty()
          ? l.t("Monthly report, province (official rows)", "Báo cáo tháng, toàn tỉnh (theo mẫu)")
          : l.t("Monthly report: ", "Báo cáo tháng: ") + unit_name(run, unit);
  return section(unit.empty() ? "monthly" : "monthly-" + unit,
                 title + (title_suffix.empty() ? "" : " — " + title_suffix),
                 table(header, rows, "numbers monthly"));
}

std::string run_body(const Labels& l, const RunFiles& run) {
  return headline_section(l, {{l.t("Run", "Kết quả"), &run}}, "province") +
         trajectory_section(l, {{"", &run}}) + ranking_section(l, run) +
         utilisation_section(l, run) + processing_section(l, run) + monthly_section(l, run) +
         description_section(l, run);
}

}  // namespace twotier::analysis::report_parts
