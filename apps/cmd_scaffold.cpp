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
#include "apps/common_options.hpp"
#include "models/scenario_error.hpp"

namespace twotier::app {

Action add_scaffold_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "scaffold",
      "Write a new province's scenario folder from its units table (docs/new-province.md)");
  auto request = std::make_shared<analysis::ScaffoldRequest>();
  auto units = std::make_shared<std::string>();
  auto common = std::make_shared<CommonOptions>();
  auto from = std::make_shared<std::string>("scenarios/dong-nai");
  cmd->add_option("--units", *units,
                  "Units table: id,name,population,tier (commune, ward, special_zone)")
      ->required();
  cmd->add_option("--template", *from,
                  "Province whose procedures, profiles, arrival rates and provincial bodies are "
                  "copied (default: scenarios/dong-nai)");
  cmd->add_option("--name", request->name, "[scenario] name (default: '<folder> baseline')");
  CommonDefaults defaults;
  defaults.out = "required: the new scenario's folder";
  defaults.not_applicable = "scaffold writes a scenario folder and runs no simulation";
  defaults.why_not = {{kSet,
                       "scaffold copies the template's tables; edit the tables it writes, "
                       "or give --set to the commands that run the new scenario"}};
  add_common_options(cmd, *common, kOut | kForce | kQuiet, defaults);
  cmd->get_option("--out")->required();
  return [request, units, common, from]() {
    request->units = *units;
    request->out = common->out;
    request->force = common->force;
    request->template_folder = *from;
    try {
      const analysis::ScaffoldSummary s = analysis::scaffold_province(*request);
      if (common->quiet) {
        std::cout << "Wrote " << s.scenario.string() << "\n";
        return kExitOk;
      }
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
