// The back-test part of `twotier report` (a folder of `twotier backtest`): coverage (the share
// of observed values inside their prediction interval, per measure, against the nominal
// level), one observed-vs-predicted chart per measure (new, completed on time, completed late,
// pending overdue) over units × months with the intervals, and the largest misses. Reads
// backtest.csv and, when present, backtest_info.csv. Pure functions of the folder's files;
// thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/reports/html_report.hpp"

namespace twotier::analysis {

// One unit-month of one measure, as drawn.
struct BacktestPoint {
  std::string unit;
  std::string month;  // label under the unit's group, e.g. "03/2026"
  double observed = 0.0;
  double predicted = 0.0;
  double low = 0.0;
  double high = 0.0;
  bool inside = false;
};

// Inline SVG (class "chart backtest", data-points = points.size()): per point a prediction
// interval bar, the predicted mean and the observed value (class "mark observed inside" or
// "... outside", a different shape), grouped by unit in the given order.
std::string backtest_chart(const std::vector<BacktestPoint>& points, const std::string& title,
                           const std::string& legend_interval, const std::string& legend_predicted,
                           const std::string& legend_inside, const std::string& legend_outside);

std::string backtest_report_title(ReportLanguage language);
// The sections of the report body. Throws ReportError when backtest.csv lacks its columns.
std::string backtest_report_body(const std::filesystem::path& folder, ReportLanguage language);

}  // namespace twotier::analysis
