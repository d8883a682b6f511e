// analysis/auto_warmup: warmup = "auto" through the model. A queue that starts with 300 open
// dossiers and drains them at about 36 a day has a transient of about 8 days in its backlog;
// MSER-5 on the pilot's mean daily backlog cuts there, whatever the thread count.
#include <catch2/catch.hpp>

#include "analysis/experiments/auto_warmup.hpp"
#include "tests/support/model_fixtures.hpp"
#include "tests/support/synthetic_results.hpp"

using namespace twotier;

namespace {

// 12 arrivals a day, two officers of mean 1 h effort (capacity 48 a day), 60 days, and 300
// dossiers open at the start.
model::ModelSpec draining_queue() {
  model::ModelSpec spec = test::single_unit_24x7(12.0, sim::Distribution::exponential(1.0), 2, 60);
  model::BacklogDossier open{"B", 0, 0, sim::Instant{0.0}, 0};
  spec.backlog.assign(300, open);
  for (std::size_t i = 0; i < spec.backlog.size(); ++i)
    spec.backlog[i].id += std::to_string(i);
  spec.warmup_auto = true;
  return spec;
}

}  // namespace

TEST_CASE("the mean province backlog sums units and averages replications", "[auto_warmup]") {
  const std::vector<model::ReplicationResult> results{test::synthetic_result(0),
                                                      test::synthetic_result(1)};
  const auto series = analysis::mean_province_backlog(results);
  REQUIRE(series.size() == 3);
  // Day d, replication r, unit u: backlog r*100 + d*10 + u + 2; sum over 2 units, mean over r.
  CHECK(series[0] == Approx(((2 + 3) + (102 + 103)) / 2.0));
  CHECK(series[2] == Approx(((22 + 23) + (122 + 123)) / 2.0));
  CHECK_THROWS_AS(analysis::choose_warmup(results), std::invalid_argument);  // 3 days < 20
}

TEST_CASE("warmup = auto cuts the transient of an initial backlog", "[auto_warmup]") {
  auto spec = draining_queue();
  analysis::ExperimentOptions pilot;
  pilot.replications = 10;  // the pilot takes at most 5 of them
  pilot.threads = 2;
  const analysis::WarmupChoice choice = analysis::resolve_auto_warmup(spec, pilot);
  CHECK(choice.pilot_replications == analysis::kDefaultWarmupPilotReplications);
  CHECK(choice.series_days == 60);
  CHECK(choice.days >= 5);
  CHECK(choice.days <= 20);
  CHECK_FALSE(choice.at_search_limit);
  CHECK_FALSE(spec.warmup_auto);
  CHECK(spec.warmup.days() == Approx(choice.days));

  SECTION("the choice does not depend on the thread count") {
    auto again = draining_queue();
    pilot.threads = 1;
    CHECK(analysis::resolve_auto_warmup(again, pilot).days == choice.days);
  }
  SECTION("a fixed warm-up is left alone") {
    auto fixed = test::single_unit_24x7(12.0, sim::Distribution::exponential(1.0), 2, 60, 7);
    CHECK(analysis::resolve_auto_warmup(fixed, pilot).days == -1);
    CHECK(fixed.warmup.days() == Approx(7));
  }
}
