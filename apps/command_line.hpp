// Helpers shared by the subcommands added for decision support: the command as typed (for
// result metadata) and the bundled default scenario. (cmd_run.cpp has its own copies from
// before; they can switch to these.)
#pragma once

#include <filesystem>
#include <string>

namespace twotier::app {

inline constexpr const char* kBundledScenario = "scenarios/dong-nai/baseline.toml";

// The command as typed (Linux: /proc/self/cmdline), quoted where a shell would need it;
// `fallback` when unavailable.
std::string typed_command_line(const std::string& fallback);

// ./scenarios/... first (a checkout as working folder), then the source tree of this build;
// empty when neither exists.
std::filesystem::path bundled_scenario();

}  // namespace twotier::app
