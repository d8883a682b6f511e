// Staff who follow delegated work ([delegation] staff = "follow"): when the delegation rewrite
// moves officer work between units (a department's land appraisal to the communes, or the
// communes' to a department), officers move with it. A pure function of the ModelSpec before
// and after the rewrite, applied by the loader; the runtime only sees the new positions.
// The rule is in docs/scenario-format.md ("Staff who follow the work"). Stateless.
#pragma once

#include <string>
#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

struct StaffFollowRule {
  // Share of the moved workload, in officer-equivalents, whose officers move, [0, 1].
  double share = 1.0;
  // A fixed number of officers instead (split over skills by officer-equivalents); -1: share.
  int officers = -1;
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
// [staff] defaults. Returns the moves, appended to spec.levers.staff_moves too.
std::vector<StaffMove> move_staff_with_work(const ModelSpec& before, ModelSpec& spec,
                                            const StaffFollowRule& rule);

// Officer-equivalents the rewrite moves, per skill (index into spec.skills), before rounding
// and before `share`: what "staff follow" would move at share 1.
std::vector<double> moved_officer_equivalents(const ModelSpec& before, const ModelSpec& after);

}  // namespace twotier::model
