// utilisation.csv and the per-position overtime behind it: utilisation of the M/M/3
// validation queue matches lambda / (c mu) within its interval, every value lies in [0, 1],
// and a unit's positions share out its overtime exactly.
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/experiments/experiment.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/utilisation_csv.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ','))
    fields.push_back(field);
  return fields;
}

}  // namespace

TEST_CASE("utilisation.csv: the M/M/3 queue's utilisation is lambda / (c mu)",
          "[outputs][validation]") {
  model::LoadOptions options;
  options.overrides = {"scenario.horizon=\"200d\"", "scenario.warmup=\"20d\""};
  const auto spec = model::load_scenario(
      std::string(TWOTIER_SOURCE_DIR) + "/scenarios/validation/mmc.toml", options);
  analysis::ExperimentOptions run;
  run.replications = 8;
  run.threads = 2;
  run.progress = false;
  const auto result = analysis::run_experiment(spec, run);
  analysis::RunMetadata metadata = analysis::describe_run(spec);
  metadata.confidence = 0.99;
  std::ostringstream out;
  analysis::write_utilisation_csv(out, metadata, result.replications);

  std::istringstream in(out.str());
  std::string line;
  std::getline(in, line);
  CHECK(line == analysis::kUtilisationCsvHeader);
  int rows = 0;
  while (std::getline(in, line)) {
    const auto f = split(line);
    REQUIRE(f.size() == 10);
    ++rows;
    const double mean = std::stod(f[3]), low = std::stod(f[4]), high = std::stod(f[5]);
    CHECK(f[2] == "3");  // officers
    CHECK(0.0 <= low);
    CHECK(high <= 1.0);
    const double rho = 2.4 / 3.0;  // lambda = 2.4/h, mu = 1/h, c = 3
    INFO("utilisation " << mean << " [" << low << ", " << high << "], analytic " << rho);
    CHECK(low <= rho);
    CHECK(rho <= high);
    CHECK(high - low < 0.03);  // an interval that passes only because it is wide proves nothing
    CHECK(std::stod(f[6]) >= 0.0);
  }
  CHECK(rows == static_cast<int>(spec.positions.size()));
}

TEST_CASE("per-position overtime adds up to the unit's overtime", "[staff][outputs]") {
  model::ModelSpec spec = test::two_tier(60);
  spec.procedures[1].steps[0].effort.hours = sim::Distribution::exponential(1.0);
  spec.procedures[1].deadline_workdays = 2;
  spec.arrivals.push_back({0, 1, 7.0, 0});  // heavy CERT load at C1: work left at the close
  const auto r = model::run_replication(spec, 0);
  REQUIRE(r.position_overtime_hours.size() == spec.positions.size());
  std::vector<double> by_unit(spec.units.size(), 0.0);
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    CHECK(r.position_overtime_hours[p] >= 0.0);
    CHECK(r.position_utilization[p] >= 0.0);
    CHECK(r.position_utilization[p] <= 1.0);
    by_unit[static_cast<std::size_t>(spec.positions[p].unit)] += r.position_overtime_hours[p];
  }
  CHECK(r.unit_overtime_hours[0] > 10.0);
  for (std::size_t u = 0; u < spec.units.size(); ++u)
    CHECK(by_unit[u] == Approx(r.unit_overtime_hours[u]));
}
