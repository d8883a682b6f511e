#include "apps/workbench/job_queue.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>

#include "apps/workbench/spawn_defaults.hpp"
#include "models/scenario_document.hpp"

extern char** environ;

namespace twotier::workbench {
namespace fs = std::filesystem;

const char* to_string(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kDone:
      return "done";
    case JobState::kFailed:
      return "failed";
    case JobState::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

struct JobQueue::Job {
  JobRequest request;
  JobStatus status;
  pid_t pid = 0;
  bool cancel_requested = false;
  long long order = 0;
};

namespace {

// FNV-1a, 64 bits: a cache key, not a security boundary (the inputs are the user's own).
struct Hash {
  std::uint64_t value = 14695981039346656037ull;
  void add(std::string_view bytes) {
    for (const unsigned char c : bytes) {
      value ^= c;
      value *= 1099511628211ull;
    }
    add_separator();
  }
  void add_separator() {
    value ^= 0xff;
    value *= 1099511628211ull;
  }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
  }
};

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every file the scenario can read: the files of its chain and every existing file a string
// value names (tables, calendars), resolved as the loader does.
void collect_inputs(const toml::node& node, std::set<fs::path>& files) {
  if (const auto* table = node.as_table()) {
    for (const auto& [key, value] : *table)
      collect_inputs(value, files);
  } else if (const auto* array = node.as_array()) {
    for (const auto& value : *array)
      collect_inputs(value, files);
  } else if (const auto* text = node.as_string()) {
    std::error_code ec;
    const fs::path path = model::resolve_relative(node, text->get());
    if (fs::is_regular_file(path, ec)) files.insert(fs::weakly_canonical(path, ec));
  }
}

std::vector<std::string> error_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!parse_progress(line) && !line.empty()) lines.push_back(line);
  if (lines.size() > 20) lines.erase(lines.begin(), lines.end() - 20);
  return lines;
}

}  // namespace

std::optional<std::pair<int, std::string>> parse_progress(const std::string& line) {
  static const std::regex pattern(R"(^twotier [a-z]+: ([0-9]{1,3})% .*ETA ([0-9:]+|…))");
  std::smatch match;
  if (!std::regex_search(line, match, pattern)) return std::nullopt;
  const int percent = std::min(100, std::stoi(match[1].str()));
  return std::make_pair(percent, match[2].str() == "…" ? std::string{} : match[2].str());
}

JobQueue::JobQueue(fs::path executable, fs::path jobs_folder, int max_running, int max_waiting,
                   int threads_per_job)
    : executable_(std::move(executable)),
      jobs_folder_(std::move(jobs_folder)),
      max_waiting_(max_waiting),
      threads_per_job_(threads_per_job) {
  for (int i = 0; i < std::max(1, max_running); ++i)
    workers_.emplace_back([this] { work(); });
}

JobQueue::~JobQueue() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) {
      if (job->status.state == JobState::kRunning && job->pid > 0) {
        job->cancel_requested = true;
        ::kill(job->pid, SIGTERM);
      }
    }
  }
  wake_.notify_all();
  for (auto& worker : workers_)
    worker.join();
}

std::string JobQueue::key_of(const JobRequest& request) const {
  Hash hash;
  std::error_code ec;
  hash.add(std::to_string(fs::file_size(executable_, ec)));
  hash.add(std::to_string(fs::last_write_time(executable_, ec).time_since_epoch().count()));
  hash.add(request.kind);
  for (const auto& argument : request.arguments)
    hash.add(argument);
  for (const auto& input : request.inputs) {
    std::set<fs::path> files;
    try {
      const model::ScenarioDocument document = model::read_scenario_document(input, {});
      for (const auto& file : document.chain)
        files.insert(fs::weakly_canonical(file, ec));
      collect_inputs(document.root, files);
    } catch (const std::exception&) {
      files.insert(input);  // the CLI will report the problem
    }
    for (const auto& file : files) {
      hash.add(file.string());
      hash.add(file_bytes(file));
    }
  }
  return hash.hex();
}

std::string JobQueue::submit(const JobRequest& request) {
  const std::string id = key_of(request);
  const fs::path folder = jobs_folder_ / id;
  const std::lock_guard lock(mutex_);
  if (const auto found = jobs_.find(id); found != jobs_.end()) {
    const JobState state = found->second->status.state;
    if (state == JobState::kQueued || state == JobState::kRunning || state == JobState::kDone)
      return id;  // in progress or answered: the same job
  }
  auto job = std::make_shared<Job>();
  job->request = request;
  job->status.id = id;
  job->status.kind = request.kind;
  job->status.label = request.label;
  job->status.output = folder / "out";
  job->order = ++submitted_;
  std::error_code ec;
  if (fs::is_regular_file(folder / "done", ec)) {  // finished by an earlier server
    job->status.state = JobState::kDone;
    job->status.percent = 100;
    job->status.cached = true;
    jobs_[id] = job;
    return id;
  }
  if (static_cast<int>(waiting_.size()) >= max_waiting_) {
    throw QueueFull(std::to_string(waiting_.size()) +
                    " simulations are waiting already; try again when some have finished");
  }
  jobs_[id] = job;
  waiting_.push_back(job);
  wake_.notify_one();
  return id;
}

