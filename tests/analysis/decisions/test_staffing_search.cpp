// The staffing search on small scenarios: it finds a staffing that meets a target the current
// one misses and the confirmation on fresh replications confirms it; a budget goes to the
// busiest unit first; temporary capacity clears a backlog by a date.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <regex>

#include <catch2/catch.hpp>

#include "analysis/decisions/staffing_search.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/staffing_report.hpp"
#include "analysis/statistics/queueing_theory.hpp"
#include "models/scenario_loader.hpp"
#include "models/spec.hpp"

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
      // Names, not ids (issue 20: "cán bộ vị trí finance"), and Vietnamese number formats.
      CHECK_THAT(vi, Catch::Contains("Xã Phú Hòa cần thêm 1 cán bộ tài chính"));
      CHECK_THAT(vi, Catch::Contains("mọi chỉ tiêu đều đạt"));
      CHECK_THAT(vi, !Catch::Contains("needs") && !Catch::Contains("Targets"));
      CHECK_THAT(vi, !Catch::Contains("finance") && !Catch::Contains("phu_hoa") &&
                         !Catch::Contains("an_binh") && !Catch::Contains("one_stop"));
      CHECK_FALSE(std::regex_search(vi, std::regex("[0-9]\\.[0-9]+ ?%")));  // 95,0%, not 95.0%
      CHECK(std::regex_search(vi, std::regex("[0-9],[0-9] ?%")));
      CHECK_THAT(vi, Catch::Contains("triệu đồng") && Catch::Contains("2.340.000 đồng"));
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
  for (const char* file :
       {"targets.csv", "summary.txt", "current/summary.csv", "recommended/results.h5",
        "recommended/monthly_report.csv", "decisions.csv"})
    CHECK(std::filesystem::exists(out / file));
  // The recommendation as a scenario that extends the input: loading it gives the
  // recommended officers and everything else of the input.
  const auto written = model::load_scenario(out / "scenario.toml");
  REQUIRE(written.positions.size() == spec.positions.size());
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    CHECK(written.positions[p].officers == rec.recommended[p]);
    CHECK(written.positions[p].id == spec.positions[p].id);
    CHECK(written.positions[p].skills == spec.positions[p].skills);
  }
  CHECK(written.arrivals.size() == spec.arrivals.size());
  CHECK(written.costs.base_salary == spec.costs.base_salary);
  CHECK_THAT(written.name, Catch::Contains("recommended staffing"));
  std::ifstream decisions(out / "decisions.csv");
  std::string decisions_header, phu_hoa;
  std::getline(decisions, decisions_header);
  std::getline(decisions, phu_hoa);
  CHECK(decisions_header == analysis::kDecisionsCsvHeader);
  CHECK_THAT(phu_hoa, Catch::StartsWith("unit:phu_hoa,needs,"));
}

TEST_CASE("a commune's search adds to its own bottleneck desk, not the busiest department") {
  // phu_hoa's same-day certificates queue at its two-officer desk; the provincial department is
  // busier but does none of phu_hoa's work. Ranking the candidates by utilisation tried the
  // department first, where officers change nothing. (The target is set where the current
  // staffing clearly misses it, so the search runs; whether the best found is confirmed is
  // the confirmation's business, tested below.)
  const auto spec = model::load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                         "/tests/data/commune-desk/scenario.toml");
  auto options = options_for(spec, "on_time_rate>=0.999", "unit:phu_hoa");
  options.candidates_per_step = 1;  // the ranking alone decides where each officer goes
  options.use_analytic_start = false;
  const auto rec = analysis::recommend_staffing(spec, options);
  CHECK_FALSE(rec.before.all_met());
  const auto desk = static_cast<std::size_t>(position_index(spec, "phu_hoa/one_stop"));
  const auto department = static_cast<std::size_t>(position_index(spec, "so_tu_phap/justice"));
  CHECK(rec.found[desk] >= 3);
  CHECK(rec.found[department] == rec.current[department]);
  const auto first_step = std::find_if(rec.log.begin(), rec.log.end(), [](const std::string& line) {
    return line.find("+1 ") != std::string::npos;
  });
  REQUIRE(first_step != rec.log.end());
  CHECK_THAT(*first_step, Catch::Contains("+1 phu_hoa/one_stop"));
}

TEST_CASE("a target the search cannot reach is reported as not reached, never as a need") {
  // Before issue 20: "Xã Dầu Giây needs 3 more ... to reach >=90%" and further down "NOT met".
  const auto spec = two_communes();
  auto options = options_for(spec, "backlog_end<=0", "province");  // new dossiers always wait
  options.max_added = 2;
  options.use_analytic_start = false;
  const auto rec = analysis::recommend_staffing(spec, options);
  REQUIRE(rec.groups.size() == 1);
  CHECK(rec.groups[0].outcome == analysis::GroupOutcome::kNotReached);
  CHECK_FALSE(rec.confirmed);
  CHECK(rec.recommended == rec.current);  // nothing unconfirmed is recommended
  const std::string text = analysis::staffing_summary_text(spec, rec, 0.95);
  CHECK_THAT(text, Catch::Contains("the target was not reached"));
  // No "X needs N more ..." claim (the phrase "needs more officers than allowed" explains).
  CHECK_FALSE(std::regex_search(text, std::regex(" needs [0-9]+ more")));
}

