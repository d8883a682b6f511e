// The staffing search on small scenarios: it finds a staffing that meets a target the current
// one misses and the confirmation on fresh replications confirms it; a budget goes to the
// busiest unit first; temporary capacity clears a backlog by a date.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "analysis/decisions/staffing_search.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/staffing_report.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;

namespace {

model::ModelSpec two_communes() {
  return model::load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                              "/tests/data/two-communes/scenario.toml");
}

analysis::StaffingOptions options_for(const model::ModelSpec& spec, const char* target,
                                      const char* scope) {
  analysis::StaffingOptions options;
  options.targets.push_back(analysis::parse_target(target));
  options.scope = analysis::parse_target_scope(scope, spec);
  options.replications = 4;
  options.threads = 2;
  return options;
}

int position_index(const model::ModelSpec& spec, const std::string& label) {
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const auto& position = spec.positions[p];
    if (spec.units[static_cast<std::size_t>(position.unit)].id + "/" + position.id == label)
      return static_cast<int>(p);
  }
  return -1;
}

}  // namespace

TEST_CASE("the staff search meets a target the current staffing misses, and confirms it") {
  const auto spec = two_communes();
  for (bool analytic_start : {true, false}) {
    DYNAMIC_SECTION("analytic start " << analytic_start) {
      auto options = options_for(spec, "on_time_rate>=0.9", "units");
      options.use_analytic_start = analytic_start;
      const auto rec = analysis::recommend_staffing(spec, options);
      CHECK_FALSE(rec.before.all_met());  // phu_hoa's finance officer is overloaded
      CHECK(rec.confirmed);
      CHECK(rec.after.all_met());
      CHECK(rec.after.first_replication >= 4);  // fresh replications, not the search's
      const int finance = position_index(spec, "phu_hoa/finance");
      CHECK(rec.recommended[static_cast<std::size_t>(finance)] >= 2);
      // an_binh already meets the target: nothing is added there.
      CHECK(rec.recommended[static_cast<std::size_t>(position_index(spec, "an_binh/finance"))] <=
            1);
      const std::string text = analysis::staffing_summary_text(spec, rec, 0.95);
      CHECK_THAT(text, Catch::Contains("Xã Phú Hòa (phu_hoa) needs"));
      CHECK_THAT(text, Catch::Contains("finance officer"));
      CHECK_THAT(text, Catch::Contains("every target is met"));
      // --lang vi: the same summary in Vietnamese (it was English always).
      const std::string vi =
          analysis::staffing_summary_text(spec, rec, 0.95, analysis::ReportLanguage::kVietnamese);
      CHECK_THAT(vi, Catch::Contains("Xã Phú Hòa (phu_hoa) cần thêm"));
      CHECK_THAT(vi, Catch::Contains("cán bộ vị trí finance"));
      CHECK_THAT(vi, Catch::Contains("mọi chỉ tiêu đều đạt"));
      CHECK_THAT(vi, !Catch::Contains("needs") && !Catch::Contains("Targets"));
    }
  }
}

TEST_CASE("a budget of officers goes to the busiest unit first, with its marginal gain") {
  const auto spec = two_communes();
  auto options = options_for(spec, "on_time_rate>=0.95", "province");
  const auto rec = analysis::allocate_budget(spec, options, 2);
  REQUIRE(rec.marginal.size() == 2);
  CHECK(rec.marginal[0].position == position_index(spec, "phu_hoa/finance"));
  CHECK(rec.marginal[0].gain > 0);
  CHECK(rec.marginal[0].gain_low > 0);  // a clear gain under common random numbers
  // Each officer is placed where it helps most; the quiet unit gets nothing.
  CHECK(rec.recommended[static_cast<std::size_t>(rec.marginal[0].position)] >= 2);
  CHECK(rec.recommended[static_cast<std::size_t>(position_index(spec, "an_binh/finance"))] == 1);
}

TEST_CASE("temporary capacity brings the backlog under a target by a date") {
  const auto spec = two_communes();
  auto options = options_for(spec, "backlog_end<=40", "province");
  const auto rec = analysis::temporary_capacity(spec, options, sim::CivilDate{2026, 4, 30});
  CHECK_FALSE(rec.before.all_met());
  CHECK(rec.confirmed);
  CHECK(rec.officer_days > 0);
  // A backlog staffing cannot clear (dossiers with citizens, just arrived) stops the search.
  auto unreachable = options_for(spec, "backlog_end<=1", "province");
  const auto stuck = analysis::temporary_capacity(spec, unreachable, sim::CivilDate{2026, 4, 30});
  CHECK(stuck.search_exhausted);
  CHECK_FALSE(stuck.confirmed);
  CHECK(stuck.evaluations < 40);
  CHECK_THROWS_AS(analysis::temporary_capacity(spec, options, sim::CivilDate{2027, 1, 1}),
                  analysis::TargetError);
}

