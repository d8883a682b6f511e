// analysis/experiment: replications on threads give the same results in the same order for
// any thread count; a failing replication's exception reaches the caller.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "analysis/experiments/experiment.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/summary_csv.hpp"
#include "analysis/statistics/summary.hpp"
#include "tests/support/model_fixtures.hpp"
#include "tests/support/synthetic_results.hpp"

using namespace twotier;

namespace {

// Finishes out of order: early indices sleep longer, so later ones complete first.
model::ReplicationResult slow_then_fast(std::uint64_t replication) {
  std::this_thread::sleep_for(std::chrono::milliseconds(replication < 3 ? 20 : 1));
  return test::synthetic_result(replication);
}

// Bitwise equality (NaN == NaN): "bit-identical" is the promise.
bool same_bits(const std::vector<model::KpiRow>& a, const std::vector<model::KpiRow>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(model::KpiRow)) == 0);
}

std::string summary_csv_of(const analysis::ExperimentResult& result) {
  const auto rows =
      analysis::summarize(result.replications, test::synthetic_position_labels(), 0.95);
  std::ostringstream out;
  analysis::write_summary_csv(out, "synthetic", rows);
  return out.str();
}

}  // namespace

TEST_CASE("results are stored by replication index whatever the thread count", "[experiment]") {
  analysis::ExperimentOptions options;
  options.replications = 8;
  options.threads = 1;
  const auto one = analysis::run_replications(slow_then_fast, options);
  options.threads = 2;
  const auto two = analysis::run_replications(slow_then_fast, options);
  options.threads = 5;
  const auto five = analysis::run_replications(slow_then_fast, options);

  REQUIRE(one.replications.size() == 8);
  CHECK(one.threads == 1);
  CHECK(two.threads == 2);
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(one.replications[i].replication == i);
    CHECK(two.replications[i].replication == i);
    CHECK(five.replications[i].replication == i);
    CHECK(same_bits(one.replications[i].kpis, two.replications[i].kpis));
  }
  SECTION("the summary CSV is byte-identical") {
    const std::string csv = summary_csv_of(one);
    CHECK(csv == summary_csv_of(two));
    CHECK(csv == summary_csv_of(five));
  }
}

TEST_CASE("first_replication shifts the indices handed to the replication", "[experiment]") {
  analysis::ExperimentOptions options;
  options.replications = 3;
  options.threads = 2;
  options.first_replication = 10;
  const auto result = analysis::run_replications(test::synthetic_result, options);
  CHECK(result.replications[0].replication == 10);
  CHECK(result.replications[2].replication == 12);
}

TEST_CASE("threads are capped by the number of replications", "[experiment]") {
  analysis::ExperimentOptions options;
  options.replications = 2;
  options.threads = 16;
  CHECK(analysis::effective_threads(options) == 2);
  options.threads = 0;
  CHECK(analysis::effective_threads(options) >= 1);
}

TEST_CASE("an exception in a worker is rethrown in the caller", "[experiment]") {
  analysis::ExperimentOptions options;
  options.replications = 20;
  options.threads = 2;
  std::atomic<int> calls{0};
  auto failing = [&](std::uint64_t replication) {
    ++calls;
    if (replication == 4 || replication == 7) {
      throw std::runtime_error("replication " + std::to_string(replication) + " failed");
    }
    return test::synthetic_result(replication);
  };
  // The lowest failing index is reported, whichever thread hits its failure first.
  CHECK_THROWS_WITH(analysis::run_replications(failing, options), "replication 4 failed");
  CHECK(calls.load() >= 5);  // every index below the failure ran
}

TEST_CASE("the model's replications are bit-identical on 1 and 2 threads", "[experiment]") {
  // A small M/M/2 office: 20 dossiers a day, 2 h each, 2 clerks, 30 days.
  const auto spec = test::single_unit_24x7(20.0, sim::Distribution::exponential(2.0), 2, 30.0);
  const auto labels = analysis::describe_run(spec).position_labels;
  REQUIRE(labels == std::vector<std::string>{"U/clerks"});
  analysis::ExperimentOptions options;
  options.replications = 4;
  options.threads = 1;
  const auto one = analysis::run_experiment(spec, options);
  options.threads = 2;
  const auto two = analysis::run_experiment(spec, options);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(one.replications[i].replication == i);
    CHECK(same_bits(one.replications[i].kpis, two.replications[i].kpis));
    CHECK(one.replications[i].daily.backlog == two.replications[i].daily.backlog);
    CHECK(one.replications[i].events == two.replications[i].events);
  }
  // Different replications draw different numbers.
  CHECK_FALSE(same_bits(one.replications[0].kpis, one.replications[1].kpis));

  const auto csv = [&](const analysis::ExperimentResult& r) {
    std::ostringstream out;
    analysis::write_summary_csv(out, spec.name, analysis::summarize(r.replications, labels));
    return out.str();
  };
  CHECK(csv(one) == csv(two));
}
