// Inline SVG charts (see svg_chart.hpp).
#include "analysis/reports/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <sstream>

namespace twotier::analysis {
namespace {

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string label_value(double v, bool percent) {
  char buffer[32];
  if (std::isnan(v)) return "n/a";
  if (percent) {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * v);
  } else if (std::abs(v) >= 1000) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  } else if (std::abs(v) >= 10) {
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g", v);
  }
  return buffer;
}

struct Range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  void settle() {
    if (!std::isfinite(low)) low = 0, high = 1;
    if (high - low < 1e-12) high = low + 1;
  }
};

std::string svg_open(const std::string& kind, int width, int height, std::size_t points,
                     const std::string& title) {
  std::ostringstream out;
  out << "<svg class=\"chart " << kind << "\" data-points=\"" << points << "\" viewBox=\"0 0 "
      << width << ' ' << height << "\" width=\"" << width << "\" height=\"" << height
      << "\" role=\"img\" aria-label=\"" << html_escape(title) << "\">";
  return out.str();
}

}  // namespace

double tick_step(double span, int ticks) {
  if (!(span > 0)) return 1.0;
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10.0 * magnitude;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string line_band_chart(const std::vector<BandSeries>& series,
                            const std::vector<std::string>& x_labels, const std::string& y_title,
                            int width, int height) {
  const double left = 70, right = 20, top = 20, bottom = 50;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  std::size_t n = 0, points = 0;
  Range y;
  y.add(0.0);
  for (const auto& s : series) {
    n = std::max(n, s.mean.size());
    points += s.mean.size();
    for (double v : s.mean)
      y.add(v);
    for (double v : s.low)
      y.add(v);
    for (double v : s.high)
      y.add(v);
  }
  y.settle();
  // Counts are never negative: a band reaching below zero is cut at zero.
  bool nonnegative = true;
  for (const auto& s : series)
    for (double v : s.mean)
      nonnegative = nonnegative && !(v < 0);
  if (nonnegative) y.low = 0.0;
  const double step = tick_step(y.high - y.low, 5);
  y.low = std::floor(y.low / step) * step;
  y.high = std::ceil(y.high / step) * step;
  auto px = [&](std::size_t i) { return left + (n > 1 ? plot_w * i / (n - 1.0) : plot_w / 2); };
  auto py = [&](double v) { return top + plot_h * (1.0 - (v - y.low) / (y.high - y.low)); };
  std::ostringstream out;
  out << svg_open("line-band", width, height, points, y_title);
  // Grid and y ticks.
  for (double t = y.low; t <= y.high + 1e-9; t += step) {
    out << "<line class=\"grid\" x1=\"" << left << "\" x2=\"" << left + plot_w << "\" y1=\""
        << num(py(t)) << "\" y2=\"" << num(py(t)) << "\"/>"
        << "<text class=\"tick\" x=\"" << left - 6 << "\" y=\"" << num(py(t) + 4)
        << "\" text-anchor=\"end\">" << label_value(t, false) << "</text>";
  }
  for (std::size_t i = 0; i < x_labels.size() && i < n; ++i) {
    if (x_labels[i].empty()) continue;
    out << "<line class=\"grid\" x1=\"" << num(px(i)) << "\" x2=\"" << num(px(i)) << "\" y1=\""
        << top << "\" y2=\"" << top + plot_h << "\"/><text class=\"tick\" x=\"" << num(px(i))
        << "\" y=\"" << top + plot_h + 18 << "\" text-anchor=\"middle\">"
        << html_escape(x_labels[i]) << "</text>";
  }
  out << "<text class=\"axis-title\" transform=\"translate(16," << num(top + plot_h / 2)
      << ") rotate(-90)\" text-anchor=\"middle\">" << html_escape(y_title) << "</text>";
  for (const auto& s : series) {
    if (s.low.size() == s.mean.size() && s.high.size() == s.mean.size() && !s.mean.empty()) {
      out << "<path class=\"band\" fill=\"" << s.colour << "\" fill-opacity=\"0.2\" d=\"";
      for (std::size_t i = 0; i < s.high.size(); ++i)
        out << (i ? 'L' : 'M') << num(px(i)) << ','
            << num(py(std::isfinite(s.high[i]) ? s.high[i] : s.mean[i]));
      for (std::size_t i = s.low.size(); i-- > 0;)
        out << 'L' << num(px(i)) << ','
            << num(py(std::max(y.low, std::isfinite(s.low[i]) ? s.low[i] : s.mean[i])));
      out << "Z\"/>";
    }
    out << "<polyline class=\"mark line\" fill=\"none\" stroke=\"" << s.colour
        << "\" stroke-width=\"2\"" << (s.dashed ? " stroke-dasharray=\"6 3\"" : "") << " points=\"";
    for (std::size_t i = 0; i < s.mean.size(); ++i)
      out << (i ? " " : "") << num(px(i)) << ',' << num(py(s.mean[i]));
    out << "\"/>";
  }
  // Legend.
  double lx = left + 10;
  for (const auto& s : series) {
    out << "<line x1=\"" << num(lx) << "\" x2=\"" << num(lx + 18) << "\" y1=\"" << top + 7
        << "\" y2=\"" << top + 7 << "\" stroke-width=\"3\" stroke=\"" << s.colour << "\""
        << (s.dashed ? " stroke-dasharray=\"6 3\"" : "") << "/><text class=\"legend\" x=\""
        << num(lx + 22) << "\" y=\"" << top + 10 << "\">" << html_escape(s.label) << "</text>";
    lx += 30 + 7.0 * static_cast<double>(s.label.size());
  }
  out << "<rect class=\"frame\" x=\"" << left << "\" y=\"" << top << "\" width=\"" << plot_w
      << "\" height=\"" << plot_h << "\" fill=\"none\"/></svg>";
  return out.str();
}

namespace {

// Shared layout of the row charts (bars, forest, tornado): labels on the left.
struct RowLayout {
  double left = 260, right = 70, top = 30, row_h = 18;
  double plot_w(int width) const { return width - left - right; }
};

std::string x_axis(const RowLayout& l, int width, double y_bottom, const Range& x, bool percent,
                   const std::function<double(double)>& px) {
  std::ostringstream out;
  const double step = tick_step(x.high - x.low, 6);
  for (double t = std::ceil(x.low / step) * step; t <= x.high + 1e-9; t += step) {
    out << "<line class=\"grid\" x1=\"" << num(px(t)) << "\" x2=\"" << num(px(t)) << "\" y1=\""
        << l.top << "\" y2=\"" << num(y_bottom) << "\"/><text class=\"tick\" x=\"" << num(px(t))
        << "\" y=\"" << num(l.top - 8) << "\" text-anchor=\"middle\">" << label_value(t, percent)
        << "</text>";
  }
  (void)width;
  return out.str();
}

}  // namespace

std::string bar_interval_chart(const std::vector<IntervalRow>& rows, bool percent, double reference,
                               const std::string& title, int width) {
  RowLayout l;
  const int height = static_cast<int>(l.top + l.row_h * rows.size() + 20);
  Range x;
  x.add(0.0);
  for (const auto& r : rows)
    x.add(r.value), x.add(r.low), x.add(r.high);
  if (std::isfinite(reference)) x.add(reference);
  if (percent) x.high = std::min(1.0, std::max(x.high, 0.01));
  x.settle();
  const double pw = l.plot_w(width);
  auto px = [&](double v) { return l.left + pw * (v - x.low) / (x.high - x.low); };
  std::ostringstream out;
  out << svg_open("bars", width, height, rows.size(), title);
  out << x_axis(l, width, l.top + l.row_h * rows.size(), x, percent, px);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = l.top + l.row_h * i;
    out << "<text class=\"row-label\" x=\"" << l.left - 6 << "\" y=\"" << num(y + 13)
        << "\" text-anchor=\"end\">" << html_escape(r.label) << "</text>";
    out << "<rect class=\"mark bar" << (r.highlight ? " highlight" : "") << "\" x=\""
        << num(px(std::min(0.0, r.value))) << "\" y=\"" << num(y + 3) << "\" width=\""
        << num(std::abs(px(r.value) - px(0.0))) << "\" height=\"" << l.row_h - 6 << "\"/>";
    if (std::isfinite(r.low) && std::isfinite(r.high)) {
      out << "<line class=\"whisker\" x1=\"" << num(px(r.low)) << "\" x2=\"" << num(px(r.high))
          << "\" y1=\"" << num(y + 9) << "\" y2=\"" << num(y + 9) << "\"/>";
    }
    out << "<text class=\"value\" x=\"" << num(l.left + pw + 4) << "\" y=\"" << num(y + 13) << "\">"
        << label_value(r.value, percent) << "</text>";
  }
  if (std::isfinite(reference)) {
    out << "<line class=\"reference\" x1=\"" << num(px(reference)) << "\" x2=\""
        << num(px(reference)) << "\" y1=\"" << l.top << "\" y2=\""
        << num(l.top + l.row_h * rows.size()) << "\"/>";
  }
  out << "</svg>";
  return out.str();
}

