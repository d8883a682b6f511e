// Scenario loading: a valid scenario resolves into the expected ModelSpec; extends, --set;
// every kind of mistake gives its exact message with file, line and column or row.
#include <unistd.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <string>

#include <catch2/catch.hpp>

#include "models/names.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier::model;
namespace fs = std::filesystem;

namespace {

// A scenario written to a fresh temporary directory; files may be replaced before writing.
struct TempScenario {
  std::string dir;
  std::map<std::string, std::string> files{
      {"scenario.toml",
       "[scenario]\n"
       "name = \"t\"\n"
       "start = 2026-01-05\n"
       "horizon = \"28d\"\n"
       "seed = 3\n"
       "\n"
       "[tables]\n"
       "units = \"units.csv\"\n"
       "procedures = \"procedures.csv\"\n"
       "steps = \"steps.csv\"\n"
       "positions = \"positions.csv\"\n"
       "arrivals = \"arrivals.csv\"\n"},
      {"units.csv",
       "id,name,kind,population,domains\n"
       "c1,Xã Một,commune,10000,\n"
       "w1,Phường Một,ward,20000,\n"
       "dept,Sở,department,,land;construction\n"},
      {"procedures.csv",
       "id,name,domain,authority,deadline,citizen_response,withdraw_probability\n"
       "cert,Chứng thực,certification,commune,0,,\n"
       "land,Đất đai,land,province,20wd,\"uniform(2d, 4d)\",0.1\n"},
      {"steps.csv",
       "procedure,step,name,kind,tier,skill,effort,incomplete_probability\n"
       "cert,1,reception,work,commune,desk,exp(10min),\n"
       "land,3,appraisal,work,province,land,\"gamma(2h, 0.5)\",\n"
       "land,1,reception,work,commune,desk,exp(20min),0.1\n"
       "land,2,transfer,transfer,province,,,\n"},
      {"positions.csv",
       "unit,position,officers,skills\n"
       "w1,desk,3,desk\n"
       "*,desk,2,desk\n"
       "dept,land,2,land\n"},
      {"arrivals.csv",
       "unit,procedure,rate\n"
       "*,cert,10/day\n"
       "*,land,2/1000res/year\n"},
  };

