// LeverSpec: the planner's "what if" settings that act while a replication runs — IT outages
// and data-sync errors, online adoption, province-wide filing, shared pools and the mobile
// support team. (Delegation is not here: the loader rewrites the procedures' workflows and
// leaves nothing for the runtime, see models/delegation.hpp.)
// Part of ModelSpec: filled and validated by the loader (models/lever_loader.hpp), read-only
// afterwards. Every lever is off by default, so a scenario without these sections runs as
// before. Indices refer to ModelSpec vectors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/time.hpp"

namespace twotier::model {

// What electronic work does while the dossier software is down at a unit.
enum class OutageMode : std::uint8_t {
  kStop,   // processing stops; interrupted work resumes where it stopped at recovery
  kPaper,  // processing continues on paper at `paper_speed` times the normal speed
};

struct OutageSpec {
  // Unplanned failures of the province-wide platform: time between failures (from the end of
  // the last repair) and repair time, both calendar hours. Off when `province` is false.
  bool province = false;
  sim::Distribution province_between = sim::Distribution::deterministic(0.0);
  sim::Distribution province_repair = sim::Distribution::deterministic(0.0);
  // Unplanned failures of one unit's system (its network, its terminals): the same
  // distributions for every unit, each unit on its own random stream.
  bool per_unit = false;
  sim::Distribution unit_between = sim::Distribution::deterministic(0.0);
  sim::Distribution unit_repair = sim::Distribution::deterministic(0.0);
  // Planned province-wide maintenance windows [from, to).
  struct Window {
    sim::Instant from;
    sim::Instant to;
  };
  std::vector<Window> maintenance;
  OutageMode mode = OutageMode::kStop;
  double paper_speed = 0.5;  // kPaper: share of the normal speed, (0, 1]
  bool enabled() const { return province || per_unit || !maintenance.empty(); }
};

// Data-sync errors: with `probability` a completed dossier's status reaches the portal after
// `delay_hours` (calendar); if that is after the appointment the portal flags it overdue
// although it was done on time.
struct SyncErrorSpec {
  double probability = 0.0;
  sim::Distribution delay_hours = sim::Distribution::deterministic(0.0);
};

// Online adoption: the online share of every procedure that can be filed online (a catalogue
// online weight > 0) follows share(t) = start + (target - start) * S(t), S a logistic curve
// through 1/2 at `midpoint` with `steepness_days` (days from 27% to 73%), rescaled so that
// S(start) = 0 and S(target) = 1 (calendar dates of the scenario, never the run's window;
// flat outside them). The rest keeps the catalogue's in-person/post ratio.
struct AdoptionSpec {
  bool enabled = false;
  double start_share = 0.0;   // the online share at `start` and before
  double target_share = 0.0;  // the online share at `target` and after
  sim::Instant start;         // calendar dates of the scenario ([online] start_date, target_date)
  sim::Instant target;
  sim::Instant midpoint;  // default: midway between start and target
  double steepness_days = 30.0;
};

// One officer or team serving several units: the pool's position sits at `home`; the work of
// `skills` filed at `units` is done by it (tasks of all units share one queue), and a task
// from a different unit than the one served last costs `switch_hours` more effort.
struct PoolSpec {
  std::string id;
  int home = 0;
  int position = 0;  // index into ModelSpec::positions (appended by the loader)
  std::vector<int> skills;
  std::vector<int> units;
  double switch_hours = 0.0;  // working hours
};

// A provincial mobile support team, defined by its skills and a deployment rule: checked at
// each day's end inside the window [from, until); when idle it goes to the eligible
// commune-level unit with the largest backlog (or overdue count) at or above `threshold`, for
// `period_days`, then is released (officers busy at release finish their task first).
// kQueued: tasks of the team's skills waiting for an officer at the unit (the delegated-work
// pool of [delegation] staff = "pool" uses it).
enum class MobileTrigger : std::uint8_t { kBacklog, kOverdue, kQueued };
struct MobileTeamSpec {
  bool enabled = false;
  int teams = 1;
  int officers = 0;  // per team
  std::vector<int> skills;
  MobileTrigger trigger = MobileTrigger::kBacklog;
  double threshold = 0.0;
  double period_days = 0.0;
  // The deployment window: teams are sent only at day ends in [from, until) (a team sent
  // stays its period). Default: the whole run.
  sim::Instant from{-1e300};
  sim::Instant until{1e300};
  // The team's position at each unit (0 officers in the spec; -1 where it cannot go: not a
  // commune-level unit, or not among [mobile_team] units when given).
  std::vector<int> position_at_unit;
};

// A block of officers moved with delegated work ([delegation] staff = "follow",
// models/delegation_staff.hpp), kept for `twotier check`; the positions already say it.
struct StaffMove {
  int skill = 0;          // index into ModelSpec::skills
  int from_unit = 0;      // index into ModelSpec::units
  int from_position = 0;  // index into ModelSpec::positions (officers taken from it)
  int to_unit = 0;        // -1: into the delegated-work pool (staff = "pool")
  int to_position = 0;    // the receiving position "moved_<skill>" (appended), or -1
  int officers = 0;
};

struct LeverSpec {
  // The skill of the one-stop desk (reception and return), or -1: online effort factor and
  // "shortest queue" for province-wide filing use it.
  int front_office_skill = -1;
  OutageSpec outages;
  SyncErrorSpec sync;
  AdoptionSpec online;
  double online_effort_factor = 1.0;  // desk effort of an online dossier, times this
  // Province-wide filing: with this probability a citizen filing in person goes to the unit
  // among the filing unit and its neighbours with the shortest front-office queue.
  double file_elsewhere_share = 0.0;
  std::vector<std::vector<int>> neighbours;  // per unit (empty when not given)
  std::vector<PoolSpec> pools;
  MobileTeamSpec mobile;
  std::vector<StaffMove> staff_moves;  // empty unless [delegation] staff = "follow" or "pool"
};

}  // namespace twotier::model
