// Unit-focused runs in the replication (models/focus.hpp): a baseline of the whole province
// records each dossier's visit to the provincial steps; a focused run gives the focused
// unit's dossiers a visit drawn from those instead of queueing at the provincial bodies.
// Declared in models/replication_parts.hpp.
#include <algorithm>  // std::max
#include <limits>
#include <stdexcept>  // std::out_of_range

#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {
namespace {

constexpr int kProvinceTier = static_cast<int>(Tier::kProvince);

// Calendar seconds per phase up to `now`, the phase in progress included.
double phase_upto(const Dossier& d, int phase, sim::Instant now) {
  return d.phase_seconds[phase] +
         (static_cast<int>(d.phase) == phase ? (now - d.phase_start).seconds : 0.0);
}

}  // namespace

bool Replication::visit_step(std::uint32_t slot) {
  const Dossier& d = pool_[slot];
  if (is_internal(d)) return false;
  const ProcedureSpec& proc = procedure_of(d);
  const bool provincial = static_cast<std::size_t>(d.step) < proc.steps.size() &&
                          provincial_visit_step(proc.steps[static_cast<std::size_t>(d.step)]);
  if (record_visits_) {
    if (slot >= open_visits_.size()) open_visits_.resize(pool_.capacity());
    const bool open = open_visits_[slot].step >= 0;
    if (open && !provincial) {
      close_visit(slot, ProvinceVisit::Outcome::kLeft, kernel_.now());
    } else if (!open && provincial) {
      open_visit(slot);
    }
    return false;
  }
  return provincial && focus_ != nullptr && draw_visit(slot);
}

void Replication::open_visit(std::uint32_t slot) {
  const Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  OpenVisit& open = open_visits_[slot];
  open.step = d.step;
  open.entered = now.seconds;
  open.paused = d.paused_work_seconds;
  open.clock_start = d.clock_start.seconds;
  open.province_seconds = d.tier_seconds[kProvinceTier];
  for (int p = 0; p < kPhaseCount; ++p)
    open.phase[p] = phase_upto(d, p, now);
}

void Replication::close_visit(std::uint32_t slot, ProvinceVisit::Outcome outcome, sim::Instant at) {
  const Dossier& d = pool_[slot];
  OpenVisit& open = open_visits_[slot];
  ProvinceVisit v;
  v.entered = open.entered;
  v.sojourn = static_cast<float>(at.seconds - open.entered);
  if (d.clock_start.seconds > open.clock_start) {  // the clock restarted at the resubmission
    v.restart = static_cast<float>(d.clock_start.seconds - open.entered);
    v.paused = static_cast<float>(d.paused_work_seconds);
  } else {
    v.paused = static_cast<float>(d.paused_work_seconds - open.paused);
  }
  if (d.supplement_requested && d.supplement_requested->seconds >= open.entered) {
    v.supplement_requested = static_cast<float>(d.supplement_requested->seconds - open.entered);
    if (d.supplement_returned && d.supplement_returned->seconds >= open.entered)
      v.supplement_returned = static_cast<float>(d.supplement_returned->seconds - open.entered);
  }
  v.province_seconds = static_cast<float>(d.tier_seconds[kProvinceTier] - open.province_seconds);
  for (int p = 0; p < kPhaseCount; ++p)
    v.phase[static_cast<std::size_t>(p)] = static_cast<float>(phase_upto(d, p, at) - open.phase[p]);
  if (outcome == ProvinceVisit::Outcome::kOpen) {  // is the clock standing still at the horizon?
    const ProcedureSpec& proc = procedure_of(d);
    if (d.phase == Phase::kCitizen && d.supplement_requested) {
      v.clock_stopped = static_cast<float>(d.supplement_requested->seconds - open.entered);
    } else if (static_cast<std::size_t>(d.step) < proc.steps.size() &&
               proc.steps[static_cast<std::size_t>(d.step)].pauses_clock) {
      v.clock_stopped = static_cast<float>(d.step_start.seconds - open.entered);
    }
  }
  v.procedure = static_cast<std::int16_t>(d.procedure);
  v.entry_step = static_cast<std::int16_t>(open.step);
  v.exit_step = d.step;
  v.outcome = outcome;
  visits_.push_back(v);
  open.step = -1;
}

