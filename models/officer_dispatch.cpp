#include "models/officer_dispatch.hpp"

#include <algorithm>  // std::min
#include <cassert>

namespace twotier::model {

void OfficerDispatch::TaskRing::push(Task task) {
  if (size_ == buffer_.size()) {
    // Grow by doubling, unrolling the ring so head_ becomes 0.
    std::vector<Task> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i)
      bigger[i] = buffer_[(head_ + i) % buffer_.size()];
    buffer_.swap(bigger);
    head_ = 0;
  }
  buffer_[(head_ + size_) % buffer_.size()] = task;
  ++size_;
}

OfficerDispatch::Task OfficerDispatch::TaskRing::pop() {
  assert(size_ > 0);
  const Task task = buffer_[head_];
  head_ = (head_ + 1) % buffer_.size();
  --size_;
  return task;
}

OfficerDispatch::OfficerDispatch(const ModelSpec& spec) : skill_count_(spec.skills.size()) {
  const std::size_t cells = spec.units.size() * skill_count_;
  std::vector<std::vector<int>> by_cell(cells);
  position_queues_.resize(spec.positions.size());
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const PositionSpec& position = spec.positions[p];
    officers_.push_back(position.officers);
    for (int skill : position.skills) {
      by_cell[index(position.unit, skill)].push_back(static_cast<int>(p));
      position_queues_[p].push_back(index(position.unit, skill));
    }
  }
  covering_start_.push_back(0);
  for (const auto& cell : by_cell) {
    covering_.insert(covering_.end(), cell.begin(), cell.end());
    covering_start_.push_back(covering_.size());
  }
  idle_ = officers_;
  leaving_.assign(officers_.size(), 0);
  queues_.resize(cells);
}

std::optional<int> OfficerDispatch::offer(int unit, int skill, Task task) {
  assert(unit >= 0 && skill >= 0 && static_cast<std::size_t>(skill) < skill_count_);
  for (int position : covering(unit, skill)) {
    if (idle_[position] > 0) {
      --idle_[position];
      return position;
    }
  }
  queues_[index(unit, skill)].push(task);
  return std::nullopt;
}

std::optional<OfficerDispatch::Task> OfficerDispatch::release(int position) {
  TaskRing* earliest = nullptr;
  for (std::size_t q : position_queues_[position]) {
    TaskRing& ring = queues_[q];
    if (!ring.empty() &&
        (earliest == nullptr || ring.front().sequence < earliest->front().sequence))
      earliest = &ring;
  }
  if (leaving_[position] > 0) {  // this officer leaves instead of taking more work
    --leaving_[position];
    --officers_[position];
    return std::nullopt;
  }
  if (earliest != nullptr) return earliest->pop();
  ++idle_[position];
  assert(idle_[position] <= officers_[position]);
  return std::nullopt;
}

void OfficerDispatch::add_officers(int position, int n) {
  assert(n >= 0);
  officers_[position] += n;
  idle_[position] += n;
}

void OfficerDispatch::remove_officers(int position, int n) {
  assert(n >= 0 && n <= officers_[position] - leaving_[position]);
  const int now = std::min(n, idle_[position]);
  idle_[position] -= now;
  officers_[position] -= now;
  leaving_[position] += n - now;
}

std::optional<OfficerDispatch::Task> OfficerDispatch::take_for_idle(int position) {
  if (idle_[position] == 0) return std::nullopt;
  --idle_[position];
  return release(position);  // gives the idle officer back when nothing is queued
}

}  // namespace twotier::model