std::optional<JobStatus> JobQueue::status(const std::string& id) const {
  const std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end()) return std::nullopt;
  JobStatus status = found->second->status;
  if (status.state == JobState::kQueued) {
    const auto at = std::find(waiting_.begin(), waiting_.end(), found->second);
    status.queue_position = static_cast<int>(at - waiting_.begin());
  }
  return status;
}

std::vector<JobStatus> JobQueue::jobs() const {
  std::vector<std::shared_ptr<Job>> all;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [id, job] : jobs_)
      all.push_back(job);
  }
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a->order > b->order; });
  std::vector<JobStatus> statuses;
  for (const auto& job : all)
    if (auto status = this->status(job->status.id)) statuses.push_back(std::move(*status));
  return statuses;
}

bool JobQueue::cancel(const std::string& id) {
  const std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end()) return false;
  Job& job = *found->second;
  if (job.status.state == JobState::kQueued) {
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), found->second));
    job.status.state = JobState::kCancelled;
    return true;
  }
  if (job.status.state != JobState::kRunning) return false;
  job.cancel_requested = true;
  if (job.pid > 0) ::kill(job.pid, SIGTERM);  // the CLI stops at the next replication
  return true;
}

void JobQueue::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      job = waiting_.front();
      waiting_.pop_front();
      job->status.state = JobState::kRunning;
    }
    run(*job);
  }
}

void JobQueue::run(Job& job) {
  const fs::path folder = jobs_folder_ / job.status.id;
  std::error_code ec;
  fs::remove_all(folder, ec);  // what a failed or cancelled attempt left
  fs::create_directories(folder, ec);

  std::vector<std::string> arguments{executable_.string(), job.request.kind};
  arguments.insert(arguments.end(), job.request.arguments.begin(), job.request.arguments.end());
  arguments.insert(arguments.end(), {"--out", (folder / "out").string(), "--threads",
                                     std::to_string(threads_per_job_)});
  std::vector<char*> argv;
  for (auto& argument : arguments)
    argv.push_back(argument.data());
  argv.push_back(nullptr);

  int pipe_ends[2];
  std::string errors;
  int exit_code = -1;
  if (::pipe2(pipe_ends, O_CLOEXEC) == 0) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    const std::string stdout_log = (folder / "stdout.log").string();
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDERR_FILENO);
    SpawnDefaults defaults;
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, executable_.c_str(), &actions, &defaults.attributes,
                                      argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_ends[1]);
    if (spawned == 0) {
      {
        const std::lock_guard lock(mutex_);
        job.pid = pid;
        if (job.cancel_requested || stopping_) ::kill(pid, SIGTERM);
      }
      FILE* stream = ::fdopen(pipe_ends[0], "r");
      char* line = nullptr;
      size_t capacity = 0;
      ssize_t length = 0;
      while ((length = ::getline(&line, &capacity, stream)) > 0) {
        std::string text(line, static_cast<std::size_t>(length));
        if (!text.empty() && text.back() == '\n') text.pop_back();
        if (const auto progress = parse_progress(text)) {
          const std::lock_guard lock(mutex_);
          job.status.percent = progress->first;
          job.status.eta = progress->second;
        }
        if (errors.size() < (1u << 20)) errors += text + "\n";
      }
      std::free(line);
      std::fclose(stream);
      int wait_status = 0;
      ::waitpid(pid, &wait_status, 0);
      exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
    } else {
      ::close(pipe_ends[0]);
      errors = "cannot start " + executable_.string() + "\n";
    }
  }
  std::ofstream(folder / "stderr.log") << errors;

  const std::lock_guard lock(mutex_);
  job.pid = 0;
  if (job.cancel_requested) {
    job.status.state = JobState::kCancelled;
    fs::remove_all(folder, ec);  // a cancelled job is not an answer
  } else if (exit_code == 0) {
    job.status.state = JobState::kDone;
    job.status.percent = 100;
    std::ofstream(folder / "done") << job.request.kind << "\n" << job.request.label << "\n";
  } else {
    job.status.state = JobState::kFailed;
    std::string message;
    for (const auto& line : error_lines(errors))
      message += line + "\n";
    job.status.message =
        message.empty() ? "twotier exited with code " + std::to_string(exit_code) : message;
  }
}

}  // namespace twotier::workbench
