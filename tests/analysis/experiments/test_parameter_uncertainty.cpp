// Assumption uncertainty over plausible parameter sets (analysis/experiments/
// parameter_uncertainty.hpp): the noise-only interval is the t-interval of the within-set spread,
// the interval with assumption uncertainty contains it and widens with the spread of the set
// means, both stay inside the metric's range, the sensitivity table ranks the parameter that
// drives the answer first, and parameter_sets.csv is read with clear errors.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "analysis/experiments/parameter_uncertainty.hpp"
#include "analysis/statistics/student_t.hpp"
#include "models/scenario_error.hpp"
#include "tests/support/synthetic_results.hpp"

using namespace twotier;
namespace fs = std::filesystem;

namespace {

// K sets of R replications: the on-time rate of the province is 0.6 + 0.2 * speed (speed in
// [0, 1]) plus replication noise shared by every set (common random numbers); sick_rate has no
// effect. Arrivals are the same in every set.
struct Fixture {
  analysis::ParameterSets sets;
  std::vector<std::vector<model::ReplicationResult>> results;
};

Fixture fixture(int sets, int reps, double slope) {
  Fixture f;
  f.sets.parameters = {"staff.speed", "staff.sick_rate"};
  for (int k = 0; k < sets; ++k) {
    const double speed = (k + 0.5) / sets;
    const double sick = std::fmod(0.37 * k, 1.0);
    f.sets.values.push_back({speed, sick});
    std::vector<model::ReplicationResult> reps_of_set;
    for (int r = 0; r < reps; ++r) {
      model::ReplicationResult result = test::synthetic_result(static_cast<std::uint64_t>(r));
      auto& on_time = result.kpis[0][static_cast<int>(model::Metric::kOnTimeRate)];
      on_time = 0.6 + slope * speed + 0.02 * std::sin(1.7 * r);
      result.kpis[0][static_cast<int>(model::Metric::kArrivals)] = 1000 + 10 * std::cos(r);
      reps_of_set.push_back(std::move(result));
    }
    f.results.push_back(std::move(reps_of_set));
  }
  return f;
}

const analysis::UncertaintyRow& row_of(const analysis::UncertaintySummary& s,
                                       const std::string& scope, const std::string& metric) {
  for (const auto& r : s.rows)
    if (r.scope == scope && r.metric == metric) return r;
  throw std::runtime_error("no row");
}

}  // namespace

TEST_CASE("two intervals per KPI: simulation noise, and with assumption uncertainty") {
  const Fixture f = fixture(10, 4, 0.2);
  const auto summary = analysis::summarize_uncertainty(f.sets, f.results, {}, 0.95);
  const auto& on_time = row_of(summary, "province", "on_time_rate");
  CHECK(on_time.sets == 10);
  CHECK(on_time.mean ==
        Approx(0.6 + 0.2 * 0.5 +
               0.02 * (std::sin(0) + std::sin(1.7) + std::sin(3.4) + std::sin(5.1)) / 4.0));
  // Noise only: the within-set variance of 4 replications, averaged, over 10 sets.
  std::vector<double> noise{0.02 * std::sin(0.0), 0.02 * std::sin(1.7), 0.02 * std::sin(3.4),
                            0.02 * std::sin(5.1)};
  double m = 0, ss = 0;
  for (double x : noise)
    m += x / 4;
  for (double x : noise)
    ss += (x - m) * (x - m);
  const double se = std::sqrt(ss / 3.0 / 4.0 / 10.0);
  const double t = analysis::t_multiplier(0.95, 10);
  CHECK(on_time.noise_high - on_time.noise_low == Approx(2 * t * se));
  // With assumption uncertainty: the speeds' spread dominates.
  CHECK(on_time.total_low < on_time.noise_low);
  CHECK(on_time.total_high > on_time.noise_high);
  CHECK(on_time.total_high - on_time.total_low > 5 * (on_time.noise_high - on_time.noise_low));

  SECTION(
      "a KPI that the parameters do not move: the second interval is the first, widened by "
      "nothing but the noise") {
    const auto& arrivals = row_of(summary, "province", "arrivals");
    CHECK(arrivals.total_low <= arrivals.noise_low);
    CHECK(arrivals.total_high >= arrivals.noise_high);
    CHECK(arrivals.total_high - arrivals.total_low ==
          Approx((arrivals.noise_high - arrivals.noise_low) * std::sqrt(1.0)).epsilon(1e-9));
  }
  SECTION("the parameter that drives the answer ranks first") {
    for (const auto& s : summary.sensitivity) {
      if (s.scope != "province" || s.metric != "on_time_rate") continue;
      if (s.parameter == "staff.speed") {
        CHECK(s.rank == 1);
        CHECK(s.coefficient > 0.99);
        CHECK(s.r_squared > 0.99);
      } else {
        CHECK(s.rank == 2);
        CHECK(std::abs(s.coefficient) < 0.05);
      }
    }
  }
}

