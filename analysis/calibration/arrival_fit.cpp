#include "analysis/calibration/arrival_fit.hpp"

#include <cassert>
#include <cmath>

#include "analysis/calibration/poisson_regression.hpp"
#include "sim/civil_date.hpp"

namespace twotier::analysis {

namespace {
constexpr double kSecondsPerYear = 365.25 * sim::kSecondsPerDay;
constexpr double kMinimumMonthDays = 14.0;
constexpr double kMinimumTrendDays = 730.0;

struct Bin {
  int hour = 0;
  int weekday = 0;
  int month = 0;  // 0-based
  double years = 0.0;
};
}  // namespace

ArrivalFit fit_arrivals(const ArrivalFitInput& input) {
  const double window_days = (input.window_end - input.window_start) / sim::kSecondsPerDay;
  assert(window_days >= 1.0);
  const int bin_count = static_cast<int>(std::llround(window_days * 24.0));
  std::vector<Bin> bins(static_cast<std::size_t>(bin_count));
  for (int b = 0; b < bin_count; ++b) {
    const LogTime t = input.window_start + b * sim::kSecondsPerHour;
    const auto serial = static_cast<std::int64_t>(std::floor(t / sim::kSecondsPerDay));
    bins[b] = {b % 24, sim::weekday_of_serial_day(serial), sim::civil_from_days(serial).month - 1,
               (t - input.window_start) / kSecondsPerYear};
  }
  std::vector<double> pooled(static_cast<std::size_t>(bin_count), 0.0);
  std::vector<int> bin_of(input.received.size());
  for (std::size_t i = 0; i < input.received.size(); ++i) {
    const int b = std::clamp(
        static_cast<int>((input.received[i] - input.window_start) / sim::kSecondsPerHour), 0,
        bin_count - 1);
    bin_of[i] = b;
    pooled[b] += 1.0;
  }

  ArrivalFit fit;
  std::array<double, 24> hour_count{};
  std::array<double, 7> weekday_count{};
  std::array<double, 12> month_count{};
  for (int b = 0; b < bin_count; ++b) {
    hour_count[bins[b].hour] += pooled[b];
    weekday_count[bins[b].weekday] += pooled[b];
    month_count[bins[b].month] += pooled[b];
    fit.month_days[bins[b].month] += 1.0 / 24.0;
  }
  for (int m = 0; m < 12; ++m)
    fit.month_fitted[m] = fit.month_days[m] >= kMinimumMonthDays && month_count[m] > 0;
  fit.trend_fitted = window_days >= kMinimumTrendDays;

  // Columns: intercept, then a dummy per present category except the first present one of
  // each factor (the reference), then the trend.
  std::array<int, 24> hour_column;
  std::array<int, 7> weekday_column;
  std::array<int, 12> month_column;
  int columns = 1;
  auto assign = [&columns](auto& column_of, const auto& present) {
    bool reference = true;
    for (std::size_t k = 0; k < column_of.size(); ++k) {
      column_of[k] = -1;
      if (!present(k)) continue;
      if (reference) {
        reference = false;
        column_of[k] = 0;  // the intercept
      } else {
        column_of[k] = columns++;
      }
    }
  };
  assign(hour_column, [&](std::size_t h) { return hour_count[h] > 0; });
  assign(weekday_column, [&](std::size_t d) { return weekday_count[d] > 0; });
  assign(month_column, [&](std::size_t m) { return fit.month_fitted[m]; });
  const int trend_column = fit.trend_fitted ? columns++ : -1;

  std::vector<int> rows;
  auto included = [&](const Bin& bin) {
    return hour_column[bin.hour] >= 0 && weekday_column[bin.weekday] >= 0 &&
           month_column[bin.month] >= 0;
  };
  for (int b = 0; b < bin_count; ++b)
    if (included(bins[b])) rows.push_back(b);
  fit.bins = static_cast<int>(rows.size());
  fit.parameters = columns;
  fit.count.assign(static_cast<std::size_t>(input.streams), 0);
  fit.per_day.assign(static_cast<std::size_t>(input.streams), 0.0);
  fit.per_day_se.assign(static_cast<std::size_t>(input.streams), 0.0);
  if (fit.bins <= columns) return fit;  // too little data: no rates (the caller reports it)

  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(fit.bins, columns);
  Eigen::VectorXd y(fit.bins);
  for (int r = 0; r < fit.bins; ++r) {
    const Bin& bin = bins[rows[r]];
    X(r, 0) = 1.0;
    for (int column : {hour_column[bin.hour], weekday_column[bin.weekday], month_column[bin.month]})
      if (column > 0) X(r, column) = 1.0;
    if (trend_column > 0) X(r, trend_column) = bin.years;
    y[r] = pooled[rows[r]];
  }
  const PoissonFit poisson = fit_poisson(X, y);
  fit.deviance = poisson.deviance;
  fit.pearson_dispersion =
      poisson.degrees_of_freedom > 0 ? poisson.pearson_chi2 / poisson.degrees_of_freedom : 0.0;
  fit.iterations = poisson.iterations;
  fit.converged = poisson.converged;

  auto factor = [&](int column) {
    if (column < 0) return 0.0;
    return column == 0 ? 1.0 : std::exp(poisson.coefficients[column]);
  };
  for (int h = 0; h < 24; ++h)
    fit.hour[h] = factor(hour_column[h]);
  for (int d = 0; d < 7; ++d)
    fit.weekday[d] = factor(weekday_column[d]);
  double fitted_sum = 0.0;
  int fitted_months = 0;
  for (int m = 0; m < 12; ++m) {
    if (!fit.month_fitted[m]) continue;
    fit.month[m] = factor(month_column[m]);
    fitted_sum += fit.month[m];
    ++fitted_months;
  }
  for (int m = 0; m < 12; ++m)
    if (!fit.month_fitted[m]) fit.month[m] = fitted_months > 0 ? fitted_sum / fitted_months : 1.0;
  const double slope = trend_column > 0 ? poisson.coefficients[trend_column] : 0.0;
  fit.yearly_trend = std::expm1(slope);
  fit.trend_se = trend_column > 0 ? poisson.standard_errors[trend_column] : 0.0;

  // Levels: a_s = N_s / sum_b shape_b over the fitted bins, per hour.
  double shape_sum = 0.0;
  for (int b : rows) {
    const Bin& bin = bins[b];
    shape_sum += fit.hour[bin.hour] * fit.weekday[bin.weekday] * fit.month[bin.month] *
                 std::exp(slope * bin.years);
  }
  for (std::size_t i = 0; i < input.received.size(); ++i)
    if (included(bins[bin_of[i]])) ++fit.count[input.stream_of[i]];
  // The scenario's rate is the long-run mean: the loader normalises the hour-of-week and
  // month factors to mean 1, so per_day = 24 * a_s * mean(week) * mean(month).
  double week_mean = 0.0;
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 24; ++h)
      week_mean += fit.weekday[d] * fit.hour[h] / 168.0;
  double month_mean = 0.0;
  for (int m = 0; m < 12; ++m)
    month_mean += fit.month[m] / 12.0;
  for (int s = 0; s < input.streams; ++s) {
    const double scale = 24.0 * week_mean * month_mean / shape_sum;
    fit.per_day[s] = fit.count[s] * scale;
    fit.per_day_se[s] = std::sqrt(static_cast<double>(fit.count[s])) * scale;
  }
  return fit;
}

}  // namespace twotier::analysis
