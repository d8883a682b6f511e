// Reading the lever sections (models/lever_loader.hpp) on the shipped Dong Nai variants, and
// the messages of a few mistakes.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/delegation.hpp"
#include "models/online_adoption.hpp"
#include "models/roster.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier;

namespace {

const std::filesystem::path kDongNai =
    std::filesystem::path(TWOTIER_SOURCE_DIR) / "scenarios/dong-nai";

const model::ProcedureSpec& procedure(const model::ModelSpec& spec, const std::string& id) {
  for (const auto& p : spec.procedures)
    if (p.id == id) return p;
  throw std::invalid_argument(id);
}

std::string load_error(const std::vector<std::string>& overrides) {
  try {
    model::load_scenario(kDongNai / "baseline.toml", {overrides});
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the Dong Nai lever variants load into the expected specs", "[lever_loader]") {
  const model::ModelSpec base = model::load_scenario(kDongNai / "baseline.toml");
  CHECK(base.levers.outages.province);
  CHECK(base.levers.outages.mode == model::OutageMode::kPaper);
  // Calibrated (scenarios/dong-nai/README.md, "Calibration"): a share of completions.
  CHECK(base.levers.sync.probability > 0.0);
  CHECK(base.levers.sync.probability < 0.2);
  CHECK(model::transfer_count(procedure(base, "land_transfer")) == 2);

  SECTION("delegate-land: provincial land procedures decided at the commune") {
    const model::ModelSpec spec = model::load_scenario(kDongNai / "delegate-land.toml");
    const model::ProcedureSpec& p = procedure(spec, "land_transfer");
    CHECK(p.authority == model::Tier::kCommune);
    CHECK(model::transfer_count(p) == 0);
    CHECK(p.deadline_workdays == 8);  // deadline_options.csv
    // Catalogued at the commune already: unchanged.
    CHECK(procedure(spec, "land_first_registration").steps.size() ==
          procedure(base, "land_first_registration").steps.size());
  }
  SECTION("centralise-land: commune land procedures go to the province, mediation stays") {
    const model::ModelSpec spec = model::load_scenario(kDongNai / "centralise-land.toml");
    CHECK(procedure(spec, "land_purpose_change").authority == model::Tier::kProvince);
    CHECK(model::transfer_count(procedure(spec, "land_purpose_change")) == 2);
    CHECK(procedure(spec, "land_dispute_mediation").authority == model::Tier::kCommune);
  }
  SECTION("it-upgrade, digital-push and mobile-team set their levers") {
    CHECK(model::load_scenario(kDongNai / "it-upgrade.toml").levers.sync.probability == 0.005);
    CHECK(model::load_scenario(kDongNai / "digital-push.toml").levers.online.enabled);
    const model::ModelSpec spec = model::load_scenario(kDongNai / "mobile-team.toml");
    CHECK(spec.levers.mobile.teams == 2);
    CHECK(std::count(spec.levers.mobile.position_at_unit.begin(),
                     spec.levers.mobile.position_at_unit.end(), -1) == 7);  // provincial bodies
    // Its officers join the roster at every unit it may go to (off duty until sent there).
    const std::vector<model::OfficerSpec> roster = model::effective_roster(spec);
    const auto mobile = std::count_if(roster.begin(), roster.end(), [](const auto& o) {
      return o.id.find("/mobile_team#") != std::string::npos;
    });
    CHECK(mobile == static_cast<long>(spec.units.size() - 7) * spec.levers.mobile.teams *
                        spec.levers.mobile.officers);
  }
  SECTION("overtime: the commune desk and specialist officers, with the baseline's outages") {
    const model::ModelSpec spec = model::load_scenario(kDongNai / "overtime.toml");
    CHECK(spec.levers.outages.enabled());  // combined since the outage rescheduling
    REQUIRE(spec.overtime.enabled());
    const model::OvertimePolicy& policy = spec.overtime.policies.at(0);
    CHECK(policy.max_hours_per_day == 2.0);
    CHECK(policy.max_hours_per_week == 4.0);
    CHECK(policy.trigger == model::OvertimeTrigger::kDueSoon);
    CHECK(policy.premium == 1.5);
    CHECK_THAT(policy.premium_source, Catch::Contains("art. 98"));
    // Three positions at each of the 95 commune-level units, none at the provincial bodies.
    long chosen = 0;
    for (std::size_t p = 0; p < spec.positions.size(); ++p) {
      if (spec.overtime.policy_of_position[p] < 0) continue;
      ++chosen;
      const std::string& id = spec.positions[p].id;
      CHECK((id == "one_stop" || id == "justice_civil_status" || id == "land_construction"));
    }
    CHECK(chosen == 3 * static_cast<long>(spec.units.size() - 7));
  }
}

TEST_CASE("lever mistakes are reported at their key", "[lever_loader]") {
  CHECK_THAT(load_error({"delegation.land=county"}),
             Catch::Contains("delegation.land: bad value 'county' (allowed: commune, province, "
                             "delegated)"));
  CHECK_THAT(load_error({"outages.mode=pause"}), Catch::Contains("allowed: stop, paper"));
  CHECK_THAT(load_error({"outages.unit_between=exp(2wd)"}),
             Catch::Contains("expected calendar time"));
  CHECK_THAT(load_error({"online.start_share=0.3"}),
             Catch::Contains("give both start_share and target_share"));
  CHECK_THAT(load_error({"filing.share_elsewhere=0.2"}), Catch::Contains("neighbours table"));
  // The old form (shares at the run's start and end) names the dates it now needs.
  CHECK_THAT(load_error({"online.start_share=0.3", "online.target_share=0.6"}),
             Catch::Contains("online.start_date: missing") &&
                 Catch::Contains("give start_date and target_date"));
  CHECK_THAT(load_error({"online.start_share=0.3", "online.target_share=0.6",
                         "online.start_date=2026-06-01", "online.target_date=2026-01-01"}),
             Catch::Contains("online.target_date: must be after online.start_date"));
}

TEST_CASE("the online share on a date is the same in a 3-month and a 3-year run",
          "[lever_loader]") {
  const auto share_on = [](const std::string& start, const std::string& horizon,
                           sim::CivilDate date) {
    model::LoadOptions options;
    // No 2025 backlog: a run starting on 1 Dec 2025 must not hold dossiers received later.
    options.overrides = {"scenario.start=" + start, "scenario.horizon=" + horizon,
                         "tables.backlog=" + (kDongNai / "backlog_none.csv").string()};
    const model::ModelSpec spec = model::load_scenario(kDongNai / "digital-push.toml", options);
    const model::OnlineAdoption curve(spec);
    return curve.share(sim::Instant{} + sim::Duration::from_days(static_cast<double>(
                                            sim::days_between(spec.epoch_date, date))));
  };
  for (const sim::CivilDate date : {sim::CivilDate{2026, 2, 1}, sim::CivilDate{2026, 3, 15}}) {
    const double quarter = share_on("2026-01-01", "90d", date);
    CHECK(quarter == Approx(share_on("2026-01-01", "1095d", date)).epsilon(1e-12));
    CHECK(quarter == Approx(share_on("2025-12-01", "400d", date)).epsilon(1e-12));
  }
  CHECK(share_on("2026-01-01", "90d", {2026, 1, 1}) == Approx(0.40));
  CHECK(share_on("2026-01-01", "1095d", {2027, 6, 1}) == Approx(0.75));
}
