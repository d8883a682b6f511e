// Inline SVG charts for the HTML report: plain strings, no scripts, no external resources,
// black-and-white readable (shapes and labels carry the meaning, colour only helps). Each chart
// is an <svg class="chart ..." data-points="N"> whose data marks carry class "mark", so a test
// can check that every chart rendered its data. Margins are sized from an estimate of the text's
// width, long labels wrap onto several lines and legends onto several rows, so no text is cut
// (tests/cli/report_layout.sh measures it in Chromium). Numbers follow a NumberStyle (decimal
// comma in Vietnamese); ticks are multiples of a nice step, so none reads "-1.39e-17". Pure
// functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analysis/reports/number_format.hpp"

namespace twotier::analysis {

// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks over
// `span`; 1 for an empty or invalid span.
double tick_step(double span, int ticks);

// Escapes &, <, >, " for HTML text and attributes.
std::string html_escape(const std::string& text);

// Estimated width in pixels of `text` in the report's sans-serif font at `font_px` (code points,
// combining marks not counted; generous, so that real text fits in the space it is given).
double text_width(const std::string& text, double font_px = 11.0);
// `text` broken at spaces into lines no wider than `max_px` (a word longer than that stays whole
// on its own line).
std::vector<std::string> wrap_text(const std::string& text, double max_px, double font_px = 11.0);

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
// The legend sits above the plot, wrapped onto as many rows as it needs.
std::string line_band_chart(const std::vector<BandSeries>& series,
                            const std::vector<std::string>& x_labels, const std::string& y_title,
                            const NumberStyle& style = {}, int width = 900, int height = 320);

struct IntervalRow {
  std::string label;
  double value = 0.0;
  double low = 0.0;  // NaN: no whisker
  double high = 0.0;
  bool highlight = false;  // drawn darker (e.g. significant, or below target)
};

// Horizontal bars with interval whiskers, one row per entry (in the given order). A vertical
// reference line at `reference` when it is finite. Values are formatted as `kind` (a rate:
// kPercent, axis capped at 100%); the value labels stand right of the plot, clear of whiskers.
std::string bar_interval_chart(const std::vector<IntervalRow>& rows, ValueKind kind,
                               double reference, const std::string& title,
                               const NumberStyle& style = {}, int width = 900);

// Forest plot: a point and interval per row around a vertical zero line. Differences of rates
// are kPoints (percentage points with a sign).
std::string forest_plot(const std::vector<IntervalRow>& rows, ValueKind kind,
                        const std::string& title, const NumberStyle& style = {}, int width = 900);

struct TornadoRow {
  std::string label;
  double low_response = 0.0;   // KPI at the factor's low value
  double high_response = 0.0;  // KPI at its high value
};
// Bars from the baseline response to each end, widest first as given.
std::string tornado_chart(const std::vector<TornadoRow>& rows, double baseline,
                          const std::string& title, ValueKind kind = ValueKind::kNumber,
                          const NumberStyle& style = {}, int width = 900);

// Heat map of values in [0, 1+] (utilisation): rows × columns, NaN cells blank. Column labels
// are slanted; the chart grows to hold them.
std::string heat_map(const std::vector<std::string>& row_labels,
                     const std::vector<std::string>& column_labels,
                     const std::vector<std::vector<double>>& values, const std::string& title,
                     const NumberStyle& style = {});

}  // namespace twotier::analysis
