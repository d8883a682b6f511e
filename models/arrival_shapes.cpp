#include "models/arrival_shapes.hpp"

#include <algorithm>  // std::min
#include <cmath>      // std::floor, std::pow

namespace twotier::model {

namespace {
constexpr double kSecondsPerYear = 365.25 * sim::kSecondsPerDay;
}

double profile_shape_at(const ModelSpec& spec, const ProfileSpec& profile,
                        sim::Instant hour_start) {
  const auto day = static_cast<std::int64_t>(std::floor(hour_start.seconds / sim::kSecondsPerDay));
  const std::int64_t serial = sim::days_from_civil(spec.epoch_date) + day;
  const sim::CivilDate date = sim::civil_from_days(serial);
  const int hour_of_day = static_cast<int>(
      (hour_start.seconds - static_cast<double>(day) * sim::kSecondsPerDay) / sim::kSecondsPerHour);
  const int hour_of_week = sim::weekday_of_serial_day(serial) * 24 + std::min(hour_of_day, 23);
  double shape = profile.week[hour_of_week] * profile.month[date.month - 1];
  if (profile.yearly_trend != 0.0) {
    // Years since the trend's base date (a calendar date, so any window sees the same rate).
    const double base_seconds =
        static_cast<double>(sim::days_between(spec.epoch_date, profile.trend_base)) *
        sim::kSecondsPerDay;
    shape *=
        std::pow(1.0 + profile.yearly_trend, (hour_start.seconds - base_seconds) / kSecondsPerYear);
  }
  for (const ProfileSpec::Surge& surge : profile.surges)
    if (surge.from <= date && date <= surge.to) shape *= surge.factor;
  return shape;
}

std::vector<sim::PiecewiseConstantRate> build_arrival_shapes(const ModelSpec& spec) {
  std::vector<sim::PiecewiseConstantRate> shapes;
  shapes.reserve(spec.profiles.size());
  for (const ProfileSpec& profile : spec.profiles) {
    std::vector<double> breakpoints{spec.start.seconds};
    std::vector<double> rates;
    double piece_start = spec.start.seconds;
    while (piece_start < spec.end.seconds) {
      const double next_hour =
          (std::floor(piece_start / sim::kSecondsPerHour) + 1) * sim::kSecondsPerHour;
      const double piece_end = std::min(next_hour, spec.end.seconds);
      rates.push_back(profile_shape_at(spec, profile, {piece_start}));
      breakpoints.push_back(piece_end);
      piece_start = piece_end;
    }
    if (rates.empty()) {  // an empty run: one zero piece keeps the shape well formed
      breakpoints.push_back(spec.start.seconds + 1.0);
      rates.push_back(0.0);
    }
    shapes.emplace_back(std::move(breakpoints), std::move(rates));
  }
  return shapes;
}

}  // namespace twotier::model
