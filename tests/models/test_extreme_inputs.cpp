// Valid but extreme scenarios (tests/extreme_inputs/<case>/) load, run to the horizon and are
// reported by warnings rather than rejected: a unit with no officer for a skill, an overloaded
// unit, a holiday spanning the whole horizon.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"

using namespace twotier::model;
namespace fs = std::filesystem;

namespace {

ModelSpec load_case(const std::string& name) {
  return load_scenario(fs::path(TWOTIER_SOURCE_DIR) / "tests" / "extreme_inputs" / name /
                       "scenario.toml");
}

double kpi(const ReplicationResult& r, const std::string& scope, Metric metric) {
  const auto it = std::find(r.scopes.begin(), r.scopes.end(), scope);
  REQUIRE(it != r.scopes.end());
  return r.kpis[static_cast<std::size_t>(it - r.scopes.begin())][static_cast<int>(metric)];
}

// The end-of-day backlog of unit `unit` on `day` (0-based).
int backlog_on(const ReplicationResult& r, int day, int unit) {
  return r.daily.backlog[static_cast<std::size_t>(day * r.daily.units + unit)];
}

bool any_warning_contains(const std::vector<std::string>& warnings, const std::string& text) {
  return std::any_of(warnings.begin(), warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("a unit with no officer for a skill keeps its dossiers waiting and is warned about",
          "[extreme_inputs]") {
  const ModelSpec spec = load_case("no_officer_for_skill");
  const auto warnings = scenario_warnings(spec);
  CHECK(any_warning_contains(warnings, "unit 'c1' has no officer for skill 'desk'"));
  const ReplicationResult r = run_replication(spec, 0);
  CHECK(kpi(r, "unit:c1", Metric::kArrivals) > 100);
  CHECK(kpi(r, "unit:c1", Metric::kCompleted) == 0);
  CHECK(kpi(r, "unit:c1", Metric::kBacklogEnd) == kpi(r, "unit:c1", Metric::kArrivals));
}

TEST_CASE("an overloaded unit runs, its backlog grows, and the scenario is called unstable",
          "[extreme_inputs]") {
  const ModelSpec spec = load_case("overloaded_unit");
  const auto warnings = scenario_warnings(spec);
  CHECK(any_warning_contains(warnings, "unit 'c1' is overloaded for skill 'desk'"));
  CHECK(any_warning_contains(warnings, "the system is unstable"));
  const ReplicationResult r = run_replication(spec, 0);
  CHECK(kpi(r, "unit:c1", Metric::kCompleted) > 0);
  // About 100 arrivals a day against about 34 services: the backlog grows week after week.
  const int last = r.daily.days - 1;
  CHECK(backlog_on(r, 13, 0) > backlog_on(r, 6, 0) + 200);
  CHECK(backlog_on(r, last, 0) > backlog_on(r, 13, 0) + 200);
}

TEST_CASE(
    "a holiday spanning the whole horizon: the run covers every day, nothing is filed or "
    "done, no error",
    "[extreme_inputs]") {
  const ModelSpec spec = load_case("holiday_spanning_horizon");
  const std::vector<std::string> warnings = scenario_warnings(spec);
  // One warning naming the closed units, not one per unit and skill.
  CHECK(std::count_if(warnings.begin(), warnings.end(), [](const std::string& w) {
          return w.find("no working time in the run") != std::string::npos;
        }) == 1);
  CHECK(any_warning_contains(warnings, "'c1'"));
  const ReplicationResult r = run_replication(spec, 0);
  CHECK(r.daily.days == 28);
  // Dossiers are filed during opening hours, and there are none.
  CHECK(kpi(r, "unit:c1", Metric::kArrivals) == 0);
  CHECK(kpi(r, "unit:c1", Metric::kCompleted) == 0);
  CHECK(kpi(r, "unit:c1", Metric::kBacklogEnd) == 0);
}
