// Where a commune-tier work step runs once the levers are applied: the filing unit, the home
// of a pool serving it for the skill, or — for a dossier filed at a provincial body that has
// no officers for the step (a procedure delegated to communes but filed at the provincial
// center) — the domain's provincial body. One rule for the loader's checks, the offered load
// and the runtime (which tabulates it). Stateless.
#pragma once

#include "models/spec.hpp"

namespace twotier::model {

// The unit whose officers do work of `skill` for dossiers filed at `unit` (pools only).
int work_unit_of(const ModelSpec& spec, int unit, int skill);
// The unit where commune-tier work step `step` of `procedure` runs for a dossier filed at
// `filing_unit`, or -1 when no body handles the domain. REQUIRES: step.tier is commune.
int commune_step_unit(const ModelSpec& spec, const ProcedureSpec& procedure, const StepSpec& step,
                      int filing_unit);

}  // namespace twotier::model
