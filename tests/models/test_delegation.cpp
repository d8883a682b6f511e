// Delegation of authority (models/delegation.hpp): how a workflow is rewritten for each
// option, and that deciding land at the commune removes the transfers and their lags
// (common random numbers on the two-tier fixture).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/delegation.hpp"
#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;
using model::AuthorityOption;
using model::Metric;

namespace {

std::vector<std::string> shape(const model::ProcedureSpec& p) {
  std::vector<std::string> out;
  for (const model::StepSpec& s : p.steps)
    out.push_back(s.name + "@" + model::to_string(s.tier));
  return out;
}

model::DelegationRules rules() {
  model::DelegationRules r;
  r.front_office_skill = 0;  // "one_stop" in the fixture
  r.approval_skill = 1;
  r.approval_effort = test::hours(sim::Distribution::deterministic(0.5));
  return r;
}

}  // namespace

TEST_CASE("a workflow is rewritten for who decides it", "[delegation]") {
  const model::ModelSpec spec = test::two_tier();
  const model::ProcedureSpec& land = spec.procedures[0];  // province authority
  REQUIRE(shape(land) == std::vector<std::string>{"reception@commune", "transfer_up@commune",
                                                  "appraisal@province", "transfer_down@commune",
                                                  "return@commune"});
  SECTION("commune (phân cấp): the core moves down, the transfers go") {
    model::ProcedureSpec p = land;
    CHECK(model::rewrite_for_authority(p, AuthorityOption::kCommune, rules()));
    CHECK(shape(p) ==
          std::vector<std::string>{"reception@commune", "appraisal@commune", "return@commune"});
    CHECK(p.authority == model::Tier::kCommune);
    CHECK(model::transfer_count(p) == 0);
  }
  SECTION("delegated (ủy quyền): as commune, plus the approval step") {
    model::ProcedureSpec p = land;
    CHECK(model::rewrite_for_authority(p, AuthorityOption::kDelegated, rules()));
    CHECK(shape(p) == std::vector<std::string>{"reception@commune", "appraisal@commune",
                                               "delegated_approval@commune", "return@commune"});
    CHECK(p.steps[2].skill == 1);
  }
  SECTION("province: as catalogued, nothing changes") {
    model::ProcedureSpec p = land;
    CHECK_FALSE(model::rewrite_for_authority(p, AuthorityOption::kProvince, rules()));
    CHECK(shape(p) == shape(land));
  }
  SECTION("province for a commune procedure: transfers frame the core") {
    model::ProcedureSpec p = land;
    model::rewrite_for_authority(p, AuthorityOption::kCommune, rules());
    CHECK(model::rewrite_for_authority(p, AuthorityOption::kProvince, rules()));
    CHECK(shape(p) == std::vector<std::string>{"reception@commune", "to_province@province",
                                               "appraisal@province", "back_to_commune@commune",
                                               "return@commune"});
    CHECK(model::transfer_count(p) == 2);
  }
}

TEST_CASE("land decided at the commune: fewer transfers, no transfer lag", "[delegation]") {
  model::ModelSpec province = test::two_tier(90);
  province.arrivals.push_back({0, 0, 1.0, 0});  // LAND, one a day
  model::ModelSpec commune = province;
  model::rewrite_for_authority(commune.procedures[0], AuthorityOption::kCommune, rules());
  commune.positions[0].skills = {0, 1};  // the commune clerk also appraises land
  commune.positions[0].officers = 2;
  const model::ReplicationResult a = model::run_replication(province, 0);
  const model::ReplicationResult b = model::run_replication(commune, 0);
  CHECK(test::kpi(a, "province", Metric::kArrivals) == test::kpi(b, "province", Metric::kArrivals));
  CHECK(test::kpi(a, "province", Metric::kTransferDaysMean) > 0.5);
  CHECK(test::kpi(b, "province", Metric::kTransferDaysMean) == 0.0);
  CHECK(test::kpi(b, "tier:commune", Metric::kCompleted) > 0);
  CHECK(test::kpi(b, "tier:province", Metric::kCompleted) == 0);
  CHECK(test::kpi(b, "province", Metric::kTimeInSystemDaysMean) <
        test::kpi(a, "province", Metric::kTimeInSystemDaysMean));
}
