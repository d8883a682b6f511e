// `twotier scaffold --units FILE --out DIR`: a new province's scenario folder from its units
// table (analysis/calibration/province_scaffold.hpp; docs/new-province.md). Exit 0 when
// written, 2 on a bad units table, template or an existing folder (nothing written).
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "analysis/calibration/province_scaffold.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "models/scenario_error.hpp"

namespace twotier::app {

Action add_scaffold_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "scaffold",
      "Write a new province's scenario folder from its units table (docs/new-province.md)");
  auto request = std::make_shared<analysis::ScaffoldRequest>();
  auto units = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>("scenarios/dong-nai");
  cmd->add_option("--units", *units,
                  "Units table: id,name,population,tier (commune, ward, special_zone)")
      ->required();
  cmd->add_option("--out", *out, "Folder to write the scenario into")
      ->check(non_empty_path())
      ->required();
  cmd->add_option("--template", *from,
                  "Province whose procedures, profiles, arrival rates and provincial bodies are "
                  "copied (default: scenarios/dong-nai)");
  cmd->add_option("--name", request->name, "[scenario] name (default: '<folder> baseline')");
  cmd->add_flag("--force", request->force, "Overwrite scenario files already in the folder");
  return [request, units, out, from]() {
    request->units = *units;
    request->out = *out;
    request->template_folder = *from;
    try {
      const analysis::ScaffoldSummary s = analysis::scaffold_province(*request);
      std::cout << "Wrote " << s.scenario.string() << ": " << s.units
                << (s.units == 1 ? " unit" : " units") << ", "
                << static_cast<long long>(s.population) << " residents ("
                << static_cast<int>(s.scale * 1000.0 + 0.5) / 10.0 << "% of the template's), "
                << s.officers_per_unit << " officers per unit (the commune job framework).\n"
                << "Next: twotier check " << s.scenario.string()
                << " — then replace every [A] figure you can (docs/new-province.md).\n";
    } catch (const model::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    } catch (const analysis::OutputFolderError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    } catch (const std::filesystem::filesystem_error& e) {
      std::cerr << "twotier scaffold: error: " << e.what() << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  };
}

}  // namespace twotier::app
