// The event loop of one replication: each event's handling, the sources of dossiers (arrival
// streams, replay, backlog) and the dossier flow from receipt through steps, officers,
// supplementation and appointments to completion (docs/model-runtime.md). Its own file: the
// hot path of a run, kept in one translation unit so its calls can be inlined. Declared in
// models/replication_parts.hpp.
#include <algorithm>  // std::max, std::min
#include <cassert>
#include <charconv>  // std::to_chars
#include <cmath>
#include <variant>  // std::holds_alternative

#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {

void Replication::handle(const sim::Event& event) {
  const auto kind = static_cast<EventKind>(event.payload >> 32);
  const auto index = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
  switch (kind) {
    case EventKind::kArrival: {
      int pair = stream_pair_[index];
      // The channel from the arrival stream's marks of the day: the same on a date whatever
      // the run's start.
      sim::RandomStream& marks = arrival_processes_[index].marks(kernel_.now());
      const auto channel = adoption_.enabled()
                               ? adoption_.draw(pairs_[pair].procedure, kernel_.now(), marks)
                               : static_cast<Channel>(pairs_[pair].channels.sample(marks));
      if (channel == Channel::kInPerson && !filing_rng_.empty()) pair = choose_filing_unit(pair);
      schedule_next_arrival(index);
      if (channel == Channel::kInPerson && desk_.at(pairs_[pair].unit)) {
        come_to_desk(pair);  // queues for a counter first
        break;
      }
      // Citizens at the desk and letters wait for the desk to open; online filings are
      // received at once (their work waits for working hours).
      const sim::Instant receipt = channel == Channel::kOnline
                                       ? kernel_.now()
                                       : next_working_at(pairs_[pair].unit, kernel_.now());
      admit(pair, channel, receipt);
      break;
    }
    case EventKind::kReplay: {
      const ReplayedArrival& r = spec_.replay[replay_order_[index]];
      schedule_replay(index + 1);
      admit(pair_of_[static_cast<std::size_t>(r.unit) * spec_.procedures.size() + r.procedure],
            r.channel, kernel_.now());
      break;
    }
    case EventKind::kReceive:
      receive(index);
      break;
    case EventKind::kWorkDone:
      on_work_done(index);
      break;
    case EventKind::kInterruptibleWorkDone:
      // A superseded completion (an outage changed the speed since) does nothing; the slot may
      // even hold another dossier by now, whose work_done_sequence is another or none (0).
      if (pool_[index].work_done_sequence == event.sequence) {
        on_work_done(index);
      } else {
        ++superseded_work_done_;
      }
      break;
    case EventKind::kPhaseDone:
      end_step(index);
      break;
    case EventKind::kCitizenBack:
      on_citizen_back(index);
      break;
    case EventKind::kWithdraw:
      on_withdraw(index);
      break;
    case EventKind::kDue:
      ++due_instants_run_;
      dues_run_ += due_timers_.fire(event.payload, [this](std::uint32_t slot) { on_due(slot); });
      break;
    case EventKind::kDayEnd:
      if (overtime_on()) close_overtime_sessions();
      reports_.close_day();
      groups_.close_day();
      on_new_day();
      if (!mobile_teams_.empty()) mobile_team_day_end();
      if (!cross_trained_at_unit_.empty()) help_day_end();
      if (++next_day_end_ < reports_.day_ends().size() &&
          reports_.day_ends()[next_day_end_] < spec_.end)
        schedule_at(reports_.day_ends()[next_day_end_], EventKind::kDayEnd, 0, kPrioritySnapshot);
      break;
    case EventKind::kMonthEnd:
      reports_.close_month();
      if (++next_month_end_ < reports_.month_ends().size() &&
          reports_.month_ends()[next_month_end_] < spec_.end)
        schedule_at(reports_.month_ends()[next_month_end_], EventKind::kMonthEnd, 0,
                    kPrioritySnapshot);
      break;
    case EventKind::kWarmupEnd:
      kpis_.reset(kernel_.now());
      std::fill(overtime_hours_.begin(), overtime_hours_.end(), 0.0);
      std::fill(position_overtime_hours_.begin(), position_overtime_hours_.end(), 0.0);
      std::fill(help_busy_seconds_.begin(), help_busy_seconds_.end(), 0.0);
      std::fill(position_reassignments_.begin(), position_reassignments_.end(), 0.0);
      std::fill(overtime_worked_position_.begin(), overtime_worked_position_.end(), 0.0);
      std::fill(overtime_worked_officer_.begin(), overtime_worked_officer_.end(), 0.0);
      lever_kpis_.reset();
      desk_.reset();
      platform_.reset_window(kernel_.now());
      break;
    case EventKind::kSigning:
      on_signing(static_cast<int>(index));
      break;
    case EventKind::kInternalIssue:
      issue_internal(index);
      break;
    case EventKind::kDeskJoin:
      desk_join(index);
      break;
    case EventKind::kDeskDone:
      on_desk_done(index);
      break;
    case EventKind::kDeskAbandon:
      on_desk_abandon(index, event.sequence);
      break;
    case EventKind::kOvertimeCheck:
      on_overtime_check(static_cast<int>(index));
      break;
    case EventKind::kVisitDone:
      on_visit_done(index);
      break;
  }
}

