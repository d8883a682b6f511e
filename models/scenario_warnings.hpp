// Warnings about a scenario that loads (it is valid) but whose results need care: a unit that
// receives work for a skill it has no officer for (those dossiers wait until the end of the
// run), and a unit whose offered load reaches its capacity (the system is unstable: its
// backlog grows through the run and no steady state exists). `twotier check` and `twotier
// run` print them on stderr. Pure function of the spec; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

// One sentence per problem, without a "warning:" prefix, in unit then skill order. Units whose
// calendar is closed through the whole run share one sentence (a short horizon on a holiday).
std::vector<std::string> scenario_warnings(const ModelSpec& spec);

}  // namespace twotier::model
