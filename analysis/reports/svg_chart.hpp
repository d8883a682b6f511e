// Inline SVG charts for the HTML report: plain strings, no scripts, no external resources,
// black-and-white readable (shapes and labels carry the meaning, colour only helps). Each chart
// is an <svg class="chart ..." data-points="N"> whose data marks carry class "mark", so a test
// can check that every chart rendered its data. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace twotier::analysis {

// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks over
// `span`; 1 for an empty or invalid span.
double tick_step(double span, int ticks);

// Escapes &, <, >, " for HTML text and attributes.
std::string html_escape(const std::string& text);

struct BandSeries {
  std::string label;
  std::vector<double> mean;  // per x
  std::vector<double> low;   // band (may be empty)
  std::vector<double> high;
  std::string colour;   // CSS colour
  bool dashed = false;  // told apart in black-and-white print
};

// Lines with shaded confidence bands over x = 0..n-1; `x_labels` (sparse allowed: empty
// strings are skipped) label the x axis.
std::string line_band_chart(const std::vector<BandSeries>& series,
                            const std::vector<std::string>& x_labels, const std::string& y_title,
                            int width = 900, int height = 320);

struct IntervalRow {
  std::string label;
  double value = 0.0;
  double low = 0.0;  // NaN: no whisker
  double high = 0.0;
  bool highlight = false;  // drawn darker (e.g. significant, or below target)
};

// Horizontal bars with interval whiskers, one row per entry (in the given order). A vertical
// reference line at `reference` when it is finite. `percent` formats values as percentages.
std::string bar_interval_chart(const std::vector<IntervalRow>& rows, bool percent, double reference,
                               const std::string& title, int width = 900);

// Forest plot: a point and interval per row around a vertical zero line.
std::string forest_plot(const std::vector<IntervalRow>& rows, const std::string& title,
                        int width = 900);

struct TornadoRow {
  std::string label;
  double low_response = 0.0;   // KPI at the factor's low value
  double high_response = 0.0;  // KPI at its high value
};
// Bars from the baseline response to each end, widest first as given.
std::string tornado_chart(const std::vector<TornadoRow>& rows, double baseline,
                          const std::string& title, int width = 900);

// Heat map of values in [0, 1+] (utilisation): rows × columns, NaN cells blank.
std::string heat_map(const std::vector<std::string>& row_labels,
                     const std::vector<std::string>& column_labels,
                     const std::vector<std::vector<double>>& values, const std::string& title);

}  // namespace twotier::analysis
