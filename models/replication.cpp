// The event loop of one replication. Event payloads pack (EventKind, index): the index is a
// dossier slot, an arrival stream or a replay position. See docs/model-runtime.md.
#include "models/replication.hpp"

#include <algorithm>  // std::max, std::min, std::stable_sort
#include <cassert>
#include <charconv>  // std::to_chars
#include <cmath>
#include <limits>
#include <numeric>  // std::iota
#include <stdexcept>
#include <string>
#include <vector>

#include "models/arrival_shapes.hpp"
#include "models/dispatch_policy.hpp"
#include "models/dossier_pool.hpp"
#include "models/dossier_recorder.hpp"
#include "models/group_daily.hpp"
#include "models/it_platform.hpp"
#include "models/kpi_collector.hpp"
#include "models/lever_kpis.hpp"
#include "models/officer_dispatch.hpp"
#include "models/online_adoption.hpp"
#include "models/roster.hpp"
#include "models/service_days.hpp"
#include "models/unit_reports.hpp"
#include "models/work_routing.hpp"
#include "sim/coalesced_timers.hpp"
#include "sim/distribution.hpp"
#include "sim/kernel.hpp"
#include "sim/nhpp.hpp"
#include "sim/random.hpp"

namespace twotier::model {
namespace {

enum class EventKind : std::uint8_t {
  kArrival,      // index: arrival stream
  kReplay,       // index: position in the replay order
  kReceive,      // index: dossier slot (a citizen waiting for the desk to open)
  kWorkDone,     // an officer finished a work step
  kPhaseDone,    // a delay, transfer or field check ended
  kCitizenBack,  // the citizen returns the supplemented dossier
  kWithdraw,     // the citizen withdraws the dossier
  kDue,          // the appointment passed
  kDayEnd,
  kMonthEnd,
  kWarmupEnd,
  kSigning,  // index: unit (a leader's signing session)
  // An officer finished interruptible work (IT outages on), unless an outage rescheduled or
  // suspended it since: runs only when the event is the slot's `work_done_sequence`.
  kInterruptibleWorkDone,
};

constexpr std::uint64_t pack(EventKind kind, std::uint32_t index) {
  return (static_cast<std::uint64_t>(kind) << 32) | index;
}

// At equal times: period snapshots first (they close the period that ends at this instant),
// then the end of warm-up, then the flow, then appointments (a dossier completed exactly at
// its appointment is on time).
constexpr std::int32_t kPrioritySnapshot = -2;
constexpr std::int32_t kPriorityWarmup = -1;
constexpr std::int32_t kPriorityFlow = 0;
constexpr std::int32_t kPriorityDue = 1;

constexpr sim::Instant kNever{std::numeric_limits<double>::infinity()};

// Streams of one (unit, procedure) pair, by offset from the pair's first stream.
enum PairStream : std::size_t {
  kChannel = 0,
  kIncomplete,
  kCitizen,
  kFieldCheck,
  kRework,
  kFirstEffort
};

// Days of the presence table beyond the horizon (work in hand at the end may run past it).
constexpr int kPresenceMarginDays = 60;

// floor(t / day) without a call to floor (2 per work step): truncation, less one below zero
// for a non-integral quotient; the same integer for every time inside the run.
int day_of(sim::Instant t) {
  if (t.seconds >= 1e15) return kNeverDay;
  const double days = t.seconds / sim::kSecondsPerDay;
  const int whole = static_cast<int>(days);
  return days < whole ? whole - 1 : whole;
}

// Calendar queries that answer kNever instead of throwing past the tabulated range (work
// that would end there ends after the horizon, which the constructor checks is inside).
sim::Instant add_work_or_never(const sim::Calendar& cal, sim::Instant from, double work_seconds) {
  if (from >= cal.end() || cal.work_clock(from) + work_seconds > cal.total_work_seconds())
    return kNever;
  return cal.add_work(from, sim::WorkDuration{work_seconds});
}
sim::Instant after_delay(const DelaySpec& delay, double hours, const sim::Calendar& cal,
                         sim::Instant from) {
  const double seconds = std::max(0.0, hours) * sim::kSecondsPerHour;
  return delay.working_time ? add_work_or_never(cal, from, seconds) : from + sim::Duration{seconds};
}
double working_seconds(const sim::Calendar& cal, sim::Instant a, sim::Instant b) {
  if (!(a < b)) return 0.0;
  return cal.working_time_between(a, std::min(b, cal.end())).seconds;
}

// The length of a standard working day: Monday's hours (24 h when always open; the longest
// day if Monday is a rest day).
double standard_day_seconds(const sim::Calendar& cal) {
  double seconds = cal.schedule().working_seconds(sim::kMonday);
  for (int d = 0; d < sim::kDaysPerWeek && seconds <= 0.0; ++d)
    seconds = std::max(seconds, cal.schedule().working_seconds(d));
  return seconds > 0.0 ? seconds : sim::kSecondsPerDay;
}

class Replication final : public sim::EventHandler, private OutageListener {
 public:
  Replication(const ModelSpec& spec, std::uint64_t replication, TraceSink* trace,
              DossierRecordSink* records);
  ReplicationResult run(const std::atomic<bool>* cancel = nullptr);
  void handle(const sim::Event& event) override;

