// analysis/precision_run: replications are added in batches until the chosen KPIs' relative
// half-width is at most r (or --max-reps is reached); the run holds replications 0..n-1 and
// does not depend on the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "analysis/experiments/precision_run.hpp"

using namespace twotier;

namespace {

// Province KPIs of "replication" r: a constant on-time rate and a processing time of 10 plus
// a pseudo-random spread in [-1.5, 1.5] that depends only on r.
model::ReplicationResult noisy(std::uint64_t r) {
  model::ReplicationResult result;
  result.replication = r;
  result.scopes = {"province"};
  model::KpiRow row;
  row.fill(std::numeric_limits<double>::quiet_NaN());
  const double x = std::sin(static_cast<double>(r) * 12.9898 + 1.0) * 43758.5453;
  const double u = x - std::floor(x);
  row[static_cast<int>(model::Metric::kOnTimeRate)] = 0.9;
  row[static_cast<int>(model::Metric::kProcessingWorkdaysMean)] = 10.0 + 3.0 * (u - 0.5);
  result.kpis.push_back(row);
  return result;
}

}  // namespace

TEST_CASE("replications are added until the relative half-width is reached", "[precision_run]") {
  analysis::ExperimentOptions first;
  first.replications = 5;
  analysis::PrecisionTarget target;
  target.relative_half_width = 0.02;
  target.max_replications = 500;
  int reports = 0;
  first.threads = 1;
  const auto one = analysis::run_to_precision(
      noisy, first, target, [&](int, const analysis::PrecisionDecision&) { ++reports; });
  first.threads = 3;
  const auto three = analysis::run_to_precision(noisy, first, target);

  CHECK(one.decision.all_met);
  CHECK(one.batches > 1);
  CHECK(reports == one.batches);
  const auto n = one.experiment.replications.size();
  CHECK(n > 20);
  CHECK(n < 500);
  for (std::size_t i = 0; i < n; ++i)
    CHECK(one.experiment.replications[i].replication == i);
  CHECK(one.decision.kpis[1].relative_half_width <= 0.02);
  SECTION("the same replications for any thread count") {
    CHECK(three.experiment.replications.size() == n);
    CHECK(three.batches == one.batches);
  }
}

TEST_CASE("the replication cap stops a run whose target is out of reach (--max-reps)",
          "[precision_run]") {
  analysis::ExperimentOptions first;
  first.replications = 4;
  first.threads = 2;
  analysis::PrecisionTarget target;
  target.relative_half_width = 0.0001;
  target.max_replications = 12;
  const auto run = analysis::run_to_precision(noisy, first, target);
  CHECK_FALSE(run.decision.all_met);
  CHECK(run.decision.budget_exhausted);
  CHECK(run.experiment.replications.size() == 12);
}

TEST_CASE("an unknown metric is refused with the allowed names", "[precision_run]") {
  analysis::ExperimentOptions first;
  analysis::PrecisionTarget target;
  target.metrics = {"on_time"};
  CHECK_THROWS_WITH(analysis::run_to_precision(noisy, first, target),
                    Catch::Contains("unknown metric 'on_time'") && Catch::Contains("on_time_rate"));
}
