// Paid overtime in one replication ([overtime], models/overtime_spec.hpp). At each closing of
// a unit on a working day (kOvertimeCheck), every officer holding a position with a policy,
// present that day, whose position's trigger holds at the unit (tasks of its skills queued,
// or queued and due soon), stays on for min(max_hours_per_day, what the week's cap leaves):
// the task in hand goes on at once in calendar time (its completion is rescheduled), and the
// officer keeps taking queued tasks until the session ends or nothing is left (the session
// then ends at once). Work that outlasts the session resumes in working time. The hours
// counted are the session's length as lived (closing to its end), closed at each day's end.
// Busy time in sessions is not in the utilisation (busy / regular working time).
// With outages ([outages]) the work in hand progresses at the platform's speed in the session
// as in working time (worked_seconds / work_end count the session's hours); nobody stays on
// while the unit's system is stopped, and an outage that stops the work in hand during a
// session ends it there (the officer goes home; the rest resumes in working time).
// Declared in models/replication_parts.hpp.
#include <algorithm>  // std::max, std::min
#include <cmath>      // std::isnan

#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {

void Replication::schedule_overtime_check(int unit, int from_day) {
  const sim::Calendar& cal = calendar_of(unit);
  for (int day = std::max(from_day, 0); day < cal.num_days(); ++day) {
    if (!cal.is_working_day(day)) continue;
    const sim::Instant closing = cal.closing_of_day(day);
    // A calendar open until midnight (24x7) leaves no evening to stay on.
    if (!(closing < cal.start_of_day(day) + sim::Duration{sim::kSecondsPerDay})) continue;
    if (closing < kernel_.now()) continue;
    schedule_at(closing, EventKind::kOvertimeCheck, static_cast<std::uint32_t>(unit));
    return;
  }
}

void Replication::count_due_soon(std::vector<int>& counts, std::span<const double> workdays) {
  std::fill(counts.begin(), counts.end(), 0);
  const sim::Calendar& cal = statutory_calendar();
  const sim::Instant now = kernel_.now();
  if (now >= cal.end()) return;
  const double clock = cal.work_clock(now);
  const double day = standard_day_[static_cast<std::size_t>(spec_.staff.statutory_calendar)];
  const std::size_t skills = spec_.skills.size();
  pool_.for_each_open([&](std::uint32_t, const Dossier& d) {
    if (!d.in_system || d.phase != Phase::kWaitOfficer || d.officer >= 0) return;
    const ProcedureSpec& proc = procedure_of(d);
    if (static_cast<std::size_t>(d.step) >= proc.steps.size()) return;
    const StepSpec& step = proc.steps[d.step];
    if (!needs_officer(step.kind) || d.due == kNever || !(d.due < cal.end())) return;
    const int unit = executing_unit(d, step);
    const double w = workdays[workdays.size() == 1 ? 0 : static_cast<std::size_t>(unit)];
    if (std::isnan(w) || cal.work_clock(d.due) > clock + w * day) return;
    ++counts[static_cast<std::size_t>(unit) * skills + step.skill];
  });
}

bool Replication::overtime_triggered(int unit, int position, const OvertimePolicy& policy) {
  long long count = 0;
  const std::size_t skills = spec_.skills.size();
  for (const int skill : spec_.positions[position].skills) {
    if (policy.trigger == OvertimeTrigger::kBacklog) {
      count += static_cast<long long>(dispatch_.queued(unit, skill));
    } else {
      count += due_soon_count_[static_cast<std::size_t>(unit) * skills + skill];
    }
  }
  return count >= policy.threshold;
}

