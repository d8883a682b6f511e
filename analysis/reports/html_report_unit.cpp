// The report a commune attaches to a request (html_report_parts.hpp): for one unit, the unit
// first — the finding in plain words, its indicators before and after, its positions, the cost,
// its backlog trajectory with bands and its monthly report — then the province as context, then
// the method. Also the body of a `staff` folder for the province or every commune. Every
// sentence is built here from the folder's CSV files in the report's language, so a run made in
// English gives a fully Vietnamese report with --lang vi (summary.txt is shown only in its own
// language).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "analysis/reports/html_report.hpp"
#include "analysis/reports/html_report_parts.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "analysis/results/csv_records.hpp"

namespace twotier::analysis::report_parts {

namespace fs = std::filesystem;

namespace {

// One row of targets.csv, read by column name (columns added later are optional).
struct TargetRow {
  std::string scope, target;
  Estimate before, after;
  std::string verdict_before, verdict_after;  // "met", "not_met", "undecided"
};

std::string verdict(const CsvRecords& csv, std::size_t r, const char* when) {
  // A newer targets.csv may say "undecided" in an outcome column; else met_before/met_after.
  for (const std::string& column :
       {std::string("outcome_") + when, std::string("decision_") + when}) {
    if (csv.column(column) >= 0) {
      std::string v = csv.field(r, column);
      std::replace(v.begin(), v.end(), ' ', '_');
      if (!v.empty()) return v;
    }
  }
  const std::string met = csv.field(r, std::string("met_") + when);
  if (met.empty()) return "";
  return met == "true" || met == "1" ? "met" : "not_met";
}

std::vector<TargetRow> read_targets(const std::optional<CsvRecords>& csv) {
  std::vector<TargetRow> rows;
  if (!csv) return rows;
  for (std::size_t r = 0; r < csv->rows.size(); ++r) {
    TargetRow t;
    t.scope = csv->field(r, "scope");
    t.target = csv->field(r, "target");
    t.before = {csv->number(r, "before_mean"), csv->number(r, "before_ci_low"),
                csv->number(r, "before_ci_high")};
    t.after = {csv->number(r, "after_mean"), csv->number(r, "after_ci_low"),
               csv->number(r, "after_ci_high")};
    t.verdict_before = verdict(*csv, r, "before");
    t.verdict_after = verdict(*csv, r, "after");
    rows.push_back(t);
  }
  return rows;
}

std::string target_metric(const std::string& target) {
  return target.substr(0, target.find_first_of(" <>="));
}

std::string verdict_words(const Labels& l, const std::string& v) {
  if (v == "met") return l.t("the target is met", "đạt chỉ tiêu");
  if (v == "not_met") return l.t("the target is not met", "chưa đạt chỉ tiêu");
  if (v == "undecided")
    return l.t("undecided (the interval still straddles the target)",
               "chưa kết luận được (khoảng tin cậy còn vắt qua chỉ tiêu)");
  return "–";
}

std::string estimate_words(const Labels& l, const Estimate& est, bool rate) {
  return l.value(est.mean, rate) + l.t(" (95% interval ", " (khoảng tin cậy 95%: ") +
         l.value(est.low, rate) + "–" + l.value(est.high, rate) + ")";
}

// "1 more one-stop desk officer (7 → 8)" / "thêm 1 cán bộ bộ phận một cửa (7 → 8)".
std::string change_words(const Labels& l, const std::string& position, int now, int then) {
  const int n = std::abs(then - now);
  const std::string count = l.num(n, 0);
  const std::string name = position_label(l, position);
  std::string text;
  if (l.vi) {
    text = (then > now ? "thêm " : "bớt ") + count + " cán bộ " + name;
  } else {
    text = count + (then > now ? " more " : " fewer ") + name + (n == 1 ? " officer" : " officers");
  }
  return text + " (" + l.num(now, 0) + " → " + l.num(then, 0) + ")";
}

struct PositionRow {
  std::string position;
  int now = 0, then = 0;
  double utilisation_now = std::nan(""), utilisation_then = std::nan("");
};

// The unit's positions from the utilisation.csv of the current and recommended runs.
std::vector<PositionRow> unit_positions(const RunFiles& current, const RunFiles* recommended,
                                        const std::string& unit) {
  std::vector<PositionRow> rows;
  const auto now = read_csv_file(current.folder / "utilisation.csv");
  if (!now) return rows;
  for (std::size_t r = 0; r < now->rows.size(); ++r) {
    if (now->field(r, "unit") != unit) continue;
    PositionRow p;
    p.position = now->field(r, "position");
    p.now = p.then = static_cast<int>(now->number(r, "officers"));
    p.utilisation_now = now->number(r, "utilisation");
    rows.push_back(p);
  }
  if (!recommended) return rows;
  if (const auto then = read_csv_file(recommended->folder / "utilisation.csv")) {
    for (std::size_t r = 0; r < then->rows.size(); ++r) {
      if (then->field(r, "unit") != unit) continue;
      for (auto& p : rows) {
        if (p.position != then->field(r, "position")) continue;
        p.then = static_cast<int>(then->number(r, "officers"));
        p.utilisation_then = then->number(r, "utilisation");
      }
    }
  }
  return rows;
}

std::string positions_section(const Labels& l, const std::vector<PositionRow>& positions,
                              bool with_recommendation, const std::string& unit_title) {
  if (positions.empty()) return "";
  std::vector<std::vector<std::string>> rows;
  int total_now = 0, total_then = 0;
  for (const auto& p : positions) {
    total_now += p.now;
    total_then += p.then;
    std::vector<std::string> row = {position_label(l, p.position), l.num(p.now, 0)};
    if (with_recommendation) {
      row.push_back(l.num(p.then, 0));
      row.push_back(p.then == p.now
                        ? "0"
                        : format_value(p.then - p.now, ValueKind::kNumber, l.style(), 0, true));
    }
    row.push_back(l.pct(p.utilisation_now));
    if (with_recommendation) row.push_back(l.pct(p.utilisation_then));
    rows.push_back(row);
  }
  std::vector<std::string> total = {l.t("Total", "Tổng"), l.num(total_now, 0)};
  if (with_recommendation) {
    total.push_back(l.num(total_then, 0));
    total.push_back(total_then == total_now ? "0"
                                            : format_value(total_then - total_now,
                                                           ValueKind::kNumber, l.style(), 0, true));
    total.insert(total.end(), {"", ""});
  } else {
    total.push_back("");
  }
  rows.push_back(total);
  std::vector<std::string> header = {l.t("Position", "Vị trí"), l.t("Officers now", "Hiện có")};
  if (with_recommendation) {
    header.push_back(l.t("Recommended", "Đề xuất"));
    header.push_back(l.t("Change", "Thay đổi"));
    header.push_back(l.t("Utilisation now", "Mức sử dụng hiện tại"));
    header.push_back(l.t("Utilisation, recommended", "Mức sử dụng khi theo đề xuất"));
  } else {
    header.push_back(l.t("Utilisation", "Mức sử dụng"));
  }
  return section("positions", l.t("Officers by position: ", "Cán bộ theo vị trí: ") + unit_title,
                 "<p>" +
                     l.t("Utilisation: share of the officers' working time spent on dossiers "
                         "(mean over replications).",
                         "Mức sử dụng: tỷ lệ thời gian làm việc của cán bộ dành cho hồ sơ "
                         "(trung bình các lần lặp).") +
                     "</p>" + table(header, rows, "numbers positions"));
}

// Columns of staffing.csv or a cost file that hold money.
bool is_cost_column(const std::string& name) {
  return name.find("cost") != std::string::npos || name.find("salary") != std::string::npos ||
         name.find("vnd") != std::string::npos;
}

std::string cost_section(const Labels& l, const fs::path& folder,
                         const std::optional<CsvRecords>& staffing, const std::string& unit,
                         const UnitNames& names) {
  std::ostringstream body;
  bool shown = false;
  for (const char* file : {"cost.csv", "costs.csv", "staffing_cost.csv"}) {
    if (auto csv = read_csv_file(folder / file)) {
      CsvRecords mine;
      mine.header = csv->header;
      const int unit_column = csv->column("unit");
      for (const auto& row : csv->rows)
        if (unit_column < 0 || row[static_cast<std::size_t>(unit_column)] == unit)
          mine.rows.push_back(row);
      body << csv_table(l, mine, 200, names);
      shown = true;
    }
  }
  if (!shown && staffing) {
    std::vector<std::string> columns;
    for (const auto& h : staffing->header)
      if (is_cost_column(h)) columns.push_back(h);
    if (!columns.empty()) {
      CsvRecords mine;
      mine.header = {"position"};
      mine.header.insert(mine.header.end(), columns.begin(), columns.end());
      for (std::size_t r = 0; r < staffing->rows.size(); ++r) {
        if (staffing->field(r, "unit") != unit) continue;
        std::vector<std::string> row = {staffing->field(r, "position")};
        for (const auto& c : columns)
          row.push_back(staffing->field(r, c));
        mine.rows.push_back(row);
      }
      body << csv_table(l, mine, 200, names);
      shown = true;
    }
  }
  if (!shown) {
    body << "<div class=\"placeholder\"><p><strong>"
         << l.t("Cost: not available in this result.", "Chi phí: chưa có trong kết quả này.")
         << "</strong> "
         << l.t("The staffing result holds no salary cost (no cost column in staffing.csv and "
                "no cost file). When the scenario carries a salary table, this place shows the "
                "yearly cost of the recommended officers and the cost per percentage point of "
                "on-time rate gained.",
                "Kết quả biên chế chưa có chi phí lương (staffing.csv không có cột chi phí và "
                "không có tệp chi phí). Khi kịch bản có bảng lương, mục này nêu chi phí hằng năm "
                "của số cán bộ đề xuất và chi phí cho mỗi điểm phần trăm tỷ lệ đúng hạn tăng "
                "thêm.")
         << "</p></div>";
  }
  return section("cost", l.t("Cost", "Chi phí"), body.str());
}

// The unit's headline indicators: one or two runs, with the difference of means.
std::string unit_indicators(const Labels& l, const RunFiles& current, const RunFiles* recommended,
                            const std::string& scope) {
  std::ostringstream body;
  body << "<div class=\"cards\">";
  for (const char* metric : {"on_time_rate", "processing_workdays_mean", "overdue_open_end"}) {
    const bool rate = is_rate(metric);
    const Estimate now = find(current, scope, metric);
    body << "<div class=\"card\"><div class=\"card-title\">" << e(metric_label(l, metric))
         << "</div><div class=\"card-value\">" << e(l.value(now.mean, rate));
    if (recommended) {
      const Estimate then = find(*recommended, scope, metric);
      body << " → " << e(l.value(then.mean, rate));
    }
    body << "</div><div class=\"card-ci\">"
         << (recommended ? l.t("now → recommended", "hiện tại → đề xuất")
                         : l.t("95% interval ", "KTC 95%: ") + l.value(now.low, rate) + "–" +
                               l.value(now.high, rate))
         << "</div></div>";
  }
  body << "</div>";
  std::vector<std::string> header = {l.t("Indicator", "Chỉ tiêu"),
                                     l.t("Now (mean)", "Hiện tại (TB)"),
                                     l.t("95% interval", "Khoảng tin cậy 95%")};
  if (recommended) {
    header.insert(header.end(), {l.t("Recommended (mean)", "Đề xuất (TB)"),
                                 l.t("95% interval", "Khoảng tin cậy 95%"),
                                 l.t("Difference of means", "Chênh lệch trung bình")});
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& metric : kHeadlineMetrics) {
    const bool rate = is_rate(metric);
    const Estimate now = find(current, scope, metric);
    std::vector<std::string> row = {metric_label(l, metric), l.value(now.mean, rate),
                                    l.value(now.low, rate) + " – " + l.value(now.high, rate)};
    if (recommended) {
      const Estimate then = find(*recommended, scope, metric);
      row.push_back(l.value(then.mean, rate));
      row.push_back(l.value(then.low, rate) + " – " + l.value(then.high, rate));
      row.push_back(l.difference(then.mean - now.mean, rate));
    }
    rows.push_back(row);
  }
  body << table(header, rows, "numbers");
  if (recommended)
    body << "<p class=\"note\">"
         << l.t("Differences of rates are in percentage points.",
                "Chênh lệch của tỷ lệ tính bằng điểm phần trăm.")
         << "</p>";
  return body.str();
}

std::string province_context(const Labels& l, const RunFiles& current, const RunFiles* recommended,
                             const std::string& unit) {
  std::ostringstream body;
  // A unit-focused run (models/focus.hpp) did not simulate the province: no province figures.
  if (current.results && current.results->metadata.count("focus_note") &&
      !current.results->metadata.at("focus_note").empty()) {
    body << "<section id=\"province-context\"><h2 class=\"part\">"
         << l.t("Province context", "Bối cảnh toàn tỉnh") << "</h2><p>"
         << l.t("Not simulated: this is a focused run, where the rest of the province is an "
                "aggregate of a baseline run (its dossiers' time at the provincial bodies), so "
                "there are no province figures to compare with. Run the whole province for "
                "them (twotier staff --full, or twotier run without --focus).",
                "Không mô phỏng: đây là mô phỏng tập trung, phần còn lại của tỉnh là số liệu "
                "tổng hợp từ một lần chạy cơ sở (thời gian hồ sơ ở các cơ quan cấp tỉnh), nên "
                "không có số liệu toàn tỉnh để đối chiếu. Muốn có, hãy mô phỏng toàn tỉnh "
                "(twotier staff --full, hoặc twotier run không có --focus).")
         << "</p></section>\n";
    return body.str();
  }
  body << "<section id=\"province-context\"><h2 class=\"part\">"
       << l.t("Province context", "Bối cảnh toàn tỉnh") << "</h2><p>"
       << l.t("For comparison only: the province as a whole in the same simulation.",
              "Chỉ để đối chiếu: toàn tỉnh trong cùng lần mô phỏng.")
       << "</p></section>\n";
  std::vector<std::pair<std::string, const RunFiles*>> runs = {{l.t("Now", "Hiện tại"), &current}};
  if (recommended) runs.emplace_back(l.t("Recommended", "Đề xuất"), recommended);
  body << headline_section(l, runs, "province");
  body << trajectory_section(l, {{"", &current}});
  body << ranking_section(l, current, unit);
  return body.str();
}

std::string first_unit_scope(const std::vector<TargetRow>& targets) {
  std::set<std::string> scopes;
  for (const auto& t : targets)
    scopes.insert(t.scope);
  if (scopes.size() == 1 && scopes.begin()->starts_with("unit:")) return scopes.begin()->substr(5);
  return "";
}

// summary.txt is shown only in the report's own language (a Vietnamese one opens "Biên chế").
std::string summary_text_section(const Labels& l, const fs::path& folder) {
  const std::string summary = read_text(folder / "summary.txt");
  if (summary.empty() || summary.starts_with("Biên chế") != l.vi) return "";
  std::ostringstream text;
  std::istringstream lines(summary);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty()) text << "<p>" << e(line) << "</p>";
  return "<details><summary>" +
         l.t("The staff command's own summary (summary.txt)",
             "Tóm tắt của lệnh staff (summary.txt)") +
         "</summary><div class=\"plain\">" + text.str() + "</div></details>";
}

}  // namespace

