// analysis outputs: summary.csv and monthly_report.csv (header, quoting, round-trip numbers),
// results.h5 (written and read back), and the temporary-name-then-rename discipline.
#include <H5Cpp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "analysis/experiments/experiment.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/results/csv_records.hpp"
#include "analysis/results/monthly_report_csv.hpp"
#include "analysis/results/results_h5.hpp"
#include "analysis/results/results_workbook.hpp"
#include "analysis/results/run_outputs.hpp"
#include "analysis/results/slug.hpp"
#include "analysis/results/summary_csv.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/synthetic_results.hpp"

using namespace twotier;
using Catch::Detail::Approx;
namespace fs = std::filesystem;

namespace {

// A fresh, empty folder under the build's temporary area, removed at scope exit.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() /
           ("twotier_test_outputs_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

analysis::RunMetadata synthetic_metadata() {
  analysis::RunMetadata m;
  m.scenario_name = "Synthetic, \"quoted\" scenario";
  m.scenario_text = "[scenario]\nname = \"Đồng Nai thử nghiệm\"\nseed = 7\n";
  m.command_line = "twotier run synthetic.toml --reps 4";
  m.seed = 7;
  m.replications = 4;
  m.threads = 2;
  m.wall_seconds = 0.25;
  m.start_date = "2026-01-01";
  m.unit_ids = {"a", "b"};
  m.unit_names = {"Phường Trấn Biên", "Xã Phú Lý, cũ"};
  m.position_labels = test::synthetic_position_labels();
  return m;
}

std::string read_string_attribute(const H5::H5Object& object, const char* name) {
  H5::Attribute attribute = object.openAttribute(name);
  std::string value;
  attribute.read(attribute.getStrType(), value);
  return value;
}

}  // namespace

TEST_CASE("CSV fields are quoted only when needed and numbers round-trip", "[outputs]") {
  CHECK(analysis::csv_field("plain") == "plain");
  CHECK(analysis::csv_field("a,b") == "\"a,b\"");
  CHECK(analysis::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(analysis::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(analysis::csv_number(std::numeric_limits<double>::quiet_NaN()).empty());
  CHECK(analysis::csv_number(0.1) == "0.1");
  CHECK(analysis::csv_number(3.0) == "3");
  for (double x : {1.0 / 3.0, 2.718281828459045, 1e-300, 123456789.123456789}) {
    const std::string text = analysis::csv_number(x);
    double back = 0;
    std::from_chars(text.data(), text.data() + text.size(), back);
    CHECK(back == x);
  }
}

TEST_CASE("summary.csv has the agreed header and one quoted-as-needed line per row", "[outputs]") {
  const auto results = test::synthetic_results(4);
  const auto rows = analysis::summarize(results, test::synthetic_position_labels());
  std::ostringstream out;
  analysis::write_summary_csv(out, "Dong Nai, baseline", rows);
  std::istringstream in(out.str());
  std::string line;
  std::getline(in, line);
  CHECK(line == "scenario,scope,metric,mean,ci_low,ci_high,n");
  std::getline(in, line);
  CHECK(line.rfind("\"Dong Nai, baseline\",province,arrivals,", 0) == 0);
  CHECK(line.substr(line.rfind(',')) == ",4");
  std::size_t lines = 1;
  while (std::getline(in, line))
    ++lines;
  CHECK(lines == rows.size());
}

TEST_CASE("monthly_report.csv holds the mean over replications of each report row", "[outputs]") {
  const auto results = test::synthetic_results(4);
  const auto means = analysis::mean_monthly_report(results);
  REQUIRE(means.size() == 2);
  CHECK(means[0].unit == 0);
  CHECK(means[0].mean[1] == 11.5);  // new: 10 + mean(0..3)
  CHECK(means[1].mean[0] == 1.0);   // carried over

  const auto m = synthetic_metadata();
  std::ostringstream out;
  analysis::write_monthly_report_csv(out, means, m.unit_ids, m.unit_names);
  std::istringstream in(out.str());
  std::string line;
  std::getline(in, line);
  CHECK(line ==
        "unit,unit_name,year,month,carried_over,new,completed_on_time,completed_late,"
        "returned_withdrawn,pending_not_due,pending_overdue");
  std::getline(in, line);
  CHECK(line == "a,Phường Trấn Biên,2026,1,0,11.5,7,1,0,2,0");
  std::getline(in, line);
  CHECK(line == "b,\"Xã Phú Lý, cũ\",2026,1,1,4,3,0,1,1,0");
}

TEST_CASE("files are written under a temporary name and renamed when complete", "[outputs]") {
  TempDir dir("atomic");
  const fs::path target = dir.path / "sub" / "summary.csv";
  SECTION("success: the target exists, the temporary name does not") {
    analysis::write_text_atomically(target, [](std::ostream& out) { out << "done\n"; });
    CHECK(read_text(target) == "done\n");
    CHECK_FALSE(fs::exists(analysis::temporary_path_for(target)));
  }
  SECTION("failure half-way: no partial file, the previous target is untouched") {
    analysis::write_text_atomically(target, [](std::ostream& out) { out << "old\n"; });
    CHECK_THROWS_AS(analysis::write_text_atomically(target,
                                                    [](std::ostream& out) {
                                                      out << "partial";
                                                      throw std::runtime_error("disk full");
                                                    }),
                    std::runtime_error);
    CHECK(read_text(target) == "old\n");
    CHECK_FALSE(fs::exists(analysis::temporary_path_for(target)));
  }
}

TEST_CASE("results.h5 is written and reads back", "[outputs]") {
  TempDir dir("h5");
  const auto results = test::synthetic_results(4);
  const auto m = synthetic_metadata();
  const auto rows = analysis::summarize(results, m.position_labels);
  const auto monthly = analysis::mean_monthly_report(results);
  const fs::path file = dir.path / "results.h5";
  analysis::write_results_h5(file, m, results, rows, monthly);
  CHECK_FALSE(fs::exists(analysis::temporary_path_for(file)));

  H5::H5File h5(file.string(), H5F_ACC_RDONLY);
  SECTION("metadata: the scenario text round-trips byte for byte") {
    H5::Group metadata = h5.openGroup("/metadata");
    CHECK(read_string_attribute(metadata, "scenario_text") == m.scenario_text);
    CHECK(read_string_attribute(metadata, "scenario_name") == m.scenario_name);
    CHECK(read_string_attribute(metadata, "command_line") == m.command_line);
    CHECK_FALSE(read_string_attribute(metadata, "git_commit").empty());
    std::uint64_t seed = 0;
    metadata.openAttribute("seed").read(H5::PredType::NATIVE_UINT64, &seed);
    CHECK(seed == 7);
  }
  SECTION("summary datasets are parallel to the summary rows") {
    H5::DataSet mean = h5.openDataSet("/summary/mean");
    hsize_t size = 0;
    mean.getSpace().getSimpleExtentDims(&size);
    REQUIRE(size == rows.size());
    std::vector<double> values(size);
    mean.read(values.data(), H5::PredType::NATIVE_DOUBLE);
    CHECK(values[3] == rows[3].estimate.mean);
  }
  SECTION("the KPI cube is [replication][scope][metric]") {
    H5::DataSet kpi = h5.openDataSet("/replications/kpi");
    hsize_t dims[3];
    REQUIRE(kpi.getSpace().getSimpleExtentNdims() == 3);
    kpi.getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 4);
    CHECK(dims[1] == 5);
    CHECK(dims[2] == model::kMetricCount);
    std::vector<double> values(dims[0] * dims[1] * dims[2]);
    kpi.read(values.data(), H5::PredType::NATIVE_DOUBLE);
    CHECK(values[(2 * 5 + 3) * model::kMetricCount + 4] == results[2].kpis[3][4]);
  }
  SECTION("daily series are [replication][day][unit] int32") {
    H5::DataSet backlog = h5.openDataSet("/replications/daily/backlog");
    hsize_t dims[3];
    backlog.getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 4);
    CHECK(dims[1] == 3);
    CHECK(dims[2] == 2);
    std::vector<std::int32_t> values(24);
    backlog.read(values.data(), H5::PredType::NATIVE_INT32);
    CHECK(values[(3 * 3 + 2) * 2 + 1] == 300 + 20 + 1 + 2);
  }
  SECTION("the monthly report means are stored by column") {
    H5::DataSet column = h5.openDataSet("/monthly_report/new");
    std::vector<double> values(2);
    column.read(values.data(), H5::PredType::NATIVE_DOUBLE);
    CHECK(values[0] == 11.5);
  }
}

TEST_CASE("a failed HDF5 write leaves no file behind", "[outputs]") {
  TempDir dir("h5fail");
  auto results = test::synthetic_results(2);
  results[1].daily.backlog.pop_back();  // inconsistent shapes: refused half-way through
  const auto m = synthetic_metadata();
  const auto rows = analysis::summarize(results, m.position_labels);
  const fs::path file = dir.path / "results.h5";
  CHECK_THROWS(
      analysis::write_results_h5(file, m, results, rows, analysis::mean_monthly_report(results)));
  CHECK_FALSE(fs::exists(file));
  CHECK_FALSE(fs::exists(analysis::temporary_path_for(file)));
}

TEST_CASE("scenario names become folder slugs", "[outputs]") {
  CHECK(analysis::slugify("Dong Nai baseline 2026") == "dong-nai-baseline-2026");
  CHECK(analysis::slugify("Đồng Nai — cơ sở (2026)") == "dong-nai-co-so-2026");
  CHECK(analysis::slugify("Phường Trấn Biên, Xã Phú Lý") == "phuong-tran-bien-xa-phu-ly");
  CHECK(analysis::slugify("  __ ") == "scenario");
}

TEST_CASE("with --csv-bom, CSV files and only they start with a byte-order mark that readers skip",
          "[outputs]") {
  TempDir dir("bom");
  const auto write = [&](const char* name) {
    analysis::write_text_atomically(
        dir.path / name, [](std::ostream& out) { out << "unit,name\nphu_hoa,Xã Phú Hòa\n"; });
    return read_text(dir.path / name);
  };
  CHECK(write("plain.csv").rfind("unit,", 0) == 0);  // off by default
  analysis::set_csv_byte_order_mark(true);
  const std::string marked = write("marked.csv");
  const std::string text = write("notes.txt");
  analysis::set_csv_byte_order_mark(false);
  CHECK(marked == std::string(analysis::kUtf8ByteOrderMark) + "unit,name\nphu_hoa,Xã Phú Hòa\n");
  CHECK(text.rfind("unit,", 0) == 0);
  const analysis::CsvRecords records = analysis::parse_csv(marked);
  REQUIRE(records.header.size() == 2);
  CHECK(records.header[0] == "unit");
  CHECK(records.field(0, "name") == "Xã Phú Hòa");
}

TEST_CASE("a run's outputs land together in the folder, which is created", "[outputs]") {
  TempDir dir("run");
  const fs::path folder = dir.path / "results" / "synthetic";
  CHECK(analysis::existing_result_files(folder).empty());
  const auto results = test::synthetic_results(3);
  const auto rows = analysis::write_run_outputs(folder, synthetic_metadata(), results);
  CHECK_FALSE(rows.empty());
  CHECK(analysis::existing_result_files(folder).size() == 5);
  CHECK(fs::exists(folder / analysis::kResultsWorkbookName));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
    ++files;
  CHECK(files == 5);  // no temporary files left behind
}

TEST_CASE("end to end: the example scenario runs and its output files read back",
          "[outputs][end-to-end]") {
  TempDir dir("e2e");
  model::LoadOptions load;
  load.overrides = {"scenario.horizon=60d"};
  const auto spec = model::load_scenario(
      fs::path(TWOTIER_SOURCE_DIR) / "scenarios/examples/single-commune/scenario.toml", load);
  analysis::ExperimentOptions options;
  options.replications = 3;
  options.threads = 2;
  const auto experiment = analysis::run_experiment(spec, options);
  auto metadata = analysis::describe_run(spec);
  metadata.replications = 3;
  metadata.command_line = "test";
  const fs::path folder = dir.path / "out";
  const auto rows = analysis::write_run_outputs(folder, metadata, experiment.replications);

  SECTION("summary.csv: header, every row, utilisation per position") {
    const std::string csv = read_text(folder / analysis::kSummaryCsvName);
    CHECK(csv.rfind("scenario,scope,metric,mean,ci_low,ci_high,n\n", 0) == 0);
    const auto lines = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
    CHECK(lines == rows.size() + 1);
    for (const auto& label : metadata.position_labels) {
      CHECK(csv.find(",position:" + label + ",utilization,") != std::string::npos);
    }
    const auto* arrivals = analysis::find_row(rows, "province", "arrivals");
    REQUIRE(arrivals);
    CHECK(arrivals->estimate.n == 3);
    CHECK(arrivals->estimate.mean > 0);
  }
  SECTION("monthly_report.csv: a row per unit and month, identities hold for the means") {
    const auto means = analysis::mean_monthly_report(experiment.replications);
    CHECK(means.size() == spec.units.size() * 3);  // 60 days from 5 January: Jan, Feb, Mar
    for (const auto& row : means) {
      const auto& v = row.mean;  // carried + new = on time + late + returned + pending
      CHECK(v[0] + v[1] == Approx(v[2] + v[3] + v[4] + v[5] + v[6]).margin(1e-9));
    }
  }
  SECTION("results.h5: the resolved scenario text and the run's shape") {
    H5::H5File h5((folder / analysis::kResultsH5Name).string(), H5F_ACC_RDONLY);
    H5::Group group = h5.openGroup("/metadata");
    CHECK(read_string_attribute(group, "scenario_text") == spec.source_text);
    CHECK(read_string_attribute(group, "start_date") == "2026-01-05");
    hsize_t dims[3];
    h5.openDataSet("/replications/daily/backlog").getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 3);
    CHECK(dims[1] == 60);
    CHECK(dims[2] == spec.units.size());
  }
}