void Replication::on_overtime_check(int unit) {
  const sim::Instant now = kernel_.now();
  const int today = day_of(now);
  if (due_soon_day_ != today &&
      std::any_of(spec_.overtime.policies.begin(), spec_.overtime.policies.end(),
                  [](const OvertimePolicy& p) { return p.trigger == OvertimeTrigger::kDueSoon; })) {
    due_soon_day_ = today;
    const double workdays = spec_.overtime.policies.front().due_soon_workdays;
    count_due_soon(due_soon_count_, std::span<const double>(&workdays, 1));
  }
  // With outages in `stop` mode, nobody stays on while the unit's system is down.
  const bool stopped = platform_.enabled() && !(platform_.speed(unit) > 0.0);
  for (const int o : overtime_officers_at_unit_[unit]) {
    OvertimeState& ot = overtime_[o];
    const OvertimePolicy& policy = spec_.overtime.policies[static_cast<std::size_t>(ot.policy)];
    if (stopped || !roster_.present(o, today) || !dispatch_.on_duty(o)) continue;
    const std::uint32_t slot = officer_work_[o].slot;
    // Interruptible work in hand (outages on) that an outage has stopped: nothing to do tonight.
    const bool interruptible = platform_.enabled() && slot != kNoSlot && ot.working_time;
    if (interruptible && !(pool_[slot].work_speed > 0.0)) continue;
    const int week = (today + monday_offset_) / 7;
    if (ot.week != week) {
      ot.week = week;
      ot.week_hours = 0.0;
    }
    // Sessions end by midnight (the day's end closes them).
    const double to_midnight =
        ((today + 1) * sim::kSecondsPerDay - now.seconds) / sim::kSecondsPerHour;
    const double hours = std::min(
        {policy.max_hours_per_day, policy.max_hours_per_week - ot.week_hours, to_midnight});
    if (hours <= 1e-9 || !overtime_triggered(unit, ot.position, policy)) continue;
    ot.from = now;
    ot.until = now + sim::Duration{hours * sim::kSecondsPerHour};
    if (slot != kNoSlot) {
      // The task in hand goes on tonight: what is left of it in working time, from now.
      Dossier& d = pool_[slot];
      sim::Instant done;
      if (interruptible) {  // the work left after its progress so far, at the platform's speed
        bank_work(d, now);
        done = work_end(o, now, d.work_left_seconds / d.work_speed);
      } else {
        if (!ot.working_time || !(ot.done > now) || ot.done == kNever) continue;
        done = overtime_done(o, now, roster_.busy_seconds(o, now, ot.done), ot.done);
        ot.done = done;
      }
      if (d.service_start > now) {  // it was to start at the next opening: it starts now
        d.phase_seconds[static_cast<int>(Phase::kWaitOfficer)] -= (d.service_start - now).seconds;
        d.phase_start = now;
        d.service_start = now;
      }
      schedule_work_done(slot, done);
    } else if (dispatch_.idle(o)) {
      if (const std::optional<OfficerDispatch::Next> next = dispatch_.pull(o, today)) {
        begin_service(next->task.slot, o, next->position, next->proficiency, next->helping);
      } else {
        end_overtime_session(o);
      }
    }
  }
  schedule_overtime_check(unit, today + 1);
}

sim::Instant Replication::overtime_done(int officer, sim::Instant now, double work_seconds,
                                        sim::Instant regular) {
  const OvertimeState& ot = overtime_[officer];
  if (!(ot.from <= now && now < ot.until)) return regular;
  const double left = (ot.until - now).seconds;
  if (work_seconds <= left) return now + sim::Duration{work_seconds};
  return roster_.add_work(officer, ot.until, work_seconds - left);
}

void Replication::end_overtime_session(int officer) {
  OvertimeState& ot = overtime_[officer];
  const sim::Instant now = kernel_.now();
  if (ot.from <= now && now < ot.until) ot.until = now;
}

double Replication::worked_seconds(int officer, sim::Instant from, sim::Instant to) const {
  double seconds = roster_.busy_seconds(officer, from, to);
  if (overtime_on()) {
    const OvertimeState& ot = overtime_[officer];
    if (ot.from != kNever)
      seconds += std::max(0.0, (std::min(to, ot.until) - std::max(from, ot.from)).seconds);
  }
  return seconds;
}

sim::Instant Replication::work_end(int officer, sim::Instant now, double work_seconds) {
  if (overtime_on()) {
    const OvertimeState& ot = overtime_[officer];
    if (ot.from <= now && now < ot.until) return overtime_done(officer, now, work_seconds, kNever);
  }
  return roster_.add_work(officer, now, work_seconds);
}

void Replication::close_overtime_sessions() {
  const sim::Instant now = kernel_.now();
  for (const std::vector<int>& officers : overtime_officers_at_unit_) {
    for (const int o : officers) {
      OvertimeState& ot = overtime_[o];
      if (ot.from == kNever) continue;
      // Tonight's progress of interruptible work in hand is banked while the session is
      // known (an outage tomorrow counts progress from now, in working time only).
      const std::uint32_t slot = officer_work_[o].slot;
      if (platform_.enabled() && ot.working_time && slot != kNoSlot) bank_work(pool_[slot], now);
      const double hours =
          std::max(0.0, (std::min(ot.until, now) - ot.from).seconds) / sim::kSecondsPerHour;
      ot.week_hours += hours;
      if (ot.from >= window_start_) {
        overtime_worked_officer_[o] += hours;
        overtime_worked_position_[ot.position] += hours;
      }
      ot.from = ot.until = kNever;
    }
  }
}

}  // namespace twotier::model::replication_internal
