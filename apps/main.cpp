// twotier: discrete-event simulation of Vietnam's two-tier local government.
// Parses the command line, runs the chosen subcommand, maps failures to exit codes
// (0 success, 1 a run failed, 2 bad input or usage).
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "analysis/experiments/progress_board.hpp"
#include "apps/commands.hpp"
#include "twotier_version.hpp"

int main(int argc, char** argv) {
  using namespace twotier::app;
  CLI::App app{"twotier: simulate dossier processing under Vietnam's two-tier local government"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print version and git commit, then exit");

  std::vector<std::pair<CLI::App*, Action>> actions;
  auto remember = [&](Action action) {
    actions.emplace_back(app.get_subcommands({}).back(), action);
  };
  remember(add_validate_command(app));
  remember(add_check_command(app));
  remember(add_units_command(app));
  remember(add_run_command(app));
  remember(add_compare_command(app));
  remember(add_sweep_command(app));
  remember(add_staff_command(app));
  remember(add_report_command(app));
  remember(add_calibrate_command(app));
  remember(add_backtest_command(app));
  remember(add_delegation_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  if (show_version) {
    std::cout << "twotier " << twotier::kVersion << " (commit " << twotier::kGitCommit << ")\n";
    return kExitOk;
  }
  for (auto& [sub, action] : actions) {
    if (sub->parsed()) {
      // The command's progress line (analysis/experiments/progress_board.hpp), off with -q.
      const CLI::Option* quiet = sub->get_option_no_throw("--quiet");
      twotier::analysis::progress_board().start("twotier " + sub->get_name(),
                                                quiet == nullptr || quiet->count() == 0);
      try {
        return action();
      } catch (const std::exception& e) {
        std::cerr << "twotier: error: " << e.what() << "\n";
        return kExitRunFailed;
      }
    }
  }
  std::cout << app.help();
  return kExitBadInput;
}
