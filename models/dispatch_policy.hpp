// Dispatch policies: which waiting task a freed officer of a unit takes next.
//
// Each policy is a small type mapping a task's facts to a priority key (smaller first); the
// queue breaks ties by offer sequence, so FCFS is "key 0" and every order is deterministic.
// Keys are computed once, when the task is queued (slack is measured against the working
// clock, so comparing keys at any later instant gives the same order). Stateless values.
#pragma once

#include <array>
#include <cstdint>
#include <variant>

#include "models/spec.hpp"

namespace twotier::model {

// What a policy may look at, filled by the runtime when the task is queued.
struct TaskFacts {
  double due_seconds = 0.0;             // the appointment instant (+inf if none)
  double due_work_clock = 0.0;          // statutory working clock at the appointment (+inf)
  double remaining_work_seconds = 0.0;  // mean effort of this and the later officer steps
  Domain domain = Domain::kOther;
};

struct FirstComeFirstServed {
  double key(const TaskFacts&) const { return 0.0; }
};
struct EarliestDeadlineFirst {
  double key(const TaskFacts& t) const { return t.due_seconds; }
};
// Slack = working time left to the appointment - mean work still to do; the common "now"
// drops out of the comparison.
struct LeastSlack {
  double key(const TaskFacts& t) const { return t.due_work_clock - t.remaining_work_seconds; }
};
struct DomainPriorityList {
  std::array<std::int8_t, kDomainCount> rank{};
  double key(const TaskFacts& t) const { return rank[static_cast<int>(t.domain)]; }
};

using DispatchPolicy =
    std::variant<FirstComeFirstServed, EarliestDeadlineFirst, LeastSlack, DomainPriorityList>;

inline DispatchPolicy make_dispatch_policy(const UnitStaffing& unit) {
  switch (unit.dispatch) {
    case DispatchRule::kFirstComeFirstServed:
      return FirstComeFirstServed{};
    case DispatchRule::kEarliestDeadline:
      return EarliestDeadlineFirst{};
    case DispatchRule::kLeastSlack:
      return LeastSlack{};
    case DispatchRule::kDomainPriority:
      return DomainPriorityList{unit.domain_rank};
  }
  return FirstComeFirstServed{};
}

inline double priority_key(const DispatchPolicy& policy, const TaskFacts& facts) {
  return std::visit([&](const auto& p) { return p.key(facts); }, policy);
}
// Whether the policy reads the deadline facts (the runtime skips computing them otherwise).
inline bool needs_deadline(const DispatchPolicy& policy) {
  return std::holds_alternative<EarliestDeadlineFirst>(policy) ||
         std::holds_alternative<LeastSlack>(policy);
}

}  // namespace twotier::model
