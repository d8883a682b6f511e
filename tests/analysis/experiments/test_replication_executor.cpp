// Executors' batches (analysis/experiments/replication_executor.hpp): a batch returns what its
// experiments return one by one, and a checkpointing executor numbers and records them in order.
// The MPI split of a batch is checked end to end under mpirun (tests/cli/mpi_commands.sh).
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/experiments/checkpointing_executor.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/results/replication_codec.hpp"
#include "tests/support/synthetic_results.hpp"

namespace twotier {
namespace {

// Job j's replication r: a synthetic result whose KPIs also depend on j.
analysis::ReplicationFunction job_function(int j) {
  return [j](std::uint64_t r) {
    model::ReplicationResult result =
        test::synthetic_result(r + 1000 * static_cast<std::uint64_t>(j));
    result.replication = r;
    return result;
  };
}

std::vector<analysis::ExperimentJob> three_jobs() {
  std::vector<analysis::ExperimentJob> jobs;
  const int replications[] = {3, 1, 4};
  const std::uint64_t first[] = {0, 7, 2};
  for (int j = 0; j < 3; ++j) {
    analysis::ExperimentOptions options;
    options.replications = replications[j];
    options.first_replication = first[j];
    options.threads = 2;
    options.label = "job " + std::to_string(j);
    jobs.push_back({job_function(j), options});
  }
  return jobs;
}

std::vector<std::byte> encoded(const analysis::ExperimentResult& result) {
  std::vector<std::byte> bytes;
  for (const auto& r : result.replications)
    analysis::encode_replication(r, bytes);
  return bytes;
}

}  // namespace

TEST_CASE("a batch of experiments returns what each returns on its own", "[executor]") {
  const auto executor = analysis::make_thread_executor();
  const auto jobs = three_jobs();
  const std::vector<analysis::ExperimentResult> batch = executor->run_batch(jobs);
  REQUIRE(batch.size() == jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const analysis::ExperimentResult alone = executor->run(jobs[j].replicate, jobs[j].options);
    REQUIRE(batch[j].replications.size() == static_cast<std::size_t>(jobs[j].options.replications));
    for (std::size_t i = 0; i < batch[j].replications.size(); ++i)
      CHECK(batch[j].replications[i].replication == jobs[j].options.first_replication + i);
    CHECK(encoded(batch[j]) == encoded(alone));  // bit for bit (KPIs include NaN)
  }
}

TEST_CASE("a checkpointing executor without a journal records a batch's experiments in order",
          "[executor]") {
  const auto threads = analysis::make_thread_executor();
  analysis::CheckpointingExecutor executor(*threads, nullptr, nullptr);
  const auto jobs = three_jobs();
  const auto results = executor.run_batch(jobs);
  REQUIRE(results.size() == 3);
  CHECK(executor.experiments() == 3);
  REQUIRE(executor.records().size() == 3);
  for (std::size_t j = 0; j < 3; ++j) {
    const analysis::ExperimentRecord& record = executor.records()[j];
    CHECK(record.label == jobs[j].options.label);
    CHECK(record.first_replication == jobs[j].options.first_replication);
    CHECK(record.index.size() == static_cast<std::size_t>(jobs[j].options.replications));
  }
}

TEST_CASE("the parallel width of threads is the thread count asked for", "[executor]") {
  const auto executor = analysis::make_thread_executor();
  CHECK(executor->parallel_width(3) == 3);
  CHECK(executor->parallel_width(0) >= 1);  // every hardware thread
}

}  // namespace twotier
