// analysis/summary: Student-t intervals across replications, NaN handling, row layout.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "analysis/reports/summary_table.hpp"
#include "analysis/statistics/summary.hpp"
#include "tests/support/synthetic_results.hpp"

using namespace twotier;
using Catch::Detail::Approx;

TEST_CASE("a Student-t interval matches the textbook value", "[summary]") {
  const std::vector<double> values{1, 2, 3, 4, 5};
  SECTION("95%: t(0.975, 4) = 2.776445") {
    const auto e = analysis::estimate_mean(values, 0.95, analysis::ValueRange::unbounded());
    CHECK(e.n == 5);
    CHECK(e.mean == 3.0);
    // half width = 2.776445105 * sqrt(2.5) / sqrt(5)
    CHECK(e.ci_low == Approx(3.0 - 1.9632432).epsilon(1e-7));
    CHECK(e.ci_high == Approx(3.0 + 1.9632432).epsilon(1e-7));
    CHECK(e.has_interval());
  }
  SECTION("99%: t(0.995, 4) = 4.604095") {
    const auto e = analysis::estimate_mean(values, 0.99, analysis::ValueRange::unbounded());
    CHECK(e.ci_high - e.mean == Approx(4.6040949 * std::sqrt(0.5)).epsilon(1e-7));
  }
  SECTION("two values: t(0.975, 1) = 12.7062") {
    const std::vector<double> two{0.0, 2.0};
    const auto e = analysis::estimate_mean(two, 0.95, analysis::ValueRange::unbounded());
    CHECK(e.ci_high - e.mean == Approx(12.7062047).epsilon(1e-7));
  }
  SECTION("identical values give a zero-width interval") {
    const std::vector<double> same{7.5, 7.5, 7.5};
    const auto e = analysis::estimate_mean(same, 0.95, analysis::ValueRange::unbounded());
    CHECK(e.ci_low == 7.5);
    CHECK(e.ci_high == 7.5);
  }
}

TEST_CASE("undefined values are skipped and counted out of n", "[summary]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SECTION("NaNs are ignored") {
    const std::vector<double> values{1, nan, 2, 3, nan, 4, 5};
    const auto e = analysis::estimate_mean(values, 0.95, analysis::ValueRange::unbounded());
    CHECK(e.n == 5);
    CHECK(e.mean == 3.0);
    CHECK(e.ci_high == Approx(4.9632432).epsilon(1e-7));
  }
  SECTION("one defined value: the interval is the point itself, flagged") {
    const std::vector<double> values{nan, 0.8, nan};
    const auto e = analysis::estimate_mean(values, 0.95, analysis::ValueRange::unbounded());
    CHECK(e.n == 1);
    CHECK(e.mean == 0.8);
    CHECK(e.ci_low == 0.8);
    CHECK(e.ci_high == 0.8);
    CHECK_FALSE(e.has_interval());
  }
  SECTION("no defined value: everything NaN, n = 0") {
    const std::vector<double> values{nan, nan};
    const auto e = analysis::estimate_mean(values, 0.95, analysis::ValueRange::unbounded());
    CHECK(e.n == 0);
    CHECK(std::isnan(e.mean));
    CHECK(std::isnan(e.ci_low));
    CHECK(std::isnan(e.ci_high));
  }
}

TEST_CASE("summarize gives one row per scope and metric, then utilisation per position",
          "[summary]") {
  const auto results = test::synthetic_results(6);
  const auto& labels = test::synthetic_position_labels();
  const auto rows = analysis::summarize(results, labels, 0.95);
  REQUIRE(rows.size() == 5 * model::kMetricCount + 2);
  CHECK(rows.front().scope == "province");
  CHECK(rows.front().metric == "arrivals");
  CHECK(rows[model::kMetricCount].scope == "tier:commune");
  CHECK(rows[rows.size() - 2].scope == "position:a/one_stop");
  CHECK(rows.back().metric == "utilization");

  SECTION("values are taken across replications") {
    const auto* utilization = analysis::find_row(rows, "position:a/one_stop", "utilization");
    REQUIRE(utilization);
    CHECK(utilization->estimate.mean == Approx(0.525));  // 0.5 + 0.01 * mean(0..5)
    CHECK(utilization->estimate.n == 6);
  }
  SECTION("a metric undefined in some replications has a smaller n") {
    const auto* rate = analysis::find_row(rows, "unit:b", "on_time_rate");
    REQUIRE(rate);
    CHECK(rate->estimate.n == 3);
    const auto* province_rate = analysis::find_row(rows, "province", "on_time_rate");
    CHECK(province_rate->estimate.n == 6);
  }
  SECTION("mismatched replications are refused") {
    auto broken = results;
    broken[2].scopes.pop_back();
    CHECK_THROWS_AS(analysis::summarize(broken, labels), std::logic_error);
  }
}

TEST_CASE("the printed table shows the province and both tiers", "[summary]") {
  const auto results = test::synthetic_results(4);
  const auto rows = analysis::summarize(results, test::synthetic_position_labels(), 0.95);
  const std::string table = analysis::format_summary_table(rows, 0.95);
  CHECK(table.find("on-time rate (95% CI)") != std::string::npos);
  CHECK(table.find("\nprovince") != std::string::npos);
  CHECK(table.find("\ntier:commune") != std::string::npos);
  CHECK(table.find("\ntier:province") != std::string::npos);
  CHECK(table.find("unit:a") == std::string::npos);
}