TEST_CASE("intervals over parameter sets stay inside the metric's range") {
  // On-time rates up to 0.995 with a wide spread: the upper bounds must not pass 100%.
  const Fixture f = fixture(6, 3, 0.39);
  const auto summary = analysis::summarize_uncertainty(f.sets, f.results, {}, 0.95);
  for (const auto& r : summary.rows) {
    if (std::isnan(r.mean)) continue;
    CHECK(r.noise_low >= 0.0);
    CHECK(r.total_low >= 0.0);
    if (r.metric == "on_time_rate") {
      CHECK(r.noise_high <= 1.0);
      CHECK(r.total_high <= 1.0);
    }
  }
  CHECK(row_of(summary, "province", "on_time_rate").total_high == 1.0);
}

TEST_CASE("parameter_sets.csv is read with its parameters from the header") {
  const fs::path dir = fs::path(TWOTIER_BINARY_DIR) / "test-output" / "parameter_sets_read";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "ok.csv") << "set,staff.speed,outages.sync_error_probability\n0,0.9,0.02\n"
                                   "1,1.05,0.03\n";
  const auto sets = analysis::read_parameter_sets(dir / "ok.csv");
  CHECK(sets.parameters ==
        std::vector<std::string>{"staff.speed", "outages.sync_error_probability"});
  CHECK(sets.overrides(1) ==
        std::vector<std::string>{"staff.speed=1.05", "outages.sync_error_probability=0.03"});
  std::ofstream(dir / "one.csv") << "set,staff.speed\n0,0.9\n";
  CHECK_THROWS_WITH(analysis::read_parameter_sets(dir / "one.csv"),
                    Catch::Contains("at least two parameter sets are needed"));
  std::ofstream(dir / "bad.csv") << "set,staff.speed\n0,0.9\n1,fast\n";
  CHECK_THROWS_WITH(analysis::read_parameter_sets(dir / "bad.csv"),
                    Catch::Contains("bad.csv:3: error: column 'staff.speed': bad value 'fast'"));
  std::ofstream(dir / "header.csv") << "speed\n0.9\n";
  CHECK_THROWS_WITH(analysis::read_parameter_sets(dir / "header.csv"),
                    Catch::Contains("header.csv:1: error: expected the header 'set,<parameter>"));
}

TEST_CASE("paired differences over parameter sets: the alternative's effect with both intervals") {
  // The alternative adds 5 points of on-time rate at the slowest speed, falling to 1 point at the
  // fastest: the effect depends on the assumption, so the second interval is much wider.
  const Fixture base = fixture(8, 4, 0.2);
  Fixture alternative = base;
  for (std::size_t k = 0; k < alternative.results.size(); ++k) {
    const double speed = alternative.sets.values[k][0];
    for (auto& r : alternative.results[k])
      r.kpis[0][static_cast<int>(model::Metric::kOnTimeRate)] += 0.05 - 0.04 * speed;
  }
  const auto summary = analysis::summarize_difference_uncertainty(base.sets, base.results,
                                                                  alternative.results, {}, 0.95);
  const auto& on_time = row_of(summary, "province", "on_time_rate");
  CHECK(on_time.mean == Approx(0.05 - 0.04 * 0.5));
  // The replication noise is common to both scenarios: it cancels in the differences.
  CHECK(on_time.noise_high - on_time.noise_low == Approx(0.0).margin(1e-12));
  CHECK(on_time.total_low < 0.025);
  CHECK(on_time.total_high > 0.035);
  // A KPI the alternative does not change: zero difference, zero width.
  const auto& arrivals = row_of(summary, "province", "arrivals");
  CHECK(arrivals.mean == 0.0);
  CHECK(arrivals.total_low == 0.0);
  CHECK(arrivals.total_high == 0.0);
}
