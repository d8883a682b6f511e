// `twotier delegation [SCENARIO] [--domains land,...] [--options commune,province,...]
// [--staff stay,follow,pool] [--target "on_time_rate>=0.98"] [--need "on_time_rate>=0.95"]
// [--reps N] [--seed S] [--out DIR]`: every authority option of every domain against the scenario
// as it is, with common random numbers (analysis/decisions/delegation_explorer.hpp); with --need,
// the officers each option needs by the staffing search on the option. Writes delegation.csv,
// delegation_staffing.csv, delegation_costs.csv, delegation_need.csv (--need),
// delegation_notes.txt, results.xlsx and report.html; prints a table. Exit
// codes: 0 done, 1 the run failed, 2 bad scenario, domain, option, target or usage, 128 + signal
// when SIGINT/SIGTERM stopped it (nothing is kept: delegation has no journal to resume from).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/experiments/checkpointing_executor.hpp"  // ExperimentInterrupted
#include "analysis/experiments/interrupt.hpp"
#include "analysis/reports/delegation_report.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/study_workbooks.hpp"
#include "analysis/results/output_folder.hpp"
#include "analysis/results/slug.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "models/scenario_loader.hpp"
#include "models/text_check.hpp"  // visible

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

struct DelegationCliOptions {
  std::string scenario;
  std::string domains;  // comma-separated; empty: every switchable domain
  std::string options = "commune,province,delegated,pool";
  std::string target = "on_time_rate>=0.98";
  std::string staff = "both";  // stay,follow,pool (comma-separated) | both | all
  std::string need;            // --need: empty = no staffing search
  int need_max_added = 10;
  int need_max_replications = 0;
  CommonOptions common;  // --reps 0: 5 per option
  double confidence = 0.95;
};

// The items of a comma-separated list (spaces dropped). Prints why and returns nullopt for an
// empty item ("land,,pool") or one given twice: neither is ignored silently.
std::optional<std::vector<std::string>> comma_list(const std::string& option,
                                                   const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (item.empty()) {
        std::cerr << "twotier delegation: error: " << option << " '" << model::visible(text)
                  << "': empty item (allowed: names separated by single commas)\n";
        return std::nullopt;
      }
      if (std::find(items.begin(), items.end(), item) != items.end()) {
        std::cerr << "twotier delegation: error: " << option << ": '" << model::visible(item)
                  << "' is given twice\n";
        return std::nullopt;
      }
      items.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return items;
}