std::string forest_plot(const std::vector<IntervalRow>& rows, const std::string& title, int width) {
  RowLayout l;
  const int height = static_cast<int>(l.top + l.row_h * rows.size() + 20);
  Range x;
  x.add(0.0);
  for (const auto& r : rows)
    x.add(r.value), x.add(r.low), x.add(r.high);
  x.settle();
  const double pad = 0.05 * (x.high - x.low);
  x.low -= pad;
  x.high += pad;
  const double pw = l.plot_w(width);
  auto px = [&](double v) { return l.left + pw * (v - x.low) / (x.high - x.low); };
  std::ostringstream out;
  out << svg_open("forest", width, height, rows.size(), title);
  out << x_axis(l, width, l.top + l.row_h * rows.size(), x, false, px);
  out << "<line class=\"reference\" x1=\"" << num(px(0)) << "\" x2=\"" << num(px(0)) << "\" y1=\""
      << l.top << "\" y2=\"" << num(l.top + l.row_h * rows.size()) << "\"/>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = l.top + l.row_h * i + 9;
    out << "<text class=\"row-label\" x=\"" << l.left - 6 << "\" y=\"" << num(y + 4)
        << "\" text-anchor=\"end\">" << html_escape(r.label) << "</text>";
    if (std::isfinite(r.low) && std::isfinite(r.high)) {
      out << "<line class=\"whisker\" x1=\"" << num(px(r.low)) << "\" x2=\"" << num(px(r.high))
          << "\" y1=\"" << num(y) << "\" y2=\"" << num(y) << "\"/>";
    }
    out << "<rect class=\"mark point" << (r.highlight ? " highlight" : "") << "\" x=\""
        << num(px(r.value) - 4) << "\" y=\"" << num(y - 4) << "\" width=\"8\" height=\"8\"/>"
        << "<text class=\"value\" x=\"" << num(l.left + pw + 4) << "\" y=\"" << num(y + 4) << "\">"
        << label_value(r.value, false) << "</text>";
  }
  out << "</svg>";
  return out.str();
}

