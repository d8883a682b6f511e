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
#include <optional>
#include <string>
#include <vector>

#include "analysis/decisions/staffing_search.hpp"
#include "analysis/experiments/focus_baseline.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/staffing_report.hpp"
#include "analysis/results/slug.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "apps/experiment_session.hpp"
#include "apps/run_parameter_sets.hpp"
#include "models/focus.hpp"
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
  CommonOptions common;  // --reps 0: 5 per candidate
  double confidence = 0.95;
  int candidates = 3;
  int max_added = 30;
  int max_trim = 12;
  int max_replications = 0;
  bool trim = false;
  std::vector<std::string> trim_required;
  bool no_analytic_start = false;
  std::string parameter_sets;  // --parameter-sets FILE
  bool full = false;           // --full: simulate the whole province for --scope unit:ID
};

// `--set` overrides that give the scenario the recommended officers (positions that changed).
std::vector<std::string> recommended_overrides(const model::ModelSpec& spec,
                                               const analysis::StaffingRecommendation& rec) {
  std::vector<std::string> overrides;
  for (std::size_t p = 0; p < spec.positions.size() && p < rec.recommended.size(); ++p) {
    if (rec.recommended[p] == rec.current[p]) continue;
    const model::PositionSpec& position = spec.positions[p];
    overrides.push_back("positions." + spec.units[static_cast<std::size_t>(position.unit)].id +
                        "." + position.id + "=" + std::to_string(rec.recommended[p]));
  }
  return overrides;
}

