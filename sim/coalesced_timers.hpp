// Cancellable timers that share a few distinct instants (deadlines at closing times): one kernel
// event per distinct pending instant instead of one per timer, and O(1) cancellation.
//
// Each key (an index the owner chooses, such as a dossier slot) has at most one armed timer.
// The kernel event of an instant is scheduled, with the timers' priority, when its first timer
// is armed; when it runs, fire() calls back every timer still armed there, in arming order
// (timers armed at that instant during the callbacks run in the same pass, after them).
// Order guarantee: the same as one kernel event per timer, as long as no other kernel event has
// the timers' (time, priority) and the callbacks schedule no kernel event at it.
// Cancelled entries stay in their instant's list (checked by generation when it fires) and are
// compacted when they outnumber armed timers, so memory follows the armed timers.
// Not thread-safe; one per replication.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/kernel.hpp"

namespace sim {

class CoalescedTimers {
 public:
  // The kernel events name `handler` with payload `payload_base | instant index`.
  // REQUIRES: the low 32 bits of payload_base are 0.
  CoalescedTimers(Kernel& kernel, HandlerId handler, std::uint64_t payload_base,
                  std::int32_t priority);
  CoalescedTimers(const CoalescedTimers&) = delete;
  CoalescedTimers& operator=(const CoalescedTimers&) = delete;

  // Arms `key`'s timer at `at`, replacing the one armed before. REQUIRES: at >= kernel.now()
  void arm(std::uint32_t key, Instant at) {
    disarm(key);
    if (key >= generation_.size()) generation_.resize(key + std::size_t{1}, 0);
    const std::uint32_t generation = ++generation_[key];  // odd: armed
    const std::uint32_t moment = moment_for(at);
    moments_[moment].entries.push_back(Entry{key, generation});
    ++armed_;
    ++stored_;
  }
  // Cancels `key`'s timer; does nothing when none is armed.
  void disarm(std::uint32_t key) {
    if (key >= generation_.size() || (generation_[key] & 1u) == 0) return;
    ++generation_[key];  // even: disarmed; its entry is now stale
    --armed_;
    if (stored_ - armed_ > kCompactSlack && stored_ - armed_ > armed_ && firing_ == kNone)
      compact();
  }
  bool armed(std::uint32_t key) const {
    return key < generation_.size() && (generation_[key] & 1u) != 0;
  }

  // Runs the instant named by a kernel event's payload: calls on_timer(key) for each timer still
  // armed there (disarmed before the call), in arming order. Returns the number called.
  template <class OnTimer>
  std::uint64_t fire(std::uint64_t payload, OnTimer&& on_timer) {
    const auto index = static_cast<std::uint32_t>(payload & 0xffffffffu);
    assert(index < moments_.size() && moments_[index].active);
    firing_ = index;
    std::uint64_t called = 0;
    // By index: a callback may arm another timer at this instant (appended here).
    for (std::size_t i = 0; i < moments_[index].entries.size(); ++i) {
      const Entry e = moments_[index].entries[i];
      if (generation_[e.key] != e.generation) continue;  // disarmed or re-armed since
      ++generation_[e.key];
      --armed_;
      ++called;
      on_timer(e.key);
    }
    firing_ = kNone;
    stored_ -= moments_[index].entries.size();
    release_moment(index);
    return called;
  }

  // Timers armed now.
  std::uint64_t armed_count() const { return armed_; }
  // Entries held, armed or stale (for memory checks).
  std::uint64_t stored_entries() const { return stored_; }
  // Distinct instants with a pending kernel event.
  std::size_t pending_instants() const { return lookup_used_; }

 private:
  struct Entry {
    std::uint32_t key;
    std::uint32_t generation;  // generation_[key] when armed
  };
  struct Moment {
    std::uint64_t time_bits = 0;  // bit pattern of the instant (the lookup key)
    bool active = false;
    std::vector<Entry> entries;  // kept (capacity) when the instant is recycled
  };
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  static constexpr std::uint64_t kCompactSlack = 4096;
  static constexpr std::size_t kKeptCapacity = 256;  // entries a recycled instant keeps

  // The instant's index, created (and its kernel event scheduled) if not pending.
  std::uint32_t moment_for(Instant at);
  void release_moment(std::uint32_t index);
  void compact();
  // Open-addressing table (linear probing) from time bits to instant index + 1 (0 = empty).
  std::size_t home_of(std::uint64_t bits) const {
    return static_cast<std::size_t>((bits * 0x9e3779b97f4a7c15ULL) >> lookup_shift_);
  }
  void grow_lookup();

  Kernel& kernel_;
  const HandlerId handler_;
  const std::uint64_t payload_base_;
  const std::int32_t priority_;
  // Written by arm / disarm / fire.
  std::vector<std::uint32_t> generation_;  // per key: odd while armed
  std::vector<Moment> moments_;
  std::vector<std::uint32_t> free_moments_;
  std::vector<std::uint64_t> lookup_bits_;
  std::vector<std::uint32_t> lookup_index_;  // instant index + 1, or 0 for an empty cell
  std::size_t lookup_used_ = 0;
  int lookup_shift_ = 64;
  std::uint64_t armed_ = 0;
  std::uint64_t stored_ = 0;
  std::uint32_t firing_ = kNone;  // the instant fire() is walking, or kNone
};

}  // namespace sim
