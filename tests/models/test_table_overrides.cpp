// --set on table cells and demand (models/table_overrides.hpp): one syntax (=, +=, -=, *=)
// reaches a position's officers, any column of a keyed table and the arrival rates; a unit
// covered by a `*` row gets its own row; errors name the table, the key and the closest
// matches; a --set path is relative to the current folder.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/scenario_loader.hpp"
#include "models/text_match.hpp"
#include "models/unit_lookup.hpp"

using namespace twotier::model;
namespace fs = std::filesystem;

namespace {

const fs::path kSource(TWOTIER_SOURCE_DIR);
const fs::path kTwoCommunes = kSource / "tests/data/two-communes/scenario.toml";
const fs::path kDongNai = kSource / "scenarios/dong-nai/baseline.toml";

ModelSpec load(const fs::path& file, std::vector<std::string> overrides) {
  return load_scenario(file, LoadOptions{std::move(overrides)});
}

int officers(const ModelSpec& spec, std::string_view unit, std::string_view position) {
  for (const auto& p : spec.positions)
    if (spec.units[static_cast<std::size_t>(p.unit)].id == unit && p.id == position)
      return p.officers;
  return -1;
}

double rate(const ModelSpec& spec, std::string_view unit) {
  double total = 0.0;
  for (const auto& a : spec.arrivals)
    if (spec.units[static_cast<std::size_t>(a.unit)].id == unit) total += a.per_day;
  return total;
}

std::string error_of(const fs::path& file, std::vector<std::string> overrides) {
  try {
    load(file, std::move(overrides));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("an override sets or adds to or multiplies a position's officers", "[table_overrides]") {
  CHECK(officers(load(kTwoCommunes, {}), "phu_hoa", "one_stop") == 1);
  CHECK(officers(load(kTwoCommunes, {"positions.phu_hoa.one_stop=3"}), "phu_hoa", "one_stop") == 3);
  CHECK(officers(load(kTwoCommunes, {"positions.phu_hoa.one_stop+=2"}), "phu_hoa", "one_stop") ==
        3);
  CHECK(officers(load(kTwoCommunes, {"positions.phu_hoa.one_stop+2"}), "phu_hoa", "one_stop") == 3);
  // 1 x 2.6 = 2.6, rounded to the nearest whole officer.
  CHECK(officers(load(kTwoCommunes, {"positions.phu_hoa.one_stop*=2.6"}), "phu_hoa", "one_stop") ==
        3);
  const ModelSpec both =
      load(kTwoCommunes, {"positions.phu_hoa.one_stop=4", "positions.phu_hoa.one_stop-=1"});
  CHECK(officers(both, "phu_hoa", "one_stop") == 3);
  CHECK(officers(both, "an_binh", "one_stop") == 1);
  SECTION("a unit may be named by its name, with or without diacritics") {
    CHECK(officers(load(kTwoCommunes, {"positions.Xã Phú Hòa.one_stop=5"}), "phu_hoa",
                   "one_stop") == 5);
    CHECK(officers(load(kTwoCommunes, {"positions.phu hoa.one_stop=5"}), "phu_hoa", "one_stop") ==
          5);
  }
  SECTION("the override is part of the resolved scenario text") {
    const ModelSpec spec = load(kTwoCommunes, {"positions.phu_hoa.one_stop=3"});
    CHECK(spec.source_text.find("# --set positions.phu_hoa.one_stop=3") != std::string::npos);
    CHECK(spec.source_text != load(kTwoCommunes, {}).source_text);
  }
}

TEST_CASE("a unit covered by a star row gets its own row and the others keep theirs",
          "[table_overrides]") {
  const ModelSpec base = load(kDongNai, {});
  const int before = officers(base, "phu_hoa", "one_stop");
  REQUIRE(before > 0);
  const ModelSpec more = load(kDongNai, {"positions.phu_hoa.one_stop+=1"});
  CHECK(officers(more, "phu_hoa", "one_stop") == before + 1);
  CHECK(officers(more, "bien_hoa", "one_stop") == officers(base, "bien_hoa", "one_stop"));
  CHECK(more.positions.size() == base.positions.size());
  // The '*' row itself: every unit it covers (since issue 19 every Dong Nai commune-level unit,
  // none has a row of its own), and no provincial body.
  const ModelSpec all = load(kDongNai, {"positions.*.one_stop+=1"});
  CHECK(officers(all, "long_khanh", "one_stop") == officers(base, "long_khanh", "one_stop") + 1);
  CHECK(officers(all, "bien_hoa", "one_stop") == officers(base, "bien_hoa", "one_stop") + 1);
  CHECK(all.positions.size() == base.positions.size());
}

TEST_CASE("a demand override scales the arrival rates of all units or one unit or procedure",
          "[table_overrides]") {
  const ModelSpec base = load(kTwoCommunes, {});
  REQUIRE(rate(base, "phu_hoa") == Approx(7.0));
  const ModelSpec unit = load(kTwoCommunes, {"demand.phu_hoa*=1.5"});
  CHECK(rate(unit, "phu_hoa") == Approx(1.5 * rate(base, "phu_hoa")));
  CHECK(rate(unit, "an_binh") == Approx(rate(base, "an_binh")));
  const ModelSpec all = load(kTwoCommunes, {"demand*1.1", "demand.an_binh*=2"});
  CHECK(rate(all, "phu_hoa") == Approx(1.1 * rate(base, "phu_hoa")));
  CHECK(rate(all, "an_binh") == Approx(2.2 * rate(base, "an_binh")));
  const ModelSpec procedure = load(kTwoCommunes, {"demand.ho_kinh_doanh*=0.5"});
  CHECK(rate(procedure, "an_binh") == Approx(0.5 * rate(base, "an_binh")));
  CHECK(error_of(kTwoCommunes, {"demand=2"}).find("demand is scaled: write demand*=F") !=
        std::string::npos);
}

TEST_CASE("any column of a keyed table and numeric TOML keys", "[table_overrides]") {
  CHECK(load(kTwoCommunes, {"units.phu_hoa.population=50000"}).units[0].population == 50000);
  CHECK(load(kTwoCommunes, {"units.phu_hoa.population*=2"}).units[0].population == 84000);
  CHECK(load(kTwoCommunes, {"scenario.seed+=1"}).seed == load(kTwoCommunes, {}).seed + 1);
}

TEST_CASE("override errors name the table and the key and the closest matches",
          "[table_overrides]") {
  CHECK(error_of(kTwoCommunes, {"positions.phu_hoa.one_stp=3"}) ==
        "--set positions.phu_hoa.one_stp=3: error: positions: no row with unit 'phu_hoa', "
        "position 'one_stp' in " +
            (kSource / "tests/data/two-communes/positions.csv").lexically_normal().string() +
            " (closest: phu_hoa.one_stop, phu_hoa.finance, an_binh.one_stop)");
  CHECK(error_of(kTwoCommunes, {"positions.phu_hoa.one_stop.oficers=3"}) ==
        "--set positions.phu_hoa.one_stop.oficers=3: error: positions: unknown column 'oficers' "
        "(did you mean 'officers'?) (allowed: officers, skills, dossier_share, secondary_skills, "
        "source, required)");
  const std::string unknown_unit = error_of(kTwoCommunes, {"positions.phu_hao.one_stop=3"});
  CHECK(unknown_unit.find("positions: no unit 'phu_hao' (closest: Xã Phú Hòa (phu_hoa)") !=
        std::string::npos);
  CHECK(error_of(kTwoCommunes, {"positions.phu_hoa.one_stop=abc"})
            .starts_with("--set positions.phu_hoa.one_stop=abc: error: column 'officers': bad "
                         "value 'abc'"));
  CHECK(error_of(kTwoCommunes, {"positions.phu_hoa.one_stop.skills*=2"})
            .find("column 'skills' holds 'reception', not a number to change") !=
        std::string::npos);
  CHECK(error_of(kTwoCommunes, {"backlog.x.unit=a"}) ==
        "--set backlog.x.unit=a: error: backlog: the scenario has no table 'backlog' (set "
        "tables.backlog first)");
}

TEST_CASE("an override path is relative to the current folder and the message says so",
          "[table_overrides]") {
  const std::string message = error_of(kTwoCommunes, {"tables.positions=positions_c1.csv"});
  CHECK(message ==
        "--set tables.positions=positions_c1.csv: error: tables.positions: cannot open "
        "'positions_c1.csv' (a --set path is relative to the current folder)");
}

TEST_CASE("units are found by id or name with or without diacritics", "[unit_lookup]") {
  CHECK(fold_text("Phường Phước Tân") == "phuong phuoc tan");
  CHECK(fold_text("phuoc_tan") == "phuoc tan");
  CHECK(fold_text("Đồng  Nai!") == "dong nai");
  CHECK(fold_text("Phu\xCC\x9B\xCC\x81o\xCC\x9B") == "phuo");  // combining marks (NFD)
  const ModelSpec spec = load(kDongNai, {});
  const auto id_of = [&](std::string_view text) {
    return spec.units[static_cast<std::size_t>(find_unit(spec.units, text))].id;
  };
  CHECK(id_of("phuoc_tan") == "phuoc_tan");
  CHECK(id_of("Phường Phước Tân") == "phuoc_tan");
  CHECK(id_of("Phước Tân") == "phuoc_tan");
  CHECK(id_of("phuoc tan") == "phuoc_tan");
  CHECK(id_of("phuoctan") == "phuoc_tan");
  CHECK(id_of("xa phu hoa") == "phu_hoa");
  try {
    find_unit(spec.units, "phuoc tam");
    FAIL("no error");
  } catch (const ValueError& e) {
    CHECK(std::string(e.problem()).find("(closest: Phường Phước Tân (phuoc_tan)") !=
          std::string::npos);
  }
  const std::vector<int> found = search_units(spec.units, "phuoc tan");
  REQUIRE(found.size() == 1);
  CHECK(spec.units[static_cast<std::size_t>(found[0])].id == "phuoc_tan");
  CHECK(search_units(spec.units, "").size() == spec.units.size());
}

namespace {

// A copy of the two-commune fixture in a temporary folder, where test scenarios that extend it
// are written.
struct FixtureCopy {
  fs::path folder = fs::temp_directory_path() / ("twotier-set-key-" + std::to_string(::getpid()));
  FixtureCopy() {
    fs::remove_all(folder);
    fs::copy(kSource / "tests/data/two-communes", folder, fs::copy_options::recursive);
    // Its holidays are named relative to the fixture's place: make the path absolute.
    std::ifstream in(folder / "scenario.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string relative = "../../../scenarios/calendars";
    text.replace(text.find(relative), relative.size(), (kSource / "scenarios/calendars").string());
    std::ofstream(folder / "scenario.toml") << text;
  }
  ~FixtureCopy() { fs::remove_all(folder); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(folder / name) << text;
    return folder / name;
  }
};

}  // namespace

TEST_CASE("a scenario file's own set list changes cells after its parents' and before --set",
          "[table_overrides]") {
  const int before = officers(load(kTwoCommunes, {}), "phu_hoa", "one_stop");
  const FixtureCopy copy;
  copy.write("parent.toml",
             "extends = \"scenario.toml\"\n"
             "set = [\"positions.phu_hoa.one_stop+=1\"]\n");
  const fs::path child = copy.write("child.toml",
                                    "extends = \"parent.toml\"\n"
                                    "set = [\"positions.phu_hoa.one_stop*=2\", \"demand*=1.5\"]\n");
  // Parent first (+1), then the child (*2), then the command line (+1).
  CHECK(officers(load(child, {}), "phu_hoa", "one_stop") == (before + 1) * 2);
  CHECK(officers(load(child, {"positions.phu_hoa.one_stop+=1"}), "phu_hoa", "one_stop") ==
        (before + 1) * 2 + 1);
  CHECK(rate(load(child, {}), "phu_hoa") == Approx(1.5 * rate(load(kTwoCommunes, {}), "phu_hoa")));

  const fs::path toml_key =
      copy.write("key.toml", "extends = \"scenario.toml\"\nset = [\"scenario.seed=3\"]\n");
  CHECK_THAT(error_of(toml_key, {}),
             Catch::Contains("key.toml:2") && Catch::Contains("write TOML keys"));
  const fs::path typo = copy.write(
      "typo.toml", "extends = \"scenario.toml\"\nset = [\"positions.phu_hoa.one_stp=3\"]\n");
  CHECK_THAT(error_of(typo, {}), Catch::Contains("typo.toml:2") && Catch::Contains("one_stop"));
  const fs::path not_text = copy.write("number.toml", "extends = \"scenario.toml\"\nset = [3]\n");
  CHECK_THAT(error_of(not_text, {}), Catch::Contains("expected a change in quotes"));
}