void Replication::schedule_at(sim::Instant at, EventKind kind, std::uint32_t index,
                              std::int32_t priority) {
  if (at > spec_.end) return;  // after the horizon: never runs
  kernel_.schedule(at, handler_, pack(kind, index), priority);
}

void Replication::schedule_next_arrival(std::uint32_t s) {
  const std::optional<sim::Instant> next = arrival_processes_[s].next(kernel_.now());
  if (next) schedule_at(*next, EventKind::kArrival, s);
}

void Replication::schedule_replay(std::uint32_t position) {
  // Replayed receipts before the start are skipped (the backlog snapshot describes them).
  while (position < replay_order_.size() &&
         spec_.replay[replay_order_[position]].received < spec_.start)
    ++position;
  if (position < replay_order_.size())
    schedule_at(spec_.replay[replay_order_[position]].received, EventKind::kReplay, position);
}

void Replication::start_backlog() {
  for (std::size_t b = 0; b < spec_.backlog.size(); ++b) {
    const BacklogDossier& entry = spec_.backlog[b];
    const std::uint32_t slot = pool_.allocate();
    Dossier& d = pool_[slot];
    d.backlog_index = static_cast<std::int32_t>(b);
    d.unit = entry.unit;
    d.procedure = entry.procedure;
    d.pair =
        pair_of_[static_cast<std::size_t>(entry.unit) * spec_.procedures.size() + entry.procedure];
    d.first_stream = static_cast<std::uint32_t>(pairs_[d.pair].first_stream);
    d.step = static_cast<std::int16_t>(entry.current_step);
    d.in_system = true;
    d.received = d.clock_start = entry.received;
    d.phase_start = d.step_start = spec_.start;
    ++dossiers_;
    sim::Instant due = kNever;
    try {
      due = statutory_calendar().deadline_after(d.received, procedure_of(d).deadline_workdays,
                                                spec_.deadline_rule);
    } catch (const std::out_of_range&) {
    }
    // Already past its appointment: its apology slip was written before the run.
    d.overdue = due < spec_.start;
    reports_.on_carried_in(d.unit, d.overdue);
    groups_.on_carried_in(d.procedure, d.overdue);
    kpis_.on_receive(pairs_[d.pair].scopes, spec_.start, false);
    trace(d, "receive", d.received);
    set_due(slot, due);
    start_step(slot);
  }
}

void Replication::admit(int pair, Channel channel, sim::Instant receipt) {
  const std::uint32_t slot = pool_.allocate();
  Dossier& d = pool_[slot];
  d.number = ++next_number_;
  d.unit = pairs_[pair].unit;
  d.procedure = pairs_[pair].procedure;
  d.pair = pair;
  d.first_stream = static_cast<std::uint32_t>(pairs_[pair].first_stream);
  d.channel = static_cast<std::uint8_t>(channel);
  trace(d, "arrive", kernel_.now());
  if (channel == Channel::kOnline && platform_.enabled() && platform_.down(d.unit)) {
    held_online_[d.unit].push_back(slot);  // the portal queues it until the platform is back
    trace(d, "held", kernel_.now());
    note_outage_hit(d);
    return;
  }
  if (receipt > kernel_.now()) {
    if (receipt > spec_.end) {
      pool_.release(slot);  // the desk opens after the horizon
      return;
    }
    schedule_at(receipt, EventKind::kReceive, slot);
  } else {
    receive(slot);
  }
}

