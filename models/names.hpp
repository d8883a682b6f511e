// Lists of the stable names of the model's enums, for "allowed: ..." parts of error messages.
// The names themselves (to_string / parse_*) are declared beside the enums in models/spec.hpp
// and models/replication_result.hpp; all are defined in models/names.cpp from one table per enum,
// so a name list can never disagree with the parser. Stateless; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/spec.hpp"

namespace twotier::model {

std::optional<StepKind> parse_step_kind(std::string_view text);

// "commune, province" and so on: every accepted spelling, in declaration order.
std::string tier_names();
std::string unit_kind_names();
std::string domain_names();
std::string channel_names();
std::string clock_on_supplement_names();
std::string step_kind_names();

}  // namespace twotier::model
