#include "models/officer_dispatch.hpp"

#include <algorithm>  // std::find_if
#include <bit>        // std::countr_zero
#include <cassert>
#include <stdexcept>  // std::length_error

namespace twotier::model {
namespace {

// The compact per-officer records hold 16-bit counts: a count that does not fit is refused
// at set-up rather than truncated.
std::uint16_t officer_count16(std::size_t count) {
  if (count > 0xffffu)
    throw std::length_error("OfficerDispatch: an officer serves more than 65535 cells");
  return static_cast<std::uint16_t>(count);
}

}  // namespace

OfficerDispatch::OfficerDispatch(const ModelSpec& spec, const Roster& roster)
    : roster_(roster), skill_count_(spec.skills.size()) {
  const std::size_t cells = spec.units.size() * skill_count_;
  // Holders of each position, in roster order.
  std::vector<std::vector<int>> holders(spec.positions.size());
  for (std::size_t o = 0; o < roster.size(); ++o)
    for (int p : roster.officer(static_cast<int>(o)).positions)
      holders[p].push_back(static_cast<int>(o));
  std::vector<std::vector<Candidate>> by_cell(cells);
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const PositionSpec& position = spec.positions[p];
    for (int skill : position.skills) {
      auto& cell = by_cell[index(position.unit, skill)];
      for (int o : holders[p]) {
        const bool listed = std::find_if(cell.begin(), cell.end(), [&](const Candidate& c) {
                              return c.officer == o;
                            }) != cell.end();
        if (!listed) cell.push_back({o, static_cast<int>(p)});
      }
    }
  }
  cells_.resize(cells + 1);
  for (std::size_t q = 0; q < cells; ++q) {
    cells_[q].candidates_first = static_cast<std::uint32_t>(candidates_.size());
    candidates_.insert(candidates_.end(), by_cell[q].begin(), by_cell[q].end());
  }
  cells_[cells].candidates_first = static_cast<std::uint32_t>(candidates_.size());
  officers_.resize(roster.size());
  for (std::size_t o = 0; o < roster.size(); ++o) {
    const OfficerSpec& officer = roster.officer(static_cast<int>(o));
    const std::size_t first = officer_queues_.size();
    for (int p : officer.positions) {
      for (int skill : spec.positions[p].skills) {
        const auto q = static_cast<std::uint32_t>(index(officer.unit, skill));
        const bool listed =
            std::find_if(
                officer_queues_.begin() + static_cast<std::ptrdiff_t>(first), officer_queues_.end(),
                [&](const QueueOfPosition& e) { return e.queue == q; }) != officer_queues_.end();
        if (!listed) officer_queues_.push_back({q, p});
      }
    }
    officers_[o].queues_first = static_cast<std::uint32_t>(first);
    officers_[o].queues_count = officer_count16(officer_queues_.size() - first);
  }
  queues_.resize(cells);
  // Candidate words per cell, then each officer's (word, mask) in every cell it serves.
  std::size_t words = 0;
  for (std::size_t q = 0; q <= cells; ++q) {
    cells_[q].words_first = static_cast<std::uint32_t>(words);
    if (q < cells) words += (cells_[q + 1].candidates_first - cells_[q].candidates_first + 63) / 64;
  }
  words_.assign(words, Words{});
  std::vector<std::vector<ReadyBit>> bits_of(roster.size());
  for (std::size_t q = 0; q < cells; ++q)
    for (std::size_t c = cells_[q].candidates_first; c < cells_[q + 1].candidates_first; ++c) {
      const std::size_t k = c - cells_[q].candidates_first;
      bits_of[candidates_[c].officer].push_back(
          {static_cast<std::uint32_t>(cells_[q].words_first + k / 64),
           std::uint64_t{1} << (k % 64)});
    }
  for (std::size_t o = 0; o < roster.size(); ++o) {
    officers_[o].bits_first = static_cast<std::uint32_t>(officer_bits_.size());
    officers_[o].bits_count = officer_count16(bits_of[o].size());
    officer_bits_.insert(officer_bits_.end(), bits_of[o].begin(), bits_of[o].end());
  }
  // 32-bit indices into the candidate and word arrays.
  if (candidates_.size() > 0xffffffffu || words > 0xffffffffu)
    throw std::length_error("OfficerDispatch: more than 2^32 candidates");
  for (std::size_t o = 0; o < roster.size(); ++o)
    update_ready(static_cast<int>(o));
}

