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
#include "models/kpi_collector.hpp"
#include "models/officer_dispatch.hpp"
#include "models/roster.hpp"
#include "models/unit_reports.hpp"
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

int day_of(sim::Instant t) {
  return t.seconds >= 1e15 ? std::numeric_limits<int>::max() / 2
                           : static_cast<int>(std::floor(t.seconds / sim::kSecondsPerDay));
}

// Calendar queries that answer kNever instead of throwing past the tabulated range (work
// that would end there ends after the horizon, which the constructor checks is inside).
sim::Instant add_work_or_never(const sim::Calendar& cal, sim::Instant from, double work_seconds) {
  if (from >= cal.end() || cal.work_clock(from) + work_seconds > cal.total_work_seconds())
    return kNever;
  return cal.add_work(from, sim::WorkDuration{work_seconds});
}
sim::Instant next_working_or_never(const sim::Calendar& cal, sim::Instant t) {
  if (t >= cal.end() || cal.work_clock(t) >= cal.total_work_seconds()) return kNever;
  return cal.next_working_instant(t);
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

class Replication final : public sim::EventHandler {
 public:
  Replication(const ModelSpec& spec, std::uint64_t replication, TraceSink* trace);
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
    return pair_stream(d.pair, offset);
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
  void stop_clock(Dossier& d) { kernel_.cancel(d.due_event); }
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
    return day_of(next_working_or_never(calendar_of(unit), now));
  }
  void trace(const Dossier& d, std::string_view event, sim::Instant at);
  void trace_step(const Dossier& d, const char* prefix, const StepSpec& step, sim::Instant at);

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
  std::vector<DispatchPolicy> policies_;        // per unit
  std::vector<std::size_t> remaining_start_;    // per procedure: offset into remaining_work_
  std::vector<double> remaining_work_;          // mean officer work from each step on, seconds

  // Written only by the event loop.
  sim::Kernel kernel_;
  sim::HandlerId handler_ = 0;
  std::vector<sim::RandomStream> streams_;  // per pair, see PairStream
  std::vector<sim::RandomStream> arrival_rng_;
  std::vector<sim::NhppArrivals> arrival_processes_;
  DossierPool pool_;
  OfficerDispatch dispatch_;
  KpiCollector kpis_;
  UnitReports reports_;
  std::vector<double> busy_work_seconds_;  // per position, inside the window
  std::vector<double> officer_busy_seconds_;  // per officer, inside the window
  std::vector<double> overtime_hours_;        // per unit, see docs/model-runtime.md
  std::vector<std::vector<std::uint32_t>> held_for_signing_;  // per unit, in arrival order
  std::vector<std::uint8_t> signing_scheduled_;                // per unit
  std::uint64_t next_sequence_ = 1;
  std::uint32_t next_number_ = 0;
  std::uint64_t dossiers_ = 0;
  std::size_t next_day_end_ = 0;
  std::size_t next_month_end_ = 0;
  std::string trace_name_;
  std::string trace_event_;
};

Replication::Replication(const ModelSpec& spec, std::uint64_t replication, TraceSink* trace)
    : spec_(spec),
      replication_(replication),
      trace_(trace),
      window_start_(spec.start + spec.warmup),
      roster_(spec, replication,
              static_cast<int>(std::ceil(spec.end.days())) + kPresenceMarginDays),
      kernel_(spec.start),
      dispatch_(spec, roster_),
      kpis_(spec, spec.start),
      reports_(spec, spec.start, spec.end),
      busy_work_seconds_(spec.positions.size(), 0.0),
      officer_busy_seconds_(roster_.size(), 0.0),
      overtime_hours_(spec.units.size(), 0.0),
      held_for_signing_(spec.units.size()),
      signing_scheduled_(spec.units.size(), 0) {
  for (std::size_t o = 0; o < roster_.size(); ++o)
    if (!roster_.always_present(static_cast<int>(o)))
      changing_officers_.push_back(static_cast<int>(o));
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
  handler_ = kernel_.add_handler(*this);
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
    ++next_day_end_;
  }
  while (next_month_end_ < reports_.month_ends().size()) {
    reports_.close_month();
    ++next_month_end_;
  }
  pool_.for_each_open([&](std::uint32_t, const Dossier& d) {
    if (!d.in_system) return;
    kpis_.on_open_at_end(pairs_[d.pair].scopes, d.overdue);
    if (d.position >= 0) account_busy(d.officer, d.position, d.service_start, spec_.end);
  });

  ReplicationResult result;
  result.replication = replication_;
  result.scopes = kpis_.scope_names();
  result.kpis = kpis_.finish(spec_.end);
  // Available time: each officer's present working time, counted in every position held.
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> position_available(spec_.positions.size(), 0.0);
  for (std::size_t o = 0; o < roster_.size(); ++o) {
    const double available =
        roster_.available_seconds(static_cast<int>(o), window_start_, spec_.end);
    for (int p : roster_.officer(static_cast<int>(o)).positions)
      position_available[p] += available;
    result.officer_utilization.push_back(available > 0 ? officer_busy_seconds_[o] / available
                                                       : kNaN);
  }
  for (std::size_t p = 0; p < spec_.positions.size(); ++p)
    result.position_utilization.push_back(
        position_available[p] > 0 ? busy_work_seconds_[p] / position_available[p] : kNaN);
  result.unit_overtime_hours = overtime_hours_;
  result.monthly_report = reports_.take_monthly_report();
  result.daily = reports_.take_daily();
  result.events = kernel_.events_run();
  result.dossiers = dossiers_;
  return result;
}

