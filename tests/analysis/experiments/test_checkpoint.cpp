// Checkpoint of an interrupted run: replications written one by one read back bit for bit,
// with the run's identity; the file is recognised as incomplete, a complete results.h5 is not.
#include <unistd.h>  // mkdtemp

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "analysis/experiments/checkpoint.hpp"
#include "analysis/results/results_h5.hpp"
#include "analysis/results/run_outputs.hpp"
#include "tests/support/synthetic_results.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "twotier_checkpoint_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Bitwise equality, so NaN KPIs compare equal to themselves.
bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void check_same(const model::ReplicationResult& a, const model::ReplicationResult& b) {
  CHECK(a.replication == b.replication);
  CHECK(a.events == b.events);
  CHECK(a.dossiers == b.dossiers);
  CHECK(a.scopes == b.scopes);
  REQUIRE(a.kpis.size() == b.kpis.size());
  for (std::size_t s = 0; s < a.kpis.size(); ++s) {
    for (int m = 0; m < model::kMetricCount; ++m)
      CHECK(same_bits(a.kpis[s][m], b.kpis[s][m]));
  }
  CHECK(a.position_utilization == b.position_utilization);
  REQUIRE(a.monthly_report.size() == b.monthly_report.size());
  for (std::size_t i = 0; i < a.monthly_report.size(); ++i) {
    const auto& x = a.monthly_report[i];
    const auto& y = b.monthly_report[i];
    CHECK(std::tie(x.unit, x.year, x.month, x.carried_over, x.received_new, x.completed_on_time,
                   x.completed_late, x.returned_withdrawn, x.pending_not_due, x.pending_overdue) ==
          std::tie(y.unit, y.year, y.month, y.carried_over, y.received_new, y.completed_on_time,
                   y.completed_late, y.returned_withdrawn, y.pending_not_due, y.pending_overdue));
  }
  CHECK(a.daily.days == b.daily.days);
  CHECK(a.daily.units == b.daily.units);
  CHECK(a.daily.arrivals == b.daily.arrivals);
  CHECK(a.daily.completions == b.daily.completions);
  CHECK(a.daily.backlog == b.daily.backlog);
  CHECK(a.daily.overdue == b.daily.overdue);
}

}  // namespace

TEST_CASE("a checkpoint reads back its identity and replications bit for bit", "[checkpoint]") {
  TempDir dir;
  const fs::path file = dir.path / "results.h5";
  analysis::CheckpointIdentity identity;
  identity.scenario_file = "/scenarios/x.toml";
  identity.overrides = {"scenario.seed=7", "scenario.horizon=90d", "", "a=b\nc"};
  identity.replications = 6;
  identity.confidence = 0.9;
  // An embedded NUL and UTF-8: the text is stored as bytes. (A length-counted literal; the
  // sanitizer build caught an earlier version that read past a shorter literal.)
  using namespace std::string_literals;
  identity.scenario_text = "text with \0 and Vietnamese: Xã Phú Hòa"s;
  REQUIRE(identity.scenario_text.find('\0') == 10);
  {
    auto writer = analysis::CheckpointWriter::create(file, identity);
    // Completion order differs from index order; reading returns index order.
    writer.add(test::synthetic_result(3));
    writer.add(test::synthetic_result(0));
  }
  REQUIRE(analysis::is_checkpoint(file));
  {
    auto writer = analysis::CheckpointWriter::reopen(file);
    writer.add(test::synthetic_result(5));
  }
  const analysis::Checkpoint read = analysis::read_checkpoint(file);
  CHECK(read.identity.scenario_file == identity.scenario_file);
  CHECK(read.identity.overrides == identity.overrides);
  CHECK(read.identity.replications == 6);
  CHECK(read.identity.confidence == 0.9);
  CHECK(read.identity.scenario_text == identity.scenario_text);
  REQUIRE(read.done.size() == 3);
  check_same(read.done[0], test::synthetic_result(0));
  check_same(read.done[1], test::synthetic_result(3));
  check_same(read.done[2], test::synthetic_result(5));
}

TEST_CASE("only the file of an interrupted run counts as a checkpoint", "[checkpoint]") {
  TempDir dir;
  CHECK_FALSE(analysis::is_checkpoint(dir.path / "missing.h5"));
  const fs::path text = dir.path / "results.h5";
  std::ofstream(text) << "not HDF5";
  CHECK_FALSE(analysis::is_checkpoint(text));
  CHECK_THROWS_WITH(analysis::read_checkpoint(text),
                    text.string() + " is not the results file of an interrupted run");

  const fs::path complete = dir.path / "complete";
  analysis::RunMetadata metadata;
  metadata.scenario_name = "s";
  metadata.unit_ids = {"a", "b"};
  metadata.unit_names = {"A", "B"};
  metadata.position_labels = test::synthetic_position_labels();
  metadata.replications = 2;
  analysis::write_run_outputs(complete, metadata, test::synthetic_results(2));
  CHECK_FALSE(analysis::is_checkpoint(complete / analysis::kResultsH5Name));
}