  TempScenario() {
    std::string pattern = (fs::temp_directory_path() / "twotier_loader_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
  }
  ~TempScenario() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write_all() const {
    for (const auto& [name, text] : files)
      write(name, text);
  }
  void write(const std::string& name, const std::string& text) const {
    const fs::path path = fs::path(dir) / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  std::string path(const std::string& name = "scenario.toml") const {
    return (fs::path(dir) / name).string();
  }
  ModelSpec load(std::vector<std::string> overrides = {}) const {
    write_all();
    return load_scenario(path(), LoadOptions{std::move(overrides)});
  }
  // The message of the ScenarioError the load throws.
  std::string error(std::vector<std::string> overrides = {}) const {
    try {
      load(std::move(overrides));
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  }
};

int unit_index(const ModelSpec& spec, const std::string& id) {
  for (std::size_t u = 0; u < spec.units.size(); ++u) {
    if (spec.units[u].id == id) return static_cast<int>(u);
  }
  return -1;
}

}  // namespace

TEST_CASE("a valid scenario resolves into a ModelSpec", "[scenario_loader]") {
  TempScenario s;
  const ModelSpec spec = s.load();
  CHECK(spec.name == "t");
  CHECK(spec.seed == 3);
  CHECK(spec.replications == 10);
  CHECK(spec.epoch_date == sim::CivilDate{2026, 1, 5});
  CHECK(spec.start.seconds == 0);
  CHECK(spec.end.days() == 28);
  CHECK(spec.workday_hours == 8.0);  // default hours 07:30-11:30, 13:00-17:00
  REQUIRE(spec.calendars.size() == 1);
  CHECK(spec.calendars[0].is_working_day(0));        // Monday
  CHECK_FALSE(spec.calendars[0].is_working_day(5));  // Saturday
  REQUIRE(spec.units.size() == 3);
  const int dept = unit_index(spec, "dept");
  CHECK(spec.province_unit_for_domain[static_cast<int>(Domain::kLand)] == dept);
  CHECK(spec.province_unit_for_domain[static_cast<int>(Domain::kConstruction)] == dept);
  CHECK(spec.province_unit_for_domain[static_cast<int>(Domain::kCertification)] == -1);

  SECTION("steps are ordered by their number") {
    const ProcedureSpec& land = spec.procedures[1];
    REQUIRE(land.steps.size() == 3);
    CHECK(land.steps[0].name == "reception");
    CHECK(land.steps[1].kind == StepKind::kTransfer);
    CHECK(land.steps[2].tier == Tier::kProvince);
    CHECK(spec.skills[static_cast<std::size_t>(land.steps[2].skill)] == "land");
    CHECK(land.steps[2].effort.working_time);
    CHECK(land.steps[2].effort.hours.mean() == Approx(2.0));
    CHECK_FALSE(land.citizen_response.working_time);
    CHECK(land.citizen_response.hours.mean() == Approx(72.0));
    CHECK(land.deadline_workdays == 20);
    CHECK(land.channel_mix == std::array<double, 3>{1.0, 0.0, 0.0});
  }
  SECTION("a specific positions row wins over a wildcard, in any order") {
    REQUIRE(spec.positions.size() == 3);
    for (const auto& p : spec.positions) {
      const std::string& unit = spec.units[static_cast<std::size_t>(p.unit)].id;
      if (unit == "c1") CHECK(p.officers == 2);
      if (unit == "w1") CHECK(p.officers == 3);
      if (unit == "dept") CHECK(p.officers == 2);
    }
  }
  SECTION("wildcard arrivals expand to every commune-level unit, per-resident rates scale") {
    REQUIRE(spec.arrivals.size() == 4);
    for (const auto& a : spec.arrivals) {
      const UnitSpec& unit = spec.units[static_cast<std::size_t>(a.unit)];
      CHECK(unit.tier() == Tier::kCommune);
      if (a.procedure == 1) CHECK(a.per_day == Approx(2.0 * unit.population / 1000 / 365.25));
      if (a.procedure == 0) CHECK(a.per_day == Approx(10.0));
      CHECK(a.profile == 0);
    }
    CHECK(spec.profiles[0].id == "flat");
  }
  SECTION("the resolved text holds the merged TOML and the tables") {
    CHECK(spec.source_text.find("seed = 3") != std::string::npos);
    CHECK(spec.source_text.find("# w1,desk,3,desk") != std::string::npos);
  }
}

TEST_CASE("the single-commune example loads", "[scenario_loader]") {
  const ModelSpec spec = load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                       "/scenarios/examples/single-commune/scenario.toml");
  CHECK(spec.units.size() == 2);
  CHECK(spec.procedures.size() == 4);
  CHECK(spec.replications == 5);
  CHECK(spec.deadline_rule.receipt_cutoff_seconds_of_day == 16.5 * 3600);
  SECTION("Tết is a holiday on its calendar") {
    const sim::Calendar& calendar = spec.calendars[0];
    CHECK_FALSE(calendar.is_working_day(calendar.day_index(sim::CivilDate{2026, 2, 16})));
    CHECK(calendar.is_working_day(calendar.day_index(sim::CivilDate{2026, 2, 10})));
  }
  SECTION("profiles are normalised to mean 1") {
    REQUIRE(spec.profiles.size() == 2);
    const ProfileSpec& desk = spec.profiles[1];
    CHECK(std::accumulate(desk.week.begin(), desk.week.end(), 0.0) == Approx(168.0));
    CHECK(std::accumulate(desk.month.begin(), desk.month.end(), 0.0) == Approx(12.0));
    CHECK(desk.week[5 * 24 + 9] == 0.0);  // Saturday
    CHECK(desk.week[0 * 24 + 9] > desk.week[0 * 24 + 16]);
    CHECK(desk.yearly_trend == 0.05);
    CHECK(desk.trend_base == sim::CivilDate{2026, 1, 1});
    // Two seasons around each of the holiday table's seven Tết dates (2025-2031).
    REQUIRE(desk.surges.size() == 14);
    const auto has = [&](sim::CivilDate from, sim::CivilDate to, double factor) {
      return std::any_of(desk.surges.begin(), desk.surges.end(), [&](const auto& s) {
        return s.from == from && s.to == to && s.factor == factor;
      });
    };
    CHECK(has({2026, 1, 18}, {2026, 2, 13}, 1.4));   // Tết 17 Feb 2026: tet-30..-4
    CHECK(has({2026, 2, 23}, {2026, 3, 18}, 0.6));   // tet+6..+29
    CHECK(has({2027, 12, 27}, {2028, 1, 22}, 1.4));  // Tết 26 Jan 2028
  }
}

TEST_CASE("a scenario that extends another overrides only what it says", "[scenario_loader]") {
  TempScenario s;
  s.files["base/scenario.toml"] = s.files["scenario.toml"];
  for (const char* table :
       {"units.csv", "procedures.csv", "steps.csv", "positions.csv", "arrivals.csv"}) {
    s.files[std::string("base/") + table] = s.files[table];
    s.files.erase(table);
  }
  s.files["scenario.toml"] =
      "extends = \"base/scenario.toml\"\n"
      "[scenario]\n"
      "seed = 9\n"
      "[calendar]\n"
      "saturday = [\"07:30-11:30\"]\n"
      "[tables]\n"
      "positions = \"more_positions.csv\"\n";
  s.files["more_positions.csv"] =
      "unit,position,officers,skills\n*,desk,5,desk\ndept,land,1,land\n";
  const ModelSpec spec = s.load();
  CHECK(spec.name == "t");  // from the parent
  CHECK(spec.seed == 9);
  CHECK(spec.units.size() == 3);           // parent's table, found next to the parent
  CHECK(spec.positions[0].officers == 5);  // child's table, found next to the child
  CHECK(spec.calendars[0].is_working_day(5));
  CHECK(spec.calendars[0].schedule().working_seconds(5) == 4 * 3600);
  CHECK(spec.calendars[0].schedule().working_seconds(0) == 8 * 3600);  // parent's default kept

  SECTION("--set overrides after merging") {
    const ModelSpec set = s.load({"scenario.seed=7", "scenario.horizon=90d"});
    CHECK(set.seed == 7);
    CHECK(set.end.days() == 90);
  }
}

TEST_CASE("extends errors", "[scenario_loader]") {
  TempScenario s;
  SECTION("a cycle names the chain") {
    s.files["scenario.toml"] = "extends = \"b.toml\"\n";
    s.files["b.toml"] = "extends = \"scenario.toml\"\n";
    CHECK(s.error() == s.path("b.toml") +
                           ":1:11: error: extends: scenarios extend each other in "
                           "a cycle: " +
                           s.path() + " -> " + s.path("b.toml") + " -> " + s.path());
  }
  SECTION("a missing parent") {
    s.files["scenario.toml"] = "extends = \"nope.toml\"\n";
    CHECK(s.error() == s.path() + ":1:11: error: extends: cannot find the parent scenario '" +
                           s.path("nope.toml") +
                           "' (paths are relative to the file that names them)");
  }
  SECTION("a missing top-level file") {
    CHECK_THROWS_WITH(load_scenario(s.path("none.toml")),
                      s.path("none.toml") +
                          ": error: cannot open the scenario file (does it "
                          "exist?)");
  }
}

TEST_CASE("TOML mistakes give file, line, column, key and what is allowed", "[scenario_loader]") {
  TempScenario s;
  std::string& toml = s.files["scenario.toml"];
  SECTION("syntax error") {
    toml.replace(toml.find("seed = 3"), 8, "seed = = 3");
    CHECK(s.error().starts_with(s.path() + ":5:8: error: TOML syntax: "));
  }
  SECTION("unknown key with a suggestion") {
    toml.replace(toml.find("seed = 3"), 8, "sed = 3");
    CHECK(s.error() ==
          s.path() +
              ":5:1: error: scenario.sed: unknown key, did you mean 'seed'? (allowed: "
              "name, description, start, horizon, warmup, seed, replications, on_time_target)");
  }
  SECTION("unknown table") {
    toml += "[calender]\nalways_open = true\n";
    CHECK(s.error().starts_with(s.path() +
                                ":13:2: error: calender: unknown key, did you mean 'calendar'?"));
  }
  SECTION("missing required key") {
    toml.replace(toml.find("start = 2026-01-05\n"), 19, "");
    CHECK(s.error() == s.path() + ":1:1: error: scenario.start: missing (required)");
  }
  SECTION("bad value") {
    toml.replace(toml.find("\"28d\""), 5, "\"28 days\"");
    CHECK(s.error() == s.path() +
                           ":4:11: error: scenario.horizon: bad value '28 days': unknown unit "
                           "'days' (allowed: a number and a unit: min, h, d (calendar), wmin, wh, "
                           "wd (working), e.g. 45min, 2wd)");
  }
  SECTION("a working-time horizon") {
    toml.replace(toml.find("\"28d\""), 5, "\"20wd\"");
    CHECK(s.error() == s.path() +
                           ":4:11: error: scenario.horizon: bad value '20wd': must be calendar "
                           "time, not working time (allowed: min, h, d, e.g. 365d)");
  }
  SECTION("wrong type") {
    toml.replace(toml.find("seed = 3"), 8, "seed = \"3\"");
    CHECK(s.error() ==
          s.path() + ":5:8: error: scenario.seed: bad value '3': expected a whole number");
  }
  SECTION("a table file that does not exist") {
    toml.replace(toml.find("\"units.csv\""), 11, "\"unit.csv\"");
    CHECK(s.error() == s.path() + ":8:9: error: tables.units: cannot open '" + s.path("unit.csv") +
                           "' (paths are relative to the file that names them)");
  }
  SECTION("opening hours") {
    toml += "[calendar]\nmonday = [\"13:00-17:00\", \"07:30-11:30\"]\n";
    CHECK(s.error() == s.path() +
                           ":14:26: error: calendar.monday: intervals must be in order and must "
                           "not overlap");
  }
  SECTION("--set with an unknown key") {
    CHECK(s.error({"scenario.sed=4"}) ==
          "--set scenario.sed=4: error: scenario.sed: unknown key (did you mean 'scenario.seed'?) "
          "(allowed: scenario.name, scenario.description, scenario.start, scenario.horizon, "
          "scenario.warmup, scenario.seed, scenario.replications, scenario.on_time_target)");
  }
  SECTION("--set with a bad value") {
    CHECK(s.error({"scenario.seed=abc"}) ==
          "--set scenario.seed=abc: error: scenario.seed: bad value 'abc': expected a whole "
          "number");
  }
  SECTION("--set without '='") {
    CHECK(s.error({"scenario.seed"}) ==
          "--set scenario.seed: error: expected key.path=value, e.g. scenario.seed=7, "
          "positions.phu_hoa.one_stop+=1 or demand*=1.1");
  }
}

TEST_CASE("CSV mistakes give file, row, column and what is allowed", "[scenario_loader]") {
  TempScenario s;
  const std::string units = s.path("units.csv");
  SECTION("bad enum value") {
    s.files["units.csv"] = "id,name,kind\nc1,X,town\n";
    CHECK(s.error() == units +
                           ":2: error: column 'kind': bad value 'town' (allowed: ward, commune, "
                           "special_zone, department, service_center)");
  }
  SECTION("duplicate id") {
    s.files["units.csv"] += "c1,Again,commune,1,\n";
    CHECK(s.error() == units + ":5: error: column 'id': duplicate unit id 'c1' (first on row 2)");
  }
  SECTION("unknown unit with a suggestion") {
    s.files["positions.csv"] += "w2,desk,1,desk\n";
    CHECK(s.error() == s.path("positions.csv") +
                           ":5: error: column 'unit': unknown unit 'w2' (did you mean 'w1'?), not "
                           "in units.csv");
  }
  SECTION("unknown procedure in steps") {
    s.files["steps.csv"] += "crt,2,signature,work,commune,desk,exp(1min),\n";
    CHECK(s.error() == s.path("steps.csv") +
                           ":6: error: column 'procedure': unknown procedure 'crt' (did you mean "
                           "'cert'?), not in procedures.csv");
  }
  SECTION("a skill no officer has") {
    s.files["steps.csv"] += "cert,2,signature,work,commune,dsek,exp(1min),\n";
    CHECK(s.error() == s.path("steps.csv") + ":6: error: column 'skill': no position in " +
                           s.path("positions.csv") +
                           " has the skill 'dsek' (did you mean 'desk'?)");
  }
  SECTION("a province step whose domain has no provincial body") {
    s.files["units.csv"] =
        "id,name,kind,population\nc1,X,commune,1\nw1,Y,ward,1\ndept,Z,department,\n";
    CHECK(s.error() == s.path("steps.csv") +
                           ":3: error: column 'tier': step 3 of procedure 'land' is done at the "
                           "province, but no department or service center in units.csv handles "
                           "the domain 'land' (list it in that body's domains)");
  }
  SECTION("a unit receives work nobody there can do") {
    s.files["positions.csv"] = "unit,position,officers,skills\nc1,desk,2,desk\ndept,land,2,land\n";
    CHECK(s.error() == s.path("arrivals.csv") +
                           ":2: error: unit 'w1' receives procedure 'cert', whose step 1 "
                           "(reception) needs skill 'desk', but no position at that unit "
                           "covers it (" +
                           s.path("positions.csv") +
                           "; a position with 0 officers makes these dossiers wait)");
  }
  SECTION("a missing step number") {
    s.files["steps.csv"] += "cert,3,signature,work,commune,desk,exp(1min),\n";
    CHECK(s.error() == s.path("steps.csv") +
                           ":6: error: column 'step': procedure 'cert' jumps to step 3: step 2 "
                           "is missing (number steps 1, 2, 3, ...)");
  }
  SECTION("a bad distribution") {
    s.files["steps.csv"] += "cert,2,signature,work,commune,desk,exp(1d),\n";
    CHECK(s.error() == s.path("steps.csv") +
                           ":6: error: column 'effort': bad value 'exp(1d)': an officer's effort "
                           "is working time, not calendar days (allowed: wmin, wh, wd or min, h "
                           "(which mean working time here))");
  }
  SECTION("equal-rank rows for one position conflict") {
    s.files["positions.csv"] += "kind:ward,desk,1,desk\nkind:ward,desk,4,desk\n";
    CHECK(s.error() == s.path("positions.csv") +
                           ":6: error: position 'desk' of unit 'w1' is already set on row 5 (a "
                           "more specific row replaces a general one; rows of equal rank "
                           "conflict)");
  }
  SECTION("a rate per resident without a population") {
    s.files["units.csv"] =
        "id,name,kind,population,domains\nc1,X,commune,,\nw1,Y,ward,1,\ndept,Z,department,,land\n";
    CHECK(s.error() == s.path("arrivals.csv") +
                           ":3: error: column 'rate': a rate per 1,000 residents needs the "
                           "population of unit 'c1' in units.csv");
  }
  SECTION("an unknown column") {
    s.files["arrivals.csv"] = "unit,procedure,rate,profle\n";
    CHECK(s.error() == s.path("arrivals.csv") +
                           ":1: error: unknown column 'profle' (did you mean 'profile'?) "
                           "(allowed: unit, procedure, rate, profile)");
  }
}

TEST_CASE("backlog and replayed arrivals move the epoch back", "[scenario_loader]") {
  TempScenario s;
  std::string& toml = s.files["scenario.toml"];
  toml.replace(toml.find("arrivals = \"arrivals.csv\""), 25,
               "replay = \"log.csv\"\nbacklog = \"backlog.csv\"");
  s.files["log.csv"] =
      "received_at,unit,procedure,channel\n2026-01-06T08:15:00,c1,cert,online\n"
      "2026-01-05T09:00,w1,land,\n";
  s.files["backlog.csv"] =
      "id,unit,procedure,received_at,current_step\nD1,c1,land,2025-12-20T10:00:00,3\n";
  const ModelSpec spec = s.load();
  CHECK(spec.epoch_date == sim::CivilDate{2025, 12, 20});
  CHECK(spec.start.days() == 16);
  REQUIRE(spec.replay.size() == 2);
  CHECK(spec.replay[0].received.seconds == 16 * 86400.0 + 9 * 3600);  // sorted by time
  CHECK(spec.replay[1].channel == Channel::kOnline);
  REQUIRE(spec.backlog.size() == 1);
  CHECK(spec.backlog[0].current_step == 2);
  CHECK(spec.backlog[0].received.seconds == 10 * 3600.0);

  SECTION("a backlog dossier received after the start is an error") {
    s.files["backlog.csv"] =
        "id,unit,procedure,received_at,current_step\nD1,c1,land,2026-01-07,4\n";
    CHECK(s.error() == s.path("backlog.csv") +
                           ":2: error: column 'received_at': an open dossier at the start must be "
                           "received before the start (2026-01-05)");
  }
  SECTION("a step beyond the procedure") {
    s.files["backlog.csv"] =
        "id,unit,procedure,received_at,current_step\nD1,c1,land,2025-12-20,4\n";
    CHECK(s.error() == s.path("backlog.csv") +
                           ":2: error: column 'current_step': bad value '4': procedure 'land' has "
                           "steps 1 to 3");
  }
}

// Bug (issue 17): an officers.csv row hired before the run's start got no learning curve,
// so the same officer ramped up or not depending on where the run started.
TEST_CASE("an officer with a from date ramps up wherever the run starts", "[scenario_loader]") {
  TempScenario s;
  s.files["scenario.toml"] +=
      "officers = \"officers.csv\"\n"
      "\n[staff]\n"
      "ramp_start_speed = 0.5\n"
      "ramp_workdays = 40\n";
  s.files["officers.csv"] =
      "unit,officer,positions,from\n"
      "c1,early,desk,2025-12-15\n"
      "c1,late,desk,2026-01-20\n";
  const ModelSpec spec = s.load();
  for (const auto& o : spec.staff.roster) {
    if (o.id != "early" && o.id != "late") continue;
    INFO(o.id);
    CHECK(o.ramp_start_speed == 0.5);
    CHECK(o.ramp_workdays == 40);
  }
}

TEST_CASE("staff tables resolve into the roster and per-unit settings", "[scenario_loader]") {
  TempScenario s;
  s.files["scenario.toml"] +=
      "officers = \"officers.csv\"\n"
      "unit_staff = \"unit_staff.csv\"\n"
      "staff_changes = \"staff_changes.csv\"\n"
      "training = \"training.csv\"\n"
      "\n[staff]\n"
      "sick_rate = 0.02\n"
      "annual_leave_days = 12\n"
      "ramp_start_speed = 0.5\n"
      "ramp_workdays = 40\n"
      "signing_times = [\"16:00\", \"10:30\"]\n";
  s.files["positions.csv"] += "c1,leader,0,desk\n";
  s.files["officers.csv"] =
      "unit,officer,positions,dossier_share,speed\n"
      "c1,chairman,leader;desk,0.3,1.2\n";
  s.files["unit_staff.csv"] =
      "unit,dispatch,domain_priority,saturday\n"
      "*,earliest_deadline,,\n"
      "w1,domain_priority,land;certification,07:30-11:30\n";
  s.files["staff_changes.csv"] =
      "date,unit,position,change,recruitment_lag,to_unit\n"
      "2026-01-12,w1,desk,-1,,\n"
      "2026-01-07,c1,desk,2,30d,\n"
      "2026-01-14,w1,desk,1,,c1\n";
  s.files["training.csv"] =
      "date,unit,position,speed_factor,error_factor\n"
      "2026-01-19,*,desk,1.1,0.5\n";
  const ModelSpec spec = s.load();
  const auto& roster = spec.staff.roster;
  std::vector<std::string> ids;
  for (const auto& o : roster)
    ids.push_back(o.id);
  // Positions in spec order (c1 desk, c1 leader, w1 desk, dept land), then officers.csv,
  // then the changes by date: hires at c1, the cut at w1 (latest first), the transfer.
  CHECK(ids == std::vector<std::string>{"c1/desk#1", "c1/desk#2", "w1/desk#1", "w1/desk#2",
                                        "w1/desk#3", "dept/land#1", "dept/land#2", "chairman",
                                        "c1/desk#3", "c1/desk#4", "c1/desk#5"});
  CHECK(roster[7].positions.size() == 2);
  CHECK(roster[7].dossier_share == 0.3);
  CHECK(roster[7].speed == 1.2);
  CHECK(roster[0].sick_rate == 0.02);
  CHECK(roster[0].leave_days_per_year == 12);
  CHECK(roster[8].from_day == 2 + 30);  // hired 2026-01-07 (day 2), 30 days' recruitment lag
  CHECK(roster[8].ramp_start_speed == 0.5);
  CHECK(roster[8].ramp_workdays == 40);
  CHECK(roster[4].until_day == 7);  // w1/desk#3 cut on 2026-01-12
  CHECK(roster[3].until_day == 9);  // w1/desk#2 moved to c1 on 2026-01-14
  CHECK(roster[10].from_day == 9);
  CHECK(roster[10].unit == 0);
  CHECK(roster[10].ramp_workdays == 0);  // a transfer keeps their proficiency
  REQUIRE(roster[0].training.size() == 1);
  CHECK(roster[0].training[0].from_day == 14);
  CHECK(roster[0].training[0].error_factor == 0.5);
  CHECK(roster[5].training.empty());  // the land specialists hold no desk position
  REQUIRE(spec.staff.units.size() == 3);
  CHECK(spec.staff.units[0].dispatch == DispatchRule::kEarliestDeadline);
  CHECK(spec.staff.units[1].dispatch == DispatchRule::kDomainPriority);
  CHECK(spec.staff.units[1].domain_rank[static_cast<int>(Domain::kLand)] == 0);
  CHECK(spec.staff.units[2].dispatch == DispatchRule::kFirstComeFirstServed);  // '*': communes
  CHECK(spec.staff.units[0].signing_seconds_of_day == std::vector<double>{37800, 57600});
  CHECK(spec.units[1].calendar == 1);  // w1 opens Saturday mornings
  CHECK(spec.units[0].calendar == 0);
  CHECK(spec.calendars[1].schedule().working_seconds(::sim::kSaturday) == 4 * 3600);
}

TEST_CASE("staff mistakes name the file, row and column", "[scenario_loader]") {
  TempScenario s;
  s.files["scenario.toml"] += "staff_changes = \"changes.csv\"\n";
  SECTION("cutting more officers than are in post") {
    s.files["changes.csv"] = "date,unit,position,change\n2026-02-01,c1,desk,-3\n";
    CHECK_THAT(s.error(),
               Catch::Contains("changes.csv:2") && Catch::Contains("only 2 are in post"));
  }
  SECTION("a position the unit does not have") {
    s.files["changes.csv"] = "date,unit,position,change\n2026-02-01,c1,clerk,1\n";
    CHECK_THAT(s.error(), Catch::Contains("changes.csv:2") &&
                              Catch::Contains("no position 'clerk'") &&
                              Catch::Contains("allowed: desk"));
  }
  SECTION("an unknown dispatch rule") {
    s.files["scenario.toml"] += "\n[staff]\ndispatch = \"random\"\n";
    s.files["changes.csv"] = "date,unit,position,change\n";
    CHECK_THAT(s.error(), Catch::Contains("staff.dispatch") &&
                              Catch::Contains("fcfs, earliest_deadline, least_slack"));
  }
}

TEST_CASE("[reception] resolves into counters per unit, the visit, patience and the ticket cap",
          "[scenario_loader][reception]") {
  TempScenario s;
  s.files["scenario.toml"] +=
      "\n[reception]\n"
      "counters = 2\n"
      "counters_at = { dept = 0, w1 = 4 }\n"
      "service = \"exp(12min)\"\n"
      "patience = \"exp(45min)\"\n"
      "daily_ticket_cap = 120\n"
      "return_share = 0.6\n";
  const ModelSpec spec = s.load();
  const ReceptionSpec& r = spec.reception;
  REQUIRE(r.enabled());
  CHECK(r.counters[static_cast<std::size_t>(unit_index(spec, "c1"))] == 2);
  CHECK(r.counters[static_cast<std::size_t>(unit_index(spec, "w1"))] == 4);
  CHECK(r.counters[static_cast<std::size_t>(unit_index(spec, "dept"))] == 0);
  CHECK(r.service_hours.mean() == Approx(0.2));
  CHECK(r.service_working_time);
  REQUIRE(r.patience_hours.has_value());
  CHECK(r.patience_hours->mean() == Approx(0.75));
  CHECK(r.daily_ticket_cap == 120);
  CHECK(r.return_share == 0.6);
  SECTION("mistakes name the key") {
    TempScenario bad;
    bad.files["scenario.toml"] += "\n[reception]\ncounters_at = { nowhere = 3 }\n";
    CHECK_THAT(bad.error(), Catch::Contains("reception.counters_at.nowhere: unknown unit "
                                            "'nowhere'") &&
                                Catch::Contains("allowed: c1, w1, dept"));
    TempScenario working;
    working.files["scenario.toml"] += "\n[reception]\npatience = \"exp(1wh)\"\n";
    CHECK_THAT(working.error(), Catch::Contains("reception.patience: expected calendar time"));
    TempScenario nobody;
    nobody.files["scenario.toml"] += "\n[reception]\nreturn_share = 0.5\n";
    CHECK_THAT(nobody.error(), Catch::Contains("reception.return_share: nobody ever leaves"));
  }
}

TEST_CASE("[overtime] gives its policy to the chosen positions at the chosen units",
          "[scenario_loader][overtime]") {
  TempScenario s;
  s.files["scenario.toml"] +=
      "\n[overtime]\n"
      "positions = [\"desk\"]\n"
      "units = [\"w1\"]\n"
      "max_hours_per_day = 3\n"
      "max_hours_per_week = 10\n"
      "trigger = \"due_soon\"\n"
      "threshold = 4\n"
      "due_soon_workdays = 1.5\n"
      "rate = 60000\n";
  const ModelSpec spec = s.load();
  const OvertimeSpec& o = spec.overtime;
  REQUIRE(o.enabled());
  REQUIRE(o.policies.size() == 1);
  CHECK(o.policies[0].max_hours_per_day == 3);
  CHECK(o.policies[0].max_hours_per_week == 10);
  CHECK(o.policies[0].trigger == OvertimeTrigger::kDueSoon);
  CHECK(o.policies[0].threshold == 4);
  CHECK(o.policies[0].due_soon_workdays == 1.5);
  CHECK(o.policies[0].rate_per_hour == 60000);
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const bool chosen =
        spec.positions[p].id == "desk" && spec.positions[p].unit == unit_index(spec, "w1");
    CHECK(o.policy_of_position[p] == (chosen ? 0 : -1));
  }
  SECTION("mistakes name the key") {
    TempScenario bad;
    bad.files["scenario.toml"] += "\n[overtime]\ntrigger = \"always\"\n";
    CHECK_THAT(bad.error(), Catch::Contains("overtime.trigger: bad value 'always' (allowed: "
                                            "backlog, due_soon)"));
    TempScenario position;
    position.files["scenario.toml"] += "\n[overtime]\npositions = [\"clerk\"]\n";
    CHECK_THAT(position.error(), Catch::Contains("overtime.positions: unknown position 'clerk'"));
    TempScenario long_day;
    long_day.files["scenario.toml"] += "\n[overtime]\nmax_hours_per_day = 8\n";
    CHECK_THAT(long_day.error(), Catch::Contains("overtime.max_hours_per_day: bad value 8"));
  }
}

TEST_CASE("staff_changes.csv to_position moves officers to another position on a date",
          "[scenario_loader][reassignment]") {
  TempScenario s;
  s.files["scenario.toml"] += "staff_changes = \"changes.csv\"\n";
  s.files["positions.csv"] += "c1,cadastre,0,land\ndept,office,1,land\n";
  SECTION("within a unit") {
    s.files["changes.csv"] =
        "date,unit,position,change,to_position\n2026-01-14,c1,desk,1,cadastre\n";
    const ModelSpec spec = s.load();
    const OfficerSpec& moved = spec.staff.roster.back();
    CHECK(moved.unit == unit_index(spec, "c1"));
    REQUIRE(moved.positions.size() == 1);
    CHECK(spec.positions[static_cast<std::size_t>(moved.positions[0])].id == "cadastre");
    CHECK(moved.from_day == 9);
    CHECK(spec.staff.roster[1].until_day == 9);  // c1/desk#2 left the desk that day
  }
  SECTION("to another unit and position") {
    s.files["changes.csv"] =
        "date,unit,position,change,to_unit,to_position\n2026-01-14,c1,desk,1,dept,office\n";
    const ModelSpec spec = s.load();
    const OfficerSpec& moved = spec.staff.roster.back();
    CHECK(moved.unit == unit_index(spec, "dept"));
    CHECK(spec.positions[static_cast<std::size_t>(moved.positions[0])].id == "office");
  }
  SECTION("a position the destination does not have") {
    s.files["changes.csv"] = "date,unit,position,change,to_position\n2026-01-14,c1,desk,1,land\n";
    CHECK_THAT(s.error(), Catch::Contains("column 'to_position'") &&
                              Catch::Contains("unit 'c1' has no position 'land'"));
  }
}

TEST_CASE("[delays] field_check_scale multiplies every field check's duration",
          "[scenario_loader]") {
  TempScenario s;
  s.files["steps.csv"] =
      "procedure,step,name,kind,tier,skill,effort,field_check_probability,field_check\n"
      "cert,1,reception,work,commune,desk,exp(10min),,\n"
      "land,1,reception,work,commune,desk,exp(20min),,\n"
      "land,2,transfer,transfer,province,,,,\n"
      "land,3,appraisal,work,province,land,\"gamma(2h, 0.5)\",0.5,\"lognormal(2wd, 1.5)\"\n";
  const ModelSpec plain = s.load();
  const auto& check = plain.procedures[1].steps[2].field_check.hours;
  REQUIRE(check.mean() == Approx(16.0));
  SECTION("a factor scales the mean and keeps the shape") {
    const ModelSpec scaled = s.load({"delays.field_check_scale=2.5"});
    const auto& longer = scaled.procedures[1].steps[2].field_check.hours;
    CHECK(longer.mean() == Approx(40.0));
    CHECK(longer.scv() == Approx(check.scv()));
    CHECK(scaled.procedures[1].steps[0].effort.hours.mean() ==
          Approx(plain.procedures[1].steps[0].effort.hours.mean()));
  }
  SECTION("a factor outside 0.01-100 is bad input naming the key") {
    CHECK_THAT(s.error({"delays.field_check_scale=0"}),
               Catch::Contains("delays.field_check_scale"));
  }
}
