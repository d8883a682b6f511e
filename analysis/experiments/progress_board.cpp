// The command's progress line (see progress_board.hpp).
#include "analysis/experiments/progress_board.hpp"

#include <unistd.h>  // isatty, STDERR_FILENO

#include <algorithm>
#include <cstdio>

namespace twotier::analysis {

std::string format_clock(double seconds) {
  const long total = seconds > 0 ? static_cast<long>(seconds + 0.5) : 0;
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

ProgressBoard& progress_board() {
  static ProgressBoard board;
  return board;
}

void ProgressBoard::start(std::string label, bool enabled) {
  std::lock_guard lock(mutex_);
  label_ = std::move(label);
  enabled_ = enabled;
  terminal_ = isatty(STDERR_FILENO) != 0;
  drawn_ = false;
  started_ = Clock::now();
  last_draw_ = {};
  expected_days_ = started_days_ = skipped_days_ = pending_days_ = 0.0;
  planned_replications_ = pending_replications_ = expected_replications_ = 0;
  next_line_percent_ = 10;
  singular_ = "replication";
  plural_ = "replications";
  total_is_minimum_ = false;
  days_done_.store(0);
  replications_done_.store(0);
}

void ProgressBoard::expect(int replications, double days_each) {
  std::lock_guard lock(mutex_);
  expected_days_ = std::max(expected_days_, replications * days_each);
  expected_replications_ = std::max(expected_replications_, replications);
}

void ProgressBoard::begin_experiment(int replications, double days_each) {
  std::lock_guard lock(mutex_);
  started_days_ += replications * days_each;
  planned_replications_ += replications;
}

void ProgressBoard::add_done(double days, int replications) {
  std::lock_guard lock(mutex_);
  skipped_days_ += days;
  replications_done_.fetch_add(replications, std::memory_order_relaxed);
}

void ProgressBoard::set_pending(int replications, double days_each) {
  std::lock_guard lock(mutex_);
  pending_replications_ = replications;
  pending_days_ = replications * days_each;
}

void ProgressBoard::set_noun(std::string singular, std::string plural) {
  std::lock_guard lock(mutex_);
  singular_ = std::move(singular);
  plural_ = std::move(plural);
}

void ProgressBoard::set_total_is_minimum(bool minimum) {
  std::lock_guard lock(mutex_);
  total_is_minimum_ = minimum;
}

std::string ProgressBoard::counts_text() const {
  const int reps = replications_done_.load(std::memory_order_relaxed);
  const int planned =
      std::max({planned_replications_ + pending_replications_, expected_replications_, reps});
  return std::to_string(reps) + " of " + (total_is_minimum_ ? "at least " : "") +
         std::to_string(planned) + " " + (planned == 1 ? singular_ : plural_);
}

void ProgressBoard::draw() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (terminal_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
  const double total = std::max(expected_days_, started_days_ + pending_days_);
  if (total <= 0) return;
  const double done = std::min(
      total, skipped_days_ + static_cast<double>(days_done_.load(std::memory_order_relaxed)));
  const double fraction = done / total;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  // The rate of this command's own simulation (resumed work took no time now).
  const double simulated = done - skipped_days_;
  const std::string eta =
      simulated > 0 && elapsed > 0.5
          ? (total_is_minimum_ ? ">= " : "") + format_clock(elapsed / simulated * (total - done))
          : "…";
  const std::string counts = counts_text();
  if (terminal_) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r[%s] %3.0f%%  %s  %s elapsed, ETA %s   ", bar.c_str(), 100.0 * fraction,
                 counts.c_str(), format_clock(elapsed).c_str(), eta.c_str());
    std::fflush(stderr);
    drawn_ = true;
    last_draw_ = now;
    return;
  }
  // Plain lines: at each further 10%, or every 30 s.
  const int percent = static_cast<int>(100.0 * fraction);
  if (percent < next_line_percent_ && now - last_draw_ < std::chrono::seconds(30)) return;
  if (percent < next_line_percent_ && last_draw_ == Clock::time_point{}) {
    if (now - started_ < std::chrono::seconds(30)) return;
  }
  // What the command printed on stdout so far goes first: with both streams in one pipe or
  // file, a line of this board never lands inside a half-written stdout line.
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %d%% (%s), %s elapsed, ETA %s\n", label_.c_str(), percent,
               counts.c_str(), format_clock(elapsed).c_str(), eta.c_str());
  std::fflush(stderr);
  next_line_percent_ = std::max(next_line_percent_, (percent / 10 + 1) * 10);
  last_draw_ = now;
}

void ProgressBoard::clear() {
  if (!enabled_ || !terminal_) return;
  std::lock_guard lock(mutex_);
  if (!drawn_) return;
  std::fprintf(stderr, "\r%90s\r", "");
  std::fflush(stderr);
  drawn_ = false;
  last_draw_ = {};
}

}  // namespace twotier::analysis

namespace twotier::analysis {

void ProgressBoard::finish() {
  if (!enabled_) return;
  if (terminal_) {
    clear();
    return;
  }
  std::lock_guard lock(mutex_);
  if (std::max(expected_days_, started_days_ + pending_days_) <= 0) return;  // nothing counted
  const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
  const int reps = replications_done_.load(std::memory_order_relaxed);
  std::fflush(stdout);  // stdout's lines first (see above)
  std::fprintf(stderr, "%s: done (%d %s) in %s\n", label_.c_str(), reps,
               reps == 1 ? singular_.c_str() : plural_.c_str(), format_clock(elapsed).c_str());
  std::fflush(stderr);
}

}  // namespace twotier::analysis
