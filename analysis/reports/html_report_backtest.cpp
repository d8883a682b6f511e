#include "analysis/reports/html_report_backtest.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "analysis/calibration/backtest.hpp"
#include "analysis/calibration/backtest_info.hpp"
#include "analysis/reports/html_report_parts.hpp"
#include "analysis/reports/report_labels.hpp"
#include "analysis/reports/svg_chart.hpp"
#include "analysis/results/csv_records.hpp"

namespace twotier::analysis {
namespace {

// The report's sections and tables; numbers through Labels (language-aware).
using report_parts::section;
using report_parts::table;

namespace fs = std::filesystem;

// The compared rows of the official monthly report (names as in the run report).
std::string measure_label(const Labels& l, const std::string& measure) {
  if (measure == "new") return l.t("New dossiers received", "Số hồ sơ mới tiếp nhận");
  if (measure == "completed_on_time")
    return l.t("Completed before or on time", "Đã giải quyết trước và đúng hạn");
  if (measure == "completed_late") return l.t("Completed late", "Đã giải quyết quá hạn");
  if (measure == "pending_overdue") return l.t("In process, overdue", "Đang giải quyết quá hạn");
  return measure;
}

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string count_text(double v) {
  if (std::isnan(v)) return "–";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, std::abs(v - std::round(v)) < 1e-9 ? "%.0f" : "%.1f", v);
  return buffer;
}

struct Row {
  std::string unit;
  int year = 0;
  int month = 0;
  std::string measure;
  double observed = 0.0, predicted = 0.0, low = 0.0, high = 0.0;
  bool inside = false;
};

// How far outside its interval an observed value lies, in interval widths (at least 1), as
// `twotier backtest` ranks its misses.
double miss_distance(const Row& r) {
  if (r.inside) return 0.0;
  const double outside = r.observed < r.low ? r.low - r.observed : r.observed - r.high;
  return outside / std::max(1.0, r.high - r.low);
}

std::vector<Row> read_rows(const fs::path& file) {
  const auto csv = read_csv_file(file);
  if (!csv) throw ReportError(file.string() + ": not found");
  for (const char* column :
       {"unit", "year", "month", "measure", "observed", "predicted_mean", "low", "high", "inside"})
    if (csv->column(column) < 0)
      throw ReportError(file.string() + ": missing column '" + column +
                        "' (expected unit,year,month,measure,observed,predicted_mean,low,high,"
                        "inside)");
  std::vector<Row> rows;
  for (std::size_t r = 0; r < csv->rows.size(); ++r) {
    Row row;
    row.unit = csv->field(r, "unit");
    row.year = static_cast<int>(csv->number(r, "year"));
    row.month = static_cast<int>(csv->number(r, "month"));
    row.measure = csv->field(r, "measure");
    row.observed = csv->number(r, "observed");
    row.predicted = csv->number(r, "predicted_mean");
    row.low = csv->number(r, "low");
    row.high = csv->number(r, "high");
    row.inside = csv->field(r, "inside") == "1" || csv->field(r, "inside") == "true";
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string month_text(int year, int month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%04d", month, year);
  return buffer;
}

}  // namespace

std::string backtest_chart(const std::vector<BacktestPoint>& points, const std::string& title,
                           const std::string& legend_interval, const std::string& legend_predicted,
                           const std::string& legend_inside, const std::string& legend_outside) {
  const double left = 64, right = 16, top = 34, plot_h = 220, bottom = 46;
  const std::size_t n = points.size();
  const double cw = n == 0 ? 40.0 : std::clamp(820.0 / static_cast<double>(n), 8.0, 48.0);
  // As wide as the points need, and at least as wide as the legend.
  const int width = static_cast<int>(std::max(560.0, left + cw * static_cast<double>(n) + right));
  const int height = static_cast<int>(top + plot_h + bottom);
  double y_high = 5.0;  // counts: whole-number ticks even when every value is tiny
  for (const auto& p : points)
    for (double v : {p.observed, p.high, p.predicted})
      if (std::isfinite(v)) y_high = std::max(y_high, v);
  const double step = tick_step(y_high, 5);
  y_high = std::ceil(y_high * 1.02 / step) * step;
  auto py = [&](double v) { return top + plot_h * (1.0 - std::max(0.0, v) / y_high); };
  auto cx = [&](std::size_t i) { return left + cw * (static_cast<double>(i) + 0.5); };

  std::ostringstream out;
  out << "<svg class=\"chart backtest\" data-points=\"" << n << "\" viewBox=\"0 0 " << width << ' '
      << height << "\" width=\"" << width << "\" height=\"" << height
      << "\" role=\"img\" aria-label=\"" << html_escape(title) << "\">";
  for (double v = 0; v <= y_high + 1e-9; v += step) {
    out << "<line class=\"grid\" x1=\"" << left << "\" x2=\"" << num(left + cw * n) << "\" y1=\""
        << num(py(v)) << "\" y2=\"" << num(py(v)) << "\"/><text class=\"tick\" x=\"" << left - 6
        << "\" y=\"" << num(py(v) + 4) << "\" text-anchor=\"end\">" << count_text(v) << "</text>";
  }
  out << "<rect class=\"frame\" fill=\"none\" x=\"" << left << "\" y=\"" << top << "\" width=\""
      << num(cw * n) << "\" height=\"" << plot_h << "\"/>";
  // Unit groups: a separator before each new unit and its label under the group.
  std::size_t group_start = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    if (i < n && points[i].unit == points[group_start].unit) continue;
    const double x0 = left + cw * group_start, x1 = left + cw * i;
    if (group_start > 0)
      out << "<line class=\"grid unit-separator\" x1=\"" << num(x0) << "\" x2=\"" << num(x0)
          << "\" y1=\"" << top << "\" y2=\"" << num(top + plot_h + 30) << "\"/>";
    if (group_start < n)
      out << "<text class=\"column-label unit\" x=\"" << num((x0 + x1) / 2) << "\" y=\""
          << num(top + plot_h + 32) << "\" text-anchor=\"middle\">"
          << html_escape(points[group_start].unit) << "</text>";
    group_start = i;
  }
  const bool month_labels = cw >= 34;
  for (std::size_t i = 0; i < n; ++i) {
    const BacktestPoint& p = points[i];
    const double x = cx(i), half = std::max(2.0, cw * 0.3);
    if (month_labels)
      out << "<text class=\"tick\" x=\"" << num(x) << "\" y=\"" << num(top + plot_h + 14)
          << "\" text-anchor=\"middle\">" << html_escape(p.month.substr(0, 2)) << "</text>";
    out << "<g><title>" << html_escape(p.unit + " " + p.month) << ": " << count_text(p.observed)
        << " / " << count_text(p.predicted) << " [" << count_text(p.low) << ", "
        << count_text(p.high) << "]</title>";
    if (std::isfinite(p.low) && std::isfinite(p.high))
      out << "<rect class=\"interval\" x=\"" << num(x - half) << "\" y=\"" << num(py(p.high))
          << "\" width=\"" << num(2 * half) << "\" height=\""
          << num(std::max(1.0, py(p.low) - py(p.high))) << "\"/>";
    if (std::isfinite(p.predicted))
      out << "<line class=\"predicted\" x1=\"" << num(x - half) << "\" x2=\"" << num(x + half)
          << "\" y1=\"" << num(py(p.predicted)) << "\" y2=\"" << num(py(p.predicted)) << "\"/>";
    if (p.inside) {
      out << "<circle class=\"mark observed inside\" cx=\"" << num(x) << "\" cy=\""
          << num(py(p.observed)) << "\" r=\"3.5\"/>";
    } else {  // a diamond: told apart from the circles in black-and-white print
      const double y = py(p.observed);
      out << "<path class=\"mark observed outside\" d=\"M" << num(x) << ' ' << num(y - 5) << "L"
          << num(x + 5) << ' ' << num(y) << "L" << num(x) << ' ' << num(y + 5) << "L" << num(x - 5)
          << ' ' << num(y) << "Z\"/>";
    }
    out << "</g>";
  }
  // Legend, above the plot.
  double lx = left;
  const double ly = 14;
  out << "<rect class=\"interval\" x=\"" << num(lx) << "\" y=\"" << ly - 6 << "\" width=\"10\" "
      << "height=\"12\"/><text class=\"legend\" x=\"" << num(lx + 14) << "\" y=\"" << ly + 4
      << "\">" << html_escape(legend_interval) << "</text>";
  lx += 24 + 6.5 * static_cast<double>(legend_interval.size());
  out << "<line class=\"predicted\" x1=\"" << num(lx) << "\" x2=\"" << num(lx + 12) << "\" y1=\""
      << ly << "\" y2=\"" << ly << "\"/><text class=\"legend\" x=\"" << num(lx + 16) << "\" y=\""
      << ly + 4 << "\">" << html_escape(legend_predicted) << "</text>";
  lx += 26 + 6.5 * static_cast<double>(legend_predicted.size());
  out << "<circle class=\"observed inside\" cx=\"" << num(lx + 4) << "\" cy=\"" << ly
      << "\" r=\"3.5\"/><text class=\"legend\" x=\"" << num(lx + 12) << "\" y=\"" << ly + 4 << "\">"
      << html_escape(legend_inside) << "</text>";
  lx += 22 + 6.5 * static_cast<double>(legend_inside.size());
  out << "<path class=\"observed outside\" d=\"M" << num(lx + 4) << ' ' << ly - 5 << "L"
      << num(lx + 9) << ' ' << ly << "L" << num(lx + 4) << ' ' << ly + 5 << "L" << num(lx - 1)
      << ' ' << ly << "Z\"/><text class=\"legend\" x=\"" << num(lx + 14) << "\" y=\"" << ly + 4
      << "\">" << html_escape(legend_outside) << "</text>";
  out << "</svg>";
  return out.str();
}

std::string backtest_report_title(ReportLanguage language) {
  return language == ReportLanguage::kVietnamese ? "Kiểm định hồi cứu (backtest)" : "Back-test";
}

std::string backtest_report_body(const fs::path& folder, ReportLanguage language) {
  Labels l;
  l.vi = language == ReportLanguage::kVietnamese;
  const std::vector<Row> rows = read_rows(folder / kBacktestCsvName);
  const std::optional<BacktestInfo> info = read_backtest_info_csv(folder / kBacktestInfoCsvName);
  std::ostringstream body;
  // These marks exist only in this report: styled here, after the common style sheet.
  body << "<style>svg .interval{fill:#c9d9ec;stroke:#1f4e79;stroke-width:0.5}"
          "svg .predicted{stroke:#1f4e79;stroke-width:2}svg .observed.inside{fill:#111}"
          "svg .observed.outside{fill:#b8430b;stroke:#000;stroke-width:0.8}"
          "tr.miss td{background:#fbe9e1}</style>\n";

  // ---- Coverage ----
  std::size_t inside = 0;
  for (const Row& r : rows)
    inside += r.inside ? 1 : 0;
  const double share =
      rows.empty() ? std::nan("") : static_cast<double>(inside) / static_cast<double>(rows.size());
  const double nominal = info ? info->nominal_coverage : std::nan("");
  std::ostringstream coverage;
  coverage << "<div class=\"cards\"><div class=\"card\"><div class=\"card-title\">"
           << html_escape(l.t("Observed values inside their prediction interval",
                              "Giá trị thực tế nằm trong khoảng dự báo"))
           << "</div><div class=\"card-value coverage\">" << l.pct(share)
           << "</div><div class=\"card-ci\">" << inside << " / " << rows.size() << "</div></div>"
           << "<div class=\"card\"><div class=\"card-title\">"
           << html_escape(l.t("Nominal coverage", "Mức bao phủ danh nghĩa"))
           << "</div><div class=\"card-value\">" << l.pct(nominal)
           << "</div><div class=\"card-ci\">"
           << (info ? std::to_string(info->replications) + " " + l.t("replications", "lần lặp")
                    : std::string())
           << "</div></div></div>";
  if (info) {
    coverage << "<p>"
             << html_escape(
                    l.t("Scenario ", "Kịch bản ") + info->scenario +
                    l.t(", simulated from ", ", mô phỏng từ ") + info->from + l.t(" to ", " đến ") +
                    info->to +
                    l.t(" (exclusive), starting from the ", " (không kể ngày cuối), bắt đầu từ ") +
                    std::to_string(info->open_at_start) +
                    l.t(" dossiers open in the log ", " hồ sơ đang mở trong nhật ký ") + info->log +
                    ".")
             << "</p>";
  }
  coverage << "<p>"
           << html_escape(
                  l.t("Each observed monthly count (per unit) is compared with the prediction "
                      "interval formed by the replications' order statistics. If the model is "
                      "right, the observed values fall inside about as often as the nominal "
                      "coverage says; much less means the model misses something.",
                      "Mỗi số liệu báo cáo tháng thực tế (theo đơn vị) được so với khoảng dự báo "
                      "lập từ các lần lặp mô phỏng. Nếu mô hình đúng, tỷ lệ giá trị thực tế nằm "
                      "trong khoảng xấp xỉ mức bao phủ danh nghĩa; thấp hơn nhiều là mô hình "
                      "còn thiếu sót."))
           << "</p>";
  std::vector<IntervalRow> bars;
  std::vector<std::vector<std::string>> per_measure;
  for (const char* measure : kBacktestMeasureNames) {
    std::size_t n = 0, in = 0;
    for (const Row& r : rows)
      if (r.measure == measure) ++n, in += r.inside ? 1 : 0;
    if (n == 0) continue;
    const double s = static_cast<double>(in) / static_cast<double>(n);
    bars.push_back({measure_label(l, measure), s, std::nan(""), std::nan(""), false});
    per_measure.push_back(
        {measure_label(l, measure), std::to_string(n), std::to_string(in), l.pct(s)});
  }
  coverage << bar_interval_chart(bars, ValueKind::kPercent, nominal,
                                 l.t("Share inside, by measure", "Tỷ lệ nằm trong, theo chỉ tiêu"),
                                 l.style())
           << table({l.t("Measure", "Chỉ tiêu"), l.t("Values", "Số giá trị"),
                     l.t("Inside", "Nằm trong"), l.t("Share inside", "Tỷ lệ nằm trong")},
                    per_measure, "numbers coverage");
  body << section("backtest-coverage", l.t("Coverage", "Mức bao phủ"), coverage.str());

  // ---- Observed vs predicted, one chart per measure ----
  std::ostringstream charts;
  charts << "<p>"
         << html_escape(l.t("Per unit and month: the bar is the prediction interval, the line "
                            "the mean of the replications, the dot the observed value (a "
                            "diamond when it falls outside).",
                            "Theo đơn vị và tháng: cột là khoảng dự báo, vạch ngang là trung bình "
                            "các lần lặp, chấm tròn là giá trị thực tế (hình thoi khi nằm ngoài "
                            "khoảng)."))
         << "</p>";
  for (const char* measure : kBacktestMeasureNames) {
    std::vector<BacktestPoint> points;
    for (const Row& r : rows)
      if (r.measure == measure)
        points.push_back({r.unit, month_text(r.year, r.month), r.observed, r.predicted, r.low,
                          r.high, r.inside});
    if (points.empty()) continue;
    std::stable_sort(
        points.begin(), points.end(),
        [](const BacktestPoint& a, const BacktestPoint& b) { return a.unit < b.unit; });
    const std::string title = measure_label(l, measure);
    charts << "<h3>" << html_escape(title) << "</h3>"
           << backtest_chart(points, title, l.t("prediction interval", "khoảng dự báo"),
                             l.t("predicted mean", "trung bình dự báo"),
                             l.t("observed, inside", "thực tế, nằm trong"),
                             l.t("observed, outside", "thực tế, nằm ngoài"));
  }
  body << section(
      "backtest-charts",
      l.t("Observed and predicted monthly report rows", "Số liệu báo cáo tháng: thực tế và dự báo"),
      charts.str());

  // ---- Largest misses ----
  std::vector<const Row*> misses;
  for (const Row& r : rows)
    if (!r.inside) misses.push_back(&r);
  std::stable_sort(misses.begin(), misses.end(), [](const Row* a, const Row* b) {
    return miss_distance(*a) > miss_distance(*b);
  });
  if (misses.size() > 15) misses.resize(15);
  std::ostringstream miss_table;
  if (misses.empty()) {
    miss_table << "<p class=\"no-misses\">"
               << html_escape(l.t("Every observed value lies inside its prediction interval.",
                                  "Mọi giá trị thực tế đều nằm trong khoảng dự báo."))
               << "</p>";
  } else {
    miss_table << "<p>"
               << html_escape(l.t("Ranked by the distance outside the interval, in interval "
                                  "widths.",
                                  "Xếp theo khoảng cách ra ngoài khoảng dự báo, tính bằng độ "
                                  "rộng của khoảng."))
               << "</p><table class=\"numbers misses\"><thead><tr>";
    for (const std::string& h :
         {l.t("Unit", "Đơn vị"), l.t("Month", "Tháng"), l.t("Measure", "Chỉ tiêu"),
          l.t("Observed", "Thực tế"), l.t("Predicted", "Dự báo"), l.t("Interval", "Khoảng dự báo"),
          l.t("Distance", "Khoảng cách")})
      miss_table << "<th>" << html_escape(h) << "</th>";
    miss_table << "</tr></thead><tbody>";
    for (const Row* r : misses) {
      miss_table << "<tr class=\"miss\"><td>" << html_escape(r->unit) << "</td><td>"
                 << month_text(r->year, r->month) << "</td><td>"
                 << html_escape(measure_label(l, r->measure)) << "</td><td>"
                 << count_text(r->observed) << "</td><td>" << count_text(r->predicted)
                 << "</td><td>[" << count_text(r->low) << ", " << count_text(r->high)
                 << "]</td><td>" << num(miss_distance(*r)) << "</td></tr>";
    }
    miss_table << "</tbody></table>";
  }
  body << section("backtest-misses", l.t("Largest misses", "Các sai lệch lớn nhất"),
                  miss_table.str());
  return body.str();
}

}  // namespace twotier::analysis