UnitNames unit_names_of(const RunFiles& run) {
  return [&run](const std::string& id) { return unit_name(run, id); };
}

static std::string unit_staff_finding(const Labels& l, const std::vector<TargetRow>& targets,
                                      const std::vector<PositionRow>& positions,
                                      const RunFiles& current, const RunFiles& recommended,
                                      const std::string& unit);

ReportBody staff_report(const Labels& l, const fs::path& folder, const std::string& scope_unit) {
  ReportBody out;
  const auto staffing = read_csv_file(folder / "staffing.csv");
  const auto targets_csv = read_csv_file(folder / "targets.csv");
  const std::vector<TargetRow> targets = read_targets(targets_csv);
  const RunFiles current = read_run(folder / "current");
  const RunFiles recommended = read_run(folder / "recommended");
  const bool runs = current.summary && recommended.summary;
  const UnitNames names = unit_names_of(current);
  const std::string unit = !scope_unit.empty() ? scope_unit : first_unit_scope(targets);
  std::ostringstream body;
  if (!unit.empty() && runs) {
    const std::string name = unit_name(current, unit);
    out.title = l.t("Staffing request: ", "Đề xuất biên chế: ") + name;
    const auto positions = unit_positions(current, &recommended, unit);
    std::vector<TargetRow> mine;
    for (const auto& t : targets)
      if (t.scope == "unit:" + unit) mine.push_back(t);
    body << "<section id=\"finding\"><h2>" << e(l.t("Finding", "Kết luận")) << "</h2>"
         << unit_staff_finding(l, mine, positions, current, recommended, unit)
         << unit_indicators(l, current, &recommended, "unit:" + unit) << "</section>\n";
    body << positions_section(l, positions, true, name);
    body << cost_section(l, folder, staffing, unit, names);
    body << trajectory_section(
        l, {{l.t("now", "hiện tại"), &current}, {l.t("recommended", "đề xuất"), &recommended}},
        unit);
    body << monthly_section(l, current, unit, l.t("now", "hiện tại"));
    body << monthly_section(l, recommended, unit, l.t("recommended", "đề xuất"));
    body << province_context(l, current, &recommended, unit);
  } else {
    out.title = l.t("Staffing recommendation", "Đề xuất biên chế");
    std::ostringstream finding;
    for (const auto& t : targets) {
      const bool rate = is_rate(target_metric(t.target));
      finding << "<p><strong>" << e(scope_label(l, t.scope, names)) << "</strong> — "
              << e(target_label(l, t.target)) << ": " << l.t("now ", "hiện tại ")
              << e(estimate_words(l, t.before, rate)) << ", "
              << e(verdict_words(l, t.verdict_before)) << "; "
              << l.t("recommended ", "theo đề xuất ") << e(estimate_words(l, t.after, rate)) << ", "
              << e(verdict_words(l, t.verdict_after)) << ".</p>";
    }
    body << section("recommendation", out.title,
                    "<div class=\"plain\">" + finding.str() + "</div>");
    if (staffing) {
      body << section("staffing-table",
                      l.t("Officers per unit and position", "Cán bộ theo đơn vị và vị trí"),
                      staffing->rows.empty() ? "<p>" + l.t("No change.", "Không thay đổi.") + "</p>"
                                             : csv_table(l, *staffing, 500, names));
    }
    if (runs) {
      const std::vector<std::pair<std::string, const RunFiles*>> both = {
          {l.t("Now", "Hiện tại"), &current}, {l.t("Recommended", "Đề xuất"), &recommended}};
      body << headline_section(l, both, "province");
      body << trajectory_section(
          l, {{l.t("now", "hiện tại"), &current}, {l.t("recommended", "đề xuất"), &recommended}});
      body << ranking_section(l, recommended) << utilisation_section(l, recommended)
           << monthly_section(l, recommended);
    }
  }
  // Method: the targets as checked, the marginal gains, the search's own summary, the model.
  std::ostringstream method;
  if (targets_csv)
    method << "<h3>"
           << e(l.t("Targets before and after (confirmation run)",
                    "Chỉ tiêu trước và sau (lần chạy xác nhận)"))
           << "</h3>" << csv_table(l, *targets_csv, 500, names);
  if (auto marginal = read_csv_file(folder / "marginal.csv")) {
    std::vector<IntervalRow> rows;
    const bool rate = is_rate(marginal->field(0, "kpi_metric"));
    for (std::size_t r = 0; r < marginal->rows.size(); ++r)
      rows.push_back({marginal->field(r, "order") + ". " + names(marginal->field(r, "unit")) +
                          ", " + position_label(l, marginal->field(r, "position")),
                      marginal->number(r, "gain"), marginal->number(r, "gain_ci_low"),
                      marginal->number(r, "gain_ci_high"), true});
    method << "<h3>"
           << e(l.t("Marginal gain of each extra officer",
                    "Lợi ích biên của từng cán bộ tăng thêm"))
           << "</h3>"
           << forest_plot(rows, rate ? ValueKind::kPoints : ValueKind::kNumber,
                          l.t("marginal gain", "lợi ích biên"), l.style())
           << csv_table(l, *marginal, 500, names);
  }
  method << summary_text_section(l, folder);
  body << "<section id=\"method-part\"><h2 class=\"part\">"
       << l.t("Method and details", "Phương pháp và chi tiết") << "</h2>" << method.str()
       << "</section>\n";
  if (runs) body << description_section(l, recommended);
  out.html = body.str();
  return out;
}

