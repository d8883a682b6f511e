// The experiment journal of compare, sweep and staff: experiments numbered in call order save
// every finished replication, a resumed command is served the saved ones (skip + fill) and
// runs only the rest; a journal of another build, command, arguments or inputs is refused, as
// is a resumed command that does not repeat its experiments. End to end, `twotier compare`,
// `sweep` and `staff` interrupted by SIGINT (sent by this test once the first experiment is
// saved, as the command's progress line says) exit 130, and `--resume DIR` completes them to
// outputs byte-identical to an uninterrupted run.
#include <fcntl.h>     // O_WRONLY
#include <spawn.h>     // posix_spawn
#include <sys/wait.h>  // waitpid
#include <unistd.h>    // mkdtemp

#include <H5Cpp.h>

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
#include "analysis/experiments/checkpointing_executor.hpp"
#include "analysis/experiments/experiment_journal.hpp"
#include "analysis/experiments/experiments_h5.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/results/replication_codec.hpp"
#include "tests/support/synthetic_results.hpp"
#include "tests/support/twotier_process.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

const std::string kValidation = TWOTIER_SOURCE_DIR "/scenarios/validation";
const std::string kExample = TWOTIER_SOURCE_DIR "/scenarios/examples/single-commune/scenario.toml";
const std::string kTwoCommunes = TWOTIER_SOURCE_DIR "/tests/data/two-communes/scenario.toml";

analysis::JournalIdentity identity() {
  analysis::JournalIdentity id;
  id.command = "sweep";
  id.arguments = {"--reps=4", "--", "a.toml"};
  id.settings = {"--threads=2"};
  id.inputs = {"[scenario]\nname = \"a\"\n"};
  id.working_directory = "/tmp";
  return id;
}

// Runs experiment 0 (label "a", replications 0..3) and 1 ("b", 10..14) of synthetic results
// on one thread; `stop_after` replications computed in all, the stop flag is set.
struct Command {
  std::atomic<bool> stop{false};
  int computed = 0;
  int stop_after = 1 << 30;
  std::vector<analysis::ExperimentResult> results;

  void run(analysis::ExperimentJournal* journal) {
    const auto threads = analysis::make_thread_executor();
    analysis::CheckpointingExecutor executor(*threads, journal, &stop);
    const analysis::ReplicationFunction replicate = [this](std::uint64_t i) {
      if (++computed == stop_after) stop = true;
      return test::synthetic_result(i);
    };
    analysis::ExperimentOptions a;
    a.replications = 4;
    a.threads = 1;
    a.label = "a";
    results.push_back(executor.run(replicate, a));
    analysis::ExperimentOptions b = a;
    b.label = "b";
    b.first_replication = 10;
    b.replications = 5;
    results.push_back(executor.run(replicate, b));
  }
};

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// `text` without its lines starting with `prefix` (the wall time of a summary).
std::string without_lines(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line, kept;
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) != 0) kept += line + "\n";
  return kept;
}

