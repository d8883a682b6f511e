// `twotier staff [SCENARIO] --target "on_time_rate>=0.98" [--target ...] [--scope S]
// [--budget K | --by DATE] [--reps N] [--out DIR]`: staffing recommendation by analytic
// estimates refined by simulation with common random numbers
// (analysis/decisions/staffing_search.hpp), confirmed on fresh replications. Writes staffing.csv,
// targets.csv, summary.txt and the confirmation runs; prints the summary. Exit codes: 0 done (the
// summary says whether the targets were met), 1 the run failed, 2 bad scenario, target or usage,
// 128 + signal when SIGINT/SIGTERM interrupted it (finished replications are kept in
// DIR/results.h5;
// `--resume DIR` completes it, apps/experiment_session.hpp).
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analysis/decisions/staffing_search.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/staffing_report.hpp"
#include "analysis/results/slug.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/experiment_session.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

struct StaffOptions {
  std::string scenario;
  std::vector<std::string> targets;
  std::string scope = "units";
  int budget = 0;
  std::string by;
  int replications = 5;
  int threads = 0;
  std::string out;
  std::vector<std::string> overrides;
  std::string horizon;
  double confidence = 0.95;
  int candidates = 3;
  int max_added = 30;
  int max_trim = 12;
  bool no_analytic_start = false;
  std::string lang = "en";  // summary.txt and report.html
  bool quiet = false;
  bool force = false;
};

int staff(const StaffOptions& options, ExperimentSession& session) {
  fs::path scenario = options.scenario.empty() ? bundled_scenario() : fs::path(options.scenario);
  if (scenario.empty()) {
    std::cerr << "twotier staff: error: no scenario given and the bundled default '"
              << kBundledScenario << "' was not found\n";
    return kExitBadInput;
  }
  model::LoadOptions load;
  if (!options.horizon.empty()) {
    const bool bare = options.horizon.find_first_not_of("0123456789.") == std::string::npos;
    load.overrides.push_back("scenario.horizon=" + options.horizon + (bare ? "d" : ""));
  }
  load.overrides.insert(load.overrides.end(), options.overrides.begin(), options.overrides.end());
  model::ModelSpec spec;
  analysis::StaffingOptions search;
  std::optional<sim::CivilDate> by;
  try {
    spec = model::load_scenario(scenario, load);
    for (const auto& text : options.targets)
      search.targets.push_back(analysis::parse_target(text));
    search.scope = analysis::parse_target_scope(options.scope, spec);
    if (!options.by.empty()) {
      by = sim::parse_iso_date(options.by);
      if (!by) {
        throw analysis::TargetError("--by '" + options.by +
                                    "': not a date (allowed: YYYY-MM-DD, e.g. 2026-06-30)");
      }
    }
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const analysis::TargetError& e) {
    std::cerr << "twotier staff: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (options.budget > 0 && by) {
    std::cerr << "twotier staff: error: --budget and --by answer different questions; give one\n";
    return kExitBadInput;
  }
  search.replications = options.replications;
  search.threads = options.threads;
  search.confidence = options.confidence;
  search.candidates_per_step = options.candidates;
  search.max_added = options.max_added;
  search.max_trim_trials = options.max_trim;
  search.use_analytic_start = !options.no_analytic_start;
  if (!options.quiet) search.log = &std::cerr;

  const fs::path out = options.out.empty()
                           ? fs::path("results") / (analysis::slugify(spec.name) + "-staffing")
                           : fs::path(options.out);
  if (!session.start(out, options.force, {spec.source_text})) return kExitBadInput;
  search.executor = &session.executor();
  if (!options.quiet) {
    analysis::ExperimentOptions candidate;
    candidate.replications = options.replications;
    candidate.threads = options.threads;
    std::cerr << "twotier staff: " << spec.name << ": " << options.replications
              << " replications per candidate, on " << search.executor->describe(candidate) << "\n";
  }
  analysis::StaffingRecommendation rec;
  try {
    if (options.budget > 0) {
      rec = analysis::allocate_budget(spec, search, options.budget);
    } else if (by) {
      rec = analysis::temporary_capacity(spec, search, *by);
    } else {
      rec = analysis::recommend_staffing(spec, search);
    }
  } catch (const analysis::TargetError& e) {
    std::cerr << "twotier staff: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  const analysis::ReportLanguage language = options.lang == "vi"
                                                ? analysis::ReportLanguage::kVietnamese
                                                : analysis::ReportLanguage::kEnglish;
  if (!session.writes_outputs()) return kExitOk;  // an MPI rank > 0: the root writes
  analysis::write_staffing_outputs(out, spec, rec, options.confidence,
                                   command_line("twotier staff"), language);
  std::cout << analysis::staffing_summary_text(spec, rec, options.confidence, language);
  try {
    analysis::write_html_report(out, language);
  } catch (const std::exception& e) {
    std::cerr << "twotier staff: warning: report.html not written: " << e.what() << "\n";
  }
  std::cout << "results written to " << out.string() << "\n";
  return kExitOk;
}

}  // namespace

Action add_staff_command(CLI::App& app) {
  auto options = std::make_shared<StaffOptions>();
  auto* cmd = app.add_subcommand(
      "staff", "Recommend officers per unit and position to meet targets (simulation with CRN)");
  cmd->add_option("scenario", options->scenario,
                  std::string("Scenario TOML file (default: ") + kBundledScenario + ")");
  cmd->add_option("--target", options->targets,
                  "A target METRIC>=VALUE or METRIC<=VALUE, e.g. on_time_rate>=0.98 (repeatable)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--scope", options->scope,
                  "Where targets are measured: units (each commune-level unit, default), "
                  "province, or unit:ID");
  cmd->add_option("--budget", options->budget,
                  "Allocate K extra officers where they most improve the first target's KPI")
      ->check(positive_count());
  cmd->add_option("--by", options->by,
                  "Temporary capacity needed for the targets to hold at the end of this date "
                  "(YYYY-MM-DD)");
  cmd->add_option("--reps", options->replications, "Replications per candidate (default 5)")
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--threads", options->threads, "Worker threads (default: all)")
      ->check(non_negative_count());
  cmd->add_option("--out", options->out,
                  "Output folder (default: results/<scenario-name>-staffing)");
  cmd->add_option("--horizon", options->horizon, "Length of the run, e.g. 120d");
  cmd->add_option("--set", options->overrides, "Override one scenario value: key.path=value")
      ->allow_extra_args(false);
  cmd->add_option("--confidence", options->confidence,
                  "Confidence level the targets are judged at (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  cmd->add_option("--candidates", options->candidates,
                  "Positions tried per greedy step (default 3)")
      ->check(CLI::Range(1, 50));
  cmd->add_option("--max-added", options->max_added,
                  "Officers the search may add per judged unit (or for the province) (default 30)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-trim", options->max_trim,
                  "Simulations spent looking for officers to remove (default 12)")
      ->check(CLI::Range(0, 100000));
  cmd->add_flag("--no-analytic-start", options->no_analytic_start,
                "Start the search from the current staffing, not the Erlang C estimate");
  cmd->add_option("--lang", options->lang,
                  "Language of summary.txt and report.html: en or vi (default en)")
      ->check(CLI::IsMember({"en", "vi"}));
  cmd->add_flag("--quiet,-q", options->quiet, "No progress lines");
  cmd->add_flag("--force", options->force,
                "Start over in a folder holding results of an earlier or interrupted run");
  return resumable_command(cmd, options, staff);
}

}  // namespace twotier::app