void Replication::receive(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  d.in_system = true;
  d.received = d.clock_start = d.phase_start = now;
  ++dossiers_;
  reports_.on_receive(d.unit);
  groups_.on_receive(d.procedure);
  kpis_.on_receive(pairs_[d.pair].scopes, now, true);
  lever_kpis_.on_receive(pairs_[d.pair].scopes,
                         static_cast<Channel>(d.channel) == Channel::kOnline);
  trace(d, "receive", now);
  sim::Instant due = kNever;
  try {
    due = statutory_calendar().deadline_after(now, procedure_of(d).deadline_workdays,
                                              spec_.deadline_rule);
  } catch (const std::out_of_range&) {  // beyond the calendar, hence after the horizon
  }
  set_due(slot, due);
  start_step(slot);
}

int Replication::executing_unit(const Dossier& d, const StepSpec& step) const {
  if (step.tier == Tier::kCommune) {
    const int unit =
        work_unit_.empty() ? d.unit : work_unit_[d.unit * spec_.skills.size() + step.skill];
    // Filed at a provincial body that has no officer for a commune-tier step (a procedure
    // delegated to communes but filed at the provincial center): the domain's body does it.
    if (step.kind == StepKind::kWork && unit_is_province_[unit] &&
        !dispatch_.covered(unit, step.skill)) {
      const int body = spec_.province_unit_for_domain[static_cast<int>(procedure_of(d).domain)];
      if (body >= 0) return body;
    }
    return unit;
  }
  const int province_unit =
      spec_.province_unit_for_domain[static_cast<int>(procedure_of(d).domain)];
  assert(province_unit >= 0 && "the loader maps every domain with provincial steps");
  return province_unit >= 0 ? province_unit : d.unit;
}

void Replication::start_step(std::uint32_t slot) {
  if (visits_on_ && visit_step(slot)) return;  // unit-focused runs (models/focus.hpp)
  Dossier& d = pool_[slot];
  const ProcedureSpec& proc = procedure_of(d);
  if (static_cast<std::size_t>(d.step) >= proc.steps.size()) {
    complete(slot);
    return;
  }
  const StepSpec& step = proc.steps[d.step];
  const sim::Instant now = kernel_.now();
  d.step_start = now;
  if (step.pauses_clock) stop_clock(slot);
  const int unit = executing_unit(d, step);
  switch (step.kind) {
    case StepKind::kWork:
      queue_work(slot, unit, step);
      break;
    case StepKind::kSignature:
      if (static_cast<std::size_t>(unit) < spec_.staff.units.size() &&
          !spec_.staff.units[unit].signing_seconds_of_day.empty()) {
        hold_for_signing(slot, unit);
      } else {
        queue_work(slot, unit, step);
      }
      break;
    case StepKind::kDelay: {
      d.enter_phase(Phase::kDelay, now);
      trace_step(d, "start:", step, now);
      const double hours = step.effort.hours.sample(stream(d, kFirstEffort + d.step));
      schedule_at(after_delay(step.effort, hours, calendar_of(unit), now), EventKind::kPhaseDone,
                  slot);
      break;
    }
    case StepKind::kTransfer: {
      d.enter_phase(Phase::kTransfer, now);
      trace_step(d, "start:", step, now);
      const bool to_province = static_cast<std::size_t>(d.step) + 1 < proc.steps.size() &&
                               proc.steps[d.step + 1].tier == Tier::kProvince;
      const UnitSpec& filing = spec_.units[d.unit];
      const DelaySpec& lag =
          to_province ? filing.transfer_to_province : filing.transfer_from_province;
      const double hours = lag.hours.sample(stream(d, kFirstEffort + d.step));
      schedule_at(after_delay(lag, hours, calendar_of(d.unit), now), EventKind::kPhaseDone, slot);
      break;
    }
  }
}

void Replication::queue_work(std::uint32_t slot, int unit, const StepSpec& step) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  d.enter_phase(Phase::kWaitOfficer, now);
  trace_step(d, "queue:", step, now);
  offer_work(slot, unit, step);
}

