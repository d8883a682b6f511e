// The charts' layout: margins grow with their labels (long names wrap, never cut), ticks are
// exact multiples (no "-1.39e-17"), value labels stand clear of the whiskers, slanted heat-map
// labels and wrapped legends fit inside the chart. Chromium measures the rendered result in
// tests/cli/report_layout.sh; these check the arithmetic.
#include <cmath>
#include <regex>
#include <string>

#include <catch2/catch.hpp>

#include "analysis/reports/svg_chart.hpp"

using namespace twotier::analysis;

namespace {

double attribute(const std::string& svg, const std::string& name) {
  const std::regex re(name + "=\"([-0-9.]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, re));
  return std::stod(m[1]);
}

// The x of every <text class="CLS" ...>.
std::vector<double> text_x(const std::string& svg, const std::string& cls) {
  std::vector<double> xs;
  const std::regex re("<text class=\"" + cls + "\" x=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it)
    xs.push_back(std::stod((*it)[1]));
  return xs;
}

}  // namespace

TEST_CASE("a long row label wraps onto lines that fit the left margin") {
  const std::string name =
      "Single commune 2026, more staff at the one-stop desk and a Saturday reception";
  const std::string svg =
      forest_plot({{name, 0.02, 0.01, 0.03, true}, {"short", -0.01, -0.02, 0, false}},
                  ValueKind::kPoints, "on-time rate");
  // Every word is there (nothing cut) and the label is split into tspans.
  for (const char* word : {"Single", "one-stop", "Saturday", "reception"})
    CHECK(svg.find(word) != std::string::npos);
  CHECK(svg.find("<tspan") != std::string::npos);
  // Differences of rates read as points with a sign.
  CHECK(svg.find("+2.0 pts") != std::string::npos);
  const double left = text_x(svg, "row-label").front();
  for (const auto& line : wrap_text(name, left - 6))
    CHECK(text_width(line) <= left + 1);
}

TEST_CASE("ticks around zero are exact and never in e-notation") {
  // 0.1 + 0.2 - 0.3 style drift used to print "-1.39e-17".
  const std::string svg =
      forest_plot({{"a", -0.3, -0.5, -0.1, false}, {"b", 0.1, -0.05, 0.3, true}},
                  ValueKind::kNumber, "difference");
  CHECK(svg.find("e-") == std::string::npos);
  CHECK(svg.find(">0.0<") != std::string::npos);
  CHECK(svg.find("-0.0") == std::string::npos);
}

TEST_CASE("value labels stand clear of whiskers that reach 100%") {
  const std::string svg = bar_interval_chart({{"Xã Phú Hòa", 0.99, 0.97, 1.0, false}},
                                             ValueKind::kPercent, 0.9, "on time");
  const std::regex whisker("class=\"whisker\" x1=\"([-0-9.]+)\" x2=\"([-0-9.]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, whisker));
  const double whisker_end = std::max(std::stod(m[1]), std::stod(m[2]));
  const double value_x = text_x(svg, "value").front();
  CHECK(value_x - whisker_end >= 8);
  // The value label fits in the chart's width.
  CHECK(value_x + text_width("99.0%") <= attribute(svg, "width"));
}

TEST_CASE("Vietnamese charts use decimal commas") {
  const std::string svg =
      bar_interval_chart({{"Xã Phú Hòa", 0.958, 0.945, 0.97, false}}, ValueKind::kPercent, NAN,
                         "đúng hạn", NumberStyle{true});
  CHECK(svg.find("95,8%") != std::string::npos);
  CHECK(svg.find("95.8%") == std::string::npos);
}

TEST_CASE("slanted heat-map column labels fit inside the chart") {
  const std::vector<std::string> columns = {"bộ phận một cửa", "tư pháp – hộ tịch",
                                            "địa chính – xây dựng", "lãnh đạo UBND"};
  const std::string svg = heat_map({"Xã Phú Hòa"}, columns, {{0.5, 0.6, 0.7, 0.8}}, "utilisation");
  const double width = attribute(svg, "width");
  const double top = 16 + 10;  // the first row's y is `top`
  const std::regex translate("translate\\(([-0-9.]+),([-0-9.]+)\\) rotate\\(-35\\)\">([^<]*)<");
  int n = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), translate);
       it != std::sregex_iterator(); ++it, ++n) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    const double w = text_width((*it)[3]);
    CHECK(x + w * std::cos(35 * 3.14159265 / 180) <= width);
    CHECK(y - w * std::sin(35 * 3.14159265 / 180) - 11 >= 0);
  }
  CHECK(n == 4);
  (void)top;
}

TEST_CASE("a legend too long for one row wraps onto the next") {
  std::vector<BandSeries> series;
  for (const char* label :
       {"đang xử lý — hiện tại", "đang xử lý — đề xuất", "quá hạn — hiện tại", "quá hạn — đề xuất",
        "a fifth series with a long name", "a sixth series with an even longer name"})
    series.push_back({label, {1, 2, 3}, {}, {}, "#000", false});
  const std::string svg = line_band_chart(series, {"01/2026", "", ""}, "dossiers", {}, 600, 320);
  const std::regex legend("<text class=\"legend\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\">([^<]*)<");
  const double width = attribute(svg, "width");
  int rows = 0;
  double last_y = -1;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), legend); it != std::sregex_iterator();
       ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    CHECK(x + text_width((*it)[3]) <= width);
    if (y != last_y) ++rows, last_y = y;
  }
  CHECK(rows >= 2);
  CHECK(attribute(svg, "height") > 320);
}
