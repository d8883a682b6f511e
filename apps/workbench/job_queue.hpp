// Simulations requested from the browser, run as `twotier` child processes: at most
// `max_running` at once, at most `max_waiting` queued (more is refused, never dropped), each
// cancellable, and each kept as a finished folder under WORKSPACE/jobs/<key> so the same
// request is answered from that folder (the key hashes the arguments, every file of the
// scenario folders involved and the twotier binary, so a changed input is a new job).
//
// A child process rather than a thread: the command line's checks, messages, progress and
// outputs are exactly those of the CLI, a failing run cannot take the server down, and a
// cancel is the CLI's own SIGTERM handling. Progress comes from the CLI's plain progress
// lines on stderr ("twotier run: 40% (...), 0:12 elapsed, ETA 0:18").
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace twotier::workbench {

enum class JobState { kQueued, kRunning, kDone, kFailed, kCancelled };
const char* to_string(JobState state);

struct JobRequest {
  std::string kind;                           // "run", "compare", "staff": the twotier subcommand
  std::vector<std::string> arguments;         // after the subcommand, without --out
  std::vector<std::filesystem::path> inputs;  // scenario files (for the cache key)
  std::string label;                          // shown in the page
};

struct JobStatus {
  std::string id;
  std::string kind;
  std::string label;
  JobState state = JobState::kQueued;
  int percent = 0;
  std::string eta;               // "0:18" once the CLI printed one
  std::string message;           // failed: the CLI's error lines
  int queue_position = 0;        // queued: jobs ahead of it
  bool cached = false;           // answered from an earlier identical job
  std::filesystem::path output;  // the CLI's --out folder
};

struct QueueFull : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class JobQueue {
 public:
  // `executable`: the twotier binary; `jobs_folder`: where job folders go.
  JobQueue(std::filesystem::path executable, std::filesystem::path jobs_folder, int max_running,
           int max_waiting, int threads_per_job);
  ~JobQueue();  // cancels what runs, waits for the workers
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // The job's id. Throws QueueFull when `max_waiting` jobs already wait.
  std::string submit(const JobRequest& request);
  std::optional<JobStatus> status(const std::string& id) const;
  // False when there is no such job or it has already ended.
  bool cancel(const std::string& id);
  // Every job this server knows, newest first.
  std::vector<JobStatus> jobs() const;

 private:
  struct Job;
  void work();
  void run(Job& job);
  std::string key_of(const JobRequest& request) const;

  std::filesystem::path executable_;
  std::filesystem::path jobs_folder_;
  int max_waiting_;
  int threads_per_job_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> waiting_;
  std::vector<std::thread> workers_;
  long long submitted_ = 0;
};

// From one progress line of the CLI: the percentage and the ETA text, when it has them.
std::optional<std::pair<int, std::string>> parse_progress(const std::string& line);

}  // namespace twotier::workbench