// `twotier <args> --out DIR` interrupted by SIGINT once `progress` is in its log, resumed with
// `resume_settings`, gives the same `outputs` as an uninterrupted run.
void check_interrupt_and_resume(const std::vector<std::string>& args, const std::string& progress,
                                const std::vector<std::string>& resume_settings,
                                const std::vector<std::string>& outputs) {
  const std::string& command = args.front();
  test::TempDir dir("twotier_journal");
  const fs::path reference = dir.path / "reference";
  REQUIRE(test::run_twotier(concat(args, {"--out", reference.string(), "-q"}),
                            dir.path / "reference.log") == 0);
  CHECK_FALSE(analysis::is_checkpoint(reference / "results.h5"));
  CHECK(fs::exists(reference / "results.h5"));

  const fs::path interrupted = dir.path / "interrupted";
  const fs::path log_file = dir.path / "run.log";
  const pid_t pid = test::spawn_twotier(concat(args, {"--out", interrupted.string()}), log_file);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline &&
         test::read_text(log_file).find(progress) == std::string::npos)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  kill(pid, SIGINT);
  const int code = test::wait_exit_code(pid);
  const std::string log = test::read_text(log_file);
  INFO(log);
  REQUIRE(code == 130);
  CHECK(log.find("twotier " + command + ": interrupted by SIGINT") != std::string::npos);
  CHECK(log.find("Resume with: twotier " + command + " --resume " + interrupted.string()) !=
        std::string::npos);
  CHECK_FALSE(fs::exists(interrupted / outputs.front()));
  const fs::path results = interrupted / "results.h5";
  REQUIRE(analysis::is_experiment_journal(results));
  const analysis::JournalHeader header = analysis::read_journal_header(results);
  CHECK(header.identity.command == command);
  CHECK(analysis::ExperimentJournal::reopen(results, header.identity).saved_replications() >= 1);

  // A plain rerun into the folder refuses and points at --resume.
  CHECK(test::run_twotier(concat(args, {"--out", interrupted.string(), "-q"}),
                          dir.path / "refused.log") == 2);
  CHECK(test::read_text(dir.path / "refused.log").find("--resume") != std::string::npos);
  // So does another command's --resume.
  CHECK(test::run_twotier(
            {command == "sweep" ? "compare" : "sweep", "--resume", interrupted.string()},
            dir.path / "other.log") == 2);

  const fs::path resume_log = dir.path / "resume.log";
  REQUIRE(
      test::run_twotier(concat({command, "--resume", interrupted.string(), "-q"}, resume_settings),
                        resume_log) == 0);
  INFO(test::read_text(resume_log));
  CHECK_FALSE(analysis::is_checkpoint(results));
  for (const auto& name : outputs) {
    INFO(name);
    CHECK(without_lines(test::read_text(interrupted / name), "Search:") ==
          without_lines(test::read_text(reference / name), "Search:"));
  }
  // Nothing left to resume.
  CHECK(test::run_twotier({command, "--resume", interrupted.string()}, dir.path / "again.log") ==
        2);
}

}  // namespace