 private:
  struct Pair {
    int unit = 0;
    int procedure = 0;
    ScopeSet scopes{};
    std::size_t first_stream = 0;
    sim::Categorical channels;
  };

  // --- Setup -------------------------------------------------------------------------
  int pair_index(int unit, int procedure);
  sim::RandomStream& pair_stream(int pair, std::size_t offset) {
    return streams_[pairs_[pair].first_stream + offset];
  }
  sim::RandomStream& stream(const Dossier& d, std::size_t offset) {
    assert(d.first_stream == pairs_[d.pair].first_stream);
    return streams_[d.first_stream + offset];
  }
  const sim::Calendar& calendar_of(int unit) const {
    return spec_.calendars[spec_.units[unit].calendar];
  }
  void start_backlog();
  void schedule_next_arrival(std::uint32_t stream_index);
  void schedule_replay(std::uint32_t position);

  // --- The flow ----------------------------------------------------------------------
  void admit(int pair, Channel channel, sim::Instant receipt);
  void receive(std::uint32_t slot);
  void start_step(std::uint32_t slot);
  void queue_work(std::uint32_t slot, int unit, const StepSpec& step);
  void offer_work(std::uint32_t slot, int unit, const StepSpec& step);
  void hold_for_signing(std::uint32_t slot, int unit);
  void on_signing(int unit);
  void schedule_signing(int unit, sim::Instant after, bool strictly);
  void begin_service(std::uint32_t slot, int officer, int position);
  void on_new_day();
  void on_work_done(std::uint32_t slot);
  void after_work(std::uint32_t slot);
  void end_step(std::uint32_t slot);
  void send_to_citizen(std::uint32_t slot);
  void on_citizen_back(std::uint32_t slot);
  void on_withdraw(std::uint32_t slot);
  void on_due(std::uint32_t slot);
  void complete(std::uint32_t slot);
  void leave(std::uint32_t slot);