void Replication::offer_work(std::uint32_t slot, int unit, const StepSpec& step) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  d.queued_at = now;
  OfficerDispatch::Task task{slot, next_sequence_++, 0.0};
  const DispatchPolicy& policy = policies_[unit];
  if (!std::holds_alternative<FirstComeFirstServed>(policy)) {
    TaskFacts facts;
    facts.domain = procedure_of(d).domain;
    facts.remaining_work_seconds = remaining_work_[remaining_start_[d.procedure] + d.step];
    facts.due_seconds = d.due.seconds;
    facts.due_work_clock = std::numeric_limits<double>::infinity();
    if (needs_deadline(policy) && d.due < statutory_calendar().end())
      facts.due_work_clock = statutory_calendar().work_clock(d.due);
    task.key = priority_key(policy, facts);
  }
  if (const std::optional<OfficerDispatch::Assignment> taken =
          dispatch_.offer(unit, step.skill, task, service_day(unit, now)))
    begin_service(taken->slot, taken->officer, taken->position, taken->proficiency, taken->helping);
}

void Replication::hold_for_signing(std::uint32_t slot, int unit) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  d.enter_phase(Phase::kWaitOfficer, now);
  trace_step(d, "queue:", procedure_of(d).steps[d.step], now);
  held_for_signing_[unit].push_back(slot);
  if (!signing_scheduled_[unit]) schedule_signing(unit, now, false);
}

void Replication::schedule_signing(int unit, sim::Instant after, bool strictly) {
  const sim::Calendar& cal = calendar_of(unit);
  const std::vector<double>& times = spec_.staff.units[unit].signing_seconds_of_day;
  for (int day = day_of(after); day < cal.num_days(); ++day) {
    if (!cal.is_working_day(day)) continue;
    for (const double seconds : times) {
      const sim::Instant session{day * sim::kSecondsPerDay + seconds};
      if (session > after || (!strictly && session == after)) {
        if (session <= spec_.end) {
          signing_scheduled_[unit] = 1;
          schedule_at(session, EventKind::kSigning, static_cast<std::uint32_t>(unit));
        }
        return;
      }
    }
  }
}

void Replication::on_signing(int unit) {
  signing_scheduled_[unit] = 0;
  std::vector<std::uint32_t>& held = held_for_signing_[unit];
  const int batch_max = spec_.staff.units[unit].signing_batch_max;
  const std::size_t n =
      batch_max > 0 ? std::min(held.size(), static_cast<std::size_t>(batch_max)) : held.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Dossier& d = pool_[held[i]];
    offer_work(held[i], unit, procedure_of(d).steps[d.step]);
  }
  held.erase(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(n));
  if (!held.empty()) schedule_signing(unit, kernel_.now(), true);
}

void Replication::on_new_day() {
  const sim::Instant now = kernel_.now();
  for (const int officer : changing_officers_) {
    if (!dispatch_.idle(officer)) continue;
    const int day = service_day(roster_.officer(officer).unit, now);  // present that day only
    if (const std::optional<OfficerDispatch::Next> next = dispatch_.pull(officer, day))
      begin_service(next->task.slot, officer, next->position, next->proficiency, next->helping);
  }
}

