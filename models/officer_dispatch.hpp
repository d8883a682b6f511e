// Officers and the first-come-first-served queues of tasks waiting for them.
//
// Each PositionSpec is a group of `officers` identical servers covering its skills. A task
// (a dossier's work step) offered at (unit, skill) is taken at once by an idle officer of
// the first position in spec order that covers the skill; otherwise it waits in the queue of
// (unit, skill). A freed officer takes the earliest-offered task among the queues of its
// skills (ties cannot occur: offer sequences are unique). Deterministic, no randomness.
// Queues are ring buffers that only grow, so steady-state operation allocates nothing.
// Written only by one replication's event loop.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

class OfficerDispatch {
 public:
  explicit OfficerDispatch(const ModelSpec& spec);

  struct Task {
    std::uint32_t slot = 0;      // dossier slot
    std::uint64_t sequence = 0;  // FCFS order (unique, increasing)
  };

  // Offers a task; returns the position whose officer takes it now, or nullopt after
  // queueing it. REQUIRES: 0 <= unit < units, 0 <= skill < skills
  std::optional<int> offer(int unit, int skill, Task task);
  // An officer of `position` finished a task: returns the task it takes next (the officer
  // stays busy) or nullopt (the officer becomes idle).
  std::optional<Task> release(int position);

  // Officers joining or leaving a position while the run goes (mobile support team). Joined
  // officers are idle: call take_for_idle until it returns nullopt. Leaving officers go when
  // idle; busy ones finish their task first. REQUIRES: n >= 0; remove at most officers(p).
  void add_officers(int position, int n);
  void remove_officers(int position, int n);
  // An idle officer of `position` takes the earliest queued task of its skills, if any.
  std::optional<Task> take_for_idle(int position);

  bool covered(int unit, int skill) const { return !covering(unit, skill).empty(); }
  int busy(int position) const { return officers_[position] - idle_[position]; }
  std::size_t queued(int unit, int skill) const { return queues_[index(unit, skill)].size(); }

 private:
  // A FIFO of tasks on a growable ring buffer.
  class TaskRing {
   public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    const Task& front() const { return buffer_[head_]; }
    void push(Task task);
    Task pop();

   private:
    std::vector<Task> buffer_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
  };

  struct Span {
    const int* first;
    const int* last;
    bool empty() const { return first == last; }
    const int* begin() const { return first; }
    const int* end() const { return last; }
  };
  std::size_t index(int unit, int skill) const {
    return static_cast<std::size_t>(unit) * skill_count_ + skill;
  }
  Span covering(int unit, int skill) const {
    const std::size_t i = index(unit, skill);
    return {covering_.data() + covering_start_[i], covering_.data() + covering_start_[i + 1]};
  }

  // Constant after construction.
  std::size_t skill_count_ = 0;
  std::vector<int> covering_;                // positions by (unit, skill), in spec order
  std::vector<std::size_t> covering_start_;  // offsets into covering_, size units*skills+1
  std::vector<std::vector<std::size_t>> position_queues_;  // queue indices of each position
  std::vector<int> officers_;
  // Written by offer/release.
  std::vector<int> idle_;
  std::vector<int> leaving_;  // officers to remove when they become idle
  std::vector<TaskRing> queues_;
};

}  // namespace twotier::model