void Replication::handle(const sim::Event& event) {
  const auto kind = static_cast<EventKind>(event.payload >> 32);
  const auto index = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
  switch (kind) {
    case EventKind::kArrival: {
      const int pair = stream_pair_[index];
      const auto channel =
          static_cast<Channel>(pairs_[pair].channels.sample(pair_stream(pair, kChannel)));
      schedule_next_arrival(index);
      // Citizens at the desk and letters wait for the desk to open; online filings are
      // received at once (their work waits for working hours).
      const sim::Instant receipt =
          channel == Channel::kOnline
              ? kernel_.now()
              : next_working_or_never(calendar_of(pairs_[pair].unit), kernel_.now());
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
      on_due(index);
      break;
    case EventKind::kDayEnd:
      reports_.close_day();
      on_new_day();
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
  d.channel = static_cast<std::uint8_t>(channel);
  trace(d, "arrive", kernel_.now());
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
  kpis_.on_receive(pairs_[d.pair].scopes, now, true);
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
  if (step.tier == Tier::kCommune) return d.unit;
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
  if (step.pauses_clock) stop_clock(d);
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
  d.queue_sequence = next_sequence_++;
  d.queued_at = now;
  OfficerDispatch::Task task{slot, d.queue_sequence, 0.0};
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
    const int day = day_of(roster_.next_working_instant(officer, now));
    if (const std::optional<OfficerDispatch::Next> next = dispatch_.pull(officer, day))
      begin_service(next->task.slot, officer, next->position);
  }
}

void Replication::begin_service(std::uint32_t slot, int officer, int position) {
  Dossier& d = pool_[slot];
  const StepSpec& step = procedure_of(d).steps[d.step];
  const sim::Instant now = kernel_.now();
  // The officer starts at their next working instant; the time until then is still waiting.
  const sim::Instant begin = roster_.next_working_instant(officer, now);
  const int day = day_of(begin);
  const double hours = step.effort.hours.sample(stream(d, kFirstEffort + d.step)) /
                       (roster_.officer(officer).dossier_share * roster_.speed(officer, day));
  const sim::Instant done =
      step.effort.working_time
          ? roster_.add_work(officer, now, std::max(0.0, hours) * sim::kSecondsPerHour)
          : now + sim::Duration{std::max(0.0, hours) * sim::kSecondsPerHour};
  // Overtime that would have been needed: work queued on a working day and not started by
  // that day's close, counted once (its mean effort).
  const int unit = spec_.positions[position].unit;
  if (day != day_of(d.queued_at) &&
      day > day_of(next_working_or_never(calendar_of(unit), d.queued_at)) &&
      d.queued_at >= window_start_)
    overtime_hours_[unit] += step.effort.hours.mean();
  d.position = position;
  d.officer = officer;
  d.service_start = std::min(begin, done);
  d.enter_phase(Phase::kWorked, d.service_start);
  trace_step(d, "start:", step, d.service_start);
  schedule_at(done, EventKind::kWorkDone, slot);
}

void Replication::account_busy(int officer, int position, sim::Instant from, sim::Instant to) {
  const double busy = roster_.busy_seconds(officer, std::max(from, window_start_), to);
  busy_work_seconds_[position] += busy;
  officer_busy_seconds_[officer] += busy;
}

void Replication::on_work_done(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const int position = d.position;
  const int officer = d.officer;
  const sim::Instant now = kernel_.now();
  account_busy(officer, position, d.service_start, now);
  d.position = -1;
  d.officer = -1;
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
  const int day = day_of(roster_.next_working_instant(officer, now));
  if (const std::optional<OfficerDispatch::Next> next = dispatch_.release(officer, day))
    begin_service(next->task.slot, officer, next->position);
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
  d.step_start = now;  // the clock stops while the citizen has the dossier
  stop_clock(d);
  d.enter_phase(Phase::kCitizen, now);
  kpis_.on_supplementation(pairs_[d.pair].scopes);
  trace(d, "supplementation", now);
  sim::RandomStream& rng = stream(d, kCitizen);
  const bool withdraws =
      proc.withdraw_probability > 0.0 && sim::bernoulli(rng, proc.withdraw_probability);
  const double hours = proc.citizen_response.hours.sample(rng);
  const sim::Calendar& cal = calendar_of(d.unit);
  sim::Instant back = after_delay(proc.citizen_response, hours, cal, now);
  if (!withdraws && static_cast<Channel>(d.channel) != Channel::kOnline)
    back = next_working_or_never(cal, back);  // the desk must be open to take it back
  schedule_at(back, withdraws ? EventKind::kWithdraw : EventKind::kCitizenBack, slot);
}

void Replication::on_citizen_back(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  const ProcedureSpec& proc = procedure_of(d);
  const sim::Instant now = kernel_.now();
  trace(d, "resubmit", now);
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
  leave(slot);
}

void Replication::on_due(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  assert(d.in_system && !d.overdue);
  d.overdue = true;
  d.due_event = {};
  trace(d, "overdue", kernel_.now());
  kpis_.on_apology_slip(pairs_[d.pair].scopes);
  reports_.on_overdue(d.unit);
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
  reports_.on_complete(d.unit, departure.on_time, d.overdue);
  leave(slot);
}

void Replication::leave(std::uint32_t slot) {
  Dossier& d = pool_[slot];
  kernel_.cancel(d.due_event);
  d.in_system = false;
  pool_.release(slot);
}

void Replication::set_due(std::uint32_t slot, sim::Instant due) {
  Dossier& d = pool_[slot];
  d.due = due;
  kernel_.cancel(d.due_event);
  if (due != kNever) trace(d, "appointment", due);
  if (!d.overdue && due <= spec_.end)
    d.due_event =
        kernel_.schedule_cancellable(due, handler_, pack(EventKind::kDue, slot), kPriorityDue);
}

sim::Instant Replication::shifted_due(const Dossier& d, double work_seconds) const {
  if (d.due == kNever || work_seconds <= 0.0) return d.due;
  const sim::Calendar& cal = statutory_calendar();
  if (d.due >= cal.end()) return kNever;
  const double clock = cal.work_clock(d.due) + work_seconds;
  return clock > cal.total_work_seconds() ? kNever : cal.instant_at_work_clock(clock);
}

void Replication::trace(const Dossier& d, std::string_view event, sim::Instant at) {
  if (trace_ == nullptr) return;
  if (d.backlog_index >= 0) {
    trace_name_ = spec_.backlog[d.backlog_index].id;
  } else {
    char buffer[16] = {'D'};
    const std::to_chars_result end = std::to_chars(buffer + 1, buffer + sizeof buffer, d.number);
    trace_name_.assign(buffer, end.ptr);
  }
  trace_->record({trace_name_, event, at});
}

void Replication::trace_step(const Dossier& d, const char* prefix, const StepSpec& step,
                             sim::Instant at) {
  if (trace_ == nullptr) return;
  trace_event_ = prefix;
  trace_event_ += step.name;
  trace(d, trace_event_, at);
}

}  // namespace

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  TraceSink* trace) {
  Replication replication_run(spec, replication, trace);
  return replication_run.run();
}

ReplicationResult run_replication(const ModelSpec& spec, std::uint64_t replication,
                                  const std::atomic<bool>& cancel, TraceSink* trace) {
  Replication replication_run(spec, replication, trace);
  return replication_run.run(&cancel);
}

}  // namespace twotier::model