TEST_CASE("a checkpointing executor saves each replication and serves them to a resumed command",
          "[journal]") {
  test::TempDir dir("twotier_journal");
  const fs::path file = dir.path / "results.h5";
  Command uninterrupted;
  uninterrupted.run(nullptr);

  Command first;
  first.stop_after = 6;  // all of experiment 0, two of experiment 1
  {
    auto journal = analysis::ExperimentJournal::create(file, identity());
    CHECK_THROWS_AS(first.run(&journal), analysis::ExperimentInterrupted);
    CHECK(journal.saved_replications() == 6);
  }
  REQUIRE(analysis::is_experiment_journal(file));
  CHECK(analysis::read_journal_header(file).identity.settings == identity().settings);

  SECTION("the saved replications are skipped and filled in") {
    auto journal = analysis::ExperimentJournal::reopen(file, identity());
    const auto saved = journal.experiment(1);
    REQUIRE(saved);
    CHECK(saved->label == "b");
    CHECK(saved->first_replication == 10);
    CHECK(saved->done.size() == 2);
    CHECK_FALSE(journal.experiment(2));
    Command resumed;
    resumed.run(&journal);
    CHECK(resumed.computed == 3);
    CHECK(journal.saved_replications() == 9);
    REQUIRE(resumed.results.size() == 2);
    for (std::size_t e = 0; e < 2; ++e) {
      const auto& a = uninterrupted.results[e].replications;
      const auto& b = resumed.results[e].replications;
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        // Bit for bit (the synthetic KPIs include NaN): compare the encodings.
        std::vector<std::byte> encoded_a, encoded_b;
        analysis::encode_replication(a[i], encoded_a);
        analysis::encode_replication(b[i], encoded_b);
        CHECK(b[i].replication == a[i].replication);
        CHECK(encoded_a == encoded_b);
      }
    }
  }
  SECTION("a journal of another build, command, arguments or inputs is refused") {
    auto other = identity();
    other.settings = {"--threads=1"};  // settings may change
    CHECK_NOTHROW(analysis::ExperimentJournal::reopen(file, other));
    other = identity();
    other.arguments.front() = "--reps=5";
    CHECK_THROWS_WITH(analysis::ExperimentJournal::reopen(file, other),
                      Catch::Contains("the arguments differ"));
    other = identity();
    other.inputs.front() += "# edited\n";
    CHECK_THROWS_WITH(analysis::ExperimentJournal::reopen(file, other),
                      Catch::Contains("changed since"));
    other = identity();
    other.command = "compare";
    CHECK_THROWS_WITH(analysis::ExperimentJournal::reopen(file, other),
                      Catch::Contains("holds an interrupted `twotier sweep`"));
    analysis::ExperimentJournal::create(dir.path / "old.h5", identity(), "0.0.1 (commit old)")
        .close();
    CHECK_THROWS_WITH(analysis::ExperimentJournal::reopen(dir.path / "old.h5", identity()),
                      Catch::Contains("was written by twotier 0.0.1 (commit old)"));
  }
  SECTION("a resumed command whose experiments differ is refused") {
    auto journal = analysis::ExperimentJournal::reopen(file, identity());
    const auto threads = analysis::make_thread_executor();
    analysis::CheckpointingExecutor executor(*threads, &journal, nullptr);
    analysis::ExperimentOptions options;
    options.replications = 4;
    options.threads = 1;
    options.label = "not a";
    CHECK_THROWS_AS(executor.run(test::synthetic_result, options), analysis::JournalError);
  }
  SECTION("the complete file holds every experiment's KPIs and is not a checkpoint") {
    const auto threads = analysis::make_thread_executor();
    analysis::CheckpointingExecutor executor(*threads, nullptr, nullptr);
    analysis::ExperimentOptions options;
    options.replications = 3;
    options.threads = 1;
    options.label = "scenario a";
    executor.run(test::synthetic_result, options);
    analysis::ExperimentsMetadata metadata;
    metadata.command = "compare";
    metadata.arguments = {"--", "a.toml"};
    analysis::write_experiments_h5(file, metadata, executor.records());
    CHECK_FALSE(analysis::is_checkpoint(file));
    CHECK_FALSE(analysis::is_experiment_journal(file));
    H5::H5File h5(file.string(), H5F_ACC_RDONLY);
    const H5::DataSet kpi = h5.openDataSet("/experiments/000000/kpi");
    hsize_t dims[3] = {0, 0, 0};
    REQUIRE(kpi.getSpace().getSimpleExtentNdims() == 3);
    kpi.getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 3);
    CHECK(dims[1] == 5);
    CHECK(dims[2] == static_cast<hsize_t>(model::kMetricCount));
  }
}

TEST_CASE("twotier compare interrupted by SIGINT resumes to an identical comparison", "[journal]") {
  check_interrupt_and_resume(
      {"compare", kValidation + "/mm1.toml", kValidation + "/mmc.toml", kValidation + "/md1.toml",
       "--reps", "20", "--set", "scenario.horizon=800d", "--threads", "2", "--select-best",
       "time_in_system_days_mean", "--first-stage", "5", "--alpha", "0.2"},
      "scenario 1/3 done", {}, {"comparison.csv"});
}

TEST_CASE("twotier sweep interrupted by SIGINT resumes to an identical sweep", "[journal]") {
  check_interrupt_and_resume(
      {"sweep", kValidation + "/mm1.toml", "--vary", "scenario.horizon=1000d,1500d", "--vary",
       "tables.positions=" + kValidation + "/positions_c1.csv," + kValidation + "/positions_c3.csv",
       "--reps", "10", "--threads", "2"},
      "point 1/4 done", {"--threads", "1"}, {"sweep.csv"});
}

TEST_CASE("twotier staff interrupted by SIGINT resumes to an identical recommendation",
          "[journal]") {
  check_interrupt_and_resume({"staff", kTwoCommunes, "--target", "on_time_rate>=0.97", "--target",
                              "processing_workdays_mean<=2", "--reps", "10", "--horizon", "500",
                              "--threads", "2", "--no-analytic-start"},
                             "+1 ", {"--threads", "1"},
                             {"staffing.csv", "targets.csv", "summary.txt", "current/summary.csv",
                              "recommended/summary.csv"});
}
