#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "apps/workbench/job_queue.hpp"

using namespace twotier::workbench;
namespace fs = std::filesystem;

namespace {

const fs::path kTwotier = fs::path(TWOTIER_BINARY_DIR) / "bin/twotier";
const fs::path kScenario =
    fs::path(TWOTIER_SOURCE_DIR) / "scenarios/examples/single-commune/scenario.toml";

JobStatus wait_for_end(const JobQueue& queue, const std::string& id) {
  for (int i = 0; i < 1200; ++i) {
    const auto status = queue.status(id);
    REQUIRE(status);
    if (status->state != JobState::kQueued && status->state != JobState::kRunning) return *status;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("the job did not end within 2 minutes");
  return {};
}

struct JobsFolder {
  fs::path path = fs::temp_directory_path() / ("twotier-jobs-test-" + std::to_string(::getpid()));
  JobsFolder() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~JobsFolder() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("Progress lines of the command line are read for the page", "[workbench]") {
  const auto p = parse_progress("twotier run: 40% (2 of 5 replications), 0:12 elapsed, ETA 0:18");
  REQUIRE(p);
  CHECK(p->first == 40);
  CHECK(p->second == "0:18");
  const auto done =
      parse_progress("twotier staff: 100% (4 of 4 replications), 0:00 elapsed, ETA …");
  REQUIRE(done);
  CHECK(done->second.empty());
  CHECK_FALSE(parse_progress("error: bad value"));
}

TEST_CASE("Jobs run the command line, answer repeats from the cache and can be cancelled",
          "[workbench][cli]") {
  JobsFolder folder;
  JobQueue queue(kTwotier, folder.path, 1, 4, 1);
  const JobRequest run{
      "run", {kScenario.string(), "--horizon", "20", "--reps", "2"}, {kScenario}, "run"};
  const std::string id = queue.submit(run);
  const JobStatus done = wait_for_end(queue, id);
  INFO(done.message);
  CHECK(to_string(done.state) == std::string("done"));
  CHECK(fs::is_regular_file(done.output / "summary.csv"));
  CHECK(done.percent == 100);

  // The same request is the same job; a new queue over the same folder answers from it.
  CHECK(queue.submit(run) == id);
  {
    JobQueue restarted(kTwotier, folder.path, 1, 4, 1);
    CHECK(restarted.submit(run) == id);
    CHECK(restarted.status(id)->cached);
  }
  // Other arguments are another job.
  JobRequest longer = run;
  longer.arguments[2] = "21";
  CHECK(queue.submit(longer) != id);
  wait_for_end(queue, queue.submit(longer));

  SECTION("a failing run reports the command line's message") {
    const JobRequest bad{
        "run", {kScenario.string(), "--set", "positions.nowhere.one_stop=3"}, {kScenario}, "bad"};
    const JobStatus failed = wait_for_end(queue, queue.submit(bad));
    CHECK(failed.state == JobState::kFailed);
    CHECK_THAT(failed.message, Catch::Contains("nowhere"));
  }
  SECTION("a cancelled run stops and leaves nothing to answer from") {
    const JobRequest slow{
        "run", {kScenario.string(), "--horizon", "1500", "--reps", "200"}, {kScenario}, "slow"};
    const std::string slow_id = queue.submit(slow);
    while (queue.status(slow_id)->state == JobState::kQueued)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(queue.cancel(slow_id));
    const JobStatus cancelled = wait_for_end(queue, slow_id);
    CHECK(cancelled.state == JobState::kCancelled);
    CHECK_FALSE(fs::exists(folder.path / slow_id));
  }
  SECTION("a full queue refuses instead of dropping") {
    JobQueue small(kTwotier, folder.path, 1, 0, 1);
    JobRequest other = run;
    other.arguments[2] = "22";
    CHECK_THROWS_AS(small.submit(other), QueueFull);
  }
}