std::string tornado_chart(const std::vector<TornadoRow>& rows, double baseline,
                          const std::string& title, int width) {
  RowLayout l;
  const int height = static_cast<int>(l.top + l.row_h * rows.size() + 20);
  Range x;
  x.add(baseline);
  for (const auto& r : rows)
    x.add(r.low_response), x.add(r.high_response);
  x.settle();
  const double pad = 0.05 * (x.high - x.low);
  x.low -= pad;
  x.high += pad;
  const double pw = l.plot_w(width);
  auto px = [&](double v) { return l.left + pw * (v - x.low) / (x.high - x.low); };
  std::ostringstream out;
  out << svg_open("tornado", width, height, rows.size(), title);
  out << x_axis(l, width, l.top + l.row_h * rows.size(), x, false, px);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = l.top + l.row_h * i;
    out << "<text class=\"row-label\" x=\"" << l.left - 6 << "\" y=\"" << num(y + 13)
        << "\" text-anchor=\"end\">" << html_escape(r.label) << "</text>";
    for (const auto& [v, cls] :
         {std::pair{r.low_response, "low"}, std::pair{r.high_response, "high"}}) {
      out << "<rect class=\"mark bar " << cls << "\" x=\"" << num(std::min(px(v), px(baseline)))
          << "\" y=\"" << num(y + 3) << "\" width=\"" << num(std::abs(px(v) - px(baseline)))
          << "\" height=\"" << l.row_h - 6 << "\"/>";
    }
  }
  out << "<line class=\"reference\" x1=\"" << num(px(baseline)) << "\" x2=\"" << num(px(baseline))
      << "\" y1=\"" << l.top << "\" y2=\"" << num(l.top + l.row_h * rows.size()) << "\"/></svg>";
  return out.str();
}

std::string heat_map(const std::vector<std::string>& row_labels,
                     const std::vector<std::string>& column_labels,
                     const std::vector<std::vector<double>>& values, const std::string& title) {
  const double left = 200, top = 90, cell_w = 70, cell_h = 16;
  const int width = static_cast<int>(left + cell_w * column_labels.size() + 20);
  const int height = static_cast<int>(top + cell_h * row_labels.size() + 10);
  std::size_t points = 0;
  std::ostringstream cells;
  for (std::size_t r = 0; r < row_labels.size(); ++r) {
    const double y = top + cell_h * r;
    cells << "<text class=\"row-label\" x=\"" << left - 6 << "\" y=\"" << num(y + 12)
          << "\" text-anchor=\"end\">" << html_escape(row_labels[r]) << "</text>";
    for (std::size_t c = 0; c < column_labels.size(); ++c) {
      const double v = r < values.size() && c < values[r].size() ? values[r][c] : std::nan("");
      if (std::isnan(v)) continue;
      ++points;
      // White (idle) to dark red (saturated); darker also reads in grey print.
      const double t = std::clamp(v, 0.0, 1.0);
      const int g = static_cast<int>(255 - 200 * t);
      const int b = static_cast<int>(255 - 215 * t);
      cells << "<rect class=\"mark cell\" x=\"" << num(left + cell_w * c) << "\" y=\"" << num(y)
            << "\" width=\"" << cell_w - 1 << "\" height=\"" << cell_h - 1 << "\" fill=\"rgb(255,"
            << g << ',' << b << ")\"/><text class=\"cell-value" << (t > 0.6 ? " dark" : "")
            << "\" x=\"" << num(left + cell_w * c + cell_w / 2) << "\" y=\"" << num(y + 12)
            << "\" text-anchor=\"middle\">" << label_value(v, true) << "</text>";
    }
  }
  std::ostringstream out;
  out << svg_open("heatmap", width, height, points, title);
  for (std::size_t c = 0; c < column_labels.size(); ++c) {
    out << "<text class=\"column-label\" transform=\"translate("
        << num(left + cell_w * c + cell_w / 2) << ',' << top - 6 << ") rotate(-35)\">"
        << html_escape(column_labels[c]) << "</text>";
  }
  out << cells.str() << "</svg>";
  return out.str();
}

}  // namespace twotier::analysis