void OfficerDispatch::update_ready(int officer) {
  const OfficerState& state = officers_[officer];
  const bool ready = state.idle && state.on_duty;
  const ReadyBit* bit = officer_bits_.data() + state.bits_first;
  for (const ReadyBit* end = bit + state.bits_count; bit != end; ++bit) {
    if (ready) {
      words_[bit->word].ready |= bit->mask;
    } else {
      words_[bit->word].ready &= ~bit->mask;
    }
  }
}

void OfficerDispatch::tabulate_presence(std::size_t cell, int day) {
  // Presence is constant per (officer, day): tabulated on the day's first offer to the cell.
  Cell& c = cells_[cell];
  c.present_day = day;
  for (std::uint32_t w = c.words_first; w < cells_[cell + 1].words_first; ++w)
    words_[w].present = 0;
  for (std::uint32_t i = c.candidates_first; i < cells_[cell + 1].candidates_first; ++i) {
    const std::uint32_t k = i - c.candidates_first;
    if (roster_.present(candidates_[i].officer, day))
      words_[c.words_first + k / 64].present |= std::uint64_t{1} << (k % 64);
  }
}

std::optional<OfficerDispatch::Assignment> OfficerDispatch::offer(int unit, int skill, Task task,
                                                                  int day) {
  assert(unit >= 0 && skill >= 0 && static_cast<std::size_t>(skill) < skill_count_);
  const std::size_t cell = index(unit, skill);
  Cell& c = cells_[cell];
  if (c.present_day != day) tabulate_presence(cell, day);
  // The first candidate (in candidate order) idle, on duty and present: the first bit set in
  // both the ready and the present words.
  const std::uint32_t words_end = cells_[cell + 1].words_first;
  for (std::uint32_t w = c.words_first; w < words_end; ++w) {
    const std::uint64_t bits = words_[w].ready & words_[w].present;
    if (bits == 0) continue;
    const std::size_t i = c.candidates_first + (w - c.words_first) * std::size_t{64} +
                          static_cast<std::size_t>(std::countr_zero(bits));
    const Candidate& candidate = candidates_[i];
    assert(idle(candidate.officer) && on_duty(candidate.officer) &&
           roster_.present(candidate.officer, day));
    officers_[candidate.officer].idle = 0;
    update_ready(candidate.officer);
    return Assignment{candidate.officer, candidate.position};
  }
  RunQueue<Task, Later>& queue = queues_[cell];
  queue.push(task);
  c.queued = true;
  c.top = queue.top();
  return std::nullopt;
}

std::optional<OfficerDispatch::Next> OfficerDispatch::take_best(int officer) {
  // Compares the copies of the queues' tops (an officer's cells are adjacent), not the
  // queues themselves.
  std::size_t best = kNone;
  int position = 0;
  const OfficerState& state = officers_[officer];
  const QueueOfPosition* entry = officer_queues_.data() + state.queues_first;
  for (const QueueOfPosition* end = entry + state.queues_count; entry != end; ++entry) {
    const Cell& c = cells_[entry->queue];
    if (c.queued && (best == kNone || Later{}(cells_[best].top, c.top))) {
      best = entry->queue;
      position = entry->position;
    }
  }
  if (best == kNone) return std::nullopt;
  RunQueue<Task, Later>& queue = queues_[best];
  const Task task = queue.top();
  queue.pop();
  Cell& c = cells_[best];
  if (queue.empty()) {
    c.queued = false;
    c.top = Task{};
    return Next{task, position, kNoSlot};
  }
  c.top = queue.top();
  return Next{task, position, c.top.slot};
}

std::optional<OfficerDispatch::Next> OfficerDispatch::release(int officer, int day) {
  assert(!idle(officer));
  if (officers_[officer].on_duty && roster_.present(officer, day)) {
    if (std::optional<Next> next = take_best(officer)) return next;
  }
  officers_[officer].idle = 1;
  update_ready(officer);
  return std::nullopt;
}

std::optional<OfficerDispatch::Next> OfficerDispatch::pull(int officer, int day) {
  assert(idle(officer));
  if (!officers_[officer].on_duty || !roster_.present(officer, day)) return std::nullopt;
  std::optional<Next> next = take_best(officer);
  if (next) {
    officers_[officer].idle = 0;
    update_ready(officer);
  }
  return next;
}

}  // namespace twotier::model