TEST_CASE("staff outputs: staffing.csv, targets.csv, summary.txt and the confirmation runs") {
  const auto spec = two_communes();
  const auto rec =
      analysis::recommend_staffing(spec, options_for(spec, "on_time_rate>=0.9", "units"));
  const std::filesystem::path out =
      std::filesystem::path(TWOTIER_BINARY_DIR) / "test-output" / "staffing_outputs";
  std::filesystem::remove_all(out);
  analysis::write_staffing_outputs(out, spec, rec, 0.95, "test");
  std::ifstream csv(out / "staffing.csv");
  std::string header, first;
  std::getline(csv, header);
  std::getline(csv, first);
  CHECK(header == analysis::kStaffingCsvHeader);
  CHECK_THAT(first, Catch::StartsWith("phu_hoa,finance,1,"));
  for (const char* file : {"targets.csv", "summary.txt", "current/summary.csv",
                           "recommended/results.h5", "recommended/monthly_report.csv"})
    CHECK(std::filesystem::exists(out / file));
}

TEST_CASE("a commune's search adds to its own bottleneck desk, not the busiest department") {
  // phu_hoa's same-day certificates queue at its two-officer desk (utilisation 0.81); the
  // provincial department is busier (0.87) but does none of phu_hoa's work. Ranking the
  // candidates by utilisation tried the department first, where officers change nothing.
  const auto spec = model::load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                         "/tests/data/commune-desk/scenario.toml");
  auto options = options_for(spec, "on_time_rate>=0.99", "unit:phu_hoa");
  options.candidates_per_step = 1;  // the ranking alone decides where each officer goes
  options.use_analytic_start = false;
  const auto rec = analysis::recommend_staffing(spec, options);
  CHECK_FALSE(rec.before.all_met());
  CHECK(rec.confirmed);
  const auto desk = static_cast<std::size_t>(position_index(spec, "phu_hoa/one_stop"));
  const auto department = static_cast<std::size_t>(position_index(spec, "so_tu_phap/justice"));
  CHECK(rec.recommended[desk] >= 3);
  CHECK(rec.recommended[department] == rec.current[department]);
  const auto first_step = std::find_if(rec.log.begin(), rec.log.end(), [](const std::string& line) {
    return line.rfind("+1 ", 0) == 0;
  });
  REQUIRE(first_step != rec.log.end());
  CHECK_THAT(*first_step, Catch::StartsWith("+1 phu_hoa/one_stop"));

  // The report a commune attaches to its request leads with the commune's own indicators.
  const std::filesystem::path out =
      std::filesystem::path(TWOTIER_BINARY_DIR) / "test-output" / "staffing_commune_desk";
  std::filesystem::remove_all(out);
  analysis::write_staffing_outputs(out, spec, rec, 0.95, "test");
  const std::string html = analysis::build_html_report(out, analysis::ReportLanguage::kEnglish);
  const auto commune = html.find("<h1>Staffing request: Xã Phú Hòa</h1>");
  REQUIRE(commune != std::string::npos);
  CHECK(html.find("Officers by position: Xã Phú Hòa") < html.find("Province context"));
  CHECK(html.find("Province context") < html.find("Headline indicators (province)"));
}

TEST_CASE("staffings evaluated as one batch equal staffings evaluated one by one") {
  const auto spec = two_communes();
  auto options = options_for(spec, "on_time_rate>=0.9", "units");
  options.replications = 2;
  std::vector<std::vector<int>> staffings(3);
  for (std::size_t k = 0; k < staffings.size(); ++k) {
    for (const auto& position : spec.positions)
      staffings[k].push_back(position.officers);
    staffings[k][k % staffings[k].size()] += static_cast<int>(k);
  }
  const auto batch = analysis::evaluate_staffings(spec, staffings, options, 4);
  REQUIRE(batch.size() == staffings.size());
  for (std::size_t k = 0; k < staffings.size(); ++k) {
    const auto alone = analysis::evaluate_staffing(spec, staffings[k], options, 4);
    CHECK(batch[k].officers == staffings[k]);
    CHECK(batch[k].first_replication == 4);
    REQUIRE(batch[k].replications.size() == 2);
    CHECK(batch[k].replications[0].replication == 4);
    REQUIRE(batch[k].checks.size() == alone.checks.size());
    for (std::size_t c = 0; c < alone.checks.size(); ++c) {
      CHECK(batch[k].checks[c].scope == alone.checks[c].scope);
      CHECK(batch[k].checks[c].met == alone.checks[c].met);
      CHECK(batch[k].checks[c].estimate.mean == alone.checks[c].estimate.mean);
    }
  }
}

TEST_CASE("a budget's officer goes to the candidate that gains most of all staffed positions") {
  // The candidates are evaluated as one batch (evaluate_staffings); each must be judged on its
  // own trial. (Here the first-ranked candidate also gains most, so this checks the choice,
  // not the order.)
  const auto spec = two_communes();
  auto options = options_for(spec, "on_time_rate>=0.95", "province");
  options.candidates_per_step = 50;  // every staffed position is a candidate
  const auto rec = analysis::allocate_budget(spec, options, 1);
  REQUIRE(rec.marginal.size() == 1);
  std::vector<int> current;
  for (const auto& position : spec.positions)
    current.push_back(position.officers);
  double best = -1.0;
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    if (spec.positions[p].skills.empty()) continue;
    std::vector<int> trial = current;
    ++trial[p];
    const auto e = analysis::evaluate_staffing(spec, trial, options, 0);
    for (const auto& check : e.checks)
      if (check.scope == "province") best = std::max(best, check.estimate.mean);
  }
  CHECK(rec.marginal[0].kpi_after == Approx(best));
}
