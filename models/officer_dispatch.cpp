#include "models/officer_dispatch.hpp"

#include <algorithm>  // std::find_if, std::fill
#include <bit>        // std::countr_zero
#include <cassert>

namespace twotier::model {

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
  candidates_start_.push_back(0);
  for (const auto& cell : by_cell) {
    candidates_.insert(candidates_.end(), cell.begin(), cell.end());
    candidates_start_.push_back(candidates_.size());
  }
  officer_queues_start_.push_back(0);
  for (std::size_t o = 0; o < roster.size(); ++o) {
    const OfficerSpec& officer = roster.officer(static_cast<int>(o));
    const std::size_t first = officer_queues_.size();
    for (int p : officer.positions) {
      for (int skill : spec.positions[p].skills) {
        const std::size_t q = index(officer.unit, skill);
        const bool listed =
            std::find_if(
                officer_queues_.begin() + static_cast<std::ptrdiff_t>(first), officer_queues_.end(),
                [&](const QueueOfPosition& e) { return e.queue == q; }) != officer_queues_.end();
        if (!listed) officer_queues_.push_back({q, p});
      }
    }
    officer_queues_start_.push_back(officer_queues_.size());
  }
  idle_.assign(roster.size(), 1);
  on_duty_.assign(roster.size(), 1);
  queues_.resize(cells);
  top_.resize(cells);
  // Candidate bits: words per cell, then each officer's (word, mask) in every cell it serves.
  ready_start_.push_back(0);
  for (std::size_t q = 0; q < cells; ++q)
    ready_start_.push_back(ready_start_.back() +
                           (candidates_start_[q + 1] - candidates_start_[q] + 63) / 64);
  ready_.assign(ready_start_.back(), 0);
  present_.assign(ready_start_.back(), 0);
  present_day_.assign(cells, kNoDay);
  std::vector<std::vector<ReadyBit>> bits_of(roster.size());
  for (std::size_t q = 0; q < cells; ++q)
    for (std::size_t c = candidates_start_[q]; c < candidates_start_[q + 1]; ++c) {
      const std::size_t k = c - candidates_start_[q];
      bits_of[candidates_[c].officer].push_back(
          {ready_start_[q] + k / 64, std::uint64_t{1} << (k % 64)});
    }
  officer_bits_start_.push_back(0);
  for (const auto& bits : bits_of) {
    officer_bits_.insert(officer_bits_.end(), bits.begin(), bits.end());
    officer_bits_start_.push_back(officer_bits_.size());
  }
  for (std::size_t o = 0; o < roster.size(); ++o)
    update_ready(static_cast<int>(o));
}

void OfficerDispatch::update_ready(int officer) {
  const bool ready = idle_[officer] && on_duty_[officer];
  for (std::size_t i = officer_bits_start_[officer]; i < officer_bits_start_[officer + 1]; ++i) {
    const ReadyBit& bit = officer_bits_[i];
    if (ready) {
      ready_[bit.word] |= bit.mask;
    } else {
      ready_[bit.word] &= ~bit.mask;
    }
  }
}

std::optional<OfficerDispatch::Assignment> OfficerDispatch::offer(int unit, int skill, Task task,
                                                                  int day) {
  assert(unit >= 0 && skill >= 0 && static_cast<std::size_t>(skill) < skill_count_);
  const std::size_t cell = index(unit, skill);
  // The first candidate (in candidate order) idle, on duty and present: the first bit set in
  // both the ready and the present words.
  if (present_day_[cell] != day) {  // presence is constant per (officer, day): tabulate it
    present_day_[cell] = day;
    std::fill(present_.begin() + static_cast<std::ptrdiff_t>(ready_start_[cell]),
              present_.begin() + static_cast<std::ptrdiff_t>(ready_start_[cell + 1]), 0);
    for (std::size_t c = candidates_start_[cell]; c < candidates_start_[cell + 1]; ++c) {
      const std::size_t k = c - candidates_start_[cell];
      if (roster_.present(candidates_[c].officer, day))
        present_[ready_start_[cell] + k / 64] |= std::uint64_t{1} << (k % 64);
    }
  }
  for (std::size_t w = ready_start_[cell]; w < ready_start_[cell + 1]; ++w) {
    const std::uint64_t bits = ready_[w] & present_[w];
    if (bits == 0) continue;
    const std::size_t c = candidates_start_[cell] + (w - ready_start_[cell]) * 64 +
                          static_cast<std::size_t>(std::countr_zero(bits));
    const Candidate& candidate = candidates_[c];
    assert(idle_[candidate.officer] && on_duty_[candidate.officer] &&
           roster_.present(candidate.officer, day));
    idle_[candidate.officer] = 0;
    update_ready(candidate.officer);
    return Assignment{candidate.officer, candidate.position};
  }
  RunQueue<Task, Later>& queue = queues_[cell];
  queue.push(task);
  top_[cell] = Top{queue.top(), true};
  return std::nullopt;
}

std::optional<OfficerDispatch::Next> OfficerDispatch::take_best(int officer) {
  // Compares the copies of the queues' tops (an officer's cells are adjacent in top_), not
  // the heaps themselves.
  std::size_t best = kNone;
  int position = 0;
  for (std::size_t i = officer_queues_start_[officer]; i < officer_queues_start_[officer + 1];
       ++i) {
    const std::size_t q = officer_queues_[i].queue;
    if (top_[q].queued && (best == kNone || Later{}(top_[best].task, top_[q].task))) {
      best = q;
      position = officer_queues_[i].position;
    }
  }
  if (best == kNone) return std::nullopt;
  RunQueue<Task, Later>& queue = queues_[best];
  const Task task = queue.top();
  queue.pop();
  if (queue.empty()) {
    top_[best] = Top{};
    return Next{task, position, kNoSlot};
  }
  top_[best] = Top{queue.top(), true};
  return Next{task, position, queue.top().slot};
}

std::optional<OfficerDispatch::Next> OfficerDispatch::release(int officer, int day) {
  assert(!idle_[officer]);
  if (on_duty_[officer] && roster_.present(officer, day)) {
    if (std::optional<Next> next = take_best(officer)) return next;
  }
  idle_[officer] = 1;
  update_ready(officer);
  return std::nullopt;
}

std::optional<OfficerDispatch::Next> OfficerDispatch::pull(int officer, int day) {
  assert(idle_[officer]);
  if (!on_duty_[officer] || !roster_.present(officer, day)) return std::nullopt;
  std::optional<Next> next = take_best(officer);
  if (next) {
    idle_[officer] = 0;
    update_ready(officer);
  }
  return next;
}

}  // namespace twotier::model
