#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "apps/workbench/workspace.hpp"
#include "models/scenario_loader.hpp"

using namespace twotier::workbench;
namespace fs = std::filesystem;

namespace {

// A scenario folder (a copy of the single-commune example) and a workspace, in a fresh
// temporary folder.
struct Sandbox {
  fs::path root =
      fs::temp_directory_path() / ("twotier-workspace-test-" + std::to_string(::getpid()));
  fs::path scenarios = root / "scenarios";
  fs::path workspace = root / "workspace";
  Sandbox() {
    fs::remove_all(root);
    fs::create_directories(scenarios);
    fs::copy(fs::path(TWOTIER_SOURCE_DIR) / "scenarios/examples/single-commune",
             scenarios / "single-commune", fs::copy_options::recursive);
    // The example's holidays: ../../calendars from its file.
    fs::copy(fs::path(TWOTIER_SOURCE_DIR) / "scenarios/calendars", root / "calendars",
             fs::copy_options::recursive);
  }
  ~Sandbox() { fs::remove_all(root); }
};

int officers_of(const twotier::model::ModelSpec& spec, const std::string& unit,
                const std::string& position) {
  for (const auto& p : spec.positions)
    if (spec.units[static_cast<std::size_t>(p.unit)].id == unit && p.id == position)
      return p.officers;
  return -1;
}

}  // namespace

TEST_CASE("The workspace lists scenarios by id and never follows links out", "[workbench]") {
  Sandbox box;
  std::ofstream(box.root / "secret.toml") << "[scenario]\nname = \"outside\"\n";
  fs::create_symlink(box.root / "secret.toml", box.scenarios / "single-commune" / "link.toml");
  Workspace workspace({box.scenarios}, box.workspace);
  const auto listed = workspace.scenarios();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].id == "single-commune/scenario");
  CHECK_FALSE(listed[0].variant);
  CHECK(workspace.find("single-commune/scenario"));
  CHECK_FALSE(workspace.find("scenarios/single-commune/link"));
  CHECK_FALSE(workspace.find("../secret"));
  CHECK_FALSE(workspace.find("/etc/passwd"));
}

TEST_CASE("A variant is a scenario file the command line runs, checked as the CLI checks it",
          "[workbench]") {
  Sandbox box;
  Workspace workspace({box.scenarios}, box.workspace);
  const std::string base = "single-commune/scenario";

  SECTION("a good variant extends its base and changes one cell") {
    const ScenarioEntry saved = workspace.save_variant("more_one_stop", base, "Phú Hòa +1",
                                                       {"positions.phu_hoa.one_stop+=1"}, false);
    CHECK(saved.id == "workspace/more_one_stop");
    CHECK(saved.variant);
    CHECK(saved.base_id == base);
    CHECK(saved.file == fs::canonical(box.workspace / "variants/more_one_stop.toml"));
    const auto before = twotier::model::load_scenario(workspace.find(base)->file);
    const auto after = twotier::model::load_scenario(saved.file);
    CHECK(officers_of(after, "phu_hoa", "one_stop") ==
          officers_of(before, "phu_hoa", "one_stop") + 1);
    CHECK(after.name == "Phú Hòa +1");
    // Not replaced without asking.
    CHECK_THROWS_AS(workspace.save_variant("more_one_stop", base, "", {}, false), VariantError);
    CHECK_NOTHROW(workspace.save_variant("more_one_stop", base, "", {}, true));
  }
  SECTION("a bad change names its field and the closest matches, and writes nothing") {
    try {
      workspace.save_variant("bad", base, "", {"demand*=1.1", "positions.phu_hoa.one_stp=3"},
                             false);
      FAIL("accepted a bad change");
    } catch (const VariantError& e) {
      CHECK(e.field == "change:1");
      CHECK_THAT(e.what(), Catch::Contains("one_stop"));
    }
    CHECK_FALSE(fs::exists(box.workspace / "variants/bad.toml"));
  }
  SECTION("names and bases that are paths are refused") {
    CHECK_THROWS_AS(workspace.save_variant("../escape", base, "", {}, false), VariantError);
    CHECK_THROWS_AS(workspace.save_variant("ok", "../../etc/passwd", "", {}, false), VariantError);
    CHECK_THROWS_AS(workspace.save_variant("ok", base, "two\nlines", {}, false), VariantError);
    CHECK(fs::is_empty(box.workspace / "variants"));
  }
}
