// `twotier serve [SCENARIO_DIR...] [--port 8080] [--workspace DIR]`: the planner's workbench
// in a browser (apps/workbench, docs/workbench.md). It reads scenarios only from the folders
// given (default: the bundled scenarios/) and writes only inside the workspace. Listens on
// 127.0.0.1 unless --bind names another address of this machine. Exit codes: 0 stopped by
// Ctrl-C, 2 bad folder, address or port.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "apps/workbench/workbench_server.hpp"

namespace twotier::app {
namespace {

struct ServeCommandOptions {
  std::vector<std::string> folders;
  std::string workspace = "twotier-workspace";
  std::string bind = "127.0.0.1";
  int port = 8080;
  int jobs = 1;
  CommonOptions common;
};

int serve(const ServeCommandOptions& options) {
  workbench::ServeOptions serve_options;
  if (options.folders.empty()) {
    const std::filesystem::path bundled = bundled_scenario();
    if (bundled.empty()) {
      std::cerr << "twotier serve: error: no scenario folder given and the bundled scenarios "
                   "were not found\n";
      return kExitBadInput;
    }
    serve_options.scenario_folders.push_back(bundled.parent_path().parent_path());
  }
  for (const auto& folder : options.folders)
    serve_options.scenario_folders.emplace_back(folder);
  serve_options.workspace = options.workspace;
  serve_options.bind_address = options.bind;
  serve_options.port = options.port;
  serve_options.max_running = options.jobs;
  serve_options.threads_per_job = options.common.threads;
  serve_options.quiet = options.common.quiet;
  std::error_code ec;
  serve_options.executable = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    std::cerr << "twotier serve: error: cannot find its own binary (/proc/self/exe)\n";
    return kExitRunFailed;
  }
  return workbench::serve(serve_options);
}

}  // namespace

Action add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "The planner's workbench in a browser: http://127.0.0.1:8080/ (docs/workbench.md)");
  cmd->add_option("folders", options->folders,
                  "Folders of scenarios it may read (default: the bundled scenarios/)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--port", options->port, "Port to listen on (default 8080)")
      ->check(CLI::Range(1, 65535));
  cmd->add_option("--workspace", options->workspace,
                  "Folder for saved variants and finished simulations (default twotier-workspace)");
  cmd->add_option("--bind", options->bind,
                  "Address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--jobs", options->jobs,
                  "Simulations run at once; more wait in a queue (default 1)")
      ->check(CLI::Range(1, 16));
  add_common_options(cmd, options->common, kThreads | kQuiet);
  return [options] { return serve(*options); };
}

}  // namespace twotier::app
