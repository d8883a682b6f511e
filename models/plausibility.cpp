// The plausibility table and its checks (see plausibility.hpp). Keep docs/scenario-format.md,
// "Plausible values", in step with kRanges (tests/models/test_plausibility.cpp compares them).
#include "models/plausibility.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace twotier::model {
namespace {

constexpr double kHoursPerYear = 24.0 * 365.25;

constexpr std::array<PlausibleRange, 7> kRanges{{
    // quantity, name, unit, smallest positive, largest, usual low, usual high
    {Quantity::kDurationHours, "a duration", "h", 1e-4, 100.0 * kHoursPerYear, 1.0 / 360.0,
     kHoursPerYear},
    {Quantity::kCoefficientOfVariation, "a coefficient of variation", "", 1e-3, 20.0, 0.05, 3.0},
    {Quantity::kProfileFactor, "a profile factor", "", 1e-6, 1000.0, 0.01, 20.0},
    {Quantity::kSurgeFactor, "a surge factor", "", 1e-6, 1000.0, 0.05, 10.0},
    {Quantity::kOutageBetweenHours, "a mean time between outages", "h", 1.0 / 60.0,
     100.0 * kHoursPerYear, 24.0, 10.0 * kHoursPerYear},
    {Quantity::kOutageRepairHours, "a mean repair time", "h", 1.0 / 60.0, kHoursPerYear, 0.05,
     30.0 * 24.0},
    {Quantity::kHorizonDays, "a horizon", "d", 1.0 / 24.0, 100.0 * 366.0, 1.0, 20.0 * 366.0},
}};

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string with_unit(double value, const PlausibleRange& range) {
  return number(value) + range.unit;
}

}  // namespace

std::span<const PlausibleRange> plausible_ranges() {
  return kRanges;
}

const PlausibleRange& plausible_range(Quantity quantity) {
  return kRanges[static_cast<std::size_t>(quantity)];
}

void require_possible(Quantity quantity, double value) {
  const PlausibleRange& r = plausible_range(quantity);
  if (!std::isfinite(value)) throw ValueError(std::string(r.name) + " must be a finite number");
  if (value > r.largest) {
    throw ValueError(
        std::string(r.name) + " of " + with_unit(value, r) + " is impossible (at most " +
            with_unit(r.largest, r) + ")",
        "0 or " + with_unit(r.smallest_positive, r) + " to " + with_unit(r.largest, r));
  }
  if (value > 0 && value < r.smallest_positive) {
    throw ValueError(
        std::string(r.name) + " of " + with_unit(value, r) + " is impossible (at least " +
            with_unit(r.smallest_positive, r) + " unless 0)",
        "0 or " + with_unit(r.smallest_positive, r) + " to " + with_unit(r.largest, r));
  }
}

std::optional<std::string> implausible(Quantity quantity, double value) {
  const PlausibleRange& r = plausible_range(quantity);
  if (value == 0 || (value >= r.usual_low && value <= r.usual_high)) return std::nullopt;
  return std::string(r.name) + " of " + with_unit(value, r) + " is unusual (usually " +
         with_unit(r.usual_low, r) + " to " + with_unit(r.usual_high, r) + "); is it a typo?";
}

std::optional<std::string> implausible_distribution(Quantity quantity,
                                                    const sim::Distribution& hours) {
  const double mean = hours.mean();
  if (auto w = implausible(quantity, mean)) return "mean: " + *w;
  const double variance = hours.variance();
  if (mean > 0 && variance > 0 && std::isfinite(variance)) {
    const double cv = std::sqrt(variance) / mean;
    if (cv > plausible_range(Quantity::kCoefficientOfVariation).usual_high)
      return implausible(Quantity::kCoefficientOfVariation, cv);
  }
  return std::nullopt;
}

std::vector<std::string> plausibility_warnings(const ModelSpec& spec) {
  std::vector<std::string> out;
  auto note = [&out](const std::string& where, Quantity quantity, const sim::Distribution& d) {
    if (const auto w = implausible_distribution(quantity, d)) out.push_back(where + ": " + *w);
  };
  if (const auto w = implausible(Quantity::kHorizonDays, (spec.end - spec.start).days()))
    out.push_back("[scenario] horizon: " + *w);
  for (const UnitSpec& unit : spec.units) {
    note("unit '" + unit.id + "' transfer_to_province", Quantity::kDurationHours,
         unit.transfer_to_province.hours);
    note("unit '" + unit.id + "' transfer_from_province", Quantity::kDurationHours,
         unit.transfer_from_province.hours);
  }
  for (const ProcedureSpec& procedure : spec.procedures) {
    note("procedure '" + procedure.id + "' citizen_response", Quantity::kDurationHours,
         procedure.citizen_response.hours);
    for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
      const StepSpec& step = procedure.steps[s];
      const std::string where =
          "procedure '" + procedure.id + "' step " + std::to_string(s + 1) + " (" + step.name + ")";
      note(where + " effort", Quantity::kDurationHours, step.effort.hours);
      note(where + " field_check", Quantity::kDurationHours, step.field_check.hours);
    }
  }
  for (const ProfileSpec& profile : spec.profiles) {
    for (const ProfileSpec::Surge& surge : profile.surges) {
      if (const auto w = implausible(Quantity::kSurgeFactor, surge.factor))
        out.push_back("profile '" + profile.id + "' surge " + sim::to_string(surge.from) + ".." +
                      sim::to_string(surge.to) + ": " + *w);
    }
  }
  const OutageSpec& outages = spec.levers.outages;
  if (outages.province) {
    note("[outages] province_between", Quantity::kOutageBetweenHours, outages.province_between);
    note("[outages] province_repair", Quantity::kOutageRepairHours, outages.province_repair);
  }
  if (outages.per_unit) {
    note("[outages] unit_between", Quantity::kOutageBetweenHours, outages.unit_between);
    note("[outages] unit_repair", Quantity::kOutageRepairHours, outages.unit_repair);
  }
  return out;
}

}  // namespace twotier::model
