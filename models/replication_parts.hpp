// Internal to the replication, not part of the model's API: the Replication event handler
// (one run of the dossier flow on sim::Kernel), its event kinds and time helpers, shared by
// models/replication.cpp (construction, run, results), models/replication_flow.cpp (events,
// arrivals, the dossier flow) and models/replication_levers.cpp (outages, filing, mobile
// team). Include it only from those files; everyone else calls run_replication.
#pragma once

#include <algorithm>  // std::max, std::min
#include <cassert>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/dispatch_policy.hpp"
#include "models/dossier_pool.hpp"
#include "models/dossier_recorder.hpp"
#include "models/focus.hpp"
#include "models/group_daily.hpp"
#include "models/it_platform.hpp"
#include "models/kpi_collector.hpp"
#include "models/lever_kpis.hpp"
#include "models/officer_dispatch.hpp"
#include "models/online_adoption.hpp"
#include "models/reception_desk.hpp"
#include "models/replication.hpp"
#include "models/roster.hpp"
#include "models/service_days.hpp"
#include "models/unit_reports.hpp"
#include "sim/coalesced_timers.hpp"
#include "sim/distribution.hpp"
#include "sim/kernel.hpp"
#include "sim/nhpp.hpp"
#include "sim/random.hpp"

namespace twotier::model::replication_internal {

// Event payloads pack (EventKind, index): the index is a dossier slot, an arrival stream or a
// replay position. See docs/model-runtime.md.
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
  kInternalIssue,  // index: position in internal_issues_ (models/replication_internal_work.cpp)
  // Reception desk (models/reception_desk.hpp); index: citizen slot at the desk.
  kDeskJoin,       // a citizen takes a ticket (arrival at an open desk, or a return visit)
  kDeskDone,       // a visit at a counter ended: the dossier is lodged
  kDeskAbandon,    // a queueing citizen's patience ran out (valid if its sequence is current)
  kOvertimeCheck,  // index: unit (its closing time on a working day: who stays on)
  kVisitDone,      // index: dossier slot; a drawn provincial visit ended (models/focus.hpp)
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
enum PairStream : std::size_t { kIncomplete = 0, kCitizen, kFieldCheck, kRework, kFirstEffort };

// floor(t / day) without a call to floor (2 per work step): truncation, less one below zero
// for a non-integral quotient; the same integer for every time inside the run.
inline int day_of(sim::Instant t) {
  if (t.seconds >= 1e15) return kNeverDay;
  const double days = t.seconds / sim::kSecondsPerDay;
  const int whole = static_cast<int>(days);
  return days < whole ? whole - 1 : whole;
}

// Calendar queries that answer kNever instead of throwing past the tabulated range (work
// that would end there ends after the horizon, which the constructor checks is inside).
inline sim::Instant add_work_or_never(const sim::Calendar& cal, sim::Instant from,
                                      double work_seconds) {
  if (from >= cal.end() || cal.work_clock(from) + work_seconds > cal.total_work_seconds())
    return kNever;
  return cal.add_work(from, sim::WorkDuration{work_seconds});
}
inline sim::Instant after_delay(const DelaySpec& delay, double hours, const sim::Calendar& cal,
                                sim::Instant from) {
  const double seconds = std::max(0.0, hours) * sim::kSecondsPerHour;
  return delay.working_time ? add_work_or_never(cal, from, seconds) : from + sim::Duration{seconds};
}
inline double working_seconds(const sim::Calendar& cal, sim::Instant a, sim::Instant b) {
  if (!(a < b)) return 0.0;
  return cal.working_time_between(a, std::min(b, cal.end())).seconds;
}

class Replication final : public sim::EventHandler, private OutageListener {
 public:
  Replication(const ModelSpec& spec, std::uint64_t replication, TraceSink* trace,
              DossierRecordSink* records);
  // `cancel`, `days_done`: see run_replication (models/replication.hpp).
  ReplicationResult run(const std::atomic<bool>* cancel = nullptr,
                        std::atomic<std::int64_t>* days_done = nullptr);
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
  // helping: outside the officer's main skills, at `proficiency` (OfficerDispatch::Assignment).
  void begin_service(std::uint32_t slot, int officer, int position, float proficiency,
                     bool helping);
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

