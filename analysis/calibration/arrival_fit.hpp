// Arrival rates per stream (unit x procedure) with a shared hour-of-day, weekday and month
// profile and a yearly trend, fitted from logged receipt times.
//
// Model (counts per stream s and hour bin b of the observation window):
//   y_sb ~ Poisson(a_s * H[hour(b)] * D[weekday(b)] * M[month(b)] * exp(beta * years(b))).
// Because the shape is shared and streams differ only by their level a_s, the likelihood
// factorises: the shape is the Poisson regression (IRLS,
// analysis/calibration/poisson_regression.hpp) of the pooled hourly counts on hour, weekday and
// month dummies and the trend, and then a_s = N_s / sum_b shape_b exactly (the MLE of the full
// model). Hours of the day and weekdays with no receipt at all get factor 0 (desk closed); months
// with fewer than 14 observed days are not fitted (their factor is the mean of the fitted ones: a
// fallback); the trend is fitted only on windows of at least two years (shorter ones cannot
// separate it from the season). Pure function, thread-safe.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "analysis/results/dossier_log.hpp"

namespace twotier::analysis {

struct ArrivalFitInput {
  LogTime window_start = 0.0;  // midnight of the first day observed
  LogTime window_end = 0.0;    // midnight after the last day observed
  int streams = 0;
  std::vector<int> stream_of;     // per receipt: its stream
  std::vector<LogTime> received;  // per receipt
};

struct ArrivalFit {
  std::vector<double> per_day;      // per stream: long-run mean rate (scenario convention)
  std::vector<long long> count;     // per stream: receipts in the fitted bins
  std::vector<double> per_day_se;   // per stream: standard error (Poisson, sqrt(N)/exposure)
  std::array<double, 24> hour{};    // hour-of-day factor (reference hour = 1)
  std::array<double, 7> weekday{};  // Monday first
  std::array<double, 12> month{};
  std::array<bool, 12> month_fitted{};
  std::array<double, 12> month_days{};  // days observed per month
  double yearly_trend = 0.0;
  bool trend_fitted = false;
  double trend_se = 0.0;  // of the log-linear slope per year
  // Goodness of fit of the pooled hourly regression.
  int bins = 0;
  int parameters = 0;
  double deviance = 0.0;
  double pearson_dispersion = 0.0;  // Pearson chi2 / df; about 1 for Poisson counts
  int iterations = 0;
  bool converged = false;
};

// REQUIRES: window_end - window_start >= 1 day; every received time inside the window;
// stream_of values in [0, streams).
ArrivalFit fit_arrivals(const ArrivalFitInput& input);

}  // namespace twotier::analysis
