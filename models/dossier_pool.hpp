// A dossier in flight (runtime entity, apart from its ProcedureSpec) and the pool that holds
// the open ones. Slots are reused through a free list, so memory grows with the dossiers in
// the system at once, not with all dossiers ever seen. A slot index is stable while its
// dossier is open; kernel events name dossiers by slot. One pool per replication.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/event.hpp"
#include "sim/time.hpp"

namespace twotier::model {

// Where a dossier's calendar time goes (the "where the time went" KPIs).
enum class Phase : std::uint8_t {
  kWaitOfficer,  // queued for an officer, or taken but outside working hours
  kWorked,       // an officer works on it
  kTransfer,     // between tiers
  kCitizen,      // with the citizen for supplementation
  kDelay,        // joint processing with another body, field checks
};
inline constexpr int kPhaseCount = 5;

// Laid out by use, in two hot lines and two cold ones: what every step reads or writes is in
// the first 128 bytes (line 0: which step, who serves it, phase and step times; line 1: the
// per-phase and per-tier sums and the pending completion's sequence); the appointment, the
// interruptible work and what only receipt, supplementation and departure touch come after.
// Slots are 128-byte aligned, so the two hot lines are always one aligned pair (the pair the
// hardware prefetches together) and the cold lines of open dossiers take no cache space.
struct alignas(128) Dossier {
  // --- Line 0: every step ---
  std::int32_t procedure = 0;
  std::int32_t pair = 0;       // index of (unit, procedure) in the replication's pair table
  std::int32_t unit = 0;       // filing unit
  std::int32_t position = -1;  // position serving it, or -1
  std::int32_t officer = -1;   // officer (roster index) serving it, or -1
  std::int16_t step = 0;       // index into the procedure's steps
  std::uint8_t channel = 0;
  Phase phase = Phase::kWaitOfficer;
  bool supplemented = false;  // the citizen was asked once already
  bool overdue = false;       // the appointment passed while open (apology slip issued)
  bool in_system = false;     // received (the statutory clock started), not yet gone
  bool outage_hit = false;    // held or slowed by an outage at least once
  // The replication's first random stream of the pair (saves the pair table on each draw).
  std::uint32_t first_stream = 0;
  sim::Instant phase_start;
  sim::Instant step_start;
  sim::Instant service_start;  // when the serving officer began (working instant)
  sim::Instant queued_at;      // when the current officer step was queued (overtime KPI)
  // --- Line 1: sums per phase and tier (two phase changes and one tier sum per work step);
  // the sequence of the pending interruptible completion event (0: none; an outage that
  // reschedules or suspends the work supersedes the event, see Replication::handle), reset at
  // each completion ---
  alignas(64) double phase_seconds[kPhaseCount] = {};
  // Calendar seconds spent in finished steps of each tier (index: Tier), for dossier records;
  // a step interrupted by a supplementation request counts up to the request.
  double tier_seconds[2] = {};
  std::uint64_t work_done_sequence = 0;
  // --- Line 2 (cold): the appointment; interruptible work (only when IT outages are on, see
  // models/it_platform.hpp): the work left at full speed from `work_from` and the current
  // speed; receipt ---
  sim::Instant due;  // appointment date
  sim::Instant work_from;
  double work_left_seconds = 0.0;
  double work_speed = 1.0;
  double paused_work_seconds = 0.0;  // working time of clock pauses (filing unit's calendar)
  sim::Instant received;             // receipt (start of the statutory clock)
  sim::Instant clock_start;          // receipt, or the resubmission when the clock restarts
  std::int32_t backlog_index = -1;   // index into ModelSpec::backlog, or -1
  std::uint32_t number = 0;          // 1-based order of receipt (trace name "D<n>"); 0 = backlog
  // --- Line 3 (cold): supplementation ---
  std::optional<sim::Instant> supplement_requested;  // for dossier records (logs)
  std::optional<sim::Instant> supplement_returned;

  void enter_phase(Phase next, sim::Instant at) {
    phase_seconds[static_cast<int>(phase)] += (at - phase_start).seconds;
    phase = next;
    phase_start = at;
  }
};

static_assert(sizeof(Dossier) == 256, "two hot lines and two cold ones");

class DossierPool {
 public:
  // Returns a slot holding a default Dossier.
  std::uint32_t allocate() {
    ++open_;
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      slots_[slot] = Dossier{};
      return slot;
    }
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  // REQUIRES: slot is open
  void release(std::uint32_t slot) {
    assert(slot < slots_.size() && open_ > 0);
    --open_;
    free_.push_back(slot);
  }
  Dossier& operator[](std::uint32_t slot) { return slots_[slot]; }
  const Dossier& operator[](std::uint32_t slot) const { return slots_[slot]; }
  std::size_t open() const { return open_; }
  std::size_t capacity() const { return slots_.size(); }
  // Visits every open dossier (end-of-run accounting only; O(capacity)).
  template <class Fn>
  void for_each_open(Fn fn) {
    std::vector<bool> is_free(slots_.size(), false);
    for (std::uint32_t s : free_)
      is_free[s] = true;
    for (std::uint32_t s = 0; s < slots_.size(); ++s)
      if (!is_free[s]) fn(s, slots_[s]);
  }

 private:
  // Written only by the event loop.
  std::vector<Dossier> slots_;
  std::vector<std::uint32_t> free_;
  std::size_t open_ = 0;
};

}  // namespace twotier::model
