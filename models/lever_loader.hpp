// Reading the lever sections of a scenario — [delegation], [outages], [online], [filing],
// [mobile_team] and the tables pools / neighbours / deadline_options — into a ModelSpec that
// the loader has otherwise finished (units, procedures, steps, positions, arrivals read and
// checked). Delegation rewrites procedures; pools and the mobile team append positions and
// remove pooled skills from the served units' own positions; the rest fills spec.levers.
// Afterwards every (unit, procedure) that receives dossiers is checked again for officers
// covering each work step where it now runs. Errors throw ScenarioError at file:line:col.
// Stateless; safe from any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "models/scenario_document.hpp"
#include "models/spec.hpp"
#include "models/units_parse.hpp"

namespace twotier::model {

// Returns (file, text) of every CSV table read, for the resolved scenario text.
// The tables are read with the document's --set overrides of their cells.
std::vector<std::pair<std::string, std::string>> apply_levers(ScenarioDocument& document,
                                                              const UnitContext& context,
                                                              ModelSpec& spec);

}  // namespace twotier::model
