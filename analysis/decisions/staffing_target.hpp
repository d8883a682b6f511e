// Targets a staffing recommendation must meet ("on_time_rate>=0.98", "backlog_end<=50") and
// the scope they are measured on (the province, one unit, or every commune-level unit).
//
// A target holds only when the confidence bound on the pessimistic side meets it (the lower
// bound for ">=", the upper bound for "<="), never the mean alone. Parsing is strict and throws
// TargetError with the text, the problem and what is allowed. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/statistics/summary.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

class TargetError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class TargetSense : std::uint8_t { kAtLeast, kAtMost };  // ">=", "<="

struct Target {
  model::Metric metric = model::Metric::kOnTimeRate;
  TargetSense sense = TargetSense::kAtLeast;
  double value = 0.0;
  std::string text;  // as given, for messages
};

// "metric>=value" or "metric<=value"; spaces allowed; value a number or a percentage ("98%").
// Throws TargetError naming the text, the bad part and the allowed metrics/operators.
Target parse_target(std::string_view text);

// Where the targets are measured. kProvince: the province scope; kUnit: one unit (its KPIs,
// scope "unit:<id>"); kEveryCommune: each commune-level unit separately; kDomain: one domain's
// dossiers province-wide (scope "domain:<name>"), searched on the positions that do the
// domain's work (analysis/decisions/staffing_search.hpp, domain_positions): what the
// delegation explorer's --need asks of each option.
struct TargetScope {
  enum class Kind : std::uint8_t { kProvince, kUnit, kEveryCommune, kDomain };
  Kind kind = Kind::kProvince;
  int unit = -1;                                 // kUnit: index into ModelSpec::units
  model::Domain domain = model::Domain::kOther;  // kDomain
};

// "province", "unit:<id>", "units" or "domain:<name>" (a domain the scenario has procedures
// of). Throws TargetError naming the unknown unit, domain or form.
TargetScope parse_target_scope(std::string_view text, const model::ModelSpec& spec);

// The scope name KPIs are reported under for a single-scope kind: "province", "unit:<id>",
// "domain:<name>"; "units" for kEveryCommune (one scope per commune).
std::string scope_text(const TargetScope& scope, const model::ModelSpec& spec);

// The pessimistic confidence bound the target is judged on (ci_low for ">=", ci_high for "<=").
double judged_bound(const Target& target, const MeanEstimate& estimate);

// Whether the judged bound meets the target (false when the estimate is undefined).
bool target_met(const Target& target, const MeanEstimate& estimate);

// How far the judged bound misses the target, relative to max(|value|, 1e-3); 0 when met,
// 1e6 when undefined (e.g. nothing completed).
double target_shortfall(const Target& target, const MeanEstimate& estimate);

// "on_time_rate >= 0.98".
std::string describe(const Target& target);

}  // namespace twotier::analysis