int staff(const StaffOptions& options, ExperimentSession& session) {
  fs::path scenario = options.scenario.empty() ? bundled_scenario() : fs::path(options.scenario);
  if (scenario.empty()) {
    std::cerr << "twotier staff: error: no scenario given and the bundled default '"
              << kBundledScenario << "' was not found\n";
    return kExitBadInput;
  }
  model::LoadOptions load{options.common.scenario_overrides()};
  const int replications = options.common.replications > 0 ? options.common.replications : 5;
  if (replications < 2) {
    std::cerr << "twotier staff: error: --reps " << replications
              << ": scenario.replications: a staffing search needs at least 2 replications "
                 "per candidate (intervals)\n";
    return kExitBadInput;
  }
  model::ModelSpec spec;
  analysis::StaffingOptions search;
  std::optional<sim::CivilDate> by;
  try {
    spec = model::load_scenario(scenario, load);
    for (const auto& text : options.targets)
      search.targets.push_back(analysis::parse_target(text));
    search.scope = analysis::parse_target_scope(options.scope, spec);  // ids or names
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
  // --parameter-sets: read, and the scenario loaded at every set, before any simulation.
  std::optional<ParameterSetStudy> parameter_sets;
  if (!options.parameter_sets.empty()) {
    if (by) {
      std::cerr << "twotier staff: error: --parameter-sets evaluates a permanent staffing; "
                   "--by recommends temporary capacity (use --parameter-sets without --by)\n";
      return kExitBadInput;
    }
    try {
      parameter_sets = ParameterSetStudy{{scenario},
                                         {load},
                                         {},
                                         analysis::read_parameter_sets(options.parameter_sets),
                                         replications,
                                         options.common.threads,
                                         options.confidence,
                                         {},
                                         options.common.quiet,
                                         options.common.language()};
    } catch (const model::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    }
    if (!parameter_sets_ready(*parameter_sets, spec.warmup_auto, "twotier staff"))
      return kExitBadInput;
  }
  search.replications = replications;
  search.threads = options.common.threads;
  search.confidence = options.confidence;
  search.candidates_per_step = options.candidates;
  search.max_added = options.max_added;
  search.max_trim_trials = options.max_trim;
  search.max_replications = options.max_replications;
  search.trim = options.trim || !options.trim_required.empty();
  search.trim_required = options.trim_required;
  if (search.max_replications > 0 && search.max_replications < replications) {
    std::cerr << "twotier staff: error: --max-reps " << search.max_replications
              << ": must be at least --reps (" << replications << ")\n";
    return kExitBadInput;
  }
  for (const auto& id : options.trim_required) {
    bool known = false;
    for (const auto& p : spec.positions)
      known = known || p.id == id;
    if (!known) {
      std::cerr << "twotier staff: error: --trim-required " << id
                << ": no position has that id (e.g. leader, one_stop)\n";
      return kExitBadInput;
    }
  }
  // --scope unit:ID: by default only the unit is simulated, the rest of the province as an
  // aggregate of a baseline (models/focus.hpp); --full, or a unit that cannot be focused on,
  // simulates the whole province.
  std::string focus_refused;
  bool focused = search.scope.kind == analysis::TargetScope::Kind::kUnit && !options.full;
  if (focused) {
    focus_refused = model::focus_unsupported(spec, search.scope.unit);
    if (focus_refused.empty() && parameter_sets)
      focus_refused = "--parameter-sets runs the recommended staffing over the whole province";
    focused = focus_refused.empty();
  }
  search.use_analytic_start = !options.no_analytic_start;
  if (!options.common.quiet) search.log = &std::cerr;
  search.progress = !options.common.quiet;

  const fs::path out = options.common.out.empty()
                           ? fs::path("results") / (analysis::slugify(spec.name) + "-staffing")
                           : fs::path(options.common.out);
  if (!session.start(out, options.common.force, {spec.source_text})) return kExitBadInput;
  search.executor = &session.executor();
  if (focused) {
    analysis::FocusBaselineOptions baseline_options;
    baseline_options.replications = replications;
    baseline_options.threads = options.common.threads;
    baseline_options.progress = !options.common.quiet;
    baseline_options.cache_dir = analysis::default_focus_cache_dir();
    const analysis::FocusBaseline baseline = analysis::province_baseline(spec, baseline_options);
    if (!options.common.quiet) std::cerr << "twotier staff: " << describe_baseline(baseline);
    spec = model::focused_spec(spec, search.scope.unit, baseline.province);
  } else if (!focus_refused.empty() && !options.common.quiet) {
    std::cerr << "twotier staff: the whole province is simulated (not a focused run): "
              << focus_refused << "\n";
  }
  if (!options.common.quiet) {
    analysis::ExperimentOptions candidate;
    candidate.replications = replications;
    candidate.threads = options.common.threads;
    std::cerr << "twotier staff: " << spec.name << ": " << count_of(replications, "replication")
              << " per candidate, on " << search.executor->describe(candidate) << "\n";
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
  const analysis::ReportLanguage language = options.common.language();
  if (!session.writes_outputs()) return kExitOk;  // an MPI rank > 0: the root writes
  analysis::write_staffing_outputs(out, spec, rec, options.confidence,
                                   command_line("twotier staff"), language);
  std::cout << analysis::staffing_summary_text(spec, rec, options.confidence, language);
  int code = kExitOk;
  if (parameter_sets) {
    // The recommended staffing at every plausible parameter set: does the answer hold when the
    // calibrated assumptions are uncertain? uncertainty.csv / sensitivity.csv in `out`.
    for (std::string& o : recommended_overrides(spec, rec))
      parameter_sets->loads.front().overrides.push_back(std::move(o));
    parameter_sets->out = out;
    if (!options.common.quiet)
      std::cout << "\nThe recommended staffing at each plausible parameter set:";
    code = run_parameter_sets(*parameter_sets);
  }
  try {
    analysis::write_html_report(out, language);
  } catch (const std::exception& e) {
    std::cerr << "twotier staff: warning: report.html not written: " << e.what() << "\n";
  }
  std::cout << "results written to " << out.string() << "\n";
  return code;
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
                  "province, unit:ID, or domain:NAME (one domain's dossiers, searched on the "
                  "positions that do its work, as `delegation --need` does per option)");
  cmd->add_flag("--full", options->full,
                "With --scope unit:ID: simulate the whole province (by default only the unit is "
                "simulated, the rest of the province as an aggregate of a cached baseline run; "
                "docs/model-runtime.md, Unit-focused runs)");
  cmd->add_option("--budget", options->budget,
                  "Allocate K extra officers where they most improve the first target's KPI")
      ->check(whole_range(1, 100000));
  cmd->add_option("--by", options->by,
                  "Temporary capacity needed for the targets to hold at the end of this date "
                  "(YYYY-MM-DD)");
  add_common_options(cmd, options->common, kAllCommon,
                     CommonDefaults::of("5 per candidate", "results/<scenario-name>-staffing", 2));
  cmd->add_option("--confidence", options->confidence,
                  "Confidence level the targets are judged at (default 0.95)")
      ->check(number_range(0.5, 0.9999));
  cmd->add_option("--candidates", options->candidates,
                  "Positions tried per greedy step (default 3)")
      ->check(whole_range(1, 50));
  cmd->add_option("--max-added", options->max_added,
                  "Officers the search may add per judged unit (or for the province) (default 30)")
      ->check(whole_range(1, 100000));
  cmd->add_option("--max-trim", options->max_trim,
                  "Simulations spent looking for officers to remove (default 12)")
      ->check(whole_range(0, 100000));
  cmd->add_option("--max-reps", options->max_replications,
                  "Replications per staffing at most while a verdict (met / not met) is "
                  "unclear (default 4 x --reps); beyond it the verdict is 'undecided'")
      ->check(whole_range(2, 100000));
  cmd->add_flag("--trim", options->trim,
                "Also look for officers that could be removed (positions marked required "
                "are left alone)");
  cmd->add_option("--trim-required", options->trim_required,
                  "A required position (id) trimming may also reduce, e.g. leader (repeatable; "
                  "implies --trim)")
      ->allow_extra_args(false);
  cmd->add_flag("--no-analytic-start", options->no_analytic_start,
                "Start the search from the current staffing, not the Erlang C estimate");
  cmd->add_option("--parameter-sets", options->parameter_sets,
                  "Also run the recommended staffing at every plausible parameter set of a "
                  "calibration (parameter_sets.csv of `twotier calibrate --targets`) and write "
                  "uncertainty.csv (two intervals per KPI: simulation noise, and with assumption "
                  "uncertainty) and sensitivity.csv");
  return resumable_command(cmd, options, staff);
}

}  // namespace twotier::app
