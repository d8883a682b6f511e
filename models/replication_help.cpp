// The helpers' day-end reviews in one replication (docs/scenario-format.md, [staff]):
// - HelpRule::kDueSoon: at each day's end, per (unit, skill) of a unit with that rule, the
//   tasks waiting for an officer whose appointment is at most help_due_soon_workdays statutory
//   working days away (or past) are counted; the queue's gate is open for the next day when
//   they are at least help_due_soon (OfficerDispatch::set_help_open), and idle helpers pull.
// - Reassignment (reassign_days > 0): every reassign_days days from the run's start, at the
//   day's end, the unit's chair goes through its cross-trained officers (positions with
//   secondary skills) in roster order and moves each to the most loaded of its main skills
//   (as a whole, the most loaded of them) and secondary skills, load = tasks queued for an
//   officer / (officers assigned to the skill + 1, this one counted), assignments counted
//   with the moves already made. A reassigned officer takes that skill's work first
//   (OfficerDispatch::set_focus); a move back to the main skills ends it. Moves after warm-up
//   are counted per position (utilisation.csv `reassignments`).
// Declared in models/replication_parts.hpp.
#include <cmath>  // std::isnan

#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {

void Replication::setup_help_reviews() {
  const std::size_t units = spec_.units.size();
  if (help_busy_seconds_.empty() || spec_.staff.units.size() != units) return;  // no helpers
  cross_trained_at_unit_.resize(units);
  for (std::size_t o = 0; o < roster_.size(); ++o) {
    const OfficerSpec& officer = roster_.officer(static_cast<int>(o));
    CrossTrained c{static_cast<int>(o), -1, {}, {}};
    for (const int p : officer.positions)
      for (const int s : spec_.positions[p].skills)
        if (std::find(c.main.begin(), c.main.end(), s) == c.main.end()) c.main.push_back(s);
    for (const int p : officer.positions)
      for (const SecondarySkill& s : spec_.positions[p].secondary_skills) {
        if (std::find(c.main.begin(), c.main.end(), s.skill) != c.main.end() ||
            std::find(c.secondary.begin(), c.secondary.end(), s.skill) != c.secondary.end())
          continue;
        c.secondary.push_back(s.skill);
        if (c.position < 0) c.position = p;
      }
    if (!c.secondary.empty()) cross_trained_at_unit_[officer.unit].push_back(std::move(c));
  }
  bool gates = false;
  for (std::size_t u = 0; u < units; ++u) {
    const UnitStaffing& staffing = spec_.staff.units[u];
    if (cross_trained_at_unit_[u].empty()) continue;
    if (staffing.help_rule == HelpRule::kDueSoon) gates = true;
    if (staffing.reassign_days > 0) reassign_on_ = true;
  }
  if (gates) {
    help_gate_workdays_.assign(units, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t u = 0; u < units; ++u)
      if (spec_.staff.units[u].help_rule == HelpRule::kDueSoon &&
          !cross_trained_at_unit_[u].empty())
        help_gate_workdays_[u] = spec_.staff.units[u].help_due_soon_workdays;
    help_due_soon_count_.assign(units * spec_.skills.size(), 0);
  }
  if (reassign_on_) {
    position_reassignments_.assign(spec_.positions.size(), 0.0);
    assigned_scratch_.assign(spec_.skills.size(), 0);
  }
  if (!gates && !reassign_on_) cross_trained_at_unit_.clear();
}

void Replication::pull_idle(int officer) {
  if (!dispatch_.idle(officer) || !dispatch_.on_duty(officer)) return;
  const int day = day_of(roster_.next_working_instant(officer, kernel_.now()));
  if (const std::optional<OfficerDispatch::Next> next = dispatch_.pull(officer, day))
    begin_service(next->task.slot, officer, next->position, next->proficiency, next->helping);
}

void Replication::help_day_end() {
  if (!help_gate_workdays_.empty()) open_help_gates();
  if (!reassign_on_) return;
  const int days_run = day_of(kernel_.now()) - day_of(spec_.start);
  for (std::size_t u = 0; u < spec_.units.size(); ++u) {
    const int every = spec_.staff.units[u].reassign_days;
    if (every > 0 && days_run > 0 && days_run % every == 0 && !cross_trained_at_unit_[u].empty())
      review_reassignments(static_cast<int>(u));
  }
}

void Replication::open_help_gates() {
  count_due_soon(help_due_soon_count_, help_gate_workdays_);
  const std::size_t skills = spec_.skills.size();
  for (std::size_t u = 0; u < spec_.units.size(); ++u) {
    if (std::isnan(help_gate_workdays_[u])) continue;
    const int threshold = spec_.staff.units[u].help_due_soon;
    for (const CrossTrained& c : cross_trained_at_unit_[u])
      for (const int s : c.secondary)
        dispatch_.set_help_open(static_cast<int>(u), s,
                                help_due_soon_count_[u * skills + s] >= threshold);
    for (const CrossTrained& c : cross_trained_at_unit_[u])
      pull_idle(c.officer);
  }
}

void Replication::review_reassignments(int unit) {
  const sim::Instant now = kernel_.now();
  // Officers assigned to each skill: a reassigned one to its focus, the others to their main
  // skills; those absent on their next working day or off duty do not count (nor move).
  std::vector<int>& assigned = assigned_scratch_;
  std::fill(assigned.begin(), assigned.end(), 0);
  auto available = [&](int o) {
    return dispatch_.on_duty(o) && roster_.present(o, day_of(roster_.next_working_instant(o, now)));
  };
  for (const int o : officers_at_unit_[unit]) {
    if (!available(o)) continue;
    if (const int f = dispatch_.focus(o); f >= 0) {
      ++assigned[f];
      continue;
    }
    for (const int p : roster_.officer(o).positions)
      for (const int s : spec_.positions[p].skills)
        ++assigned[s];
  }
  auto load = [&](int s) {
    return static_cast<double>(dispatch_.queued(unit, s)) / (assigned[s] + 1);
  };
  for (const CrossTrained& c : cross_trained_at_unit_[unit]) {
    if (!available(c.officer)) continue;
    const int current = dispatch_.focus(c.officer);
    if (current >= 0) {
      --assigned[current];
    } else {
      for (const int s : c.main)
        --assigned[s];
    }
    double best_load = 0.0;
    for (const int s : c.main)
      best_load = std::max(best_load, load(s));
    int best = -1;
    for (const int s : c.secondary)
      if (const double l = load(s); l > best_load) {
        best = s;
        best_load = l;
      }
    if (best >= 0) {
      ++assigned[best];
    } else {
      for (const int s : c.main)
        ++assigned[s];
    }
    if (best == current) continue;
    dispatch_.set_focus(c.officer, best);
    if (now >= window_start_) position_reassignments_[static_cast<std::size_t>(c.position)] += 1.0;
    pull_idle(c.officer);
  }
}

}  // namespace twotier::model::replication_internal
