// Subcommands of the twotier executable. Each registers its options on the CLI11 app and
// returns the action to run after parsing; the action returns the process exit code.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace twotier::app {

// Process exit codes, the same for every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;
inline constexpr int kExitBadInput = 2;

using Action = std::function<int()>;

Action add_validate_command(CLI::App& app);
Action add_check_command(CLI::App& app);
Action add_run_command(CLI::App& app);
Action add_compare_command(CLI::App& app);
Action add_sweep_command(CLI::App& app);
Action add_staff_command(CLI::App& app);
Action add_report_command(CLI::App& app);
Action add_calibrate_command(CLI::App& app);
Action add_backtest_command(CLI::App& app);
Action add_delegation_command(CLI::App& app);
Action add_units_command(CLI::App& app);
Action add_scaffold_command(CLI::App& app);
Action add_serve_command(CLI::App& app);

// Every subcommand above, in --help order, with its action (apps/commands.cpp); used by
// main.cpp and by the command-line fuzz target (fuzz/fuzz_cli.cpp).
std::vector<std::pair<CLI::App*, Action>> add_commands(CLI::App& app);

}  // namespace twotier::app