  // --- Helpers -----------------------------------------------------------------------
  int executing_unit(const Dossier& d, const StepSpec& step) const;
  const ProcedureSpec& procedure_of(const Dossier& d) const {
    return spec_.procedures[d.procedure];
  }
  // Sets the appointment and (re)schedules its event (the clock runs again).
  void set_due(std::uint32_t slot, sim::Instant due);
  void stop_clock(std::uint32_t slot) { due_timers_.disarm(slot); }
  // Moves the appointment later by `work_seconds` of working time (a clock pause).
  sim::Instant shifted_due(const Dossier& d, double work_seconds) const;
  void schedule_at(sim::Instant at, EventKind kind, std::uint32_t index,
                   std::int32_t priority = kPriorityFlow);
  void account_busy(int officer, int position, sim::Instant from, sim::Instant to);
  // The calendar that counts statutory working days (deadlines, pauses, processing time).
  const sim::Calendar& statutory_calendar() const {
    return spec_.calendars[spec_.staff.statutory_calendar];
  }
  // The day on which work queued now at `unit` would start (presence is checked for it).
  // (Skipped, day 0, when every officer is always present: presence is then never checked.)
  int service_day(int unit, sim::Instant now) const {
    if (changing_officers_.empty()) return 0;
    return service_days_of(unit).day(now);
  }
  // day_of(next_working_or_never(calendar_of(unit), t)) from a table.
  const ServiceDays& service_days_of(int unit) const { return *unit_service_days_[unit]; }
  // next_working_or_never(calendar_of(unit), t), asking the table whether there is one.
  sim::Instant next_working_at(int unit, sim::Instant t) const {
    return service_days_of(unit).has_work_from(t) ? calendar_of(unit).next_working_instant(t)
                                                  : kNever;
  }
  // Inline tests, so that untraced runs make no call (~10 per dossier).
  void trace(const Dossier& d, std::string_view event, sim::Instant at) {
    if (trace_ != nullptr) record_trace(d, event, at);
  }
  void trace_step(const Dossier& d, const char* prefix, const StepSpec& step, sim::Instant at) {
    if (trace_ != nullptr) record_trace_step(d, prefix, step, at);
  }
  void record_trace(const Dossier& d, std::string_view event, sim::Instant at);
  void record_trace_step(const Dossier& d, const char* prefix, const StepSpec& step,
                         sim::Instant at);

  // --- Levers (models/lever_spec.hpp) ------------------------------------------------
  void on_platform_change(int unit) override;  // outages: suspend, slow or resume work
  void set_work_speed(std::uint32_t slot, double speed);
  void note_outage_hit(Dossier& d);
  void schedule_work_done(std::uint32_t slot, sim::Instant done);
  int choose_filing_unit(int pair);  // province-wide filing: the pair actually filed
  void mobile_team_day_end();

  // Constant after construction.
  const ModelSpec& spec_;
  const std::uint64_t replication_;
  TraceSink* const trace_;
  const sim::Instant window_start_;
  std::vector<double> standard_day_;  // per calendar, seconds
  std::vector<sim::PiecewiseConstantRate> shapes_;
  std::vector<int> pair_of_;  // [unit * procedures + procedure] -> pair, or -1
  std::vector<Pair> pairs_;
  std::vector<int> stream_pair_;             // pair of each ArrivalStreamSpec
  std::vector<std::uint32_t> replay_order_;  // spec.replay indices sorted by time
  Roster roster_;
  std::vector<int> changing_officers_;  // officers not always present: swept each midnight
  // Per unit: its calendar's service-day table (read on every offer; UnitSpec is far larger).
  std::vector<const ServiceDays*> unit_service_days_;
  // Per unit: whether it is a provincial body (executing_unit, every step); per position: its
  // unit (begin_service). Copies of UnitSpec::tier() and PositionSpec::unit, read compactly.
  std::vector<std::uint8_t> unit_is_province_;
  std::vector<int> position_unit_;
  std::vector<DispatchPolicy> policies_;      // per unit
  std::vector<std::size_t> remaining_start_;  // per procedure: offset into remaining_work_
  std::vector<double> remaining_work_;        // mean officer work from each step on, seconds

  // Written only by the event loop.
  sim::Kernel kernel_;
  sim::HandlerId handler_ = 0;
  // Appointments: one kernel event per distinct due instant (kPriorityDue, which nothing else
  // uses), not one per dossier. result.events counts each appointment that passed as one event
  // (as when each had its own), not the instants' kernel events.
  sim::CoalescedTimers due_timers_;
  std::uint64_t due_instants_run_ = 0;
  std::uint64_t dues_run_ = 0;
  // Interruptible work completions are plain kernel events, not cancellable ones (a
  // cancellation slot per work step cost more than the rare outage reschedule): an outage
  // that reschedules or suspends the work leaves the old event in the kernel, and it is
  // skipped when it runs (Dossier::work_done_sequence names the current one).
  // result.events does not count these (as when they were cancelled). They stay pending at
  // most until the completion time they were scheduled for, so memory stays bounded.
  std::uint64_t superseded_work_done_ = 0;

