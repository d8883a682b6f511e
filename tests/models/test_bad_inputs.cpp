// The bad-input corpus (tests/bad_inputs/<case>/, see its README): every malformed scenario or
// table is rejected with exactly the message in the case's expected.txt, file names relative
// to the case folder.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/scenario_loader.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(TWOTIER_SOURCE_DIR) / "tests" / "bad_inputs";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The loader's message for `folder`/scenario.toml with `folder/` removed from file names.
std::string loader_message(const fs::path& folder) {
  try {
    twotier::model::load_scenario(folder / "scenario.toml");
  } catch (const twotier::model::ScenarioError& e) {
    std::string message = e.what();
    const std::string prefix = folder.lexically_normal().generic_string() + "/";
    for (std::size_t at; (at = message.find(prefix)) != std::string::npos;)
      message.erase(at, prefix.size());
    return message;
  }
  return "(loaded without error)";
}

}  // namespace

TEST_CASE("every case of the bad-input corpus is rejected with its exact message", "[bad_inputs]") {
  const std::vector<std::string> names = case_names();
  REQUIRE(names.size() >= 40);
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      std::string expected = read_text(kCorpus / name / "expected.txt");
      while (!expected.empty() && expected.back() == '\n')
        expected.pop_back();
      REQUIRE_FALSE(expected.empty());
      CHECK(loader_message(kCorpus / name) == expected);
    }
  }
}
