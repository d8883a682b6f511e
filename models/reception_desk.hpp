// The reception desks of one replication (models/reception_spec.hpp): per unit, counters,
// the FIFO of citizens holding a ticket, the day's ticket count; per citizen at a desk, the
// dossier they bring (its (unit, procedure) pair) and their visit; and the desk KPIs per
// scope (appended Metrics from kDeskVisits on, models/replication_result.hpp).
//
// The desk decides; the Replication schedules its events (models/replication_reception.cpp):
// a citizen joins (kDeskJoin), is served (kDeskDone) or leaves the queue when the patience
// drawn on joining runs out (kDeskAbandon, valid only when its kernel sequence is the one
// stored for the citizen: a served citizen's abandonment event is left to pass by).
// Invariants: busy[u] <= counters[u]; a citizen is in at most one state; the FIFO may hold
// stale entries (citizens who left), skipped by their ticket number.
// Storage grows with the most citizens ever at the desks at once (slots are reused), so
// steady-state events allocate nothing. Written only by one replication's event loop.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/kpi_collector.hpp"
#include "models/spec.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace twotier::model {

class ReceptionDesk {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  enum class Joined : std::uint8_t {
    kServed,      // a counter was free: the visit starts now
    kQueued,      // waits in the FIFO (schedule the abandonment if patience is finite)
    kTurnedAway,  // the day's tickets are gone: call leave()
  };

  ReceptionDesk(const ModelSpec& spec, std::uint64_t replication, std::size_t scopes);

  bool at(int unit) const {
    return unit < static_cast<int>(counters_.size()) && counters_[unit] > 0;
  }

  // A citizen bringing a dossier of `pair` to `unit` (first visit). Returns its slot.
  std::uint32_t arrive(int pair, int unit, const ScopeSet& scopes);
  // The citizen takes a ticket on `day` (calendar day index) at `now`.
  Joined join(std::uint32_t citizen, sim::Instant now, int day);
  // Hours the visit holds the counter (unit's stream).
  double service_hours(std::uint32_t citizen);
  bool service_working_time() const { return spec_.service_working_time; }
  // Calendar hours until the queued citizen leaves (infinite patience: never called).
  bool has_patience() const { return spec_.patience_hours.has_value(); }
  double patience_hours(std::uint32_t citizen);
  void set_abandon_sequence(std::uint32_t citizen, std::uint64_t sequence) {
    citizens_[citizen].abandon_sequence = sequence;
  }
  // The visit ended at a counter at `now`: the dossier is lodged (the caller admits it and
  // then calls release()). Returns the next citizen to serve at the freed counter, or kNone.
  std::uint32_t finish(std::uint32_t citizen, sim::Instant now);
  // An abandonment event with kernel sequence `sequence` fired: true (and counted) when the
  // citizen was still queueing for that visit.
  bool abandon(std::uint32_t citizen, std::uint64_t sequence);
  // After an abandonment or a turn-away: true if the citizen comes back another day (call
  // join() again then), false if they walk away (the slot is released).
  bool leave(std::uint32_t citizen);
  void release(std::uint32_t citizen);

  int pair(std::uint32_t citizen) const { return citizens_[citizen].pair; }
  int unit(std::uint32_t citizen) const { return citizens_[citizen].unit; }
  // Random stream for the return day of a citizen of `unit`.
  sim::RandomStream& return_stream(int unit) { return streams_[2 * unit + 1]; }

  // KPIs: cleared at the end of warm-up, then written into the rows of every scope.
  void reset();
  void fill(std::vector<KpiRow>& rows) const;

 private:
  enum class State : std::uint8_t { kFree, kAway, kQueued, kServing };
  struct Citizen {
    std::int32_t pair = 0;
    std::int32_t unit = 0;
    std::uint64_t ticket = 0;            // of the current visit
    std::uint64_t abandon_sequence = 0;  // kernel sequence of the pending abandonment
    sim::Instant queued;
    std::int32_t visits = 0;
    State state = State::kFree;
    ScopeSet scopes{};
  };
  struct Waiting {
    std::uint32_t citizen;
    std::uint64_t ticket;
  };
  // A FIFO on a vector: pops advance `head`; the storage is compacted when half is popped.
  struct Queue {
    std::vector<Waiting> items;
    std::size_t head = 0;
  };
  struct Counts {
    std::int64_t visits = 0;
    std::int64_t repeat_visits = 0;
    std::int64_t served = 0;
    std::int64_t abandoned = 0;
    std::int64_t turned_away = 0;
    std::int64_t walked_away = 0;
    double wait_hours = 0.0;  // of the served
  };
  template <class Fn>
  void count(const Citizen& c, Fn fn) {
    for (const std::int32_t s : c.scopes)
      fn(counts_[s]);
  }

  // Constant after construction.
  const ReceptionSpec& spec_;
  std::vector<int> counters_;  // per unit
  // Written by the event loop.
  std::vector<sim::RandomStream> streams_;  // per unit: service and patience, return day
  std::vector<int> busy_;                   // per unit
  std::vector<int> tickets_today_;          // per unit
  std::vector<int> ticket_day_;             // per unit: the day tickets_today_ counts
  std::vector<Queue> queues_;               // per unit
  std::vector<Citizen> citizens_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_ticket_ = 1;
  std::vector<Counts> counts_;  // per scope
};

}  // namespace twotier::model
