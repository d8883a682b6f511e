// The staffing part of a ModelSpec: individual officers (the roster), their proficiency and
// presence, and per-unit settings (dispatch rule, signing sessions).
//
// Immutable after loading, shared read-only by replications. Days are day indices since the
// simulation epoch (day 0 starts at Instant 0). An empty roster means "one anonymous officer
// per PositionSpec::officers, default proficiency" (see models/roster.hpp), so specs built
// in code need not list officers; the loader always fills the roster.
#pragma once

#include <array>
#include <climits>  // INT_MIN, INT_MAX
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::model {

// Which waiting task a freed officer takes next (models/dispatch_policy.hpp).
enum class DispatchRule : std::uint8_t {
  kFirstComeFirstServed,  // earliest queued first
  kEarliestDeadline,      // earliest appointment first
  kLeastSlack,            // least (working time to the appointment - remaining mean work)
  kDomainPriority,        // by the unit's domain priority list, then first come
};
const char* to_string(DispatchRule rule);
std::optional<DispatchRule> parse_dispatch_rule(std::string_view text);
std::string dispatch_rule_names();

// From `from_day` on, the officer works `speed_factor` times faster and errs
// `error_factor` times as often (a training programme; effects multiply).
struct TrainingEffect {
  int from_day = 0;
  double speed_factor = 1.0;
  double error_factor = 1.0;
};

struct OfficerSpec {
  std::string id;              // named in officers.csv, or "<unit>/<position>#<k>"
  int unit = 0;                // index into ModelSpec::units
  std::vector<int> positions;  // indices into ModelSpec::positions of `unit` (concurrent duties)
  // Share of the unit's working hours spent on dossiers, (0, 1]: part-time times the share
  // left by other duties. Work of effort e takes e / dossier_share working time.
  double dossier_share = 1.0;
  double speed = 1.0;              // > 0; a task of effort e takes e / speed
  double error_probability = 0.0;  // a finished step is redone with this probability
  // Active (in post) on days [from_day, until_day): hires arrive, cuts and transfers leave.
  int from_day = INT_MIN;
  int until_day = INT_MAX;
  // Learning curve: speed rises linearly from ramp_start_speed to 1 (times `speed`) over the
  // first `ramp_workdays` working days from from_day. 0 = no ramp-up.
  double ramp_start_speed = 1.0;
  int ramp_workdays = 0;
  // Presence: probability of being sick on a working day (one draw per officer and day),
  // annual leave in working days per calendar year, taken in `leave_blocks` blocks.
  double sick_rate = 0.0;
  int leave_days_per_year = 0;
  int leave_blocks = 1;
  std::vector<TrainingEffect> training;  // sorted by from_day
};

// When an officer takes work of one of its positions' secondary skills (models/spec.hpp
// SecondarySkill), models/officer_dispatch.hpp.
enum class HelpRule : std::uint8_t {
  kWhenIdle,  // only when none of its main skills' queues holds a task
  kBacklog,   // whenever the other skill's queue holds at least `help_backlog` tasks
  // on days when, at the previous day's end, at least `help_due_soon` tasks waiting in the
  // other skill's queue were due within `help_due_soon_workdays` statutory working days
  kDueSoon,
};
const char* to_string(HelpRule rule);
std::optional<HelpRule> parse_help_rule(std::string_view text);
std::string help_rule_names();

struct UnitStaffing {
  DispatchRule dispatch = DispatchRule::kFirstComeFirstServed;
  // Officers of this unit with secondary skills help by this rule (kBacklog: from a queue
  // holding at least help_backlog tasks, counting an offered one, competing with their own).
  HelpRule help_rule = HelpRule::kWhenIdle;
  int help_backlog = 1;
  // kDueSoon: the gate of a (unit, skill) queue opens for a day when this many of its waiting
  // tasks are due within help_due_soon_workdays (models/replication_help.cpp).
  int help_due_soon = 1;
  double help_due_soon_workdays = 2.0;
  // The chair's review of the cross-trained officers (positions with secondary skills):
  // every reassign_days days (at the day's end; 0 = never), each is moved to the most loaded
  // of its main and secondary skills (queued tasks per officer), models/replication_help.cpp.
  int reassign_days = 0;
  // kDomainPriority: rank of each Domain (smaller first); unlisted domains rank last.
  std::array<std::int8_t, 9> domain_rank{9, 9, 9, 9, 9, 9, 9, 9, 9};
  // Times of day (seconds since midnight, ascending) at which leaders sign the dossiers that
  // reached a signature step; empty = signature steps are served like work steps.
  std::vector<double> signing_seconds_of_day;
  int signing_batch_max = 0;  // dossiers released per session; 0 = all waiting
};

struct StaffSpec {
  std::vector<OfficerSpec> roster;  // empty: derived from PositionSpec::officers
  std::vector<UnitStaffing> units;  // per ModelSpec::units entry; empty: defaults everywhere
  // The calendar that counts statutory working days (deadlines, clock pauses): units may
  // work on another calendar (e.g. Saturday-morning reception) without shortening deadlines.
  int statutory_calendar = 0;
};

}  // namespace twotier::model
