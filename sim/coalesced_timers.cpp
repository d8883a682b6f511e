#include "sim/coalesced_timers.hpp"

#include <algorithm>  // std::remove_if
#include <bit>        // std::bit_cast

namespace sim {

CoalescedTimers::CoalescedTimers(Kernel& kernel, HandlerId handler, std::uint64_t payload_base,
                                 std::int32_t priority)
    : kernel_(kernel), handler_(handler), payload_base_(payload_base), priority_(priority) {
  assert((payload_base & 0xffffffffu) == 0);
}

std::uint32_t CoalescedTimers::moment_for(Instant at) {
  assert(at >= kernel_.now());
  // +0.0 for -0.0, so that equal instants share one bit pattern.
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(at.seconds + 0.0);
  if (!lookup_index_.empty()) {
    const std::size_t mask = lookup_index_.size() - 1;
    for (std::size_t cell = home_of(bits); lookup_index_[cell] != 0; cell = (cell + 1) & mask)
      if (lookup_bits_[cell] == bits) return lookup_index_[cell] - 1;
  }
  // A new pending instant: its kernel event, then its entry in the lookup table.
  std::uint32_t index;
  if (free_moments_.empty()) {
    index = static_cast<std::uint32_t>(moments_.size());
    moments_.emplace_back();
  } else {
    index = free_moments_.back();
    free_moments_.pop_back();
  }
  moments_[index].time_bits = bits;
  moments_[index].active = true;
  kernel_.schedule(at, handler_, payload_base_ | index, priority_);
  if (2 * (lookup_used_ + 1) > lookup_index_.size()) grow_lookup();
  const std::size_t mask = lookup_index_.size() - 1;
  std::size_t cell = home_of(bits);
  while (lookup_index_[cell] != 0)
    cell = (cell + 1) & mask;
  lookup_bits_[cell] = bits;
  lookup_index_[cell] = index + 1;
  ++lookup_used_;
  return index;
}

void CoalescedTimers::release_moment(std::uint32_t index) {
  Moment& m = moments_[index];
  // Remove its lookup cell by backward shift (linear probing keeps no tombstones).
  const std::size_t mask = lookup_index_.size() - 1;
  std::size_t hole = home_of(m.time_bits);
  while (lookup_index_[hole] != index + 1)
    hole = (hole + 1) & mask;
  for (std::size_t next = (hole + 1) & mask; lookup_index_[next] != 0; next = (next + 1) & mask) {
    const std::size_t home = home_of(lookup_bits_[next]);
    // The entry at `next` may move into the hole if its home is not in (hole, next].
    const bool home_after_hole =
        hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
    if (home_after_hole) continue;
    lookup_bits_[hole] = lookup_bits_[next];
    lookup_index_[hole] = lookup_index_[next];
    hole = next;
  }
  lookup_index_[hole] = 0;
  --lookup_used_;
  // Small lists keep their capacity for the next instant; a deadline shared by thousands gives
  // its memory back (a few such instants a day), so recycled lists do not all grow to the peak.
  if (m.entries.capacity() > kKeptCapacity) {
    std::vector<Entry>().swap(m.entries);
  } else {
    m.entries.clear();
  }
  m.active = false;
  free_moments_.push_back(index);
}

void CoalescedTimers::grow_lookup() {
  const std::size_t size = lookup_index_.empty() ? 64 : 2 * lookup_index_.size();
  std::vector<std::uint64_t> old_bits(size, 0);
  std::vector<std::uint32_t> old_index(size, 0);
  old_bits.swap(lookup_bits_);
  old_index.swap(lookup_index_);
  lookup_shift_ = 64 - std::countr_zero(size);
  const std::size_t mask = size - 1;
  for (std::size_t i = 0; i < old_index.size(); ++i) {
    if (old_index[i] == 0) continue;
    std::size_t cell = home_of(old_bits[i]);
    while (lookup_index_[cell] != 0)
      cell = (cell + 1) & mask;
    lookup_bits_[cell] = old_bits[i];
    lookup_index_[cell] = old_index[i];
  }
}

void CoalescedTimers::compact() {
  // Stale entries go; the armed keep their order, so firing order is unchanged.
  stored_ = 0;
  for (Moment& m : moments_) {
    if (!m.active) continue;
    m.entries.erase(
        std::remove_if(m.entries.begin(), m.entries.end(),
                       [this](const Entry& e) { return generation_[e.key] != e.generation; }),
        m.entries.end());
    stored_ += m.entries.size();
  }
}

}  // namespace sim
