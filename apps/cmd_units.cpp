// `twotier units [SCENARIO] [--search TEXT]`: the scenario's units with their ids, names, tier,
// kind and officers (the sum of their positions), so that a user can find the id or name a
// `--scope unit:...` or `--set positions.<unit>...` needs. The search ignores case,
// diacritics and spaces ("phuoc tan" finds "Phường Phước Tân"). Exit codes: 0 listed, 1 no
// unit matches the search, 2 bad scenario or usage.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_lookup.hpp"

namespace twotier::app {
namespace {

struct UnitsOptions {
  std::string scenario;
  std::string search;
  bool csv = false;
  CommonOptions common;
};

// Display width of UTF-8 text: code points that are not continuation bytes.
std::size_t width_of(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string padded(const std::string& text, std::size_t width) {
  const std::size_t w = width_of(text);
  return text + std::string(w < width ? width - w : 0, ' ');
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int list_units(const UnitsOptions& options) {
  const std::filesystem::path scenario =
      options.scenario.empty() ? bundled_scenario() : std::filesystem::path(options.scenario);
  if (scenario.empty()) {
    std::cerr << "twotier units: error: no scenario given and the bundled default '"
              << kBundledScenario << "' was not found\n";
    return kExitBadInput;
  }
  model::ModelSpec spec;
  try {
    spec = model::load_scenario(scenario, {options.common.scenario_overrides()});
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  std::vector<int> officers(spec.units.size(), 0);
  for (const auto& position : spec.positions)
    officers[static_cast<std::size_t>(position.unit)] += position.officers;
  const std::vector<int> found = model::search_units(spec.units, options.search);
  if (options.csv) {
    std::cout << "id,name,tier,kind,officers\n";
    for (const int u : found) {
      const auto& unit = spec.units[static_cast<std::size_t>(u)];
      std::cout << csv_field(unit.id) << "," << csv_field(unit.name) << ","
                << model::to_string(unit.tier()) << "," << model::to_string(unit.kind) << ","
                << officers[static_cast<std::size_t>(u)] << "\n";
    }
  } else {
    std::size_t id_width = 2;
    std::size_t name_width = 4;
    for (const int u : found) {
      id_width = std::max(id_width, width_of(spec.units[static_cast<std::size_t>(u)].id));
      name_width = std::max(name_width, width_of(spec.units[static_cast<std::size_t>(u)].name));
    }
    std::cout << padded("id", id_width) << "  " << padded("name", name_width)
              << "  tier      kind            officers\n";
    for (const int u : found) {
      const auto& unit = spec.units[static_cast<std::size_t>(u)];
      std::cout << padded(unit.id, id_width) << "  " << padded(unit.name, name_width) << "  "
                << padded(model::to_string(unit.tier()), 8) << "  "
                << padded(model::to_string(unit.kind), 14) << "  "
                << officers[static_cast<std::size_t>(u)] << "\n";
    }
  }
  std::cout.flush();  // the table before the count on a shared terminal
  if (!options.common.quiet && !options.csv) {
    const std::string verb = found.size() == 1 ? " matches '" : " match '";
    std::cerr << count_of(static_cast<long long>(found.size()), "unit") << " of "
              << spec.units.size() << " in " << spec.scenario_file
              << (options.search.empty() ? "" : verb + options.search + "'") << "\n";
  }
  if (found.empty()) {
    std::cerr << "twotier units: no unit matches '" << options.search << "'";
    try {
      model::find_unit(spec.units, options.search);
    } catch (const model::ValueError& e) {
      std::cerr << ": " << e.problem();
    }
    std::cerr << "\n";
    return kExitRunFailed;
  }
  return kExitOk;
}

}  // namespace

Action add_units_command(CLI::App& app) {
  auto options = std::make_shared<UnitsOptions>();
  auto* cmd = app.add_subcommand(
      "units", "List a scenario's units: ids, names, tier, kind and officers (find an id)");
  cmd->add_option("scenario", options->scenario,
                  std::string("Scenario TOML file (default: ") + kBundledScenario + ")");
  cmd->add_option("--search", options->search,
                  "Only units whose id or name contains TEXT (case, diacritics and spaces "
                  "ignored: \"phuoc tan\" finds \"Phường Phước Tân\")");
  cmd->add_flag("--csv", options->csv, "Print CSV (id,name,tier,kind,officers) instead of a table");
  CommonDefaults defaults;
  defaults.not_applicable = "units lists the scenario's units and runs no simulation";
  defaults.why_not = {{kOut, "units prints to the terminal (--csv > FILE writes a file)"},
                      {kForce, "units prints to the terminal (--csv > FILE writes a file)"},
                      {kLang, "units prints ids and names as the scenario gives them"}};
  add_common_options(cmd, options->common, kSet | kQuiet, defaults);
  return [options]() { return list_units(*options); };
}

}  // namespace twotier::app
