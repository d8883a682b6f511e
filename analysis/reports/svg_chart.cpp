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

constexpr double kFont = 11.0;      // px, the charts' text (svg.chart font-size in the page CSS)
constexpr double kLineStep = 13.0;  // px between the lines of a wrapped label

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
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

// Tick values k * step covering [low, high], exact multiples (a sum of steps drifts: 0.1 + 0.2
// - 0.3 is not 0), zero snapped to 0.
std::vector<double> ticks(double low, double high, double step) {
  std::vector<double> out;
  const auto first = static_cast<long long>(std::ceil(low / step - 1e-9));
  const auto last = static_cast<long long>(std::floor(high / step + 1e-9));
  for (long long k = first; k <= last && out.size() < 200; ++k)
    out.push_back(k == 0 ? 0.0 : static_cast<double>(k) * step);
  return out;
}

// A tick label: as many places as the step needs (percent: of the percentage).
std::string tick_label(double t, double step, ValueKind kind, const NumberStyle& style) {
  const bool scaled = kind != ValueKind::kNumber;
  const int places = tick_decimals(scaled ? 100.0 * step : step);
  return format_value(t, kind, style, places, kind == ValueKind::kPoints);
}

std::string svg_open(const std::string& kind, int width, int height, std::size_t points,
                     const std::string& title) {
  std::ostringstream out;
  out << "<svg class=\"chart " << kind << "\" data-points=\"" << points << "\" viewBox=\"0 0 "
      << width << ' ' << height << "\" width=\"" << width << "\" height=\"" << height
      << "\" role=\"img\" aria-label=\"" << html_escape(title) << "\">";
  return out.str();
}

// A <text> of one or more lines, vertically centred on `y_mid`.
std::string multiline_text(const std::string& cls, double x, double y_mid,
                           const std::vector<std::string>& lines, const char* anchor) {
  std::ostringstream out;
  const double first = y_mid + 4 - kLineStep * (static_cast<double>(lines.size()) - 1) / 2;
  out << "<text class=\"" << cls << "\" x=\"" << num(x) << "\" y=\"" << num(first)
      << "\" text-anchor=\"" << anchor << "\">";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines.size() == 1) {
      out << html_escape(lines[i]);
    } else {
      out << "<tspan x=\"" << num(x) << "\" dy=\"" << (i == 0 ? 0.0 : kLineStep) << "\">"
          << html_escape(lines[i]) << "</tspan>";
    }
  }
  out << "</text>";
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

double text_width(const std::string& text, double font_px) {
  double em = 0.0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned code = c;
    if (length == 2 && i + 1 < text.size())
      code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
    i += length;
    if (code >= 0x300 && code <= 0x36F) continue;  // combining mark: no advance
    if (code == ' ')
      em += 0.32;
    else if (code == 'i' || code == 'l' || code == 'j' || code == '.' || code == ',' ||
             code == '\'' || code == '|' || code == ':' || code == ';')
      em += 0.3;
    else if (code == 'm' || code == 'w' || code == 'M' || code == 'W' || code == '%')
      em += 0.95;
    else if (code >= 'A' && code <= 'Z')
      em += 0.72;
    else
      em += 0.62;
  }
  return em * font_px;
}

