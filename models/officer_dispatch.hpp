// Individual officers and the queues of tasks waiting for them.
//
// A task (a dossier's officer step) offered at (unit, skill) is taken at once by the first
// idle officer present on the service day, trying the positions covering the skill in spec
// order and their holders in roster order (an officer holding several positions is one
// person: busy in all of them at once). Otherwise it waits in the queue of (unit, skill),
// ordered by (policy key, offer sequence) (models/dispatch_policy.hpp). A freed officer takes
// the best task among the queues of all skills of all its positions. Deterministic, no
// randomness. Queues (RunQueue: a ring for in-order offers, a heap for the others) only
// grow: steady state allocates nothing. Each (unit, skill) keeps a bit per candidate that is idle
// and on duty, and one per candidate present on the day of its latest offer, so an offer to a busy
// unit (the province desk has 169 holders) skips the busy and absent ones by word, not one by one.
// Written only by one replication's event loop; `roster` must outlive this object.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "models/roster.hpp"
#include "models/run_queue.hpp"
#include "models/spec.hpp"

namespace twotier::model {

class OfficerDispatch {
 public:
  OfficerDispatch(const ModelSpec& spec, const Roster& roster);
  OfficerDispatch(const OfficerDispatch&) = delete;
  OfficerDispatch& operator=(const OfficerDispatch&) = delete;

  struct Task {
    std::uint32_t slot = 0;      // dossier slot
    std::uint64_t sequence = 0;  // offer order (unique, increasing): the tie-break
    double key = 0.0;            // policy key, smaller first
  };
  struct Assignment {
    int officer = 0;   // index into the roster
    int position = 0;  // the position whose duty this is (index into ModelSpec::positions)
  };
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  struct Next {
    Task task;
    int position = 0;
    // The slot now on top of the queue the task came from (kNoSlot if it is empty): likely
    // the next one served there, worth prefetching.
    std::uint32_t upcoming_slot = kNoSlot;
  };

  // Offers a task; returns who takes it now, or nullopt after queueing it. `day`: the day
  // the work would start (officers absent that day do not take it).
  // REQUIRES: 0 <= unit < units, 0 <= skill < skills
  std::optional<Assignment> offer(int unit, int skill, Task task, int day);
  // A busy officer finished a task: the task it takes next (staying busy), or nullopt (idle;
  // also when absent on `day`). REQUIRES: !idle(officer)
  std::optional<Next> release(int officer, int day);
  // An idle officer present on `day` takes the best queued task, if any (after an absence,
  // or on joining). REQUIRES: idle(officer)
  std::optional<Next> pull(int officer, int day);

  // Officers who come and go while the run goes (mobile support team): an officer off duty
  // takes no new task (a busy one finishes the task in hand). All are on duty at first; one
  // put back on duty is idle or busy as before: call pull to give it queued work.
  void set_on_duty(int officer, bool on_duty) {
    on_duty_[officer] = on_duty ? 1 : 0;
    update_ready(officer);
  }
  bool on_duty(int officer) const { return on_duty_[officer] != 0; }

  bool idle(int officer) const { return idle_[officer] != 0; }
  bool covered(int unit, int skill) const {
    return candidates_start_[index(unit, skill)] != candidates_start_[index(unit, skill) + 1];
  }
  std::size_t queued(int unit, int skill) const { return queues_[index(unit, skill)].size(); }

 private:
  struct Candidate {
    int officer;
    int position;
  };
  struct QueueOfPosition {
    std::size_t queue;
    int position;
  };
  std::size_t index(int unit, int skill) const {
    return static_cast<std::size_t>(unit) * skill_count_ + skill;
  }
  std::optional<Next> take_best(int officer);
  // Sets the officer's candidate bits to idle && on duty.
  void update_ready(int officer);

  // Constant after construction.
  const Roster& roster_;
  std::size_t skill_count_ = 0;
  std::vector<Candidate> candidates_;            // by (unit, skill), see the header comment
  std::vector<std::size_t> candidates_start_;    // offsets, size units*skills+1
  std::vector<QueueOfPosition> officer_queues_;  // the queues each officer serves
  std::vector<std::size_t> officer_queues_start_;
  std::vector<std::size_t> ready_start_;  // per cell: first word in ready_, size cells+1
  struct ReadyBit {
    std::size_t word;  // index into ready_
    std::uint64_t mask;
  };
  std::vector<ReadyBit> officer_bits_;  // each officer's candidate bits, in all its cells
  std::vector<std::size_t> officer_bits_start_;
  // Written by offer/release/pull.
  std::vector<std::uint8_t> idle_;
  std::vector<std::uint8_t> on_duty_;  // see set_on_duty
  // Bit c of cell q's words: candidates_[candidates_start_[q] + c] is idle and on duty.
  std::vector<std::uint64_t> ready_;
  // The same layout: candidate present on present_day_[q] (tabulated on the first offer of
  // that day to the cell; an offer's day changes about twice a day).
  static constexpr int kNoDay = -2147483647 - 1;
  std::vector<std::uint64_t> present_;
  std::vector<int> present_day_;
  // Queue order: the top is the smallest (key, sequence). A function object, so the heap
  // algorithms inline it.
  struct Later {
    bool operator()(const Task& a, const Task& b) const {
      return a.key != b.key ? a.key > b.key : a.sequence > b.sequence;
    }
  };
  // Per cell; under first come, first served every offer is later than those queued, so
  // queues are rings (RunQueue), not heaps over the backlog.
  std::vector<RunQueue<Task, Later>> queues_;
  struct Top {
    Task task;            // a copy of the queue's best task
    bool queued = false;  // the queue is not empty
  };
  std::vector<Top> top_;  // per cell
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
};

}  // namespace twotier::model