bool Replication::draw_visit(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  // The dossier's own stream of this step's effort, which a focused run does not use.
  sim::RandomStream& rng = stream(d, kFirstEffort + static_cast<std::size_t>(d.step));
  const double u = rng.uniform01();
  const ProvinceVisit* v = focus_->draw_uncensored(replication_, d.procedure, d.step, now.seconds,
                                                   u, [&] { return rng.uniform01(); });
  if (v == nullptr) return false;  // no baseline visit to draw from: simulate the step
  if (slot >= drawn_visits_.size()) drawn_visits_.resize(pool_.capacity(), nullptr);
  drawn_visits_[slot] = v;
  d.step_start = now;
  d.enter_phase(Phase::kDelay, now);
  trace(d, "province_aggregate", now);
  // The visit's moments, moved in the provincial body's working time (models/focus.hpp,
  // visit_moment), each no earlier than the one before.
  const ProcedureSpec& proc = procedure_of(d);
  const sim::Calendar& cal =
      calendar_of(executing_unit(d, proc.steps[static_cast<std::size_t>(d.step)]));
  sim::Instant last = now;
  const auto moment = [&](float offset) {
    last = std::max(last, visit_moment(cal, v->entered, offset, now));
    return last;
  };
  if (v->supplement_requested >= 0.0f) {
    d.supplemented = true;
    d.supplement_requested = moment(v->supplement_requested);
    if (v->supplement_returned >= 0.0f) d.supplement_returned = moment(v->supplement_returned);
    kpis_.on_supplementation(pairs_[d.pair].scopes);
  }
  // The statutory clock as the visit left it: restarted at the resubmission, or paused.
  if (v->restart >= 0.0f) {
    const sim::Instant restart = moment(v->restart);
    d.clock_start = restart;
    d.paused_work_seconds = 0.0;
    d.due = kNever;
    try {
      d.due =
          statutory_calendar().deadline_after(restart, proc.deadline_workdays, spec_.deadline_rule);
    } catch (const std::out_of_range&) {
    }
  }
  d.paused_work_seconds += v->paused;
  set_due(slot, shifted_due(d, v->paused));
  // Open at the horizon with the clock standing still since `clock_stopped`: the appointment
  // can pass only before then.
  if (v->clock_stopped >= 0.0f && d.due > moment(v->clock_stopped)) stop_clock(slot);
  switch (v->outcome) {
    case ProvinceVisit::Outcome::kLeft:
      schedule_at(moment(v->sojourn), EventKind::kVisitDone, slot);
      break;
    case ProvinceVisit::Outcome::kWithdrawn:
      schedule_at(moment(v->sojourn), EventKind::kWithdraw, slot);
      break;
    case ProvinceVisit::Outcome::kOpen:  // still at the province at the baseline's horizon
      break;
  }
  return true;
}

void Replication::on_visit_done(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const ProvinceVisit& v = *drawn_visits_[slot];
  const sim::Instant now = kernel_.now();
  // Where the time went, as in the baseline visit (instead of all of it as a delay).
  for (int p = 0; p < kPhaseCount; ++p)
    d.phase_seconds[p] += v.phase[static_cast<std::size_t>(p)];
  d.phase_start = now;
  d.tier_seconds[kProvinceTier] += v.province_seconds;
  d.step = v.exit_step;
  trace(d, "province_aggregate_done", now);
  start_step(slot);
}

void Replication::keep_focus_scopes(ReplicationResult& result) const {
  // Only the focused unit's own scopes: the province, tier, domain and procedure scopes of a
  // focused run would hold this unit's dossiers alone, which is not what they name.
  const std::string& id = spec_.units[static_cast<std::size_t>(spec_.focus.unit)].id;
  std::vector<std::string> scopes;
  std::vector<KpiRow> kpis;
  for (std::size_t s = 0; s < result.scopes.size(); ++s) {
    if (result.scopes[s] == "unit:" + id || result.scopes[s] == "internal_unit:" + id) {
      scopes.push_back(result.scopes[s]);
      kpis.push_back(result.kpis[s]);
    }
  }
  result.scopes = std::move(scopes);
  result.kpis = std::move(kpis);
  std::erase_if(result.monthly_report,
                [&](const MonthlyReportRow& row) { return row.unit != spec_.focus.unit; });
  // The other units' officers are idle in a focused run: their utilisation is not told.
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t p = 0; p < spec_.positions.size(); ++p)
    if (spec_.positions[p].unit != spec_.focus.unit) result.position_utilization[p] = kNaN;
  for (std::size_t o = 0; o < roster_.size(); ++o)
    if (roster_.officer(static_cast<int>(o)).unit != spec_.focus.unit)
      result.officer_utilization[o] = kNaN;
}

}  // namespace twotier::model::replication_internal
