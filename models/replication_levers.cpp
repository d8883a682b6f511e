// The levers' runtime in one replication (models/lever_spec.hpp): IT outages that suspend,
// slow or resume work in service, province-wide filing, and the mobile team's daily moves.
// Its own file because these run only when a lever is on, apart from the plain dossier flow.
// Declared in models/replication_parts.hpp.
#include <algorithm>  // std::max, std::sort
#include <cassert>

#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {

void Replication::schedule_work_done(std::uint32_t slot, sim::Instant done) {
  Dossier& d = pool_[slot];
  d.work_done_sequence = 0;  // a pending completion, if any, is superseded (skipped when it runs)
  if (done <= spec_.end)
    d.work_done_sequence = kernel_.schedule(
        done, handler_, pack(EventKind::kInterruptibleWorkDone, slot), kPriorityFlow);
}

void Replication::note_outage_hit(Dossier& d) {
  if (d.outage_hit) return;
  d.outage_hit = true;
  lever_kpis_.on_outage_hit(pairs_[d.pair].scopes);
}

// Progress counts the officer's working time only (not sick or on leave), as in add_work,
// and the hours of an overtime session (models/replication_overtime.cpp).
void Replication::bank_work(Dossier& d, sim::Instant now) {
  d.work_left_seconds = std::max(
      0.0, d.work_left_seconds - d.work_speed * worked_seconds(d.officer, d.work_from, now));
  d.work_from = now;
}

// Work in service at a unit whose speed changed: bank the progress made at the old speed,
// then reschedule the completion for the work left at the new one (never, when stopped).
// In an overtime session the work goes on tonight at the new speed; stopped, the officer
// goes home (the session ends) and the rest resumes in working time.
void Replication::set_work_speed(std::uint32_t slot, double speed) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  bank_work(d, now);
  const double old_speed = d.work_speed;
  d.work_speed = speed;
  const StepSpec& step = procedure_of(d).steps[d.step];
  if (speed <= 0.0) {
    d.work_done_sequence = 0;  // suspended: the pending completion is superseded
    if (overtime_on()) end_overtime_session(d.officer);
    trace_step(d, "suspend:", step, now);
  } else {
    trace_step(d, speed < 1.0 ? "slow:" : (old_speed <= 0.0 ? "resume:" : "speed:"), step, now);
    schedule_work_done(slot, work_end(d.officer, now, d.work_left_seconds / speed));
  }
  if (speed < 1.0) note_outage_hit(d);
}

void Replication::on_platform_change(int unit) {
  // The work in service is the slots the officers serve, visited in slot order (the order of
  // the completion events rescheduled below).
  served_slots_.clear();
  if (unit < 0) {
    for (const OfficerWork& work : officer_work_)
      if (work.slot != kNoSlot) served_slots_.push_back(work.slot);
  } else {
    for (const int o : officers_at_unit_[unit])
      if (officer_work_[o].slot != kNoSlot && officer_work_[o].unit == unit)
        served_slots_.push_back(officer_work_[o].slot);
  }
  std::sort(served_slots_.begin(), served_slots_.end());
  for (const std::uint32_t slot : served_slots_) {
    const Dossier& d = pool_[slot];
    assert(d.in_system && d.position >= 0);
    if (!procedure_of(d).steps[d.step].effort.working_time) continue;  // not interruptible
    const int at = spec_.positions[d.position].unit;
    if (unit >= 0 && at != unit) continue;
    const double speed = platform_.speed(at);
    if (speed != d.work_speed) set_work_speed(slot, speed);
  }
  // Online filings held by the portal are received once their unit is back.
  const std::size_t first = unit >= 0 ? static_cast<std::size_t>(unit) : 0;
  const std::size_t last = unit >= 0 ? first + 1 : held_online_.size();
  for (std::size_t u = first; u < last; ++u) {
    if (held_online_[u].empty() || platform_.down(static_cast<int>(u))) continue;
    for (const std::uint32_t slot : held_online_[u])
      receive(slot);
    held_online_[u].clear();
  }
}

int Replication::choose_filing_unit(int pair) {
  const int home = pairs_[pair].unit;
  if (spec_.levers.neighbours.empty() || spec_.levers.neighbours[home].empty() ||
      !sim::bernoulli(filing_rng_[home], spec_.levers.file_elsewhere_share))
    return pair;
  const int skill = spec_.levers.front_office_skill;
  if (skill < 0) return pair;
  int best = home;
  std::size_t best_queue = dispatch_.queued(home, skill);
  for (const int v : spec_.levers.neighbours[home]) {
    const std::size_t q = dispatch_.queued(v, skill);
    if (q < best_queue) {
      best = v;
      best_queue = q;
    }
  }
  return best == home ? pair : pair_index(best, pairs_[pair].procedure);
}

// Each day's end: release teams whose period is over, then send idle teams to the units with
// the largest backlog (or overdue count) at or above the threshold.
void Replication::mobile_team_day_end() {
  const MobileTeamSpec& m = spec_.levers.mobile;
  const sim::Instant now = kernel_.now();
  // The roster officers of team `k` at `unit`.
  auto members = [&](std::size_t k, int unit) {
    const std::vector<int>& all = mobile_officers_[unit];
    const std::size_t first = k * static_cast<std::size_t>(m.officers);
    return std::pair{all.begin() + static_cast<std::ptrdiff_t>(first),
                     all.begin() + static_cast<std::ptrdiff_t>(first + m.officers)};
  };
  for (std::size_t k = 0; k < mobile_teams_.size(); ++k) {
    MobileTeam& team = mobile_teams_[k];
    if (team.unit < 0 || now < team.until) continue;
    // Off duty: they take no new task; a busy one finishes the task in hand.
    for (auto [o, end] = members(k, team.unit); o != end; ++o)
      dispatch_.set_on_duty(*o, false);
    team.unit = -1;
  }
  if (now < m.from || !(now < m.until)) return;  // outside the deployment window
  for (std::size_t k = 0; k < mobile_teams_.size(); ++k) {
    MobileTeam& team = mobile_teams_[k];
    if (team.unit >= 0) continue;
    int best = -1;
    double best_value = m.threshold;
    for (std::size_t u = 0; u < spec_.units.size(); ++u) {
      if (m.position_at_unit[u] < 0) continue;
      bool taken = false;
      for (const MobileTeam& other : mobile_teams_)
        taken = taken || other.unit == static_cast<int>(u);
      if (taken) continue;
      double value = 0.0;
      if (m.trigger == MobileTrigger::kBacklog) {
        value = static_cast<double>(reports_.open(static_cast<int>(u)));
      } else if (m.trigger == MobileTrigger::kOverdue) {
        value = static_cast<double>(reports_.overdue_open(static_cast<int>(u)));
      } else {
        for (const int s : m.skills)
          value += static_cast<double>(dispatch_.queued(static_cast<int>(u), s));
      }
      if (value >= best_value) {
        best = static_cast<int>(u);
        best_value = value + 1e-9;  // ties go to the first unit
      }
    }
    if (best < 0) break;
    team.unit = best;
    team.until = now + sim::Duration::from_days(m.period_days);
    for (auto [o, end] = members(k, best); o != end; ++o) {
      dispatch_.set_on_duty(*o, true);
      if (!dispatch_.idle(*o)) continue;  // still finishing a task from an earlier visit
      const int day = day_of(roster_.next_working_instant(*o, now));
      if (const std::optional<OfficerDispatch::Next> next = dispatch_.pull(*o, day))
        begin_service(next->task.slot, *o, next->position, next->proficiency, next->helping);
    }
  }
}

}  // namespace twotier::model::replication_internal