void Replication::begin_service(std::uint32_t slot, int officer, int position, float proficiency,
                                bool helping) {
  Dossier& d = pool_[slot];
  const StepSpec& step = procedure_of(d).steps[d.step];
  const sim::Instant now = kernel_.now();
  // The officer starts at their next working instant; the time until then is still waiting.
  // (The day of `begin` comes with it: the same as day_of(begin).)
  const auto [begin, day] = roster_.next_work_start(officer, now);
  double hours = step.effort.hours.sample(stream(d, kFirstEffort + d.step)) /
                 (roster_.dossier_share(officer) * roster_.speed(officer, day));
  if (static_cast<Channel>(d.channel) == Channel::kOnline &&
      step.skill == spec_.levers.front_office_skill)
    hours *= spec_.levers.online_effort_factor;  // online dossiers arrive digitised
  if (!helping_.empty()) {                       // some position has secondary skills
    helping_[officer] = helping ? 1 : 0;
    hours /= proficiency;
  }
  if (!pool_of_position_.empty() && pool_of_position_[position] >= 0) {
    int& last = last_unit_served_[position];
    if (last >= 0 && last != d.unit)  // travel / switching between the units it serves
      hours += spec_.levers.pools[pool_of_position_[position]].switch_hours;
    last = d.unit;
  }
  sim::Instant done =
      step.effort.working_time
          ? roster_.add_work(officer, now, std::max(0.0, hours) * sim::kSecondsPerHour,
                             {begin, day})
          : now + sim::Duration{std::max(0.0, hours) * sim::kSecondsPerHour};
  const int unit = position_unit_[position];
  sim::Instant start = begin;
  if (overtime_on()) {  // an officer staying on after closing works at once, in calendar time
    OvertimeState& ot = overtime_[officer];
    ot.working_time = step.effort.working_time;
    if (step.effort.working_time && ot.from <= now && now < ot.until) {
      done = overtime_done(officer, now, std::max(0.0, hours) * sim::kSecondsPerHour, done);
      start = now;
    }
  }
  // Outages interrupt working-time work like absences do: the officer's own working time
  // (Roster::add_work, which skips sick and leave days; an overtime session's hours too) at
  // the platform's speed.
  const bool interruptible = platform_.enabled() && step.effort.working_time;
  if (interruptible) {
    d.work_left_seconds = std::max(0.0, hours) * sim::kSecondsPerHour;
    d.work_from = now;
    d.work_speed = platform_.speed(unit);
    if (d.work_speed < 1.0) {
      note_outage_hit(d);
      if (d.work_speed > 0.0) {
        done = work_end(officer, now, d.work_left_seconds / d.work_speed);
      } else {
        done = kNever;
        if (overtime_on()) end_overtime_session(officer);  // stopped: nothing to do tonight
      }
    }
  }
  if (overtime_on()) overtime_[officer].done = done;
  // Overtime that would have been needed: work queued on a working day and not started by
  // that day's close, counted once (its mean effort).
  if (day != day_of(d.queued_at) && day > service_days_of(unit).day(d.queued_at) &&
      d.queued_at >= window_start_) {
    overtime_hours_[unit] += step.effort.hours.mean();
    position_overtime_hours_[position] += step.effort.hours.mean();
  }
  d.position = position;
  d.officer = officer;
  officer_work_[officer].slot = slot;
  officer_work_[officer].unit = unit;
  d.service_start = std::min(start, done);
  d.enter_phase(Phase::kWorked, d.service_start);
  trace_step(d, "start:", step, d.service_start);
  if (interruptible || overtime_on()) {  // overtime may reschedule the completion
    schedule_work_done(slot, done);
  } else {
    schedule_at(done, EventKind::kWorkDone, slot);
  }
}

void Replication::account_busy(int officer, int position, sim::Instant from, sim::Instant to) {
  const double busy = roster_.busy_seconds(officer, std::max(from, window_start_), to);
  busy_work_seconds_[position] += busy;
  officer_work_[officer].busy_seconds += busy;
  if (!helping_.empty() && helping_[officer]) help_busy_seconds_[position] += busy;
}

void Replication::on_work_done(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const int position = d.position;
  const int officer = d.officer;
  const sim::Instant now = kernel_.now();
  account_busy(officer, position, d.service_start, now);
  d.position = -1;
  d.officer = -1;
  officer_work_[officer].slot = kNoSlot;
  d.work_done_sequence = 0;
  if (!is_internal(d)) recorder_.step(d, d.service_start, now, position);
  const double error = roster_.error_probability(officer, day_of(now));
  if (error > 0.0 && sim::bernoulli(stream(d, kRework), error)) {
    // The officer's error is caught: the step is redone (queued again, same effort law).
    const StepSpec& step = procedure_of(d).steps[d.step];
    trace_step(d, "end:", step, now);
    trace_step(d, "rework:", step, now);
    queue_work(slot, spec_.positions[position].unit, step);
  } else {
    after_work(slot);  // may free the slot: `d` is not used below
  }
  // The unit's next service day, not the officer's own next day present: an officer about to
  // go on leave takes no task to hold over the absence (it stays queued for those present).
  const int day = service_day(roster_.unit(officer), now);
  if (const std::optional<OfficerDispatch::Next> next = dispatch_.release(officer, day)) {
    if (next->upcoming_slot != OfficerDispatch::kNoSlot)
      __builtin_prefetch(&pool_[next->upcoming_slot]);  // queued long: likely out of cache
    begin_service(next->task.slot, officer, next->position, next->proficiency, next->helping);
  } else if (overtime_on()) {
    end_overtime_session(officer);
  }
}