TEST_CASE("a verdict is met, not met or undecided by where the interval lies") {
  auto evaluation = [](std::vector<double> rates) {
    analysis::StaffingEvaluation e;
    for (double rate : rates) {
      model::ReplicationResult r;
      r.scopes = {"unit:x"};
      r.kpis.resize(1);
      r.kpis[0][static_cast<std::size_t>(model::Metric::kOnTimeRate)] = rate;
      e.replications.push_back(std::move(r));
    }
    analysis::TargetCheck check;
    check.scope = "unit:x";
    check.target = analysis::parse_target("on_time_rate>=0.9");
    e.checks.push_back(check);
    return e;
  };
  using analysis::Verdict;
  CHECK(analysis::group_verdict(evaluation({1, 1, 1, 1}), "unit:x", 0.95) == Verdict::kMet);
  CHECK(analysis::group_verdict(evaluation({0.95, 0.96, 0.94, 0.95}), "unit:x", 0.95) ==
        Verdict::kMet);
  CHECK(analysis::group_verdict(evaluation({0.80, 0.82, 0.81, 0.79}), "unit:x", 0.95) ==
        Verdict::kNotMet);
  // The mean meets the target but the interval straddles it: neither.
  CHECK(analysis::group_verdict(evaluation({0.99, 0.85, 0.97, 0.86}), "unit:x", 0.95) ==
        Verdict::kUndecided);
}

TEST_CASE("trimming is opt-in and leaves required positions alone unless they are named") {
  // Before issue 20 the search removed officers unasked, leaders included (Phước Tân:
  // leaders 3 -> 2 under "could be removed").
  const auto spec = model::load_scenario(
      std::string(TWOTIER_SOURCE_DIR) + "/tests/data/two-communes/scenario.toml",
      model::LoadOptions{{"positions.an_binh.one_stop=3",
                          "positions.an_binh.one_stop.required=true",
                          "positions.an_binh.finance=3"}});
  const auto one_stop = static_cast<std::size_t>(position_index(spec, "an_binh/one_stop"));
  const auto finance = static_cast<std::size_t>(position_index(spec, "an_binh/finance"));
  REQUIRE(spec.positions[one_stop].required);
  auto options = options_for(spec, "on_time_rate>=0.9", "unit:an_binh");
  const auto plain = analysis::recommend_staffing(spec, options);
  CHECK(plain.recommended == plain.current);  // met already, and no --trim
  options.trim = true;
  const auto trimmed = analysis::recommend_staffing(spec, options);
  CHECK(trimmed.recommended[finance] < 3);
  CHECK(trimmed.recommended[one_stop] == 3);  // required
  options.trim_required = {"one_stop"};
  const auto named = analysis::recommend_staffing(spec, options);
  CHECK(named.recommended[one_stop] < 3);
}

TEST_CASE("the search finds the fewest officers Erlang C says an M/M/c unit needs") {
  // tests/data/mmc-staffing: lambda = 0.3/h, exp(8 h) service, 2 officers (overloaded). The
  // smallest c whose mean wait Wq(c) = ErlangC(c, a) / (c mu - lambda) meets the target is
  // the answer; the analytic start (P(wait > 12 h) <= 5%) asks for more, and before the
  // search cut back what it added, that overshoot was the recommendation (issue 20:
  // "78.3% -> 99.0%" for a 90% target).
  const auto spec = model::load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                         "/tests/data/mmc-staffing/scenario.toml");
  const double lambda = 0.3, mu = 1.0 / 8.0, target_hours = 12.0;
  int fewest = 1;
  while (fewest * mu <= lambda || analysis::mmc_wait_mean(fewest, lambda, mu) > target_hours)
    ++fewest;
  REQUIRE(fewest == 3);  // Wq(3) = 8.63 h; Wq(4) = 1.44 h
  const auto server = static_cast<std::size_t>(position_index(spec, "q/server"));
  for (bool analytic_start : {true, false}) {
    DYNAMIC_SECTION("analytic start " << analytic_start) {
      auto options = options_for(spec, "wait_officer_days_mean<=0.5", "units");  // 12 h
      options.use_analytic_start = analytic_start;
      const auto rec = analysis::recommend_staffing(spec, options);
      if (analytic_start) CHECK(rec.analytic[server].erlang_c > fewest);  // it overshoots
      REQUIRE(rec.groups.size() == 1);
      CHECK(rec.groups[0].outcome == analysis::GroupOutcome::kNeeds);
      CHECK(rec.found[server] == fewest);
      CHECK(rec.recommended[server] == fewest);
    }
  }
}

TEST_CASE("two seeds give the same recommendation within one officer per position") {
  // Issue 20: "Stable: two seeds give the same recommendation within one officer per position".
  auto spec = two_communes();
  std::vector<std::vector<int>> recommended;
  for (std::uint64_t seed : {20260302u, 977u}) {
    spec.seed = seed;
    const auto rec =
        analysis::recommend_staffing(spec, options_for(spec, "on_time_rate>=0.9", "units"));
    CHECK(rec.confirmed);
    recommended.push_back(rec.recommended);
  }
  REQUIRE(recommended[0].size() == recommended[1].size());
  for (std::size_t p = 0; p < recommended[0].size(); ++p) {
    INFO(spec.units[static_cast<std::size_t>(spec.positions[p].unit)].id
         << "/" << spec.positions[p].id << ": " << recommended[0][p] << " and "
         << recommended[1][p]);
    CHECK(std::abs(recommended[0][p] - recommended[1][p]) <= 1);
  }
}