int delegation(const DelegationCliOptions& options) {
  const char* name = "twotier delegation: error: ";
  analysis::DelegationRequest request;
  request.scenario = options.scenario.empty() ? bundled_scenario() : fs::path(options.scenario);
  if (request.scenario.empty()) {
    std::cerr << name << "no scenario given and the bundled default '" << kBundledScenario
              << "' was not found\n";
    return kExitBadInput;
  }
  const auto option_names = comma_list("--options", options.options);
  const auto domain_names = comma_list("--domains", options.domains);
  if (!option_names || !domain_names) return kExitBadInput;
  request.options.clear();
  for (const auto& text : *option_names) {
    const auto option = analysis::parse_delegation_option(text);
    if (!option) {
      std::cerr << name << "--options: unknown option '" << model::visible(text)
                << "' (allowed: " << analysis::delegation_option_names() << ")\n";
      return kExitBadInput;
    }
    request.options.push_back(*option);
  }
  if (request.options.empty()) {
    std::cerr << name << "--options: none given (allowed: " << analysis::delegation_option_names()
              << ")\n";
    return kExitBadInput;
  }
  for (const auto& text : *domain_names) {
    const auto domain = model::parse_domain(text);
    if (!domain) {
      std::string allowed;
      for (int d = 0; d < model::kDomainCount; ++d)
        allowed += (d ? ", " : "") + std::string(model::to_string(static_cast<model::Domain>(d)));
      std::cerr << name << "--domains: unknown domain '" << model::visible(text)
                << "' (allowed: " << allowed << ")\n";
      return kExitBadInput;
    }
    request.domains.push_back(*domain);
  }
  // --staff: a comma-separated list of stay, follow, pool; "both" = stay,follow; "all" = the
  // three.
  const std::string staff_text = options.staff == "both"  ? std::string("stay,follow")
                                 : options.staff == "all" ? std::string("stay,follow,pool")
                                                          : options.staff;
  const auto staff_names = comma_list("--staff", staff_text);
  if (!staff_names) return kExitBadInput;
  request.staff_stay = request.staff_follow = request.staff_pool = false;
  for (const std::string& s : *staff_names) {
    if (s == "stay") {
      request.staff_stay = true;
    } else if (s == "follow") {
      request.staff_follow = true;
    } else if (s == "pool") {
      request.staff_pool = true;
    } else {
      std::cerr << name << "--staff: unknown value '" << model::visible(s)
                << "' (allowed: stay, follow, pool separated by commas, both = stay,follow, "
                   "all)\n";
      return kExitBadInput;
    }
  }
  if (staff_names->empty()) {
    std::cerr << name << "--staff: none given (allowed: stay, follow, pool, both, all)\n";
    return kExitBadInput;
  }
  request.load.overrides = options.common.scenario_overrides();
  model::ModelSpec spec;
  try {
    request.target = analysis::parse_target(options.target);
    if (!options.need.empty()) {
      try {
        request.need = analysis::parse_target(options.need);
      } catch (const analysis::TargetError& e) {
        throw analysis::TargetError(std::string("--need: ") + e.what());
      }
    }
    spec = model::load_scenario(request.scenario, request.load);
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const analysis::TargetError& e) {
    std::cerr << name << e.what() << "\n";
    return kExitBadInput;
  }

  const fs::path out = options.common.out.empty()
                           ? fs::path("results") / (analysis::slugify(spec.name) + "-delegation")
                           : fs::path(options.common.out);
  request.replications = options.common.replications > 0 ? options.common.replications : 5;
  if (request.need && request.replications < 2) {
    std::cerr << name << "--reps " << request.replications
              << ": --need runs a staffing search, which needs at least 2 replications per "
                 "staffing (intervals)\n";
    return kExitBadInput;
  }
  if (request.need && options.need_max_replications > 0 &&
      options.need_max_replications < request.replications) {
    std::cerr << name << "--need-max-reps " << options.need_max_replications
              << ": must be at least --reps (" << request.replications << ")\n";
    return kExitBadInput;
  }
  analysis::OutputFolder folder = analysis::OutputFolder::claim(out, "twotier delegation");
  folder.refuse_unless_empty(options.common.force);
  request.need_max_added = options.need_max_added;
  request.need_max_replications = options.need_max_replications;
  request.threads = options.common.threads;
  request.confidence = options.confidence;
  request.progress = !options.common.quiet;
  if (!options.common.quiet) request.log = &std::cerr;
  request.pool_folder = out / "variants";
  // Ctrl-C or SIGTERM: stop after the running replications, remove what was written and say
  // so (no journal: the exploration is run again from the start).
  const analysis::InterruptScope interrupt;
  request.stop = &interrupt.flag();

  analysis::DelegationExploration exploration;
  try {
    exploration = analysis::explore_delegation(request);
  } catch (const analysis::ExperimentInterrupted&) {
    std::cerr << "twotier delegation: interrupted by " << interrupt.signal_name()
              << "; nothing was kept in " << out.string()
              << " (delegation keeps no journal of finished replications: run the same command "
                 "again to start over)\n";
    return analysis::interrupted_exit_code(interrupt.signal_number());
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const analysis::TargetError& e) {
    std::cerr << name << e.what() << "\n";
    return kExitBadInput;
  }
  analysis::write_delegation_outputs(out, exploration);
  analysis::write_workbook(
      out / analysis::kResultsWorkbookName,
      analysis::delegation_sheets(exploration, command_line("twotier delegation")));
  std::cout << analysis::format_delegation_table(exploration);
  try {
    analysis::write_html_report(out, options.common.language());
  } catch (const std::exception& e) {
    std::cerr << "twotier delegation: warning: report.html not written: " << e.what() << "\n";
  }
  folder.keep();
  std::cout << "\nresults written to " << out.string() << " ("
            << static_cast<long>(exploration.wall_seconds + 0.5) << " s)\n";
  return kExitOk;
}

}  // namespace

Action add_delegation_command(CLI::App& app) {
  auto options = std::make_shared<DelegationCliOptions>();
  auto* cmd = app.add_subcommand(
      "delegation",
      "Compare who decides each domain (commune, province, delegated, shared pool) with CRN");
  cmd->add_option("scenario", options->scenario,
                  std::string("Scenario TOML file (default: ") + kBundledScenario + ")");
  cmd->add_option("--domains", options->domains,
                  "Comma-separated domains, e.g. land,construction (default: every domain with "
                  "an option to switch to)");
  cmd->add_option("--options", options->options,
                  "Comma-separated options (default: commune,province,delegated,pool)");
  cmd->add_option("--staff", options->staff,
                  "Officers and moved work, comma-separated: stay (officers stay with their "
                  "unit), follow ([delegation] staff = \"follow\": they move with the work), "
                  "pool (staff = \"pool\": they form a mobile pool serving the communes); both = "
                  "stay,follow (default), all = the three");
  cmd->add_option("--target", options->target,
                  "Target judged on each domain's KPI (default on_time_rate>=0.98); its value "
                  "is also the analytic staffing level");
  cmd->add_option("--need", options->need,
                  "Find the officers each option needs for this target (METRIC>=VALUE or "
                  "METRIC<=VALUE, e.g. on_time_rate>=0.95, judged on the domain's dossiers) by "
                  "the staffing search of `twotier staff` on the option, confirmed on fresh "
                  "replications; without it only an Erlang C estimate exists");
  cmd->add_option("--need-max-added", options->need_max_added,
                  "Officers the --need search may add per option, one at a time after its "
                  "Erlang C start, before it reports 'not found' (default 10)")
      ->check(whole_range(1, 100000));
  cmd->add_option("--need-max-reps", options->need_max_replications,
                  "Replications per staffing at most while a --need verdict is unclear "
                  "(default 4 x --reps); beyond it the verdict is 'undecided'")
      ->check(whole_range(2, 100000));
  add_common_options(cmd, options->common, kAllCommon,
                     CommonDefaults::of("5 per option", "results/<scenario-name>-delegation", 2));
  cmd->add_option("--confidence", options->confidence, "Confidence level (default 0.95)")
      ->check(number_range(0.5, 0.9999));
  return [options]() { return delegation(*options); };
}

}  // namespace twotier::app
