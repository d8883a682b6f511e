// Points in time and durations, as distinct types so that calendar time and working time are
// never mixed silently.
//
// Invariants: every value counts seconds as a double. An Instant counts from the simulation
// epoch, which is 00:00 local time of the scenario's start date (sim::Calendar knows that date).
// A Duration is elapsed calendar time; a WorkDuration is time on the working calendar (effort),
// which only sim::Calendar may turn into calendar time.
#pragma once

#include <compare>  // operator<=>

namespace sim {

inline constexpr double kSecondsPerMinute = 60.0;
inline constexpr double kSecondsPerHour = 3600.0;
inline constexpr double kSecondsPerDay = 86400.0;

// Elapsed calendar time in seconds.
struct Duration {
  double seconds = 0.0;

  static constexpr Duration from_minutes(double m) { return {m * kSecondsPerMinute}; }
  static constexpr Duration from_hours(double h) { return {h * kSecondsPerHour}; }
  static constexpr Duration from_days(double d) { return {d * kSecondsPerDay}; }
  constexpr double hours() const { return seconds / kSecondsPerHour; }
  constexpr double days() const { return seconds / kSecondsPerDay; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return {seconds + o.seconds}; }
  constexpr Duration operator-(Duration o) const { return {seconds - o.seconds}; }
  constexpr Duration operator*(double k) const { return {seconds * k}; }
  constexpr Duration& operator+=(Duration o) {
    seconds += o.seconds;
    return *this;
  }
};

// Time on the working calendar (officer effort, working-hour lags), in seconds.
struct WorkDuration {
  double seconds = 0.0;

  static constexpr WorkDuration from_minutes(double m) { return {m * kSecondsPerMinute}; }
  static constexpr WorkDuration from_hours(double h) { return {h * kSecondsPerHour}; }
  constexpr double hours() const { return seconds / kSecondsPerHour; }

  constexpr auto operator<=>(const WorkDuration&) const = default;
  constexpr WorkDuration operator+(WorkDuration o) const { return {seconds + o.seconds}; }
  constexpr WorkDuration operator-(WorkDuration o) const { return {seconds - o.seconds}; }
  constexpr WorkDuration operator*(double k) const { return {seconds * k}; }
  constexpr WorkDuration& operator+=(WorkDuration o) {
    seconds += o.seconds;
    return *this;
  }
};

// A point in calendar time: seconds since the simulation epoch.
struct Instant {
  double seconds = 0.0;

  constexpr double days() const { return seconds / kSecondsPerDay; }

  constexpr auto operator<=>(const Instant&) const = default;
  constexpr Instant operator+(Duration d) const { return {seconds + d.seconds}; }
  constexpr Instant operator-(Duration d) const { return {seconds - d.seconds}; }
  constexpr Duration operator-(Instant o) const { return {seconds - o.seconds}; }
  constexpr Instant& operator+=(Duration d) {
    seconds += d.seconds;
    return *this;
  }
};

}  // namespace sim