std::vector<std::string> wrap_text(const std::string& text, double max_px, double font_px) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(longer, font_px) > max_px) {
      lines.push_back(line);
      line = word;
    } else {
      line = longer;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string line_band_chart(const std::vector<BandSeries>& series,
                            const std::vector<std::string>& x_labels, const std::string& y_title,
                            const NumberStyle& style, int width, int height) {
  const double right = 24, bottom = 50;
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
  y.low = std::floor(y.low / step + 1e-9) * step;
  y.high = std::ceil(y.high / step - 1e-9) * step;
  const std::vector<double> y_ticks = ticks(y.low, y.high, step);
  double widest_tick = 0;
  for (double t : y_ticks)
    widest_tick = std::max(widest_tick, text_width(tick_label(t, step, ValueKind::kNumber, style)));
  const double left = std::max(56.0, widest_tick + 34);
  const double plot_w = width - left - right;
  // Legend above the plot, entries wrapped onto rows that fit the plot's width.
  struct Entry {
    double x;
    int row;
  };
  std::vector<Entry> entries;
  double lx = 0;
  int legend_rows = series.empty() ? 0 : 1;
  for (const auto& s : series) {
    const double w = 26 + text_width(s.label) + 18;
    if (lx > 0 && lx + w > plot_w) lx = 0, ++legend_rows;
    entries.push_back({left + lx, legend_rows - 1});
    lx += w;
  }
  const double top = 14 + 18.0 * legend_rows;
  height += static_cast<int>(18.0 * std::max(0, legend_rows - 1));
  const double plot_h = height - top - bottom;
  auto px = [&](std::size_t i) { return left + (n > 1 ? plot_w * i / (n - 1.0) : plot_w / 2); };
  auto py = [&](double v) { return top + plot_h * (1.0 - (v - y.low) / (y.high - y.low)); };
  std::ostringstream out;
  out << svg_open("line-band", width, height, points, y_title);
  for (double t : y_ticks) {
    out << "<line class=\"grid\" x1=\"" << num(left) << "\" x2=\"" << num(left + plot_w)
        << "\" y1=\"" << num(py(t)) << "\" y2=\"" << num(py(t)) << "\"/>"
        << "<text class=\"tick\" x=\"" << num(left - 6) << "\" y=\"" << num(py(t) + 4)
        << "\" text-anchor=\"end\">" << tick_label(t, step, ValueKind::kNumber, style) << "</text>";
  }
  for (std::size_t i = 0; i < x_labels.size() && i < n; ++i) {
    if (x_labels[i].empty()) continue;
    // The first and last labels are anchored inward so that they stay inside the chart.
    const double half = text_width(x_labels[i]) / 2;
    const char* anchor = px(i) - half < 2 ? "start" : px(i) + half > width - 2 ? "end" : "middle";
    out << "<line class=\"grid\" x1=\"" << num(px(i)) << "\" x2=\"" << num(px(i)) << "\" y1=\""
        << num(top) << "\" y2=\"" << num(top + plot_h) << "\"/><text class=\"tick\" x=\""
        << num(px(i)) << "\" y=\"" << num(top + plot_h + 18) << "\" text-anchor=\"" << anchor
        << "\">" << html_escape(x_labels[i]) << "</text>";
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
  for (std::size_t k = 0; k < series.size(); ++k) {
    const auto& s = series[k];
    const double ly = 14 + 18.0 * entries[k].row;
    out << "<line x1=\"" << num(entries[k].x) << "\" x2=\"" << num(entries[k].x + 20) << "\" y1=\""
        << num(ly - 4) << "\" y2=\"" << num(ly - 4) << "\" stroke-width=\"3\" stroke=\"" << s.colour
        << "\"" << (s.dashed ? " stroke-dasharray=\"6 3\"" : "") << "/><text class=\"legend\" x=\""
        << num(entries[k].x + 26) << "\" y=\"" << num(ly) << "\">" << html_escape(s.label)
        << "</text>";
  }
  out << "<rect class=\"frame\" x=\"" << num(left) << "\" y=\"" << num(top) << "\" width=\""
      << num(plot_w) << "\" height=\"" << num(plot_h) << "\" fill=\"none\"/></svg>";
  return out.str();
}

namespace {

// Shared layout of the row charts (bars, forest, tornado): wrapped labels on the left, value
// labels on the right, each row as high as its label's lines.
struct RowLayout {
  double left = 0, right = 0, top = 30;
  std::vector<std::vector<std::string>> lines;  // per row
  std::vector<double> y;                        // top of each row
  double bottom = 0;                            // below the last row
  double plot_w(int width) const { return width - left - right; }
  double row_h(std::size_t i) const { return (i + 1 < y.size() ? y[i + 1] : bottom) - y[i]; }
  double mid(std::size_t i) const { return y[i] + row_h(i) / 2; }
};

RowLayout row_layout(const std::vector<std::string>& labels,
                     const std::vector<std::string>& value_labels, int width) {
  RowLayout l;
  const double max_left = 0.4 * width;
  double widest = 0;
  for (const auto& label : labels)
    widest = std::max(widest, text_width(label));
  l.left = std::min(max_left, widest + 14);
  l.left = std::max(l.left, 60.0);
  double widest_value = 0;
  for (const auto& v : value_labels)
    widest_value = std::max(widest_value, text_width(v));
  l.right = widest_value > 0 ? widest_value + 18 : 24;
  double y = l.top;
  for (const auto& label : labels) {
    l.lines.push_back(wrap_text(label, l.left - 14));
    l.y.push_back(y);
    y += std::max(18.0, kLineStep * static_cast<double>(l.lines.back().size()) + 6);
  }
  l.bottom = y;
  return l;
}

std::string x_axis(const RowLayout& l, const Range& x, ValueKind kind, const NumberStyle& style,
                   const std::function<double(double)>& px) {
  std::ostringstream out;
  const double step = tick_step(x.high - x.low, 6);
  for (double t : ticks(x.low, x.high, step)) {
    out << "<line class=\"grid\" x1=\"" << num(px(t)) << "\" x2=\"" << num(px(t)) << "\" y1=\""
        << num(l.top) << "\" y2=\"" << num(l.bottom) << "\"/><text class=\"tick\" x=\""
        << num(px(t)) << "\" y=\"" << num(l.top - 8) << "\" text-anchor=\"middle\">"
        << tick_label(t, step, kind, style) << "</text>";
  }
  return out.str();
}

std::vector<std::string> labels_of(const std::vector<IntervalRow>& rows) {
  std::vector<std::string> labels;
  for (const auto& r : rows)
    labels.push_back(r.label);
  return labels;
}

}  // namespace

std::string bar_interval_chart(const std::vector<IntervalRow>& rows, ValueKind kind,
                               double reference, const std::string& title, const NumberStyle& style,
                               int width) {
  std::vector<std::string> values;
  for (const auto& r : rows)
    values.push_back(r.value != r.value ? "–" : format_value(r.value, kind, style));
  const RowLayout l = row_layout(labels_of(rows), values, width);
  const int height = static_cast<int>(l.bottom + 12);
  Range x;
  x.add(0.0);
  for (const auto& r : rows)
    x.add(r.value), x.add(r.low), x.add(r.high);
  if (std::isfinite(reference)) x.add(reference);
  if (kind == ValueKind::kPercent) x.high = std::min(1.0, std::max(x.high, 0.01));
  x.settle();
  const double pw = l.plot_w(width);
  auto px = [&](double v) {
    return l.left + pw * (std::clamp(v, x.low, x.high) - x.low) / (x.high - x.low);
  };
  std::ostringstream out;
  out << svg_open("bars", width, height, rows.size(), title);
  out << x_axis(l, x, kind, style, px);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double mid = l.mid(i);
    out << multiline_text("row-label", l.left - 8, mid, l.lines[i], "end");
    out << "<rect class=\"mark bar" << (r.highlight ? " highlight" : "") << "\" x=\""
        << num(px(std::min(0.0, r.value))) << "\" y=\"" << num(mid - 6) << "\" width=\""
        << num(std::abs(px(r.value) - px(0.0))) << "\" height=\"12\"/>";
    if (std::isfinite(r.low) && std::isfinite(r.high)) {
      out << "<line class=\"whisker\" x1=\"" << num(px(r.low)) << "\" x2=\"" << num(px(r.high))
          << "\" y1=\"" << num(mid) << "\" y2=\"" << num(mid) << "\"/>";
      for (double end : {r.low, r.high})
        out << "<line class=\"whisker\" x1=\"" << num(px(end)) << "\" x2=\"" << num(px(end))
            << "\" y1=\"" << num(mid - 4) << "\" y2=\"" << num(mid + 4) << "\"/>";
    }
    out << "<text class=\"value\" x=\"" << num(l.left + pw + 10) << "\" y=\"" << num(mid + 4)
        << "\">" << values[i] << "</text>";
  }
  if (std::isfinite(reference)) {
    out << "<line class=\"reference\" x1=\"" << num(px(reference)) << "\" x2=\""
        << num(px(reference)) << "\" y1=\"" << num(l.top) << "\" y2=\"" << num(l.bottom) << "\"/>";
  }
  out << "</svg>";
  return out.str();
}

std::string forest_plot(const std::vector<IntervalRow>& rows, ValueKind kind,
                        const std::string& title, const NumberStyle& style, int width) {
  std::vector<std::string> values;
  for (const auto& r : rows)
    values.push_back(format_value(r.value, kind, style, -1, true));
  const RowLayout l = row_layout(labels_of(rows), values, width);
  const int height = static_cast<int>(l.bottom + 12);
  Range x;
  x.add(0.0);
  for (const auto& r : rows)
    x.add(r.value), x.add(r.low), x.add(r.high);
  if (x.high - x.low < 1e-12) {  // no difference at all: a small range around zero
    const double half = kind == ValueKind::kNumber ? 1.0 : 0.01;
    x.low = std::min(x.low, 0.0) - half;
    x.high = std::max(x.high, 0.0) + half;
  }
  x.settle();
  const double pad = 0.05 * (x.high - x.low);
  x.low -= pad;
  x.high += pad;
  const double pw = l.plot_w(width);
  auto px = [&](double v) { return l.left + pw * (v - x.low) / (x.high - x.low); };
  std::ostringstream out;
  out << svg_open("forest", width, height, rows.size(), title);
  out << x_axis(l, x, kind, style, px);
  out << "<line class=\"reference\" x1=\"" << num(px(0)) << "\" x2=\"" << num(px(0)) << "\" y1=\""
      << num(l.top) << "\" y2=\"" << num(l.bottom) << "\"/>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = l.mid(i);
    out << multiline_text("row-label", l.left - 8, y, l.lines[i], "end");
    if (std::isfinite(r.low) && std::isfinite(r.high)) {
      out << "<line class=\"whisker\" x1=\"" << num(px(r.low)) << "\" x2=\"" << num(px(r.high))
          << "\" y1=\"" << num(y) << "\" y2=\"" << num(y) << "\"/>";
    }
    out << "<rect class=\"mark point" << (r.highlight ? " highlight" : "") << "\" x=\""
        << num(px(r.value) - 4) << "\" y=\"" << num(y - 4) << "\" width=\"8\" height=\"8\"/>"
        << "<text class=\"value\" x=\"" << num(l.left + pw + 10) << "\" y=\"" << num(y + 4) << "\">"
        << values[i] << "</text>";
  }
  out << "</svg>";
  return out.str();
}

