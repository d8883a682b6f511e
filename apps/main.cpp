// twotier: discrete-event simulation of Vietnam's two-tier local government.
// Parses the command line, runs the chosen subcommand, maps failures to exit codes
// (0 success, 1 a run failed, 2 bad input or usage).
#include <csignal>
#include <cstdlib>  // std::_Exit
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "analysis/experiments/progress_board.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/commands.hpp"
#include "apps/huge_pages.hpp"
#include "twotier_version.hpp"

int main(int argc, char** argv) {
  using namespace twotier::app;
  reexec_with_huge_pages(argv);  // first: before anything is allocated
  // Past a file-size limit (ulimit -f) a write then fails with EFBIG and is reported like a
  // full disk, instead of the process being killed.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"twotier: simulate dossier processing under Vietnam's two-tier local government"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print version and git commit, then exit");

  auto actions = add_commands(app);
  // Every command that writes result CSVs can start them with a byte-order mark, for Windows
  // Excel (analysis/results/atomic_file.hpp).
  bool csv_bom = false;
  for (const char* name :
       {"run", "compare", "sweep", "staff", "delegation", "backtest", "calibrate"})
    app.get_subcommand(name)->add_flag(
        "--csv-bom", csv_bom,
        "Start every CSV with a UTF-8 byte-order mark, so Windows Excel shows Vietnamese "
        "names correctly (off: plain UTF-8 for scripts)");

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
  twotier::analysis::set_csv_byte_order_mark(csv_bom);
  for (auto& [sub, action] : actions) {
    if (sub->parsed()) {
      // The command's progress line (analysis/experiments/progress_board.hpp), off with -q.
      const CLI::Option* quiet = sub->get_option_no_throw("--quiet");
      twotier::analysis::progress_board().start("twotier " + sub->get_name(),
                                                quiet == nullptr || quiet->count() == 0);
      try {
        const int code = action();
        twotier::analysis::progress_board().finish();
        return code;
      } catch (const twotier::analysis::OutputFolderError& e) {
        std::cerr << e.what() << "\n";  // a folder or file that may not be written: bad input
        return kExitBadInput;
      } catch (const std::exception& e) {
        std::cerr << "twotier: error: " << e.what() << "\n";
        // After a failed write HDF5 may hold a file it cannot close, and its clean-up at exit
        // would crash: leave without it (the command's folder is already cleaned up).
        std::cout.flush();
        std::cerr.flush();
        std::_Exit(kExitRunFailed);
      }
    }
  }
  std::cout << app.help();
  return kExitBadInput;
}
