// `twotier report DIR [--lang vi|en] [--scope unit:ID] [--out FILE]`: one self-contained HTML file
// from a result folder (analysis/reports/html_report.hpp), by default DIR/report.html. Reads only
// the folder's files. Exit codes: 0 written, 1 a file could not be read, 2 not a result folder or
// bad usage.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "analysis/reports/html_report.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/output_folder.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"

namespace twotier::app {

Action add_report_command(CLI::App& app) {
  struct Options {
    std::string folder;
    std::string out;       // a file here: report's own --out
    std::string scope;     // --scope unit:ID
    CommonOptions common;  // --lang, --force, --quiet
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "report",
      "Turn a result folder (run, staff, compare, sweep, delegation, backtest) into one HTML file");
  cmd->add_option("folder", options->folder, "Result folder")->required();
  cmd->add_option("--out", options->out,
                  "HTML file to write, a name ending in .html (default: FOLDER/report.html)")
      ->check(non_empty_path());
  cmd->add_option("--scope", options->scope,
                  "unit:ID (or a unit's name): the report about that unit first, the province "
                  "after (folders of run and staff)");
  CommonDefaults defaults;
  defaults.own = kOut;
  defaults.not_applicable = "report reads a finished result folder and runs no simulation";
  add_common_options(cmd, options->common, kLang | kForce | kQuiet, defaults);
  return [options]() {
    namespace fs = std::filesystem;
    const fs::path folder(options->folder);
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
      std::cerr << "twotier report: error: " << folder.string() << " is not a folder\n";
      return kExitBadInput;
    }
    // FOLDER/report.html is the folder's own report and is rebuilt; another --out file must
    // end in .html and is replaced only with --force. The folder written is locked (so the
    // default report waits for no run still writing FOLDER: it is refused).
    if (!options->out.empty())
      analysis::check_output_file(options->out, ".html", options->common.force, "twotier report");
    const fs::path out = options->out.empty() ? folder / "report.html" : fs::path(options->out);
    analysis::OutputFolder target = analysis::OutputFolder::claim(
        out.has_parent_path() ? out.parent_path() : fs::path("."), "twotier report");
    std::string html;
    try {
      html = analysis::build_html_report(folder, options->common.language(), options->scope);
    } catch (const analysis::ReportError& e) {
      std::cerr << "twotier report: error: " << e.what() << "\n";
      return kExitBadInput;
    }
    analysis::write_text_atomically(out, [&](std::ostream& stream) { stream << html; });
    target.keep();
    std::cout << "report written to " << out.string() << "\n";
    return kExitOk;
  };
}

}  // namespace twotier::app