  // --- Internal work (models/internal_work.hpp, models/replication_internal_work.cpp) ---
  bool is_internal(const Dossier& d) const { return d.procedure >= internal_first_; }
  void start_internal_work();
  void issue_internal(std::uint32_t position);
  // --- Reception desk (models/replication_reception.cpp) ------------------------------
  void come_to_desk(int pair);
  void desk_join(std::uint32_t citizen);
  void start_counter(std::uint32_t citizen);
  void on_desk_done(std::uint32_t citizen);
  void on_desk_abandon(std::uint32_t citizen, std::uint64_t sequence);
  void desk_leave(std::uint32_t citizen);

  // --- Unit-focused runs (models/focus.hpp, models/replication_focus.cpp) -------------
  // At every start of a step when visits are on: records a baseline's provincial visits, or
  // in a focused run draws one for a dossier entering a provincial step (true: drawn, the
  // step is not simulated).
  bool visit_step(std::uint32_t slot);
  void open_visit(std::uint32_t slot);
  void close_visit(std::uint32_t slot, ProvinceVisit::Outcome outcome, sim::Instant at);
  bool draw_visit(std::uint32_t slot);
  void on_visit_done(std::uint32_t slot);
  void keep_focus_scopes(ReplicationResult& result) const;
  // --- Helpers' day-end reviews (models/replication_help.cpp) -------------------------
  void setup_help_reviews();
  void help_day_end();
  void open_help_gates();
  void review_reassignments(int unit);
  void pull_idle(int officer);  // an idle officer on duty takes queued work, if any