  std::vector<sim::RandomStream> streams_;  // per pair, see PairStream
  std::vector<sim::RandomStream> arrival_rng_;
  std::vector<sim::NhppArrivals> arrival_processes_;
  DossierPool pool_;
  OfficerDispatch dispatch_;
  KpiCollector kpis_;
  UnitReports reports_;
  GroupDaily groups_;  // daily series per domain and tier, beside the per-unit ones
  DossierRecorder recorder_;
  std::vector<double> busy_work_seconds_;                     // per position, inside the window
  std::vector<double> overtime_hours_;                        // per unit, see docs/model-runtime.md
  std::vector<double> position_overtime_hours_;               // the same per position served
  std::vector<std::vector<std::uint32_t>> held_for_signing_;  // per unit, in arrival order
  std::vector<std::uint8_t> signing_scheduled_;               // per unit
  std::uint64_t next_sequence_ = 1;
  std::uint32_t next_number_ = 0;
  std::uint64_t dossiers_ = 0;
  std::size_t next_day_end_ = 0;
  std::size_t next_month_end_ = 0;
  std::string trace_name_;
  std::string trace_event_;

  // Levers. Constant after construction:
  const OnlineAdoption adoption_;
  std::vector<int> work_unit_;         // [unit * skills + skill] -> unit doing the work
  std::vector<int> pool_of_position_;  // index into levers.pools, or -1
  // Written by the event loop:
  ItPlatform platform_;
  LeverKpis lever_kpis_;
  std::vector<std::vector<std::uint32_t>> held_online_;  // per unit: waiting for the platform
  std::vector<sim::RandomStream> sync_rng_;              // per unit
  std::vector<sim::RandomStream> filing_rng_;            // per unit
  std::vector<int> last_unit_served_;                    // per position (pools)
  struct MobileTeam {
    int unit = -1;
    sim::Instant until;
  };
  std::vector<MobileTeam> mobile_teams_;
  // Constant: per unit, the roster officers of the mobile team's position there (teams x
  // officers, team k uses the k-th block); off duty while no team is there.
  std::vector<std::vector<int>> mobile_officers_;
  std::vector<std::uint8_t> is_mobile_officer_;  // per roster officer

