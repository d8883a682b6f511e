// Parsing and judging staffing targets (see staffing_target.hpp).
#include "analysis/decisions/staffing_target.hpp"

#include <algorithm>
#include <charconv>  // std::from_chars
#include <cmath>
#include <cstdio>  // std::snprintf

#include "models/scenario_error.hpp"
#include "models/unit_lookup.hpp"

namespace twotier::analysis {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

std::string allowed_metrics() {
  std::string names;
  for (int m = 0; m < model::kMetricCount; ++m) {
    if (!names.empty()) names += ", ";
    names += model::metric_name(static_cast<model::Metric>(m));
  }
  return names;
}

[[noreturn]] void fail(std::string_view text, const std::string& problem) {
  throw TargetError("--target '" + std::string(text) + "': " + problem);
}

}  // namespace

Target parse_target(std::string_view text) {
  Target target;
  target.text = std::string(text);
  const std::size_t op = text.find_first_of("<>=!");
  if (op == std::string_view::npos) {
    fail(text, "no comparison (allowed: METRIC>=VALUE or METRIC<=VALUE, e.g. on_time_rate>=0.98)");
  }
  std::size_t op_end = text.find_first_not_of("<>=!", op);
  if (op_end == std::string_view::npos) op_end = text.size();
  const std::string_view op_text = text.substr(op, op_end - op);
  if (op_text == ">=") {
    target.sense = TargetSense::kAtLeast;
  } else if (op_text == "<=") {
    target.sense = TargetSense::kAtMost;
  } else {
    fail(text, "comparison '" + std::string(op_text) + "' is not allowed (allowed: >=, <=)");
  }
  const std::string_view metric = trim(text.substr(0, op));
  if (metric.empty())
    fail(text, "no metric before the comparison (allowed: " + allowed_metrics() + ")");
  bool found = false;
  for (int m = 0; m < model::kMetricCount; ++m) {
    if (metric == model::metric_name(static_cast<model::Metric>(m))) {
      target.metric = static_cast<model::Metric>(m);
      found = true;
    }
  }
  if (!found)
    fail(text, "unknown metric '" + std::string(metric) + "' (allowed: " + allowed_metrics() + ")");

  std::string_view value = trim(text.substr(op_end));
  bool percent = false;
  if (!value.empty() && value.back() == '%') {
    percent = true;
    value = trim(value.substr(0, value.size() - 1));
  }
  double number = 0.0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
      !std::isfinite(number)) {
    fail(text, "value '" + std::string(value) + "' is not a number (allowed: e.g. 0.98, 98%, 120)");
  }
  if (percent) number /= 100.0;
  if (target.metric == model::Metric::kOnTimeRate && (number < 0.0 || number > 1.0)) {
    fail(text, "on_time_rate is a fraction: value " + std::string(value) + (percent ? "%" : "") +
                   " is outside [0, 1] (write 0.98 or 98%)");
  }
  if (number < 0.0) fail(text, "value " + std::string(value) + " is negative (KPIs are >= 0)");
  target.value = number;
  return target;
}

TargetScope parse_target_scope(std::string_view text, const model::ModelSpec& spec) {
  TargetScope scope;
  if (text == "province") return scope;
  if (text == "units") {
    scope.kind = TargetScope::Kind::kEveryCommune;
    return scope;
  }
  if (text.starts_with("unit:")) {
    // An id or a name, with or without diacritics (models/unit_lookup.hpp).
    try {
      scope.unit = model::find_unit(spec.units, text.substr(5));
    } catch (const model::ValueError& e) {
      throw TargetError("--scope '" + std::string(text) + "': " + e.problem() + " in scenario " +
                        spec.scenario_file);
    }
    scope.kind = TargetScope::Kind::kUnit;
    return scope;
  }
  if (text.starts_with("domain:")) {
    const auto domain = model::parse_domain(text.substr(7));
    std::string allowed;  // the domains the scenario has procedures of
    bool present = false;
    for (int d = 0; d < model::kDomainCount; ++d) {
      const auto candidate = static_cast<model::Domain>(d);
      const bool used =
          std::any_of(spec.procedures.begin(), spec.procedures.end(),
                      [&](const model::ProcedureSpec& p) { return p.domain == candidate; });
      if (!used) continue;
      allowed += (allowed.empty() ? "" : ", ") + std::string(model::to_string(candidate));
      present = present || (domain && *domain == candidate);
    }
    if (!present) {
      throw TargetError("--scope '" + std::string(text) + "': " +
                        (domain ? "scenario " + spec.scenario_file + " has no procedure of it"
                                : std::string("unknown domain")) +
                        " (allowed: domain:<name> with " + allowed + ")");
    }
    scope.kind = TargetScope::Kind::kDomain;
    scope.domain = *domain;
    return scope;
  }
  throw TargetError("--scope '" + std::string(text) +
                    "': unknown scope (allowed: province, unit:<id>, units, domain:<name>)");
}

std::string scope_text(const TargetScope& scope, const model::ModelSpec& spec) {
  switch (scope.kind) {
    case TargetScope::Kind::kProvince:
      break;
    case TargetScope::Kind::kUnit:
      return "unit:" + spec.units[static_cast<std::size_t>(scope.unit)].id;
    case TargetScope::Kind::kEveryCommune:
      return "units";
    case TargetScope::Kind::kDomain:
      return std::string("domain:") + model::to_string(scope.domain);
  }
  return "province";
}

double judged_bound(const Target& target, const MeanEstimate& estimate) {
  return target.sense == TargetSense::kAtLeast ? estimate.ci_low : estimate.ci_high;
}

bool target_met(const Target& target, const MeanEstimate& estimate) {
  const double bound = judged_bound(target, estimate);
  if (std::isnan(bound)) return false;
  return target.sense == TargetSense::kAtLeast ? bound >= target.value : bound <= target.value;
}

double target_shortfall(const Target& target, const MeanEstimate& estimate) {
  const double bound = judged_bound(target, estimate);
  if (std::isnan(bound)) return 1e6;
  const double miss =
      target.sense == TargetSense::kAtLeast ? target.value - bound : bound - target.value;
  return miss <= 0 ? 0.0 : miss / std::max(std::abs(target.value), 1e-3);
}

std::string describe(const Target& target) {
  char value[64];
  std::snprintf(value, sizeof value, "%g", target.value);
  return std::string(model::metric_name(target.metric)) +
         (target.sense == TargetSense::kAtLeast ? " >= " : " <= ") + value;
}

}  // namespace twotier::analysis