static std::string unit_staff_finding(const Labels& l, const std::vector<TargetRow>& targets,
                                      const std::vector<PositionRow>& positions,
                                      const RunFiles& current, const RunFiles& recommended,
                                      const std::string& unit) {
  std::ostringstream out;
  const std::string name = unit_name(current, unit);
  std::vector<std::string> added, removed;
  for (const auto& p : positions) {
    if (p.then > p.now) added.push_back(change_words(l, p.position, p.now, p.then));
    if (p.then < p.now) removed.push_back(change_words(l, p.position, p.now, p.then));
  }
  auto join = [&](const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i)
      text += (i == 0 ? "" : i + 1 == parts.size() ? l.t(" and ", " và ") : ", ") + parts[i];
    return text;
  };
  for (const auto& t : targets) {
    const bool rate = is_rate(target_metric(t.target));
    out << "<p>" << l.t("Target for ", "Chỉ tiêu của ") << "<strong>" << e(name)
        << "</strong>: " << e(target_label(l, t.target)) << ".</p>";
    out << "<p>" << l.t("With the officers it has now: ", "Với số cán bộ hiện có: ")
        << e(estimate_words(l, t.before, rate)) << " — <strong>"
        << e(verdict_words(l, t.verdict_before)) << "</strong>.</p>";
    if (added.empty() && removed.empty()) {
      out << "<p>"
          << l.t("No change of staffing is recommended.", "Không đề xuất thay đổi biên chế.")
          << "</p>";
      continue;
    }
    out << "<p>" << l.t("Recommended: ", "Đề xuất: ") << e(join(added));
    if (!removed.empty()) out << (added.empty() ? "" : "; ") << e(join(removed));
    out << ". " << l.t("With them: ", "Khi đó: ") << e(estimate_words(l, t.after, rate))
        << " — <strong>" << e(verdict_words(l, t.verdict_after)) << "</strong>.</p>";
    if (t.verdict_before == "met" && !added.empty())
      out << "<p class=\"warning\">"
          << l.t("The target is already met with the officers the unit has now: the additional "
                 "officers above are not needed to reach it.",
                 "Với số cán bộ hiện có, đơn vị đã đạt chỉ tiêu: số cán bộ bổ sung nêu trên "
                 "không cần để đạt chỉ tiêu.")
          << "</p>";
    if (t.verdict_after != "met" && !t.verdict_after.empty())
      out << "<p class=\"warning\">"
          << l.t("The target is not reached with the recommended staffing either: it is the "
                 "best staffing the search found, not one that meets the target.",
                 "Với biên chế đề xuất chỉ tiêu vẫn chưa đạt: đây là phương án tốt nhất tìm "
                 "được, không phải phương án đạt chỉ tiêu.")
          << "</p>";
  }
  const Estimate overdue_now = find(current, "unit:" + unit, "overdue_open_end");
  const Estimate overdue_then = find(recommended, "unit:" + unit, "overdue_open_end");
  if (!std::isnan(overdue_now.mean) && (!added.empty() || !removed.empty()))
    out << "<p>" << l.t("Overdue dossiers at the end of the run: ", "Hồ sơ quá hạn cuối kỳ: ")
        << e(l.num(overdue_now.mean)) << " → " << e(l.num(overdue_then.mean)) << ".</p>";
  if (!removed.empty() && overdue_then.mean > overdue_now.mean)
    out << "<p class=\"warning\">"
        << l.t("The recommendation also removes officers, and with it the overdue stock at the "
               "end rises: weigh the removals separately before attaching them to a request.",
               "Đề xuất này cũng bớt cán bộ và khi đó số hồ sơ quá hạn cuối kỳ tăng: cần xem xét "
               "riêng việc bớt cán bộ trước khi đưa vào đề nghị.")
        << "</p>";
  return out.str();
}

