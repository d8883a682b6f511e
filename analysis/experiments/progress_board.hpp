// The overall progress of one command (run, compare, sweep, staff, delegation, backtest,
// calibrate, validate), drawn on stderr while replications run: a bar rewritten in place on a
// terminal, a plain line every 10% (or 30 s) and a last one when done otherwise, nothing when
// the command is quiet.
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

  // The command expects about `replications` in all, `days_each` simulated days each.
  void expect(int replications, double days_each);
  // An experiment of `replications` x `days_each` starts (grows the total past expect()).
  void begin_experiment(int replications, double days_each);
  // Counted by the replications (one per simulated day) and by the runner.
  std::atomic<std::int64_t>& days_done() { return days_done_; }
  void replication_done() { replications_done_.fetch_add(1, std::memory_order_relaxed); }
  // Skipped (resumed) work counts as done.
  void add_done(double days, int replications);

  // Replications certain to follow the experiments begun so far (a search's confirmation
  // runs), `days_each` days each: the total is at least what was begun plus these. Replaces
  // the previous value.
  void set_pending(int replications, double days_each);
  // What the counts count, when not replications ("parameter set", "simulation", "step").
  void set_noun(std::string singular, std::string plural);
  // The total is a lower bound (a search of unknown length): the ETA reads "ETA >= 1:20".
  void set_total_is_minimum(bool minimum);

  // Redraws if due (at most 4 times a second on a terminal); call from one thread.
  void draw();
  // Removes the bar from the terminal line (before other output); nothing otherwise.
  void clear();
  // The command ended: without a terminal, a last plain line at 100% with the time taken,
  // if anything was counted; on a terminal, the bar is cleared.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  // "3 of 12 replications" (REQUIRES: mutex_ held).
  std::string counts_text() const;
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
  double pending_days_ = 0.0;  // certain to follow (set_pending)
  int pending_replications_ = 0;
  int expected_replications_ = 0;
  int planned_replications_ = 0;
  int next_line_percent_ = 10;  // plain lines: the next multiple of 10% to report
  std::string singular_ = "replication";
  std::string plural_ = "replications";
  bool total_is_minimum_ = false;
  std::atomic<std::int64_t> days_done_{0};
  std::atomic<int> replications_done_{0};
};

// The process's board.
ProgressBoard& progress_board();

// "0:42", "12:05", "1:02:03".
std::string format_clock(double seconds);

}  // namespace twotier::analysis
