// `twotier validate`: the kernel against closed-form queueing results (placeholder until the
// station network lands).
#include <iostream>

#include "apps/commands.hpp"

namespace twotier::app {

Action add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check the kernel against queueing theory");
  return [cmd]() {
    (void)cmd;
    std::cerr << "validate: not built yet\n";
    return kExitRunFailed;
  };
}

}  // namespace twotier::app
