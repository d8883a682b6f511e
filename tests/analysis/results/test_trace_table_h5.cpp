// analysis/trace_table_h5 and its place in results.h5: rows appended from several threads are
// all written, in chunks; /trace is copied into results.h5; the file also round-trips the
// resolved scenario (here with warmup = "auto", whose choice is stored in /metadata) and holds
// the daily series per domain and tier.
#include <H5Cpp.h>
#include <unistd.h>  // getpid

#include <toml++/toml.h>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <thread>

#include "analysis/experiments/auto_warmup.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"
#include "analysis/results/trace_table_h5.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("twotier_test_trace_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

analysis::TraceRow row(std::uint64_t replication, int n) {
  analysis::TraceRow r;
  r.replication = replication;
  r.id = std::to_string(n);
  r.id.insert(0, 1, 'D');  // not "D" + ...: GCC 12 warns falsely (-Wrestrict) on that form
  r.unit = n % 3;
  r.procedure = 1;
  r.procedure_id = "khai_sinh";
  r.channel = "online";
  r.received_days = n * 0.5;
  r.due_days = n * 0.5 + 3;
  r.completed_days = n % 4 == 0 ? std::nan("") : n * 0.5 + 2;
  r.outcome = n % 4 == 0 ? "pending" : "on_time";
  r.commune_days = 1.5;
  r.province_days = 0.25;
  return r;
}

std::string string_attribute(const H5::H5Object& object, const char* name) {
  H5::Attribute attribute = object.openAttribute(name);
  std::string value;
  attribute.read(attribute.getStrType(), value);
  return value;
}

double double_attribute(const H5::H5Object& object, const char* name) {
  double value = 0;
  object.openAttribute(name).read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

hsize_t length_of(const H5::H5File& file, const char* dataset) {
  hsize_t dims[3] = {0, 0, 0};
  file.openDataSet(dataset).getSpace().getSimpleExtentDims(dims);
  return dims[0];
}

}  // namespace

TEST_CASE("trace rows from several threads are all written, chunk by chunk", "[trace_table_h5]") {
  const fs::path dir = fresh_dir("threads");
  const fs::path file = dir / "trace.h5";
  {
    analysis::TraceTableWriter writer(file, 5);
    std::vector<std::thread> threads;
    for (std::uint64_t r = 0; r < 3; ++r) {
      threads.emplace_back([&writer, r] {
        std::vector<analysis::TraceRow> rows;
        for (int n = 1; n <= 7; ++n)
          rows.push_back(row(r, n));
        writer.append(rows);
      });
    }
    for (auto& t : threads)
      t.join();
    writer.finish();
    CHECK(writer.rows_written() == 21);
  }
  H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  CHECK(length_of(h5, "/trace/id") == 21);
  CHECK(length_of(h5, "/trace/province_days") == 21);
  std::vector<double> completed(21);
  h5.openDataSet("/trace/completed_days").read(completed.data(), H5::PredType::NATIVE_DOUBLE);
  CHECK(std::count_if(completed.begin(), completed.end(), [](double x) { return std::isnan(x); }) ==
        3);  // n = 4 of each replication is pending
  h5.close();
  fs::remove_all(dir);
}

TEST_CASE("results.h5 round-trips the resolved scenario, the warm-up chosen and the trace",
          "[trace_table_h5]") {
  const fs::path dir = fresh_dir("results");
  model::LoadOptions load;
  load.overrides = {"scenario.horizon=40d", "scenario.warmup=auto"};
  auto spec = model::load_scenario(
      fs::path(TWOTIER_SOURCE_DIR) / "scenarios/examples/single-commune/scenario.toml", load);
  REQUIRE(spec.warmup_auto);
  analysis::ExperimentOptions options;
  options.replications = 2;
  options.threads = 2;
  const analysis::WarmupChoice warmup = analysis::resolve_auto_warmup(spec, options);
  const auto experiment = analysis::run_experiment(spec, options);

  analysis::TraceTableWriter trace(dir / "trace.h5");
  const std::vector<analysis::TraceRow> rows{row(0, 1), row(1, 2)};
  trace.append(rows);
  trace.finish();

  auto metadata = analysis::describe_run(spec);
  metadata.replications = 2;
  metadata.warmup_method = "auto-mser5";
  metadata.warmup_pilot_replications = warmup.pilot_replications;
  metadata.trace_table = dir / "trace.h5";
  analysis::write_run_outputs(dir / "out", metadata, experiment.replications);

  H5::H5File h5((dir / "out" / analysis::kResultsH5Name).string(), H5F_ACC_RDONLY);
  const H5::Group meta = h5.openGroup("/metadata");
  const std::string text = string_attribute(meta, "scenario_text");
  CHECK(text == spec.source_text);
  const toml::table reparsed = toml::parse(text);
  CHECK(reparsed["scenario"]["warmup"].value<std::string>() == "auto");
  CHECK(reparsed["scenario"]["seed"].value<std::int64_t>() == static_cast<std::int64_t>(spec.seed));
  CHECK(string_attribute(meta, "warmup_method") == "auto-mser5");
  CHECK(double_attribute(meta, "warmup_days") == Approx(warmup.days));
  CHECK(length_of(h5, "/trace/outcome") == 2);
  CHECK(length_of(h5, "/replications/daily_domain/backlog") == 2);
  hsize_t dims[3];
  h5.openDataSet("/replications/daily_domain/backlog").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[1] == 40);
  CHECK(dims[2] == 9);
  h5.openDataSet("/replications/daily_tier/arrivals").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[2] == 2);
  SECTION("the tier series sum to the unit series, day by day") {
    const hsize_t units = spec.units.size();
    std::vector<std::int32_t> by_unit(2 * 40 * units), by_tier(2 * 40 * 2);
    h5.openDataSet("/replications/daily/backlog").read(by_unit.data(), H5::PredType::NATIVE_INT32);
    h5.openDataSet("/replications/daily_tier/backlog")
        .read(by_tier.data(), H5::PredType::NATIVE_INT32);
    for (std::size_t rd = 0; rd < 80; ++rd) {
      std::int64_t units_total = 0;
      for (std::size_t u = 0; u < units; ++u)
        units_total += by_unit[rd * units + u];
      CHECK(units_total == by_tier[rd * 2] + by_tier[rd * 2 + 1]);
    }
  }
  h5.close();
  fs::remove_all(dir);
}
