// libFuzzer target over the command line up to the point of running: the input is split at NUL
// bytes into arguments (at most 64), given to the same CLI11 app as twotier's main(), and
// parsed; the chosen subcommand's action is not run. Parse errors (usage mistakes) are
// expected; a crash or any other exception is a bug: add the arguments as a test in
// tests/cli/CMakeLists.txt that runs the command and checks its exit code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "apps/commands.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args{"twotier"};
  std::size_t start = 0;
  while (start <= input.size() && args.size() < 65) {
    const std::size_t end = input.find('\0', start);
    args.emplace_back(input.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  CLI::App app{"twotier"};
  app.require_subcommand(0, 1);
  // The actions own the option values the parse writes into: they live as long as the app.
  const auto actions = twotier::app::add_commands(app);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::Error&) {
  }
  return 0;
}
