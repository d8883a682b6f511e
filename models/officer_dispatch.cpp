#include "models/officer_dispatch.hpp"

#include <algorithm>  // std::find_if, std::max
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
  // Helpers: holders of a position with the cell's skill as a secondary skill, after all the
  // cell's main candidates (an officer already a candidate is not listed again).
  std::vector<std::vector<std::pair<Candidate, float>>> helpers_by_cell(cells);
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const PositionSpec& position = spec.positions[p];
    for (const SecondarySkill& secondary : position.secondary_skills) {
      const std::size_t q = index(position.unit, secondary.skill);
      for (int o : holders[p]) {
        const bool listed =
            std::find_if(by_cell[q].begin(), by_cell[q].end(),
                         [&](const Candidate& c) { return c.officer == o; }) != by_cell[q].end() ||
            std::find_if(helpers_by_cell[q].begin(), helpers_by_cell[q].end(), [&](const auto& h) {
              return h.first.officer == o;
            }) != helpers_by_cell[q].end();
        if (!listed)
          helpers_by_cell[q].push_back(
              {{o, static_cast<int>(p)}, static_cast<float>(secondary.proficiency)});
      }
    }
  }
  auto help_backlog = [&](int unit) -> std::uint32_t {
    if (static_cast<std::size_t>(unit) >= spec.staff.units.size()) return 0;
    const UnitStaffing& staffing = spec.staff.units[unit];
    return staffing.help_rule == HelpRule::kBacklog
               ? static_cast<std::uint32_t>(std::max(1, staffing.help_backlog))
               : 0;
  };
  auto help_gated = [&](int unit) -> bool {
    return static_cast<std::size_t>(unit) < spec.staff.units.size() &&
           spec.staff.units[unit].help_rule == HelpRule::kDueSoon;
  };
  cells_.resize(cells + 1);
  for (std::size_t q = 0; q < cells; ++q) {
    Cell& cell = cells_[q];
    cell.help_gated =
        help_gated(static_cast<int>(q / std::max<std::size_t>(skill_count_, 1))) ? 1 : 0;
    cell.candidates_first = static_cast<std::uint32_t>(candidates_.size());
    candidates_.insert(candidates_.end(), by_cell[q].begin(), by_cell[q].end());
    cell.helpers_first = static_cast<std::uint32_t>(candidates_.size());
    cell.helpers_proficiency_first = static_cast<std::uint32_t>(candidate_proficiency_.size());
    cell.help_backlog = help_backlog(static_cast<int>(q / std::max<std::size_t>(skill_count_, 1)));
    for (const auto& [candidate, proficiency] : helpers_by_cell[q]) {
      candidates_.push_back(candidate);
      candidate_proficiency_.push_back(proficiency);
    }
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
    // Its secondary queues, but those it serves as a main skill of another position.
    const std::size_t help_first = help_queues_.size();
    for (int p : officer.positions) {
      for (const SecondarySkill& secondary : spec.positions[p].secondary_skills) {
        const auto q = static_cast<std::uint32_t>(index(officer.unit, secondary.skill));
        const bool main = std::find_if(officer_queues_.begin() + static_cast<std::ptrdiff_t>(first),
                                       officer_queues_.end(), [&](const QueueOfPosition& e) {
                                         return e.queue == q;
                                       }) != officer_queues_.end();
        const bool listed =
            std::find_if(help_queues_.begin() + static_cast<std::ptrdiff_t>(help_first),
                         help_queues_.end(),
                         [&](const HelpQueue& e) { return e.queue == q; }) != help_queues_.end();
        if (!main && !listed)
          help_queues_.push_back({q, p, static_cast<float>(secondary.proficiency),
                                  help_backlog(officer.unit), help_gated(officer.unit)});
      }
    }
    if (help_queues_.size() != help_first) {
      help_first_.resize(roster.size(), 0);
      focus_.resize(roster.size(), kNoFocus);
      help_first_[o] = static_cast<std::uint32_t>(help_first);
      officers_[o].help_count = officer_count16(help_queues_.size() - help_first);
    }
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
    if (i >= c.helpers_first) {
      std::uint32_t slot = task.slot;
      // No main candidate is free: a helper takes it, by the unit's help rule (the helpers of
      // a cell share it), and then the best waiting; when the rule says no, only a helper
      // reassigned to this cell.
      RunQueue<Task, Later>& queue = queues_[cell];
      std::size_t h = i;
      if (!help_allowed(c, queue.size() + 1)) {
        h = c.focused == 0 ? kNone : focused_helper(cell, w, bits);
        if (h == kNone) break;
      }
      const Candidate& helper = candidates_[h];
      const float proficiency =
          candidate_proficiency_[h - c.helpers_first + c.helpers_proficiency_first];
      if (!queue.empty()) {
        queue.push(task);
        slot = queue.top().slot;
        queue.pop();
        c.top = queue.top();
      }
      officers_[helper.officer].idle = 0;
      update_ready(helper.officer);
      return Assignment{slot, helper.officer, helper.position, proficiency, true};
    }
    officers_[candidate.officer].idle = 0;
    update_ready(candidate.officer);
    return Assignment{task.slot, candidate.officer, candidate.position, 1.0f, false};
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
  float proficiency = 1.0f;
  bool helping = false;
  if (state.help_count != 0) {
    const bool own_work = best != kNone;
    const HelpQueue* first = help_queues_.data() + help_first_[officer];
    const std::uint32_t focus = focus_[officer];
    if (focus != kNoFocus && cells_[help_queues_[focus].queue].queued) {
      // Reassigned: the focus skill's work first.
      best = help_queues_[focus].queue;
      position = help_queues_[focus].position;
      proficiency = help_queues_[focus].proficiency;
      helping = true;
      first += state.help_count;  // skip the comparison below
    }
    for (const HelpQueue *help = first,
                         *end = help_queues_.data() + help_first_[officer] + state.help_count;
         help < end; ++help) {
      const Cell& c = cells_[help->queue];
      if (!c.queued) continue;
      const bool allowed = help->gated          ? c.help_open != 0
                           : help->backlog == 0 ? !own_work
                                                : queues_[help->queue].size() >= help->backlog;
      if (!allowed) continue;
      if (best == kNone || Later{}(cells_[best].top, c.top)) {
        best = help->queue;
        position = help->position;
        proficiency = help->proficiency;
        helping = true;
      }
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
    return Next{task, position, kNoSlot, proficiency, helping};
  }
  c.top = queue.top();
  return Next{task, position, c.top.slot, proficiency, helping};
}

std::size_t OfficerDispatch::focused_helper(std::size_t cell, std::uint32_t w,
                                            std::uint64_t bits) const {
  // From the first ready and present helper on (word w, bits), the first reassigned here.
  const Cell& c = cells_[cell];
  const std::uint32_t words_end = cells_[cell + 1].words_first;
  for (;;) {
    while (bits != 0) {
      const std::size_t i = c.candidates_first + (w - c.words_first) * std::size_t{64} +
                            static_cast<std::size_t>(std::countr_zero(bits));
      bits &= bits - 1;
      if (i < c.helpers_first) continue;
      const std::uint32_t f = focus_[candidates_[i].officer];
      if (f != kNoFocus && help_queues_[f].queue == cell) return i;
    }
    if (++w >= words_end) return kNone;
    bits = words_[w].ready & words_[w].present;
  }
}

bool OfficerDispatch::set_focus(int officer, int skill) {
  const OfficerState& state = officers_[officer];
  if (state.help_count == 0) return false;
  std::uint32_t to = kNoFocus;
  if (skill >= 0) {
    const auto q = static_cast<std::uint32_t>(index(roster_.officer(officer).unit, skill));
    for (std::uint32_t h = help_first_[officer]; h < help_first_[officer] + state.help_count; ++h)
      if (help_queues_[h].queue == q) to = h;
    if (to == kNoFocus) return false;
  }
  std::uint32_t& focus = focus_[officer];
  if (focus != kNoFocus) --cells_[help_queues_[focus].queue].focused;
  focus = to;
  if (focus != kNoFocus) ++cells_[help_queues_[focus].queue].focused;
  return true;
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