  // Constant after construction: per unit, the officers holding a position there (ascending).
  // (The day work handed over at t starts, per calendar: the roster's service-day tables.)
  std::vector<std::vector<int>> officers_at_unit_;
  // Written by the event loop, per officer: the dossier slot it is serving (kNoSlot when
  // idle) and the unit of the position it serves it in, so outages visit the work in service
  // without scanning the pool; and its busy time inside the window. One record per officer:
  // a completion touches all three, so one cache line. Then on_platform_change's scratch
  // list of the slots served.
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  struct OfficerWork {
    double busy_seconds = 0.0;
    std::uint32_t slot = kNoSlot;
    std::int32_t unit = -1;
  };
  std::vector<OfficerWork> officer_work_;
  std::vector<std::uint32_t> served_slots_;
};

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
      officer_work_(roster_.size()) {
  for (std::size_t o = 0; o < roster_.size(); ++o)
    if (!roster_.always_present(static_cast<int>(o)))
      changing_officers_.push_back(static_cast<int>(o));
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
    for (std::size_t s = 0; s < spec.arrivals.size(); ++s) {
      const ArrivalStreamSpec& a = spec.arrivals[s];
      std::string key = "arrival/" + spec.units[a.unit].id + "/" + spec.procedures[a.procedure].id;
      for (std::size_t earlier = 0; earlier < s; ++earlier)  // a repeated pair gets "#k"
        if (stream_pair_[earlier] == stream_pair_[s]) key += "#";
      arrival_rng_.emplace_back(spec.seed, replication, key);
      arrival_processes_.emplace_back(shapes_[a.profile], a.per_day / sim::kSecondsPerDay);
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
  for (const char* purpose : {"channel", "incomplete", "citizen", "field_check", "rework"})
    streams_.emplace_back(spec_.seed, replication_, purpose + suffix);
  for (std::size_t s = 0; s < proc.steps.size(); ++s)
    streams_.emplace_back(spec_.seed, replication_, "effort" + suffix + "/" + std::to_string(s));
  pairs_.push_back(Pair{unit, procedure, kpis_.scopes_of(unit, procedure), first,
                        sim::Categorical({proc.channel_mix.begin(), proc.channel_mix.end()})});
  return index;
}

ReplicationResult Replication::run(const std::atomic<bool>* cancel) {
  if (spec_.warmup.seconds > 0 && window_start_ <= spec_.end)
    schedule_at(window_start_, EventKind::kWarmupEnd, 0, kPriorityWarmup);
  if (reports_.day_ends().front() < spec_.end)
    schedule_at(reports_.day_ends().front(), EventKind::kDayEnd, 0, kPrioritySnapshot);
  if (reports_.month_ends().front() < spec_.end)
    schedule_at(reports_.month_ends().front(), EventKind::kMonthEnd, 0, kPrioritySnapshot);
  platform_.start();
  start_backlog();
  if (!spec_.replay.empty()) {
    schedule_replay(0);
  } else {
    for (std::uint32_t s = 0; s < arrival_processes_.size(); ++s)
      schedule_next_arrival(s);
  }
  if (cancel == nullptr) {
    kernel_.run_until(spec_.end);
  } else {
    // Day by day: run_until(a) then run_until(b) runs the same events as run_until(b).
    const sim::Duration day{sim::kSecondsPerDay};
    while (kernel_.now() < spec_.end) {
      const sim::Instant next = kernel_.now() + day;
      kernel_.run_until(next < spec_.end ? next : spec_.end);
      if (cancel->load(std::memory_order_relaxed)) throw ReplicationCancelled();
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
    recorder_.dossier(d, spec_.end, DossierOutcome::kPending);
    if (d.position >= 0) account_busy(d.officer, d.position, d.service_start, spec_.end);
  });

  ReplicationResult result;
  result.replication = replication_;
  result.scopes = kpis_.scope_names();
  result.kpis = kpis_.finish(spec_.end);
  lever_kpis_.fill(result.kpis, result.scopes, spec_,
                   platform_.enabled() ? platform_.outage_hours(spec_.end) : std::vector<double>{});
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
  result.monthly_report = reports_.take_monthly_report();
  result.daily = reports_.take_daily();
  result.daily_domain = groups_.take_domain();
  result.daily_tier = groups_.take_tier();
  result.events = kernel_.events_run() - due_instants_run_ + dues_run_ - superseded_work_done_;
  result.dossiers = dossiers_;
  return result;
}

void Replication::handle(const sim::Event& event) {
  const auto kind = static_cast<EventKind>(event.payload >> 32);
  const auto index = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
  switch (kind) {
    case EventKind::kArrival: {
      int pair = stream_pair_[index];
      const auto channel =
          adoption_.enabled()
              ? adoption_.draw(pairs_[pair].procedure, kernel_.now(), pair_stream(pair, kChannel))
              : static_cast<Channel>(pairs_[pair].channels.sample(pair_stream(pair, kChannel)));
      if (channel == Channel::kInPerson && !filing_rng_.empty()) pair = choose_filing_unit(pair);
      schedule_next_arrival(index);
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
      reports_.close_day();
      groups_.close_day();
      on_new_day();
      if (!mobile_teams_.empty()) mobile_team_day_end();
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
      lever_kpis_.reset();
      platform_.reset_window(kernel_.now());
      break;
    case EventKind::kSigning:
      on_signing(static_cast<int>(index));
      break;
  }
}

void Replication::schedule_at(sim::Instant at, EventKind kind, std::uint32_t index,
                              std::int32_t priority) {
  if (at > spec_.end) return;  // after the horizon: never runs
  kernel_.schedule(at, handler_, pack(kind, index), priority);
}

void Replication::schedule_next_arrival(std::uint32_t s) {
  const std::optional<sim::Instant> next =
      arrival_processes_[s].next(kernel_.now(), arrival_rng_[s]);
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
    begin_service(slot, taken->officer, taken->position);
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
      begin_service(next->task.slot, officer, next->position);
  }
}

void Replication::begin_service(std::uint32_t slot, int officer, int position) {
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
  // Outages interrupt working-time work like absences do: the officer's own working time
  // (Roster::add_work, which skips sick and leave days) at the platform's speed.
  const bool interruptible = platform_.enabled() && step.effort.working_time;
  if (interruptible) {
    d.work_left_seconds = std::max(0.0, hours) * sim::kSecondsPerHour;
    d.work_from = now;
    d.work_speed = platform_.speed(unit);
    if (d.work_speed < 1.0) {
      note_outage_hit(d);
      done = d.work_speed > 0.0 ? roster_.add_work(officer, now, d.work_left_seconds / d.work_speed)
                                : kNever;
    }
  }
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
  d.service_start = std::min(begin, done);
  d.enter_phase(Phase::kWorked, d.service_start);
  trace_step(d, "start:", step, d.service_start);
  if (interruptible) {
    schedule_work_done(slot, done);
  } else {
    schedule_at(done, EventKind::kWorkDone, slot);
  }
}

void Replication::account_busy(int officer, int position, sim::Instant from, sim::Instant to) {
  const double busy = roster_.busy_seconds(officer, std::max(from, window_start_), to);
  busy_work_seconds_[position] += busy;
  officer_work_[officer].busy_seconds += busy;
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
  recorder_.step(d, d.service_start, now, position);
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
    begin_service(next->task.slot, officer, next->position);
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

// Work in service at a unit whose speed changed: bank the progress made at the old speed,
// then reschedule the completion for the work left at the new one (never, when stopped).
void Replication::set_work_speed(std::uint32_t slot, double speed) {
  Dossier& d = pool_[slot];
  const sim::Instant now = kernel_.now();
  // Progress counts the officer's working time only (not sick or on leave), as in add_work.
  d.work_left_seconds = std::max(
      0.0, d.work_left_seconds - d.work_speed * roster_.busy_seconds(d.officer, d.work_from, now));
  d.work_from = now;
  const double old_speed = d.work_speed;
  d.work_speed = speed;
  const StepSpec& step = procedure_of(d).steps[d.step];
  if (speed <= 0.0) {
    d.work_done_sequence = 0;  // suspended: the pending completion is superseded
    trace_step(d, "suspend:", step, now);
  } else {
    trace_step(d, speed < 1.0 ? "slow:" : (old_speed <= 0.0 ? "resume:" : "speed:"), step, now);
    schedule_work_done(slot, roster_.add_work(d.officer, now, d.work_left_seconds / speed));
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
      const double value = static_cast<double>(m.trigger == MobileTrigger::kBacklog
                                                   ? reports_.open(static_cast<int>(u))
                                                   : reports_.overdue_open(static_cast<int>(u)));
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
        begin_service(next->task.slot, *o, next->position);
    }
  }
}

}  // namespace

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  TraceSink* trace, DossierRecordSink* records) {
  Replication replication_run(spec, replication, trace, records);
  return replication_run.run();
}

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  const std::atomic<bool>& cancel, TraceSink* trace,
                                  DossierRecordSink* records) {
  Replication replication_run(spec, replication, trace, records);
  return replication_run.run(&cancel);
}

}  // namespace twotier::model
