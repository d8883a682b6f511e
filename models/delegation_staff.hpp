// Staff who follow delegated work ([delegation] staff = "follow"): when the delegation rewrite
// moves officer work between units (a department's land appraisal to the communes, or the
// communes' to a department), officers move with it. A pure function of the ModelSpec before
// and after the rewrite, applied by the loader; the runtime only sees the new positions.
// The rule is in docs/scenario-format.md ("Staff who follow the work"). Stateless.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

// Where the moved officers go: with the work to the units that gain it ("follow"), or into a
// provincial mobile pool that serves the moved work across those units ("pool").
enum class StaffDestination : std::uint8_t { kFollow, kPool };

struct StaffFollowRule {
  // Share of the moved workload, in officer-equivalents, whose officers move, [0, 1].
  double share = 1.0;
  // A fixed number of officers instead (split over skills by officer-equivalents); -1: share.
  int officers = -1;
  StaffDestination destination = StaffDestination::kFollow;
  // kPool: officers per team (whole teams move; the rest stay), how long a team stays at a
  // unit, and the tasks of the moved skills that must wait at a unit before a team goes.
  int pool_team = 3;
  double pool_period_days = 5.0;
  double pool_threshold = 1.0;
};

// Officer-equivalents of the work moved by the rewrite: for every skill and unit that loses
// demand (offered load, models/offered_load.hpp), the officers whose time that demand took at
// the unit's present utilisation: each losing position gives officers x (its lost demand / its
// demand before), a position's demand being its share (by capacity) of each skill it covers.
// The total per skill (x share, or the fixed number split by equivalents) is rounded, taken from
// the losing positions and given to the units that gain demand, both by largest remainder of
// their share of the moved demand. A losing position keeps at least one officer while work of
// its skills is left there. Receivers get a position "moved_<skill>" (skill only, the givers'
// mean dossier share); `before` is `spec` before the rewrite. Roster officers of the givers
// are removed (the last anonymous ones); the receivers' are added by the loader with the
// [staff] defaults. Receivers' positions get the givers' mean pay (models/costs.hpp).
// kPool: instead of receiving positions, whole teams of `pool_team` officers form the mobile
// team (spec.levers.mobile, trigger kQueued, the moved skills, a position "delegated_pool"
// with 0 officers at every commune-level unit that gains the work); the moves then have
// to_unit = to_position = -1. Returns the moves, appended to spec.levers.staff_moves too.
std::vector<StaffMove> move_staff_with_work(const ModelSpec& before, ModelSpec& spec,
                                            const StaffFollowRule& rule);

// Officer-equivalents the rewrite moves, per skill (index into spec.skills), before rounding
// and before `share`: what "staff follow" would move at share 1.
std::vector<double> moved_officer_equivalents(const ModelSpec& before, const ModelSpec& after);

}  // namespace twotier::model
