// The table of subcommands (see commands.hpp).
#include "apps/commands.hpp"

namespace twotier::app {

std::vector<std::pair<CLI::App*, Action>> add_commands(CLI::App& app) {
  std::vector<std::pair<CLI::App*, Action>> actions;
  for (auto add : {add_validate_command, add_check_command, add_units_command, add_run_command,
                   add_compare_command, add_sweep_command, add_staff_command, add_report_command,
                   add_calibrate_command, add_backtest_command, add_delegation_command,
                   add_scaffold_command, add_serve_command}) {
    Action action = add(app);
    actions.emplace_back(app.get_subcommands({}).back(), std::move(action));
  }
  return actions;
}

}  // namespace twotier::app
