// Offered load: the long-run working hours of officer work that arrive per week, per unit and
// skill, against the working hours the unit's officers offer. Utilisation rho = demand /
// capacity; rho >= 1 means the backlog grows without bound. Used by `twotier check`.
//
// Demand counts only work steps (officer effort); delays, transfers and field checks take no
// officer time. It includes the rework of supplementation exactly as the runtime does it:
// a step that finds the dossier incomplete is done again when the citizen returns (with
// probability 1 - withdraw), at most once per dossier; and the rework of officers' errors: a
// finished step is redone with the officers' error_probability e (geometric, so each visit
// costs 1 / (1 - e) times its effort; e is the mean over the officers covering the skill,
// weighted by their dossier share and speed). Pure functions; safe from any thread.
#pragma once

#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

struct SkillLoad {
  int unit = 0;                        // index into ModelSpec::units
  int skill = 0;                       // index into ModelSpec::skills
  double demand_hours_per_week = 0.0;  // working hours of effort arriving per week
  // Effort hours per week the officers covering the skill can do: their working hours x
  // dossier share x speed (the mean speed of each position's officers).
  double capacity_hours_per_week = 0.0;
  double utilization = 0.0;  // demand / capacity; +inf if capacity is 0 < demand
  // Capacity of one full-time officer (the unit's working hours per week), to say loads in
  // officers: demand / full_time_hours_per_week officers are needed.
  double full_time_hours_per_week = 0.0;
  int officers = 0;  // officers in positions covering the skill
};

struct UnitLoad {
  int unit = 0;
  double demand_hours_per_week = 0.0;    // all skills together
  double capacity_hours_per_week = 0.0;  // every officer of the unit counted once
  double utilization = 0.0;
};

// One entry per (unit, skill) with demand or capacity, ordered by unit then skill.
// An officer whose position covers several skills is counted in full toward each of them
// (they may spend all their time on any one), so per-skill rho is optimistic when skills
// share officers; offered_load_by_unit counts each officer once and is the check on the
// total.
std::vector<SkillLoad> offered_load(const ModelSpec& spec);
std::vector<UnitLoad> offered_load_by_unit(const ModelSpec& spec);

// Expected number of times each step of `procedure` is worked per arriving dossier (the
// visit ratios used above): r_j + (1 - w) * (sum_{k<j} r_k q_k + r_j q_j), where q_k is the
// step's incomplete probability, r_j = prod_{k<j} (1 - q_k) the chance of reaching step j
// before any supplementation, and w the withdraw probability.
std::vector<double> expected_step_visits(const ProcedureSpec& procedure);

// Work per visit of a step done at (unit, skill), as a multiple of its effort, from the
// officers' rework: 1 / (1 - e) with e the mean error_probability of the officers whose
// positions cover the skill (weights dossier_share x speed; training ignored); 1 where no
// officer covers it. Flattened [unit * skills + skill].
std::vector<double> rework_factors(const ModelSpec& spec);

// Mean factor of the arrival rate over [start, end) from the month profile, yearly trend and
// surges (the hour-of-week profile has mean 1 over every whole week).
double mean_rate_factor(const ModelSpec& spec, const ProfileSpec& profile);

// Arrivals per calendar day at each (unit, procedure), flattened [unit * procedures +
// procedure], averaged over [start, end): from the arrival streams, or from the replayed log.
std::vector<double> arrivals_per_day(const ModelSpec& spec);

}  // namespace twotier::model
