// analysis/scenario_comparison: the comparison.csv contract (header, one row per alternative
// and shared column), Bonferroni levels across alternatives, the significant flag.
#include <catch2/catch.hpp>
#include <sstream>

#include "analysis/experiments/scenario_comparison.hpp"

using namespace twotier;

namespace {

analysis::ScenarioColumns scenario(std::string name, double shift, bool with_extra = false) {
  analysis::ScenarioColumns s{std::move(name), {}};
  // Replication noise shared by every scenario (common random numbers) plus a shift.
  const std::vector<double> noise{0.3, -0.1, 0.2, -0.4, 0.1, 0.0, -0.2, 0.3};
  analysis::KpiColumn on_time{"province", "on_time_rate", {}};
  analysis::KpiColumn backlog{"province", "backlog_mean", {}};
  for (double e : noise) {
    on_time.values.push_back(0.8 + 0.01 * e + shift);
    backlog.values.push_back(50 + e);  // the same in every scenario: difference 0
  }
  s.columns = {on_time, backlog};
  if (with_extra) s.columns.push_back({"unit:x", "arrivals", std::vector<double>(8, 1.0)});
  return s;
}

}  // namespace

TEST_CASE("comparison.csv starts with the agreed columns", "[scenario_comparison]") {
  const auto base = scenario("base", 0.0);
  const std::vector<analysis::ScenarioColumns> alts{scenario("alt", 0.05)};
  const auto rows = analysis::compare_with_base(base, alts, 0.95);
  std::ostringstream out;
  analysis::write_comparison_csv(out, rows);
  const std::string csv = out.str();
  CHECK(csv.rfind("alternative,scope,metric,base_mean,alt_mean,diff_mean,diff_ci_low,"
                  "diff_ci_high,significant",
                  0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  CHECK(csv.find("\nalt,province,on_time_rate,") != std::string::npos);
}

TEST_CASE("rows: every alternative against each column both have, Bonferroni over them",
          "[scenario_comparison]") {
  const auto base = scenario("base", 0.0);
  const std::vector<analysis::ScenarioColumns> alts{scenario("better", 0.05, true),
                                                    scenario("same", 0.0)};
  const auto rows = analysis::compare_with_base(base, alts, 0.95);
  REQUIRE(rows.size() == 4);  // unit:x exists only in "better": no row
  CHECK(rows[0].alternative == "better");
  CHECK(rows[2].alternative == "same");
  for (const auto& row : rows)
    CHECK(row.paired.adjusted_level == Approx(0.975));

  SECTION("a shift shared by every replication is significant, with perfect correlation") {
    CHECK(rows[0].metric == "on_time_rate");
    CHECK(rows[0].paired.difference.mean == Approx(0.05));
    CHECK(rows[0].paired.significant);
    CHECK(rows[0].paired.correlation == Approx(1.0));
  }
  SECTION("identical values are not significant") {
    CHECK(rows[1].metric == "backlog_mean");
    CHECK_FALSE(rows[1].paired.significant);
    CHECK_FALSE(rows[2].paired.significant);
  }
  SECTION("the Bonferroni interval is wider than the unadjusted one") {
    std::vector<analysis::ScenarioColumns> noisy{scenario("noisy", 0.0)};
    noisy[0].columns[0].values[0] += 0.01;  // some spread in the difference
    const auto one = analysis::compare_with_base(base, noisy, 0.95);
    noisy.push_back(scenario("other", 0.0));
    const auto two = analysis::compare_with_base(base, noisy, 0.95);
    const double width1 = one[0].paired.difference.high - one[0].paired.difference.low;
    const double width2 = two[0].paired.difference.high - two[0].paired.difference.low;
    CHECK(width2 > width1);
  }
  SECTION("the table shows the scope's rows per alternative") {
    const std::string table = analysis::format_comparison_table(rows, "province", "base", 0.95);
    CHECK(table.find("better vs base") != std::string::npos);
    CHECK(table.find("same vs base") != std::string::npos);
    CHECK(table.find("on_time_rate") != std::string::npos);
  }
}
