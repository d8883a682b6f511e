// The event loop of one replication (docs/model-runtime.md), split over three files. This one:
// building a Replication from the spec, running it to the horizon and collecting its
// results, and the public entry points. The event handling and the dossier flow are in
// models/replication_flow.cpp, the levers' runtime in models/replication_levers.cpp; the
// class is declared in models/replication_parts.hpp.
#include "models/replication.hpp"

#include <algorithm>  // std::max, std::stable_sort
#include <cmath>
#include <limits>
#include <numeric>  // std::iota
#include <stdexcept>
#include <string>
#include <vector>

#include "models/arrival_shapes.hpp"
#include "models/replication_parts.hpp"
#include "models/work_routing.hpp"
#include "sim/civil_date.hpp"  // sim::weekday

namespace twotier::model::replication_internal {
namespace {

// Days of the presence table beyond the horizon (work in hand at the end may run past it).
constexpr int kPresenceMarginDays = 60;

// The length of a standard working day, as inputs read "wd" (sim::WeeklySchedule's
// definition: Monday's hours, 24 h when always open).
double standard_day_seconds(const sim::Calendar& cal) {
  const double seconds = cal.schedule().standard_day_seconds();
  return seconds > 0.0 ? seconds : sim::kSecondsPerDay;
}

}  // namespace

Replication::Replication(const ModelSpec& spec, std::uint64_t replication, TraceSink* trace,
                         DossierRecordSink* records)
    : spec_(spec),
      replication_(replication),
      trace_(trace),
      window_start_(spec.start + spec.warmup),
      roster_(spec, replication,
              static_cast<int>(std::ceil(spec.end.days())) + kPresenceMarginDays),
      kernel_(spec.start),
      handler_(kernel_.add_handler(*this)),
      due_timers_(kernel_, handler_, pack(EventKind::kDue, 0), kPriorityDue),
      dispatch_(spec, roster_),
      kpis_(spec, spec.start),
      reports_(spec, spec.start, spec.end),
      groups_(spec, static_cast<int>(reports_.day_ends().size())),
      recorder_(spec, records),
      busy_work_seconds_(spec.positions.size(), 0.0),
      overtime_hours_(spec.units.size(), 0.0),
      position_overtime_hours_(spec.positions.size(), 0.0),
      held_for_signing_(spec.units.size()),
      signing_scheduled_(spec.units.size(), 0),
      adoption_(spec),
      platform_(spec, replication, kernel_, *this),
      lever_kpis_(kpis_.scope_names().size()),
      held_online_(spec.units.size()),
      last_unit_served_(spec.positions.size(), -1),
      mobile_teams_(spec.levers.mobile.enabled ? spec.levers.mobile.teams : 0),
      desk_(spec, replication, kpis_.scope_names().size()),
      officer_work_(roster_.size()),
      visits_on_(spec.focus.record_visits || (spec.focus.unit >= 0 && spec.focus.province)),
      record_visits_(spec.focus.record_visits),
      focus_(spec.focus.unit >= 0 ? spec.focus.province.get() : nullptr) {
  for (std::size_t o = 0; o < roster_.size(); ++o)
    if (!roster_.always_present(static_cast<int>(o)))
      changing_officers_.push_back(static_cast<int>(o));
  if (std::any_of(spec.positions.begin(), spec.positions.end(),
                  [](const PositionSpec& p) { return !p.secondary_skills.empty(); })) {
    help_busy_seconds_.assign(spec.positions.size(), 0.0);
    helping_.assign(roster_.size(), 0);
  }
  setup_help_reviews();
  for (const UnitSpec& unit : spec.units) {
    unit_service_days_.push_back(&roster_.service_days(unit.calendar));
    unit_is_province_.push_back(unit.tier() == Tier::kProvince ? 1 : 0);
  }
  for (const PositionSpec& position : spec.positions)
    position_unit_.push_back(position.unit);
  served_slots_.reserve(roster_.size());
  officers_at_unit_.resize(spec.units.size());
  for (std::size_t o = 0; o < roster_.size(); ++o)
    for (const int p : roster_.officer(static_cast<int>(o)).positions) {
      std::vector<int>& at = officers_at_unit_[spec.positions[p].unit];
      if (at.empty() || at.back() != static_cast<int>(o)) at.push_back(static_cast<int>(o));
    }
  if (spec.levers.mobile.enabled) {
    mobile_officers_.resize(spec.units.size());
    is_mobile_officer_.assign(roster_.size(), 0);
    const std::vector<int>& at_unit = spec.levers.mobile.position_at_unit;
    for (std::size_t o = 0; o < roster_.size(); ++o) {
      const OfficerSpec& officer = roster_.officer(static_cast<int>(o));
      if (officer.positions.size() != 1 || at_unit[officer.unit] != officer.positions.front())
        continue;
      mobile_officers_[officer.unit].push_back(static_cast<int>(o));
      is_mobile_officer_[o] = 1;
      dispatch_.set_on_duty(static_cast<int>(o), false);
    }
  }
  if (spec.overtime.enabled()) {
    overtime_.resize(roster_.size());
    overtime_officers_at_unit_.resize(spec.units.size());
    overtime_worked_position_.assign(spec.positions.size(), 0.0);
    overtime_worked_officer_.assign(roster_.size(), 0.0);
    due_soon_count_.assign(spec.units.size() * spec.skills.size(), 0);
    monday_offset_ = sim::weekday(spec.epoch_date);
    for (std::size_t o = 0; o < roster_.size(); ++o) {
      if (!is_mobile_officer_.empty() && is_mobile_officer_[o]) continue;
      const OfficerSpec& officer = roster_.officer(static_cast<int>(o));
      for (const int p : officer.positions) {  // the first of its positions with a policy
        const int policy = spec.overtime.policy_of_position[static_cast<std::size_t>(p)];
        if (policy < 0) continue;
        overtime_[o].policy = policy;
        overtime_[o].position = p;
        overtime_officers_at_unit_[officer.unit].push_back(static_cast<int>(o));
        break;
      }
    }
  }
  for (std::size_t u = 0; u < spec.units.size(); ++u)
    policies_.push_back(u < spec.staff.units.size() ? make_dispatch_policy(spec.staff.units[u])
                                                    : DispatchPolicy{});
  for (const ProcedureSpec& proc : spec.procedures) {
    remaining_start_.push_back(remaining_work_.size());
    std::vector<double> suffix(proc.steps.size() + 1, 0.0);
    for (std::size_t s = proc.steps.size(); s-- > 0;)
      suffix[s] = suffix[s + 1] + (needs_officer(proc.steps[s].kind)
                                       ? proc.steps[s].effort.hours.mean() * sim::kSecondsPerHour
                                       : 0.0);
    remaining_work_.insert(remaining_work_.end(), suffix.begin(), suffix.end() - 1);
  }
  for (std::size_t c = 0; c < spec.calendars.size(); ++c) {
    const sim::Calendar& cal = spec.calendars[c];
    if (cal.end() < spec.end)
      throw std::invalid_argument("calendar " + std::to_string(c) + " ends on day " +
                                  std::to_string(cal.num_days()) +
                                  ", before the horizon (allowed: calendars covering the run)");
    standard_day_.push_back(standard_day_seconds(cal));
  }
  pair_of_.assign(spec.units.size() * spec.procedures.size(), -1);
  for (const ArrivalStreamSpec& a : spec.arrivals)
    stream_pair_.push_back(pair_index(a.unit, a.procedure));
  for (const ReplayedArrival& r : spec.replay)
    pair_index(r.unit, r.procedure);
  for (const BacklogDossier& b : spec.backlog)
    pair_index(b.unit, b.procedure);
  if (spec.replay.empty()) {
    shapes_ = build_arrival_shapes(spec);  // before the processes: they keep references
    arrival_processes_.reserve(spec.arrivals.size());
    const std::int64_t epoch_day = sim::days_from_civil(spec.epoch_date);
    for (std::size_t s = 0; s < spec.arrivals.size(); ++s) {
      const ArrivalStreamSpec& a = spec.arrivals[s];
      std::string key = "arrival/" + spec.units[a.unit].id + "/" + spec.procedures[a.procedure].id;
      for (std::size_t earlier = 0; earlier < s; ++earlier)  // a repeated pair gets "#k"
        if (stream_pair_[earlier] == stream_pair_[s]) key += "#";
      // Drawn per calendar day (sim::DailyNhppArrivals): the arrivals on a date do not depend
      // on the run's start.
      arrival_processes_.emplace_back(shapes_[a.profile], a.per_day / sim::kSecondsPerDay,
                                      sim::derive_seed(spec.seed, replication, key), epoch_day);
    }
  }
  if (!spec.levers.pools.empty()) {
    work_unit_.resize(spec.units.size() * spec.skills.size());
    pool_of_position_.assign(spec.positions.size(), -1);
    for (std::size_t u = 0; u < spec.units.size(); ++u)
      for (std::size_t k = 0; k < spec.skills.size(); ++k)
        work_unit_[u * spec.skills.size() + k] =
            work_unit_of(spec, static_cast<int>(u), static_cast<int>(k));
    for (std::size_t i = 0; i < spec.levers.pools.size(); ++i)
      pool_of_position_[spec.levers.pools[i].position] = static_cast<int>(i);
  }
  const bool sync = spec.levers.sync.probability > 0.0;
  const bool filing = spec.levers.file_elsewhere_share > 0.0;
  for (const UnitSpec& unit : spec.units) {
    if (sync) sync_rng_.emplace_back(spec.seed, replication, "sync/" + unit.id);
    if (filing) filing_rng_.emplace_back(spec.seed, replication, "filing/" + unit.id);
  }
  replay_order_.resize(spec.replay.size());
  std::iota(replay_order_.begin(), replay_order_.end(), 0u);
  std::stable_sort(replay_order_.begin(), replay_order_.end(),
                   [&](std::uint32_t a, std::uint32_t b) {
                     return spec.replay[a].received < spec.replay[b].received;
                   });
}

int Replication::pair_index(int unit, int procedure) {
  int& index = pair_of_[static_cast<std::size_t>(unit) * spec_.procedures.size() + procedure];
  if (index >= 0) return index;
  index = static_cast<int>(pairs_.size());
  const ProcedureSpec& proc = spec_.procedures[procedure];
  const std::string suffix = "/" + spec_.units[unit].id + "/" + proc.id;
  const std::size_t first = streams_.size();
  for (const char* purpose : {"incomplete", "citizen", "field_check", "rework"})
    streams_.emplace_back(spec_.seed, replication_, purpose + suffix);
  for (std::size_t s = 0; s < proc.steps.size(); ++s)
    streams_.emplace_back(spec_.seed, replication_, "effort" + suffix + "/" + std::to_string(s));
  pairs_.push_back(Pair{unit, procedure, kpis_.scopes_of(unit, procedure), first,
                        sim::InlineCategorical<kChannelCount>(
                            sim::Categorical({proc.channel_mix.begin(), proc.channel_mix.end()}))});
  return index;
}

ReplicationResult Replication::run(const std::atomic<bool>* cancel,
                                   std::atomic<std::int64_t>* days_done) {
  if (spec_.warmup.seconds > 0 && window_start_ <= spec_.end)
    schedule_at(window_start_, EventKind::kWarmupEnd, 0, kPriorityWarmup);
  if (reports_.day_ends().front() < spec_.end)
    schedule_at(reports_.day_ends().front(), EventKind::kDayEnd, 0, kPrioritySnapshot);
  if (reports_.month_ends().front() < spec_.end)
    schedule_at(reports_.month_ends().front(), EventKind::kMonthEnd, 0, kPrioritySnapshot);
  platform_.start();
  if (overtime_on())
    for (std::size_t u = 0; u < spec_.units.size(); ++u)
      if (!overtime_officers_at_unit_[u].empty())
        schedule_overtime_check(static_cast<int>(u), day_of(spec_.start));
  start_backlog();
  start_internal_work();
  if (!spec_.replay.empty()) {
    schedule_replay(0);
  } else {
    for (std::uint32_t s = 0; s < arrival_processes_.size(); ++s)
      schedule_next_arrival(s);
  }
  if (cancel == nullptr && days_done == nullptr) {
    kernel_.run_until(spec_.end);
  } else {
    // Day by day: run_until(a) then run_until(b) runs the same events as run_until(b).
    const sim::Duration day{sim::kSecondsPerDay};
    while (kernel_.now() < spec_.end) {
      const sim::Instant next = kernel_.now() + day;
      kernel_.run_until(next < spec_.end ? next : spec_.end);
      if (days_done != nullptr) days_done->fetch_add(1, std::memory_order_relaxed);
      if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
        throw ReplicationCancelled();
    }
  }

  // The horizon: close the last day and month, then account for the dossiers still open.
  while (next_day_end_ < reports_.day_ends().size()) {
    reports_.close_day();
    groups_.close_day();
    ++next_day_end_;
  }
  while (next_month_end_ < reports_.month_ends().size()) {
    reports_.close_month();
    ++next_month_end_;
  }
  pool_.for_each_open([&](std::uint32_t, const Dossier& d) {
    if (!d.in_system) return;
    kpis_.on_open_at_end(pairs_[d.pair].scopes, d.overdue);
    if (!is_internal(d)) recorder_.dossier(d, spec_.end, DossierOutcome::kPending);
    if (d.position >= 0) account_busy(d.officer, d.position, d.service_start, spec_.end);
  });
  if (record_visits_) {
    pool_.for_each_open([&](std::uint32_t slot, const Dossier& d) {
      if (d.in_system && slot < open_visits_.size() && open_visits_[slot].step >= 0)
        close_visit(slot, ProvinceVisit::Outcome::kOpen, spec_.end);
    });
  }

  ReplicationResult result;
  result.replication = replication_;
  result.scopes = kpis_.scope_names();
  result.kpis = kpis_.finish(spec_.end);
  lever_kpis_.fill(result.kpis, result.scopes, spec_,
                   platform_.enabled() ? platform_.outage_hours(spec_.end) : std::vector<double>{});
  desk_.fill(result.kpis);
  // Available time: each officer's present working time, counted in every position held.
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> position_available(spec_.positions.size(), 0.0);
  for (std::size_t o = 0; o < roster_.size(); ++o) {
    // Mobile team officers are on duty only part of the run: their utilisation is not told.
    const double available =
        !is_mobile_officer_.empty() && is_mobile_officer_[o]
            ? 0.0
            : roster_.available_seconds(static_cast<int>(o), window_start_, spec_.end);
    for (int p : roster_.officer(static_cast<int>(o)).positions)
      position_available[p] += available;
    result.officer_utilization.push_back(available > 0 ? officer_work_[o].busy_seconds / available
                                                       : kNaN);
  }
  for (std::size_t p = 0; p < spec_.positions.size(); ++p)
    result.position_utilization.push_back(
        position_available[p] > 0 ? busy_work_seconds_[p] / position_available[p] : kNaN);
  result.unit_overtime_hours = overtime_hours_;
  result.position_overtime_hours = position_overtime_hours_;
  for (const double seconds : help_busy_seconds_)
    result.position_help_hours.push_back(seconds / sim::kSecondsPerHour);
  result.position_reassignments = position_reassignments_;
  if (overtime_on()) {
    close_overtime_sessions();  // those still open at the horizon, up to it
    result.position_overtime_worked_hours = overtime_worked_position_;
    result.officer_overtime_hours = overtime_worked_officer_;
  }
  result.monthly_report = reports_.take_monthly_report();
  result.daily = reports_.take_daily();
  result.daily_domain = groups_.take_domain();
  result.daily_tier = groups_.take_tier();
  result.events = kernel_.events_run() - due_instants_run_ + dues_run_ - superseded_work_done_;
  result.dossiers = dossiers_;
  result.province_visits = std::move(visits_);
  if (focus_ != nullptr) keep_focus_scopes(result);
  return result;
}

}  // namespace twotier::model::replication_internal

namespace twotier::model {

using replication_internal::Replication;

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  TraceSink* trace, DossierRecordSink* records) {
  Replication replication_run(spec, replication, trace, records);
  return replication_run.run();
}

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  const std::atomic<bool>* cancel,
                                  std::atomic<std::int64_t>* days_done, TraceSink* trace,
                                  DossierRecordSink* records) {
  Replication replication_run(spec, replication, trace, records);
  return replication_run.run(cancel, days_done);
}

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  const std::atomic<bool>& cancel, TraceSink* trace,
                                  DossierRecordSink* records) {
  return run_replication(spec, replication, &cancel, nullptr, trace, records);
}

}  // namespace twotier::model
