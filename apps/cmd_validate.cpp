// `twotier validate`: the kernel against closed-form queueing results. Prints one row per
// metric (aligned table, or CSV with --csv) and exits 1 if any analytic value falls outside
// its confidence interval (or Little's identity fails).
#include <cstdio>  // std::snprintf
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "analysis/validation/validation.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"

namespace twotier::app {

namespace {

std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}

void print_csv(const std::vector<analysis::ValidationRow>& rows) {
  std::cout << "case,metric,analytic,simulated,ci_low,ci_high,level,replications,rerun,pass\n";
  for (const auto& r : rows) {
    std::cout << '"' << r.case_name << "\",\"" << r.metric << "\"," << number(r.analytic) << ','
              << number(r.simulated) << ',' << number(r.ci_low) << ',' << number(r.ci_high) << ','
              << number(r.level) << ',' << r.replications << ',' << (r.rerun ? "true" : "false")
              << ',' << (r.pass ? "true" : "false") << '\n';
  }
}

void print_table(const std::vector<analysis::ValidationRow>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"case", "metric", "analytic", "simulated", "interval", "pass"});
  for (const auto& r : rows) {
    std::string interval = "[" + number(r.ci_low) + ", " + number(r.ci_high) + "]";
    if (r.analytic != 0 || r.rerun)
      interval += " " + number(r.level * 100) + "%" + (r.rerun ? " rerun" : "");
    cells.push_back({r.case_name, r.metric, number(r.analytic), number(r.simulated), interval,
                     r.pass ? "yes" : "NO"});
  }
  std::vector<std::size_t> width(cells.front().size(), 0);
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool numeric = i >= 2 && i <= 3;  // right-align the two numbers
      const std::string pad(width[i] - row[i].size(), ' ');
      std::cout << (numeric ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : ""));
      if (i + 1 < row.size()) std::cout << "  ";
    }
    std::cout << '\n';
  }
}

}  // namespace

Action add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check the kernel against queueing theory");
  struct Settings {
    analysis::ValidationOptions options;
    bool csv = false;
  };
  auto settings = std::make_shared<Settings>();
  cmd->add_option("--reps", settings->options.replications, "Replications per case (>= 2)")
      ->check(replications_range(2))
      ->capture_default_str();
  cmd->add_option("--seed", settings->options.seed, "Scenario seed")
      ->check(whole_range(0, std::numeric_limits<std::int64_t>::max()))
      ->capture_default_str();
  cmd->add_flag("--csv", settings->csv, "Print CSV instead of a table");
  return [settings]() {
    const auto rows = analysis::run_validation(settings->options);
    if (settings->csv) {
      print_csv(rows);
    } else {
      print_table(rows);
    }
    bool all_pass = true;
    for (const auto& r : rows)
      all_pass = all_pass && r.pass;
    if (!settings->csv) {
      const auto& o = settings->options;
      std::cout << (all_pass ? "all cases pass" : "some cases FAIL") << " (intervals at "
                << number(100 * o.screen_level) << "%; a miss is rerun once on "
                << o.rerun_factor * o.replications << " fresh replications at "
                << number(100 * analysis::validation_rerun_level(o))
                << "%: a correct engine fails with probability <= " << number(100 * o.family_error)
                << "%)\n";
    }
    return all_pass ? kExitOk : kExitRunFailed;
  };
}

}  // namespace twotier::app
