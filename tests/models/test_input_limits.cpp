// Loader limits (models/input_limits.hpp): inputs beyond them are refused before parsing, with
// the file, line and limit, instead of exhausting the stack or the memory.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/input_limits.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/twotier_process.hpp"

namespace fs = std::filesystem;
using namespace twotier::model;

namespace {
void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("an extends chain of 9,000 files is refused at the limit, not by a crash",
          "[input_limits]") {
  twotier::test::TempDir dir("twotier_limits");
  for (int i = 0; i < 9000; ++i)
    write(dir.path / ("s" + std::to_string(i) + ".toml"),
          "extends = \"s" + std::to_string(i + 1) + ".toml\"\n");
  CHECK_THROWS_WITH(load_scenario(dir.path / "s0.toml"),
                    Catch::Contains("s16.toml:1:11: error: extends: more than 16 scenario files "
                                    "extend one another"));
}

TEST_CASE("a dotted key of 50,000 parts and an oversized file are refused", "[input_limits]") {
  twotier::test::TempDir dir("twotier_limits");
  std::string key = "a";
  for (int i = 1; i < 50000; ++i)
    key += ".a";
  write(dir.path / "key.toml", "# comment . . .\n[scenario]\nname = \"x.y.z\"\n" + key + " = 1\n");
  CHECK_THROWS_WITH(load_scenario(dir.path / "key.toml"),
                    Catch::Contains("key.toml:4:1: error: a dotted key of more than 16 parts"));
  write(dir.path / "header.toml", "[" + key + "]\n");
  CHECK_THROWS_WITH(load_scenario(dir.path / "header.toml"),
                    Catch::Contains("header.toml:1:1: error: a dotted key of more than 16 parts"));
  write(dir.path / "inline.toml", "x = { y = 1, " + key + " = 2 }\n");
  CHECK_THROWS_WITH(load_scenario(dir.path / "inline.toml"),
                    Catch::Contains("a dotted key of more than 16 parts"));
  // Floats, dates and dotted text in values are not keys.
  write(dir.path / "values.toml",
        "[scenario]\nname = \"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\"\nstart = 2026-01-05\n"
        "x = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, "
        "8.5, 9.5]\n");
  CHECK_THROWS_WITH(load_scenario(dir.path / "values.toml"), Catch::Contains("scenario.x"));
  write(dir.path / "big.toml", std::string(kMaxScenarioFileBytes + 1, '#'));
  CHECK_THROWS_WITH(load_scenario(dir.path / "big.toml"),
                    Catch::Contains("more than a scenario file may have (at most 1048576 bytes)"));
}
