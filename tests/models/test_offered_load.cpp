// Offered load against a hand-computed example: one unit open 24x7, one procedure with
// supplementation, officers shared between skills.
#include <unistd.h>  // mkdtemp

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "models/offered_load.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier::model;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path dir;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "twotier_load_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

// 10 dossiers a day. Reception exp(1h) finds 20% incomplete; half of those withdraw.
// Appraisal takes 2 h. Visits per dossier: reception 1 + 0.5 * 0.2 = 1.1 (the incomplete
// reception is done again), appraisal 0.8 + 0.5 * 0.2 = 0.9. Per week (70 dossiers):
// reception 77 h, appraisal 126 h. A 24x7 officer offers 168 h a week.
ModelSpec load_example(const TempDir& t, const std::string& positions) {
  t.write("s.toml",
          "[scenario]\nname = \"load\"\nstart = 2026-01-05\nhorizon = \"70d\"\n"
          "[calendar]\nalways_open = true\n"
          "[tables]\nunits = \"u.csv\"\nprocedures = \"p.csv\"\nsteps = \"s.csv\"\n"
          "positions = \"o.csv\"\narrivals = \"a.csv\"\n");
  t.write("u.csv", "id,name,kind\nc,C,commune\n");
  t.write("p.csv",
          "id,name,domain,authority,deadline,citizen_response,withdraw_probability\n"
          "p,P,other,commune,5,const(1d),0.5\n");
  t.write("s.csv",
          "procedure,step,name,kind,tier,skill,effort,incomplete_probability\n"
          "p,1,reception,work,commune,desk,exp(1h),0.2\n"
          "p,2,wait,delay,commune,,const(3h),\n"
          "p,3,appraisal,work,commune,expert,const(2h),\n");
  t.write("o.csv", positions);
  t.write("a.csv", "unit,procedure,rate\nc,p,10/day\n");
  return load_scenario(t.dir / "s.toml");
}

}  // namespace

TEST_CASE("visit ratios count the redone step once per supplementation", "[offered_load]") {
  ProcedureSpec p;
  p.withdraw_probability = 0.5;
  p.steps.resize(3);
  p.steps[0].incomplete_probability = 0.2;
  p.steps[2].incomplete_probability = 0.1;
  const std::vector<double> v = expected_step_visits(p);
  REQUIRE(v.size() == 3);
  CHECK(v[0] == Approx(1.0 + 0.5 * 0.2));
  CHECK(v[1] == Approx(0.8 + 0.5 * 0.2));
  // Step 3 is reached clean with 0.8 and then found incomplete with 0.1 of that.
  CHECK(v[2] == Approx(0.8 + 0.5 * (0.2 + 0.8 * 0.1)));
}

TEST_CASE("offered load per unit and skill matches the hand computation", "[offered_load]") {
  TempDir t;
  SECTION("separate positions") {
    const ModelSpec spec = load_example(t,
                                        "unit,position,officers,skills,dossier_share\n"
                                        "c,desk,1,desk,1\n"
                                        "c,expert,2,expert,0.5\n");
    const std::vector<SkillLoad> loads = offered_load(spec);
    REQUIRE(loads.size() == 2);
    const SkillLoad& desk =
        spec.skills[static_cast<std::size_t>(loads[0].skill)] == "desk" ? loads[0] : loads[1];
    const SkillLoad& expert = &desk == &loads[0] ? loads[1] : loads[0];
    CHECK(desk.demand_hours_per_week == Approx(77.0));
    CHECK(desk.capacity_hours_per_week == Approx(168.0));
    CHECK(desk.utilization == Approx(77.0 / 168));
    CHECK(desk.full_time_hours_per_week == Approx(168.0));
    CHECK(expert.demand_hours_per_week == Approx(126.0));
    CHECK(expert.capacity_hours_per_week == Approx(168.0));  // 2 officers at half share
    CHECK(expert.officers == 2);
    const std::vector<UnitLoad> units = offered_load_by_unit(spec);
    REQUIRE(units.size() == 1);
    CHECK(units[0].demand_hours_per_week == Approx(203.0));
    CHECK(units[0].capacity_hours_per_week == Approx(336.0));
  }
  SECTION("one officer covering both skills counts toward each, once for the unit") {
    const ModelSpec spec = load_example(t, "unit,position,officers,skills\nc,all,1,desk;expert\n");
    for (const SkillLoad& load : offered_load(spec)) {
      CHECK(load.capacity_hours_per_week == Approx(168.0));
    }
    const std::vector<UnitLoad> units = offered_load_by_unit(spec);
    CHECK(units[0].capacity_hours_per_week == Approx(168.0));
    CHECK(units[0].utilization == Approx(203.0 / 168));  // overloaded as a whole
  }
  SECTION("officers' speed scales the capacity: an officer at speed 2 does 2 h of effort an hour") {
    // A calibrated speed far from 1 (Dong Nai's) must not read as overload.
    const ModelSpec spec = load_example(t, "unit,position,officers,skills\nc,all,1,desk;expert\n");
    ModelSpec faster = spec;
    for (OfficerSpec& officer : faster.staff.roster)
      officer.speed = 2.0;
    REQUIRE_FALSE(faster.staff.roster.empty());
    CHECK(offered_load_by_unit(faster)[0].capacity_hours_per_week == Approx(336.0));
    CHECK(offered_load_by_unit(faster)[0].utilization == Approx(203.0 / 336));
    for (const SkillLoad& load : offered_load(faster))
      CHECK(load.capacity_hours_per_week == Approx(336.0));
  }
}

TEST_CASE("capacity follows the working calendar, demand the profile over the run",
          "[offered_load]") {
  const ModelSpec spec = load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                       "/scenarios/examples/single-commune/scenario.toml");
  const std::vector<SkillLoad> loads = offered_load(spec);
  REQUIRE_FALSE(loads.empty());
  // 40 h a week less the Tết holidays inside the 26 weeks of the run.
  const double hours = loads[0].full_time_hours_per_week;
  CHECK(hours < 40.0);
  CHECK(hours > 36.0);
  for (const SkillLoad& load : loads) {
    CHECK(load.utilization > 0);
    CHECK(load.utilization < 1);
  }
}

TEST_CASE("the mean rate factor averages month, trend and surges over the run's days",
          "[offered_load]") {
  ModelSpec spec;
  spec.epoch_date = sim::CivilDate{2026, 1, 1};
  spec.start = sim::Instant{0};
  spec.end = sim::Instant{59 * 86400.0};  // January and February
  ProfileSpec profile;
  profile.month.fill(1.0);
  profile.month[0] = 2.0;
  profile.surges.push_back({sim::CivilDate{2026, 1, 1}, sim::CivilDate{2026, 1, 10}, 3.0});
  // January: 10 days at 2 * 3, 21 days at 2; February: 28 days at 1.
  CHECK(mean_rate_factor(spec, profile) == Approx((10 * 6.0 + 21 * 2.0 + 28 * 1.0) / 59));
  profile.surges.clear();
  profile.month.fill(1.0);
  profile.yearly_trend = 0.1;
  // (1.1)^(d / 365.25) averaged over d = 0..58.
  double expected = 0.0;
  for (int d = 0; d < 59; ++d)
    expected += std::pow(1.1, d / 365.25);
  CHECK(mean_rate_factor(spec, profile) == Approx(expected / 59));
}