std::string tornado_chart(const std::vector<TornadoRow>& rows, double baseline,
                          const std::string& title, ValueKind kind, const NumberStyle& style,
                          int width) {
  std::vector<std::string> labels;
  for (const auto& r : rows)
    labels.push_back(r.label);
  const RowLayout l = row_layout(labels, {}, width);
  const int height = static_cast<int>(l.bottom + 12);
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
  out << x_axis(l, x, kind, style, px);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double mid = l.mid(i);
    out << multiline_text("row-label", l.left - 8, mid, l.lines[i], "end");
    for (const auto& [v, cls] :
         {std::pair{r.low_response, "low"}, std::pair{r.high_response, "high"}}) {
      out << "<rect class=\"mark bar " << cls << "\" x=\"" << num(std::min(px(v), px(baseline)))
          << "\" y=\"" << num(mid - 6) << "\" width=\"" << num(std::abs(px(v) - px(baseline)))
          << "\" height=\"12\"/>";
    }
  }
  out << "<line class=\"reference\" x1=\"" << num(px(baseline)) << "\" x2=\"" << num(px(baseline))
      << "\" y1=\"" << num(l.top) << "\" y2=\"" << num(l.bottom) << "\"/></svg>";
  return out.str();
}

std::string heat_map(const std::vector<std::string>& row_labels,
                     const std::vector<std::string>& column_labels,
                     const std::vector<std::vector<double>>& values, const std::string& title,
                     const NumberStyle& style) {
  constexpr double kSlant = 35.0 * 3.14159265358979 / 180.0;
  const double cell_w = 70, cell_h = 16;
  double widest_row = 0;
  for (const auto& label : row_labels)
    widest_row = std::max(widest_row, text_width(label));
  const double left = std::max(60.0, widest_row + 16);
  // A slanted column label rises by sin and reaches right by cos of its width.
  double top = 40, width = left + cell_w * static_cast<double>(column_labels.size()) + 20;
  for (std::size_t c = 0; c < column_labels.size(); ++c) {
    const double w = text_width(column_labels[c]);
    top = std::max(top, w * std::sin(kSlant) + kFont + 10);
    width = std::max(width, left + cell_w * c + cell_w / 2 + w * std::cos(kSlant) + 12);
  }
  const auto height = static_cast<int>(top + cell_h * row_labels.size() + 10);
  std::size_t points = 0;
  std::ostringstream cells;
  for (std::size_t r = 0; r < row_labels.size(); ++r) {
    const double y = top + cell_h * r;
    cells << "<text class=\"row-label\" x=\"" << num(left - 6) << "\" y=\"" << num(y + 12)
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
            << "\" text-anchor=\"middle\">" << format_value(v, ValueKind::kPercent, style)
            << "</text>";
    }
  }
  std::ostringstream out;
  out << svg_open("heatmap", static_cast<int>(std::ceil(width)), height, points, title);
  for (std::size_t c = 0; c < column_labels.size(); ++c) {
    out << "<text class=\"column-label\" transform=\"translate("
        << num(left + cell_w * c + cell_w / 2) << ',' << num(top - 6) << ") rotate(-35)\">"
        << html_escape(column_labels[c]) << "</text>";
  }
  out << cells.str() << "</svg>";
  return out.str();
}

}  // namespace twotier::analysis