ReportBody unit_run_report(const Labels& l, const RunFiles& run, const std::string& unit) {
  ReportBody out;
  const std::string name = unit_name(run, unit);
  out.title = l.t("Unit report: ", "Báo cáo đơn vị: ") + name;
  std::ostringstream body;
  const std::string scope = "unit:" + unit;
  const Estimate on_time = find(run, scope, "on_time_rate");
  body << "<section id=\"finding\"><h2>" << e(l.t("Finding", "Kết luận")) << "</h2><p><strong>"
       << e(name) << "</strong>: " << e(metric_label(l, "on_time_rate")) << " "
       << e(estimate_words(l, on_time, true)) << "; " << e(metric_label(l, "overdue_open_end"))
       << " " << e(estimate_words(l, find(run, scope, "overdue_open_end"), false)) << ".</p>"
       << unit_indicators(l, run, nullptr, scope) << "</section>\n";
  body << positions_section(l, unit_positions(run, nullptr, unit), false, name);
  body << trajectory_section(l, {{"", &run}}, unit);
  body << monthly_section(l, run, unit);
  body << province_context(l, run, nullptr, unit);
  body << processing_section(l, run);
  body << description_section(l, run);
  out.html = body.str();
  return out;
}

}  // namespace twotier::analysis::report_parts
