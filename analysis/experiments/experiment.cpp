// Dispatch of replications to worker threads; see experiment.hpp for the guarantees.
#include "analysis/experiments/experiment.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "analysis/experiments/progress_board.hpp"
#include "models/replication.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

int effective_threads(const ExperimentOptions& options) {
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(threads, 1, std::max(1, options.replications));
}

ExperimentResult run_replications(const ReplicationFunction& replicate,
                                  const ExperimentOptions& options) {
  assert(options.replications >= 1);
  assert(options.threads >= 0);
  const auto started = Clock::now();
  const int total = options.replications;
  assert(options.skip.empty() || options.skip.size() == static_cast<std::size_t>(total));
  auto skipped = [&options](int index) {
    return !options.skip.empty() && options.skip[static_cast<std::size_t>(index)];
  };
  const int to_run =
      static_cast<int>(total - std::count(options.skip.begin(), options.skip.end(), true));
  auto stop_requested = [&options] {
    return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
  };
  const int thread_count = effective_threads(options);
  ProgressBoard& board = progress_board();
  const bool show_progress = options.progress && board.enabled();
  // Progress in simulated days; whole replications when the function does not count days.
  const double days_each = options.days_each > 0 ? options.days_each : 1.0;
  if (show_progress) {
    board.begin_experiment(total, days_each);
    if (to_run < total) board.add_done(days_each * (total - to_run), total - to_run);
  }

  ExperimentResult result;
  result.threads = thread_count;
  result.replications.resize(static_cast<std::size_t>(total));
  result.finished.assign(static_cast<std::size_t>(total), false);

  // Shared between workers: tickets hand out indices; the rest is guarded by `mutex`.
  std::atomic<int> next_ticket{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable changed;
  int finished = 0;  // workers that have exited
  int done = 0;      // replications completed
  std::exception_ptr failure;
  int failure_index = total;  // index of the replication whose exception is kept

  auto worker = [&] {
    for (;;) {
      if (stop.load(std::memory_order_relaxed) || stop_requested()) break;
      const int index = next_ticket.fetch_add(1, std::memory_order_relaxed);
      if (index >= total) break;
      if (skipped(index)) continue;
      std::exception_ptr error;
      try {
        // Each slot is written by exactly one worker; joining publishes it to the caller.
        result.replications[static_cast<std::size_t>(index)] =
            replicate(options.first_replication + static_cast<std::uint64_t>(index));
      } catch (const model::ReplicationCancelled&) {
        continue;  // abandoned on request: no result, not a failure
      } catch (...) {
        error = std::current_exception();
      }
      if (!error) {
        std::lock_guard lock(mutex);
        try {
          if (options.on_replication_done) {
            options.on_replication_done(result.replications[static_cast<std::size_t>(index)]);
          }
          result.finished[static_cast<std::size_t>(index)] = true;
          ++done;
          if (show_progress) {
            board.replication_done();
            if (options.days_each <= 0) board.add_done(1.0, 0);
          }
        } catch (...) {
          error = std::current_exception();
        }
      }
      if (error) {
        std::lock_guard lock(mutex);
        // Keep the lowest failing index so the reported error does not depend on timing
        // among the replications that did run.
        if (index < failure_index) {
          failure_index = index;
          failure = error;
        }
        stop.store(true, std::memory_order_relaxed);
      }
      changed.notify_all();
    }
    {
      std::lock_guard lock(mutex);
      ++finished;
    }
    changed.notify_all();
  };

  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(thread_count));
  for (int t = 0; t < thread_count; ++t)
    workers.emplace_back(worker);

  {
    // The caller waits here and redraws the progress line at most four times a second.
    std::unique_lock lock(mutex);
    auto last_drawn = Clock::time_point{};
    while (finished < thread_count) {
      changed.wait_for(lock, std::chrono::milliseconds(250));
      if (show_progress && Clock::now() - last_drawn >= std::chrono::milliseconds(250)) {
        board.draw();
        last_drawn = Clock::now();
      }
    }
  }
  for (auto& w : workers)
    w.join();
  if (show_progress) board.clear();
  if (failure) std::rethrow_exception(failure);
  result.interrupted = done < to_run && stop_requested();

  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

double replication_days(const model::ModelSpec& spec) {
  return std::ceil(spec.end.seconds / sim::kSecondsPerDay);
}

std::atomic<std::int64_t>* progress_days(const ExperimentOptions& options) {
  return options.progress && progress_board().enabled() ? &progress_board().days_done() : nullptr;
}

ExperimentResult run_experiment(const model::ModelSpec& spec, const ExperimentOptions& options) {
  ExperimentOptions counted = options;
  counted.days_each = replication_days(spec);
  const std::atomic<bool>* stop = options.stop;
  std::atomic<std::int64_t>* days = progress_days(options);
  return run_replications(
      [&spec, stop, days](std::uint64_t replication) {
        return model::run_replication(spec, replication, stop, days);
      },
      counted);
}

}  // namespace twotier::analysis