  // --- Overtime (models/replication_overtime.cpp) --------------------------------------
  bool overtime_on() const { return !overtime_.empty(); }
  void schedule_overtime_check(int unit, int from_day);
  void on_overtime_check(int unit);
  bool overtime_triggered(int unit, int position, const OvertimePolicy& policy);
  // Per (unit, skill) into `counts`: the tasks waiting for an officer whose appointment is at
  // most workdays[unit] (workdays[0] when it has one entry; NaN: not counted) statutory
  // working days from now, or past.
  void count_due_soon(std::vector<int>& counts, std::span<const double> workdays);
  // The completion of work of `work_seconds` (officer working time) started at `now` by an
  // officer in an overtime session: at calendar speed until the session ends, then in working
  // time. Returns `regular` (the completion without overtime) outside a session.
  sim::Instant overtime_done(int officer, sim::Instant now, double work_seconds,
                             sim::Instant regular);
  // The officer stops for the night (idle, or the task in hand stopped by an outage): a
  // session in progress ends now.
  void end_overtime_session(int officer);
  // At each day's end: interruptible work in hand banks tonight's session (work_progress),
  // then the sessions close into the hours worked.
  void close_overtime_sessions();
  // The officer's working seconds in [from, to): the roster's working time (present days)
  // plus the part of an overtime session open today inside it (a session lies between a
  // closing and midnight, outside working time). Equals roster_.busy_seconds without one.
  double worked_seconds(int officer, sim::Instant from, sim::Instant to) const;
  // When `work_seconds` of the officer's work started at `now` ends: in the session in
  // progress first (calendar time), then in working time (Roster::add_work).
  sim::Instant work_end(int officer, sim::Instant now, double work_seconds);
  // Interruptible work in service (outages): bank the progress since d.work_from (speed x
  // worked_seconds, overtime included) into d.work_left_seconds; d.work_from = now.
  void bank_work(Dossier& d, sim::Instant now);

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
  std::vector<sim::DailyNhppArrivals> arrival_processes_;
  DossierPool pool_;
  OfficerDispatch dispatch_;
  KpiCollector kpis_;
  UnitReports reports_;
  GroupDaily groups_;  // daily series per domain and tier, beside the per-unit ones
  DossierRecorder recorder_;
  std::vector<double> busy_work_seconds_;        // per position, inside the window
  std::vector<double> overtime_hours_;           // per unit, see docs/model-runtime.md
  std::vector<double> position_overtime_hours_;  // the same per position served
  // Secondary skills (empty when no position has any): per position, busy seconds inside the
  // window spent on secondary skills; per officer, whether its task in hand is one.
  std::vector<double> help_busy_seconds_;
  std::vector<std::uint8_t> helping_;
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
  // Internal work. Constant: procedures from this index on are internal (INT_MAX: none); the
  // issue events (instant, stream) in time order, then stream order.
  int internal_first_ = std::numeric_limits<int>::max();
  struct InternalIssue {
    sim::Instant at;
    int stream = 0;
  };
  std::vector<InternalIssue> internal_issues_;
  ReceptionDesk desk_;  // written by the event loop; off unless spec.reception.enabled()
  // Overtime ([overtime]); all empty when off. Per officer: the policy (or -1) and position
  // it applies to (constant), the session after closing [from, until) (kNever when none; until
  // is cut short when the officer goes idle), the completion of the task in hand, the week and
  // the hours worked in it (for the weekly cap). Per unit: the officers with a policy.
  struct OvertimeState {
    int policy = -1;
    int position = -1;
    sim::Instant from = kNever;
    sim::Instant until = kNever;
    sim::Instant done = kNever;
    bool working_time = true;  // the task in hand's effort is working time
    int week = std::numeric_limits<int>::min();
    double week_hours = 0.0;
  };
  std::vector<OvertimeState> overtime_;
  std::vector<std::vector<int>> overtime_officers_at_unit_;
  std::vector<double> overtime_worked_position_;  // after warm-up, hours
  std::vector<double> overtime_worked_officer_;
  int monday_offset_ = 0;  // (day + monday_offset_) / 7 is the Monday-to-Sunday week
  // kDueSoon: per (unit, skill), tasks waiting for an officer due soon, counted once a day.
  std::vector<int> due_soon_count_;
  int due_soon_day_ = std::numeric_limits<int>::min();

  // Secondary skills' reviews (models/replication_help.cpp); all empty when off. Constant:
  // per unit, its cross-trained officers (a position with secondary skills), roster order,
  // with their main and secondary skills and the position their moves count in; per unit, the
  // kDueSoon horizon (NaN for other units).
  struct CrossTrained {
    int officer = 0;
    int position = -1;
    std::vector<int> main;
    std::vector<int> secondary;
  };
  std::vector<std::vector<CrossTrained>> cross_trained_at_unit_;
  std::vector<double> help_gate_workdays_;
  bool reassign_on_ = false;
  // Written: per (unit, skill) the due-soon counts; per position the moves after warm-up;
  // per skill the review's scratch count of assigned officers.
  std::vector<int> help_due_soon_count_;
  std::vector<double> position_reassignments_;
  std::vector<int> assigned_scratch_;

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

  // Unit-focused runs. Constant: whether start_step looks at visits at all, whether a
  // baseline records them, the focused run's aggregate (or nullptr). Written by the event
  // loop: per slot, the open visit of a recording baseline and the visit a focused dossier
  // drew; the recorded visits.
  const bool visits_on_;
  const bool record_visits_;
  const ProvinceAggregate* const focus_;
  struct OpenVisit {
    std::int32_t step = -1;  // entry step; -1: not at the province
    double entered = 0.0;
    double paused = 0.0;       // Dossier::paused_work_seconds at entry
    double clock_start = 0.0;  // Dossier::clock_start at entry
    double province_seconds = 0.0;
    double phase[kPhaseCount] = {};
  };
  std::vector<OpenVisit> open_visits_;
  std::vector<const ProvinceVisit*> drawn_visits_;
  std::vector<ProvinceVisit> visits_;
};

}  // namespace twotier::model::replication_internal
