// analysis/compare_run: common random numbers through the model. On M/M/1 vs M/M/2 (lambda
// 0.5/h, mu 1/h; exact mean sojourn 2 h vs 16/15 h) the paired runs are strongly correlated,
// the difference has less variance than with independent runs, and its interval covers the
// exact difference; the comparison is byte-identical for any thread count.
#include <catch2/catch.hpp>
#include <sstream>

#include "analysis/experiments/compare_run.hpp"
#include "analysis/experiments/scenario_comparison.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

std::vector<model::ModelSpec> one_vs_two_officers() {
  // 12 arrivals a day = 0.5/h; exponential effort of mean 1 h; 200 days after 20 of warm-up.
  auto one = test::single_unit_24x7(12.0, sim::Distribution::exponential(1.0), 1, 220, 20);
  auto two = test::single_unit_24x7(12.0, sim::Distribution::exponential(1.0), 2, 220, 20);
  one.name = "one officer";
  two.name = "two officers";
  return {one, two};
}

}  // namespace

TEST_CASE("common random numbers pair the runs of 1 and 2 officers on an M/M/c queue",
          "[compare_run]") {
  const auto specs = one_vs_two_officers();
  analysis::CompareOptions options;
  options.replications = 12;
  options.threads = 2;
  options.confidence = 0.999;  // the check below must not fail by chance at this seed
  const auto run = analysis::run_comparison(specs, options);
  REQUIRE(run.results.size() == 2);
  REQUIRE(run.results[1].size() == 12);
  const analysis::ComparisonRow* sojourn = nullptr;
  for (const auto& row : run.rows)
    if (row.scope == "province" && row.metric == "time_in_system_days_mean") sojourn = &row;
  REQUIRE(sojourn != nullptr);
  const auto& p = sojourn->paired;
  // Exact: W(M/M/1) = 1/(mu - lambda) = 2 h; W(M/M/2) = 1/mu + C(2, 0.5)/(2 mu - lambda)
  // = 1 + 0.1/1.5 h, where the Erlang C probability of waiting is 0.1.
  const double exact_days = ((1.0 + 0.1 / 1.5) - 2.0) / 24.0;
  CHECK(p.pairs == 12);
  CHECK(p.difference.low <= exact_days);
  CHECK(exact_days <= p.difference.high);
  CHECK(p.significant);
  CHECK(p.correlation > 0.5);
  CHECK(p.variance_ratio < 1.0);
  CHECK(p.adjusted_level == Approx(0.999));
}

TEST_CASE("a comparison is byte-identical for any thread count", "[compare_run]") {
  auto specs = one_vs_two_officers();
  for (auto& spec : specs)
    spec.end = sim::Instant{} + sim::Duration::from_days(60);
  analysis::CompareOptions options;
  options.replications = 4;
  std::string csv[2];
  for (int threads : {1, 3}) {
    options.threads = threads;
    const auto run = analysis::run_comparison(specs, options);
    std::ostringstream out;
    analysis::write_comparison_csv(out, run.rows);
    csv[threads == 1 ? 0 : 1] = out.str();
  }
  CHECK(!csv[0].empty());
  CHECK(csv[0] == csv[1]);
}

TEST_CASE("scenarios with the same name get distinct labels", "[compare_run]") {
  auto specs = one_vs_two_officers();
  specs[1].name = specs[0].name;
  for (auto& spec : specs)
    spec.end = sim::Instant{} + sim::Duration::from_days(10);
  analysis::CompareOptions options;
  options.replications = 2;
  options.threads = 1;
  const auto run = analysis::run_comparison(specs, options);
  CHECK(run.names[0] == "one officer");
  CHECK(run.names[1] == "one officer (2)");
  CHECK(run.rows.front().alternative == "one officer (2)");
}