void Replication::after_work(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const StepSpec& step = procedure_of(d).steps[d.step];
  const sim::Instant now = kernel_.now();
  trace_step(d, "end:", step, now);
  if (!d.supplemented && step.incomplete_probability > 0.0 &&
      sim::bernoulli(stream(d, kIncomplete), step.incomplete_probability)) {
    send_to_citizen(slot);
    return;
  }
  if (step.field_check_probability > 0.0 &&
      sim::bernoulli(stream(d, kFieldCheck), step.field_check_probability)) {
    d.enter_phase(Phase::kDelay, now);
    trace(d, "field_check", now);
    const double hours = step.field_check.hours.sample(stream(d, kFieldCheck));
    schedule_at(after_delay(step.field_check, hours, calendar_of(executing_unit(d, step)), now),
                EventKind::kPhaseDone, slot);
    return;
  }
  end_step(slot);
}

void Replication::end_step(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const StepSpec& step = procedure_of(d).steps[d.step];
  const sim::Instant now = kernel_.now();
  if (step.kind != StepKind::kWork) trace_step(d, "end:", step, now);
  if (!needs_officer(step.kind)) recorder_.step(d, d.step_start, now, -1);
  d.tier_seconds[static_cast<int>(step.tier)] += (now - d.step_start).seconds;
  if (step.pauses_clock) {
    // The statutory clock stood still during the step: the appointment moves by its
    // working duration.
    const double paused = working_seconds(statutory_calendar(), d.step_start, now);
    d.paused_work_seconds += paused;
    set_due(slot, shifted_due(d, paused));
  }
  ++d.step;
  start_step(slot);
}

void Replication::send_to_citizen(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const ProcedureSpec& proc = procedure_of(d);
  const sim::Instant now = kernel_.now();
  d.supplemented = true;
  d.supplement_requested = now;
  d.tier_seconds[static_cast<int>(proc.steps[d.step].tier)] += (now - d.step_start).seconds;
  d.step_start = now;  // the clock stops while the citizen has the dossier
  stop_clock(slot);
  d.enter_phase(Phase::kCitizen, now);
  kpis_.on_supplementation(pairs_[d.pair].scopes);
  trace(d, "supplementation", now);
  sim::RandomStream& rng = stream(d, kCitizen);
  const bool withdraws =
      proc.withdraw_probability > 0.0 && sim::bernoulli(rng, proc.withdraw_probability);
  const double hours = proc.citizen_response.hours.sample(rng);
  sim::Instant back = after_delay(proc.citizen_response, hours, calendar_of(d.unit), now);
  if (!withdraws && static_cast<Channel>(d.channel) != Channel::kOnline)
    back = next_working_at(d.unit, back);  // the desk must be open to take it back
  schedule_at(back, withdraws ? EventKind::kWithdraw : EventKind::kCitizenBack, slot);
}

void Replication::on_citizen_back(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const ProcedureSpec& proc = procedure_of(d);
  const sim::Instant now = kernel_.now();
  trace(d, "resubmit", now);
  d.supplement_returned = now;
  const sim::Calendar& cal = statutory_calendar();
  if (proc.clock_on_supplement == ClockOnSupplement::kPause) {
    const double paused = working_seconds(cal, d.step_start, now);
    d.paused_work_seconds += paused;
    set_due(slot, shifted_due(d, paused));
  } else {
    // The clock restarts from the complete dossier: processing time counts from here.
    d.clock_start = now;
    d.paused_work_seconds = 0.0;
    sim::Instant due = kNever;
    try {
      due = cal.deadline_after(now, proc.deadline_workdays, spec_.deadline_rule);
    } catch (const std::out_of_range&) {
    }
    set_due(slot, due);
  }
  start_step(slot);  // the step that found it incomplete, again
}

