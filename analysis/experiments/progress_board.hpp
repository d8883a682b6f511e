// The overall progress of one command (run, compare, sweep, staff, delegation, backtest,
// calibrate), drawn on stderr while replications run: a bar rewritten in place on a terminal,
// a plain line every 10% (or 30 s) otherwise, nothing when the command is quiet.
//
// Progress is counted in simulated days, so it moves inside a long replication (a one-
// replication year shows its ETA after a few seconds): replications add to `days_done` after
// every simulated day (models/replication.hpp). The total is what the command announced with
// expect() or, when more than that, the days of the experiments started so far.
//
// One board per process (progress_board()): it is display state, not simulation state, and
// every member is atomic or guarded, so worker threads may count while the caller draws.
// Results never depend on it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace twotier::analysis {

class ProgressBoard {
 public:
  // A new command: `label` starts plain lines ("twotier run"); disabled when quiet.
  void start(std::string label, bool enabled);
  bool enabled() const { return enabled_; }

  // The command expects about `days` simulated days in all (replications x horizon days).
  void expect(double days);
  // An experiment of `replications` x `days_each` starts (grows the total past expect()).
  void begin_experiment(int replications, double days_each);
  // Counted by the replications (one per simulated day) and by the runner.
  std::atomic<std::int64_t>& days_done() { return days_done_; }
  void replication_done() { replications_done_.fetch_add(1, std::memory_order_relaxed); }
  // Skipped (resumed) work counts as done.
  void add_done(double days, int replications);

  // Redraws if due (at most 4 times a second on a terminal); call from one thread.
  void draw();
  // Removes the bar from the terminal line (before other output); nothing otherwise.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::mutex mutex_;
  std::string label_;
  bool enabled_ = false;
  bool terminal_ = false;
  bool drawn_ = false;
  Clock::time_point started_{};
  Clock::time_point last_draw_{};
  double expected_days_ = 0.0;
  double started_days_ = 0.0;  // days of the experiments begun
  double skipped_days_ = 0.0;  // resumed work
  int planned_replications_ = 0;
  int next_line_percent_ = 10;  // plain lines: the next multiple of 10% to report
  std::atomic<std::int64_t> days_done_{0};
  std::atomic<int> replications_done_{0};
};

// The process's board.
ProgressBoard& progress_board();

// "0:42", "12:05", "1:02:03".
std::string format_clock(double seconds);

}  // namespace twotier::analysis
