// What `twotier check` says about the workforce levers of issue 18 items 4-6: officers who
// followed delegated work ([delegation] staff), the mobile teams' skills and deployment rule
// ([mobile_team]) and the internal work streams ([tables] internal_work). Plain text, one
// paragraph per lever that is on; empty when none is. Pure; safe from any thread.
#pragma once

#include <string>

#include "models/spec.hpp"

namespace twotier::model {

std::string describe_workforce_levers(const ModelSpec& spec);

}  // namespace twotier::model