void Replication::on_withdraw(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  trace(d, "withdraw", now);
  if (record_visits_ && slot < open_visits_.size() && open_visits_[slot].step >= 0)
    close_visit(slot, ProvinceVisit::Outcome::kWithdrawn, now);
  d.enter_phase(d.phase, now);
  Departure departure;
  departure.time_in_system_days = (now - d.received).days();
  departure.completed = false;
  departure.phase_seconds = d.phase_seconds;
  kpis_.on_departure(pairs_[d.pair].scopes, now, departure);
  reports_.on_withdraw(d.unit, d.overdue);
  recorder_.dossier(d, now, DossierOutcome::kWithdrawn);
  groups_.on_leave(d.procedure, false, d.overdue);
  leave(slot);
}

void Replication::on_due(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  assert(d.in_system && !d.overdue);
  d.overdue = true;
  trace(d, "overdue", kernel_.now());
  kpis_.on_apology_slip(pairs_[d.pair].scopes);
  if (is_internal(d)) return;  // not a citizen's dossier: no report, no daily series
  reports_.on_overdue(d.unit);
  groups_.on_overdue(d.procedure);
}

void Replication::complete(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  trace(d, "complete", now);
  d.enter_phase(d.phase, now);
  const sim::Calendar& cal = statutory_calendar();
  Departure departure;
  departure.time_in_system_days = (now - d.received).days();
  departure.completed = true;
  departure.on_time = !d.overdue;
  departure.processing_workdays =
      (working_seconds(cal, d.clock_start, now) - d.paused_work_seconds) /
      standard_day_[spec_.staff.statutory_calendar];
  departure.phase_seconds = d.phase_seconds;
  kpis_.on_departure(pairs_[d.pair].scopes, now, departure);
  if (is_internal(d)) {  // not a citizen's dossier: no portal status, report or daily series
    leave(slot);
    return;
  }
  bool flagged = d.overdue;
  if (!flagged && !sync_rng_.empty()) {  // the status may reach the portal after the appointment
    sim::RandomStream& rng = sync_rng_[d.unit];
    if (sim::bernoulli(rng, spec_.levers.sync.probability)) {
      const double late = std::max(0.0, spec_.levers.sync.delay_hours.sample(rng));
      flagged = now + sim::Duration{late * sim::kSecondsPerHour} > d.due;
    }
  }
  lever_kpis_.on_complete(pairs_[d.pair].scopes, d.overdue, flagged);
  reports_.on_complete(d.unit, departure.on_time, d.overdue);
  recorder_.dossier(d, now, departure.on_time ? DossierOutcome::kOnTime : DossierOutcome::kLate);
  groups_.on_leave(d.procedure, true, d.overdue);
  leave(slot);
}

void Replication::leave(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  due_timers_.disarm(slot);
  d.in_system = false;
  pool_.release(slot);
}

void Replication::set_due(std::uint32_t slot, sim::Instant due) {
  Dossier& d = pool_[slot];
  d.due = due;
  due_timers_.disarm(slot);
  if (due != kNever) trace(d, "appointment", due);
  if (!d.overdue && due <= spec_.end) due_timers_.arm(slot, due);
}

sim::Instant Replication::shifted_due(const Dossier& d, double work_seconds) const {
  if (d.due == kNever || work_seconds <= 0.0) return d.due;
  const sim::Calendar& cal = statutory_calendar();
  if (d.due >= cal.end()) return kNever;
  const double clock = cal.work_clock(d.due) + work_seconds;
  return clock > cal.total_work_seconds() ? kNever : cal.instant_at_work_clock(clock);
}

void Replication::record_trace(const Dossier& d, std::string_view event, sim::Instant at) {
  if (d.backlog_index >= 0) {
    trace_name_ = spec_.backlog[d.backlog_index].id;
  } else {
    char buffer[16] = {'D'};
    const std::to_chars_result end = std::to_chars(buffer + 1, buffer + sizeof buffer, d.number);
    trace_name_.assign(buffer, end.ptr);
  }
  trace_->record({trace_name_, event, at});
}

void Replication::record_trace_step(const Dossier& d, const char* prefix, const StepSpec& step,
                                    sim::Instant at) {
  trace_event_ = prefix;
  trace_event_ += step.name;
  record_trace(d, trace_event_, at);
}

}  // namespace twotier::model::replication_internal
