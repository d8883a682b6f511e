// Interruption and resume: the runner stops on its flag, skips replications done before and
// hands each finished one to a callback; end to end, `twotier run` interrupted by SIGINT
// (sent by this test after the first replication is saved) exits 130 with its finished
// replications in results.h5, and `twotier run --resume` completes it to results identical
// to an uninterrupted run.
#include <fcntl.h>     // O_WRONLY
#include <spawn.h>     // posix_spawn
#include <sys/wait.h>  // waitpid
#include <unistd.h>    // mkdtemp

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/experiments/checkpoint.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/results/run_outputs.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/synthetic_results.hpp"
#include "tests/support/twotier_process.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

const std::string kExample = TWOTIER_SOURCE_DIR "/scenarios/examples/single-commune/scenario.toml";

// `twotier run ARGS...`, its output in `log`.
pid_t spawn_run(std::vector<std::string> args, const fs::path& log) {
  args.insert(args.begin(), "run");
  return test::spawn_twotier(args, log);
}

int run_run(const std::vector<std::string>& args, const fs::path& log) {
  return test::wait_exit_code(spawn_run(args, log));
}

}  // namespace

TEST_CASE("the runner stops on its flag, skips done replications and reports each finished one",
          "[interrupt]") {
  SECTION("replications marked done are skipped and left empty") {
    analysis::ExperimentOptions options;
    options.replications = 5;
    options.threads = 2;
    options.skip = {true, false, true, false, false};
    std::vector<std::uint64_t> reported;
    options.on_replication_done = [&](const model::ReplicationResult& r) {
      reported.push_back(r.replication);
    };
    const auto result = analysis::run_replications(test::synthetic_result, options);
    std::sort(reported.begin(), reported.end());
    CHECK(reported == std::vector<std::uint64_t>{1, 3, 4});
    CHECK(result.finished == std::vector<bool>{false, true, false, true, true});
    CHECK_FALSE(result.interrupted);
    CHECK(result.replications[0].scopes.empty());
    CHECK(result.replications[4].replication == 4);
  }
  SECTION("after the flag is set no replication starts and the result says interrupted") {
    std::atomic<bool> stop{false};
    analysis::ExperimentOptions options;
    options.replications = 50;
    options.threads = 1;
    options.stop = &stop;
    int calls = 0;
    const auto result = analysis::run_replications(
        [&](std::uint64_t i) {
          if (++calls == 3) stop = true;
          return test::synthetic_result(i);
        },
        options);
    CHECK(calls == 3);
    CHECK(result.interrupted);
    CHECK(std::count(result.finished.begin(), result.finished.end(), true) == 3);
  }
  SECTION("a cancelled model replication is abandoned, not a failure") {
    const model::ModelSpec spec = model::load_scenario(kExample);
    std::atomic<bool> stop{true};
    CHECK_THROWS_AS(model::run_replication(spec, 0, stop), model::ReplicationCancelled);
    analysis::ExperimentOptions options;
    options.replications = 2;
    options.threads = 2;
    options.stop = &stop;
    const auto result = analysis::run_experiment(spec, options);
    CHECK(result.interrupted);
  }
  SECTION("an uncancelled model replication is identical to the plain call") {
    const model::ModelSpec spec = model::load_scenario(kExample, {{"scenario.horizon=40d"}});
    std::atomic<bool> stop{false};
    const auto a = model::run_replication(spec, 1);
    const auto b = model::run_replication(spec, 1, stop);
    CHECK(a.events == b.events);
    CHECK(a.daily.backlog == b.daily.backlog);
    CHECK(a.kpis[0][static_cast<int>(model::Metric::kCompleted)] ==
          b.kpis[0][static_cast<int>(model::Metric::kCompleted)]);
  }
}

TEST_CASE("twotier run interrupted by SIGINT resumes to results identical to an uninterrupted run",
          "[interrupt]") {
  test::TempDir dir("twotier_interrupt");
  const std::vector<std::string> common{kExample, "--reps", "60", "--horizon", "60d", "-q"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = common;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const fs::path reference = dir.path / "reference";
  REQUIRE(run_run(with({"--threads", "2", "--out", reference.string()}),
                  dir.path / "reference.log") == 0);

  const fs::path interrupted = dir.path / "interrupted";
  const fs::path results = interrupted / "results.h5";
  const pid_t pid =
      spawn_run(with({"--threads", "2", "--out", interrupted.string()}), dir.path / "run.log");
  // The checkpoint grows by one replication group (with its daily series) when a replication
  // is saved. Its size without any replication is that of the same checkpoint made here (HDF5
  // lays out the same content the same way); interrupt once the run's file is larger.
  const std::uintmax_t empty_size = [&] {
    const std::string horizon = "scenario.horizon=60d";
    const model::ModelSpec spec = model::load_scenario(kExample, {{horizon}});
    analysis::CheckpointIdentity identity{fs::path(kExample).string(),
                                          fs::current_path().string(),
                                          {horizon},
                                          120,
                                          0.95,
                                          spec.source_text};
    analysis::CheckpointWriter::create(dir.path / "empty.h5", identity).close();
    return fs::file_size(dir.path / "empty.h5");
  }();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    const auto size = fs::file_size(results, ec);
    if (!ec && size > empty_size) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGINT);
  const int code = test::wait_exit_code(pid);
  const std::string log = test::read_text(dir.path / "run.log");
  INFO(log);
  REQUIRE(code == 130);
  CHECK(log.find("interrupted by SIGINT") != std::string::npos);
  CHECK(log.find("Resume with: twotier run --resume " + interrupted.string()) != std::string::npos);
  CHECK_FALSE(fs::exists(interrupted / "summary.csv"));
  const analysis::Checkpoint saved = analysis::read_checkpoint(results);
  CHECK(saved.done.size() >= 1);
  CHECK(saved.done.size() < 60);

  // A plain run into the folder refuses and points at --resume.
  CHECK(run_run(with({"--out", interrupted.string()}), dir.path / "refused.log") == 2);
  CHECK(test::read_text(dir.path / "refused.log").find("--resume") != std::string::npos);

  REQUIRE(run_run({"--resume", interrupted.string(), "--threads", "1", "-q"},
                  dir.path / "resume.log") == 0);
  CHECK_FALSE(analysis::is_checkpoint(results));
  CHECK(test::read_text(interrupted / "summary.csv") == test::read_text(reference / "summary.csv"));
  CHECK(test::read_text(interrupted / "monthly_report.csv") ==
        test::read_text(reference / "monthly_report.csv"));
  // Nothing left to resume.
  CHECK(run_run({"--resume", interrupted.string()}, dir.path / "again.log") == 2);
}
