// Plausibility bounds for the numbers of a scenario, in one table (docs/scenario-format.md,
// "Plausible values"): outside the possible range a value is an error (it underflows,
// overflows or makes the model meaningless: a gamma CV of 1e-200, a surge of 1e300); outside
// the usual range it loads with a warning that `check` and `run` print (an outage every
// minute, an effort of two seconds). Stateless; safe from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/scenario_error.hpp"
#include "models/spec.hpp"

namespace twotier::model {

enum class Quantity : std::uint8_t {
  kDurationHours,           // any duration in a distribution (effort, delay, lag), hours
  kCoefficientOfVariation,  // cv of gamma(mean, cv) and lognormal(mean, cv)
  kProfileFactor,           // hour, weekday and month factors of profiles.csv
  kSurgeFactor,             // surge factors of profiles.csv
  kOutageBetweenHours,      // mean time between outages ([outages] *_between), hours
  kOutageRepairHours,       // mean repair time ([outages] *_repair), hours
  kHorizonDays,             // [scenario] horizon, days
};

struct PlausibleRange {
  Quantity quantity;
  const char* name;          // "a coefficient of variation", for messages
  const char* unit;          // shown after numbers ("h", "" for none)
  double smallest_positive;  // a value in (0, smallest_positive) is an error (0 may be allowed)
  double largest;            // above: an error
  double usual_low;          // [usual_low, usual_high]: no warning (0 is never warned about)
  double usual_high;
};

// The table, one row per Quantity in enum order (for the docs test and messages).
std::span<const PlausibleRange> plausible_ranges();
const PlausibleRange& plausible_range(Quantity quantity);

// Throws ValueError when `value` is impossible for `quantity` (callers add file and line).
void require_possible(Quantity quantity, double value);

// A warning sentence when `value` is possible but unusual, else nothing.
std::optional<std::string> implausible(Quantity quantity, double value);

// A warning sentence when a distribution's mean (hours) is unusual for `quantity`
// (kDurationHours, kOutageBetweenHours, kOutageRepairHours) or its coefficient of variation
// is unusual, else nothing.
std::optional<std::string> implausible_distribution(Quantity quantity,
                                                    const sim::Distribution& hours);

// Every unusual value of a loaded scenario, one sentence each naming where it is set (unit,
// procedure and step, profile, [outages] key). Part of scenario_warnings, so `check` and
// `run` print them.
std::vector<std::string> plausibility_warnings(const ModelSpec& spec);

}  // namespace twotier::model
