// Dispatch of replications to worker threads; see experiment.hpp for the guarantees.
#include "analysis/experiments/experiment.hpp"

#include <unistd.h>  // isatty, STDERR_FILENO

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "models/replication.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {
namespace {

using Clock = std::chrono::steady_clock;

// "0:42", "12:05", "1:02:03".
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

// Rewrites one stderr line in place; only used when stderr is a terminal.
void print_progress(int done, int total, Clock::time_point started) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::string eta = "?";
  if (done > 0) eta = format_clock(elapsed / done * (total - done));
  std::fprintf(stderr, "\rreplications %d/%d, ETA %s   ", done, total, eta.c_str());
  std::fflush(stderr);
}

void clear_progress() {
  std::fprintf(stderr, "\r%60s\r", "");
  std::fflush(stderr);
}

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
  const bool show_progress = options.progress && isatty(STDERR_FILENO);

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
        print_progress(done, to_run, started);
        last_drawn = Clock::now();
      }
    }
  }
  for (auto& w : workers)
    w.join();
  if (show_progress) clear_progress();
  if (failure) std::rethrow_exception(failure);
  result.interrupted = done < to_run && stop_requested();

  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

ExperimentResult run_experiment(const model::ModelSpec& spec, const ExperimentOptions& options) {
  if (options.stop != nullptr) {
    const std::atomic<bool>& stop = *options.stop;
    return run_replications(
        [&spec, &stop](std::uint64_t replication) {
          return model::run_replication(spec, replication, stop);
        },
        options);
  }
  return run_replications(
      [&spec](std::uint64_t replication) { return model::run_replication(spec, replication); },
      options);
}

}  // namespace twotier::analysis
