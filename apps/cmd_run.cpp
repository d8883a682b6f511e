// `twotier run`: load a scenario, run its replications on threads (or MPI ranks), write
// results.h5, summary.csv and monthly_report.csv, and print a short table. Exit codes: 0 done,
// 1 the run failed, 2 bad scenario or usage (including refusing to overwrite earlier results),
// 128 + signal when SIGINT/SIGTERM interrupted it: finished replications are then saved in
// results.h5 (marked incomplete) and `twotier run --resume DIR` completes the run.
//
// Nothing is written to the output folder before the scenario has loaded. Checkpointing
// (and so --resume) covers plain runs in one process; a run with --precision or under MPI
// writes its outputs only at the end (still through temporary files, so an interrupted one
// leaves the folder as it was).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/experiments/auto_warmup.hpp"
#include "analysis/experiments/checkpoint.hpp"
#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/experiment_journal.hpp"
#include "analysis/experiments/focus_baseline.hpp"
#include "analysis/experiments/interrupt.hpp"
#include "analysis/experiments/precision_run.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/reports/html_report.hpp"
#include "analysis/reports/summary_table.hpp"
#include "analysis/results/dossier_log.hpp"
#include "analysis/results/dossier_log_writer.hpp"
#include "analysis/results/output_folder.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/results/run_outputs.hpp"
#include "analysis/results/slug.hpp"
#include "analysis/results/trace_record_sink.hpp"
#include "analysis/results/trace_table_h5.hpp"
#include "apps/cli_support.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"
#include "apps/run_parameter_sets.hpp"
#include "models/focus.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

// --trace: the per-dossier table while the run goes (hidden; removed once copied).
constexpr const char* kTraceTemporaryName = ".trace.h5.tmp";

struct RunOptions {
  std::string scenario;        // empty: the bundled default
  CommonOptions common;        // --reps 0: the scenario's; --out empty: results/<scenario slug>
  std::string parameter_sets;  // --parameter-sets FILE
  bool trace = false;      // also write the first replication's dossier log (docs/log-format.md)
                           // and its per-dossier table /trace in results.h5
  bool trace_all = false;  // /trace holds every replication (the CSV log stays the first's)
  double confidence = 0.95;
  double precision = 0.0;  // > 0: add replications until this relative half-width
  int max_replications = 1000;
  std::vector<std::string> precision_metrics = {"on_time_rate", "processing_workdays_mean"};
  std::string resume;  // DIR of an interrupted run to complete
  std::string focus;   // --focus unit:ID (models/focus.hpp)
};

// Runs the replications of `identity` not yet in `done` (saving each in `checkpoint`, when
// there is one, as it finishes), then writes the complete outputs to `out`; or reports an
// interruption. `spec` has its warm-up resolved.
int execute(model::ModelSpec& spec, const analysis::CheckpointIdentity& identity,
            std::vector<model::ReplicationResult> done,
            std::optional<analysis::CheckpointWriter> checkpoint, const fs::path& out,
            const RunOptions& options, analysis::ReplicationExecutor& executor,
            const analysis::WarmupChoice& warmup) {
  analysis::ExperimentOptions experiment;
  experiment.replications = identity.replications;
  experiment.threads = options.common.threads;
  experiment.progress = !options.common.quiet;
  if (!options.common.quiet && executor.is_root()) {
    std::cerr << "twotier run: " << spec.name << ": "
              << count_of(experiment.replications, "replication") << " on "
              << executor.describe(experiment) << (options.precision > 0 ? " (first batch)" : "");
    if (!done.empty()) std::cerr << " (" << done.size() << " done before, resumed)";
    std::cerr << "\n";
  }
  // SIGINT/SIGTERM stop a checkpointed run cleanly; other runs keep the default handling.
  std::optional<analysis::InterruptScope> interrupt;
  if (checkpoint) {
    interrupt.emplace();
    experiment.stop = &interrupt->flag();
    experiment.skip.assign(static_cast<std::size_t>(identity.replications), false);
    for (const auto& r : done)
      experiment.skip.at(static_cast<std::size_t>(r.replication)) = true;
    experiment.on_replication_done = [&checkpoint](const model::ReplicationResult& r) {
      checkpoint->add(r);
    };
  }
  // --trace: the first replication streams its dossier log; records draw no random numbers,
  // so the results are the same as without it. Under MPI the first replication runs on the
  // root rank (the first contiguous block).
  // The per-dossier table streams into a hidden file in the output folder while replications
  // run (one shared writer, chunks of 8192 rows) and is copied into results.h5 as /trace at
  // the end; the checkpoint results.h5 never holds a partial table.
  const bool tracing = options.trace || options.trace_all;
  std::unique_ptr<analysis::DossierLogWriter> log_writer;
  std::unique_ptr<analysis::TraceTableWriter> trace_table;
  const fs::path trace_file = out / kTraceTemporaryName;
  if (tracing && executor.is_root()) {
    log_writer = std::make_unique<analysis::DossierLogWriter>(spec, out);
    trace_table = std::make_unique<analysis::TraceTableWriter>(trace_file, 8192,
                                                               analysis::trace_layout_for(spec));
  }
  const std::atomic<bool>* stop = experiment.stop;
  experiment.days_each = analysis::replication_days(spec);
  std::atomic<std::int64_t>* const progress_days = analysis::progress_days(experiment);
  const auto replicate = [&](std::uint64_t r) {
    const bool first = r == experiment.first_replication;
    std::optional<analysis::TraceRecordSink> table_rows;
    if (trace_table && (first || options.trace_all)) table_rows.emplace(spec, r, *trace_table);
    analysis::DossierLogWriter* log = log_writer && first ? log_writer.get() : nullptr;
    std::optional<analysis::RecordTee> both;
    model::DossierRecordSink* records = nullptr;
    if (log != nullptr && table_rows)
      records = &both.emplace(*log, *table_rows);
    else if (log != nullptr)
      records = log;
    else if (table_rows)
      records = &*table_rows;
    model::ReplicationResult result =
        model::run_replication(spec, r, stop, progress_days, nullptr, records);
    if (table_rows) table_rows->finish();
    return result;
  };
  analysis::ExperimentResult result;
  analysis::PrecisionDecision precision{};
  if (options.precision > 0) {
    analysis::PrecisionTarget target;
    target.relative_half_width = options.precision;
    target.max_replications = options.max_replications;
    target.metrics = options.precision_metrics;
    target.confidence = options.confidence;
    const auto report = [&](int finished, const analysis::PrecisionDecision& d) {
      if (options.common.quiet) return;
      std::cerr << "twotier run: " << finished << " replications:";
      for (std::size_t k = 0; k < d.kpis.size(); ++k)
        std::cerr << " " << target.metrics[k] << " ±" << 100.0 * d.kpis[k].relative_half_width
                  << "%";
      if (d.additional_replications > 0) std::cerr << "; " << d.additional_replications << " more";
      std::cerr << "\n";
    };
    try {
      analysis::PrecisionRun run =
          analysis::run_to_precision(replicate, experiment, target, report);
      result = std::move(run.experiment);
      precision = run.decision;
    } catch (const std::invalid_argument& e) {
      std::cerr << "twotier run: error: " << e.what() << "\n";
      return kExitBadInput;
    }
    experiment.replications = static_cast<int>(result.replications.size());
    std::cout << spec.name << ": precision " << 100.0 * options.precision << "% "
              << (precision.all_met ? "reached" : "NOT reached (--max-reps)") << " after "
              << experiment.replications << " replications\n";
  } else {
    result = executor.run(replicate, experiment);
  }
  if (checkpoint) checkpoint->close();
  if (result.interrupted) {
    if (trace_table) {  // a traced run cannot be resumed: drop its partial table
      trace_table.reset();
      std::error_code ignored;
      fs::remove(trace_file, ignored);
    }
    const auto saved = done.size() + static_cast<std::size_t>(std::count(
                                         result.finished.begin(), result.finished.end(), true));
    std::cerr << "twotier run: interrupted by " << interrupt->signal_name() << ": " << saved
              << " of " << identity.replications << " replications are saved in "
              << (out / analysis::kResultsH5Name).string()
              << " (marked incomplete).\nResume with: twotier run --resume " << out.string()
              << "\n";
    return analysis::interrupted_exit_code(interrupt->signal_number());
  }
  if (!executor.is_root()) return kExitOk;
  for (auto& r : done)
    result.replications.at(static_cast<std::size_t>(r.replication)) = std::move(r);
  if (log_writer) log_writer->finish();
  if (trace_table) trace_table->finish();

  analysis::RunMetadata metadata = analysis::describe_run(spec);
  metadata.command_line = command_line("twotier run");
  if (warmup.days >= 0) {
    metadata.warmup_method = "auto-mser5";
    metadata.warmup_pilot_replications = warmup.pilot_replications;
  }
  metadata.precision_target = options.precision;
  metadata.precision_met = options.precision > 0 && precision.all_met;
  metadata.replications = experiment.replications;
  metadata.first_replication = experiment.first_replication;
  metadata.threads = result.threads;
  metadata.wall_seconds = result.wall_seconds;
  metadata.confidence = identity.confidence;
  if (trace_table) {
    metadata.trace_table = trace_file;
    metadata.trace_replications = options.trace_all ? "all" : "first";
  }
  const auto summary = analysis::write_run_outputs(out, metadata, result.replications);
  if (trace_table) fs::remove(trace_file);

  if (!options.common.quiet) {
    std::cout << spec.name << " — " << count_of(experiment.replications, "replication")
              << ", means\n"
              << analysis::format_summary_table(summary, identity.confidence);
  }
  if (log_writer) {
    std::cout << "dossier log of replication " << experiment.first_replication << ": "
              << log_writer->dossiers_written() << " dossiers, " << log_writer->steps_written()
              << " steps in " << (out / analysis::kDossierLogName).string() << " and "
              << analysis::kStepLogName << "\n";
  }
  if (trace_table) {
    const double rows = static_cast<double>(trace_table->rows_written());
    const double seconds = trace_table->write_seconds();
    std::cout << "trace table /trace in " << analysis::kResultsH5Name << ": "
              << trace_table->rows_written() << " dossiers of "
              << (options.trace_all ? std::to_string(experiment.replications) + " replications"
                                    : "replication " + std::to_string(experiment.first_replication))
              << "; writing took " << seconds << " s (" << (rows > 0 ? 1e9 * seconds / rows : 0.0)
              << " ns per dossier)\n";
  }
  // The report is a convenience: a failure to build it does not fail the run.
  try {
    analysis::write_html_report(out, options.common.language());
  } catch (const std::exception& e) {
    std::cerr << "twotier run: warning: report.html not written: " << e.what() << "\n";
  }
  std::cout << "results written to " << out.string() << "\n";
  return kExitOk;
}
// `twotier run --resume DIR`: the same scenario, overrides and replications as the
// interrupted run, checked against the scenario text it saved.
int resume(const RunOptions& options) {
  if (!options.scenario.empty() || !options.common.overrides.empty() ||
      !options.common.seed.empty() || !options.common.horizon.empty() ||
      options.common.replications > 0 || !options.common.out.empty() || options.common.force ||
      options.trace || options.trace_all || options.precision > 0) {
    std::cerr << "twotier run: error: --resume takes the scenario, --set, --seed, --horizon, "
                 "--reps and --out of the interrupted run; give only --resume DIR (and "
                 "--threads, --quiet); --trace and --precision runs cannot be resumed\n";
    return kExitBadInput;
  }
  const fs::path out = fs::absolute(options.resume).lexically_normal();
  analysis::OutputFolder folder = analysis::OutputFolder::claim(out, "twotier run");
  const fs::path file = out / analysis::kResultsH5Name;
  if (analysis::is_experiment_journal(file)) {
    const std::string command = analysis::read_journal_header(file).identity.command;
    std::cerr << "twotier run: error: --resume " << out.string()
              << ": it holds an interrupted `twotier " << command << "`; resume it with `twotier "
              << command << " --resume " << out.string() << "`\n";
    return kExitBadInput;
  }
  if (!analysis::is_checkpoint(file)) {
    std::cerr << "twotier run: error: --resume " << out.string() << ": "
              << (fs::exists(file) ? file.string() + " holds a complete run, nothing to resume"
                                   : "no " + file.string() + " of an interrupted run")
              << "\n";
    return kExitBadInput;
  }
  analysis::Checkpoint saved = analysis::read_checkpoint(file);
  // The scenario path is as typed, relative to the folder the run started in.
  if (!saved.identity.working_directory.empty()) {
    std::error_code error;
    fs::current_path(saved.identity.working_directory, error);
    if (error) {
      std::cerr << "twotier run: error: cannot resume " << out.string() << ": the run started in "
                << saved.identity.working_directory << ", which is gone (" << error.message()
                << ")\n";
      return kExitBadInput;
    }
  }
  model::ModelSpec spec;
  try {
    spec = model::load_scenario(saved.identity.scenario_file,
                                model::LoadOptions{saved.identity.overrides});
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\ntwotier run: error: cannot resume " << out.string()
              << ": its scenario no longer loads\n";
    return kExitBadInput;
  }
  if (spec.source_text != saved.identity.scenario_text) {
    std::cerr << "twotier run: error: cannot resume " << out.string() << ": "
              << saved.identity.scenario_file
              << " or its tables changed since the run was interrupted, so the remaining "
                 "replications would not belong to the same run; start over with --force\n";
    return kExitBadInput;
  }
  for (const auto& warning : model::scenario_warnings(spec))
    std::cerr << "twotier run: warning: " << warning << "\n";
  const auto executor = analysis::make_thread_executor();
  analysis::ExperimentOptions pilot;
  pilot.replications = saved.identity.replications;
  pilot.threads = options.common.threads;
  pilot.progress = !options.common.quiet;
  const analysis::WarmupChoice warmup = analysis::resolve_auto_warmup(spec, pilot);
  if (warmup.days >= 0) std::cout << describe_warmup(spec.name, warmup);
  const int code =
      execute(spec, saved.identity, std::move(saved.done), analysis::CheckpointWriter::reopen(file),
              out, options, *executor, warmup);
  if (code == kExitOk || code > 128) folder.keep();
  return code;
}

int run(const RunOptions& options) {
  if (!options.resume.empty()) return resume(options);
  fs::path scenario = options.scenario;
  if (scenario.empty()) {
    scenario = bundled_scenario();
    if (scenario.empty()) {
      std::cerr << "twotier run: error: no scenario given and the bundled default '"
                << kBundledScenario << "' was not found (looked in ./ and the source tree)\n";
      return kExitBadInput;
    }
  }

  model::LoadOptions load{options.common.scenario_overrides()};

  model::ModelSpec spec;
  try {
    spec = model::load_scenario(scenario, load);
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  int focus_unit = -1;
  if (!options.focus.empty()) {
    focus_unit = parse_focus_unit(options.focus, spec, "twotier run");
    if (focus_unit < 0) return kExitBadInput;
    if (options.precision > 0 || !options.parameter_sets.empty()) {
      std::cerr << "twotier run: error: --focus " << options.focus << ": "
                << (options.precision > 0 ? "--precision" : "--parameter-sets")
                << " judges province KPIs, which a focused run does not simulate; drop --focus "
                   "to run the whole province\n";
      return kExitBadInput;
    }
  }

  const fs::path out = options.common.out.empty()
                           ? fs::path("results") / analysis::slugify(spec.name)
                           : fs::path(options.common.out);
  // Threads, or MPI ranks when started by mpirun/srun: rank 0 writes, the others only compute.
  const std::unique_ptr<analysis::ReplicationExecutor> executor = analysis::make_executor();
  std::optional<analysis::OutputFolder> folder;
  if (executor->is_root()) folder.emplace(analysis::OutputFolder::claim(out, "twotier run"));
  if (const auto existing = analysis::existing_result_files(out);
      !existing.empty() && !options.common.force) {
    if (analysis::is_checkpoint(out / analysis::kResultsH5Name)) {
      const fs::path file = out / analysis::kResultsH5Name;
      const std::string command = analysis::is_experiment_journal(file)
                                      ? analysis::read_journal_header(file).identity.command
                                      : "run";
      std::cerr << "twotier run: error: " << out.string() << " holds an interrupted `twotier "
                << command << "`; complete it with `twotier " << command << " --resume "
                << out.string() << "`, choose another folder with --out DIR, or pass --force "
                << "to start over\n";
      return kExitBadInput;
    }
    std::cerr << "twotier run: error: " << out.string()
              << " already holds results of an earlier run (" << existing.front().string()
              << "); choose another folder with --out DIR, or pass --force to overwrite\n";
    return kExitBadInput;
  }
  if (folder) folder->refuse_unless_empty(options.common.force);

  // --parameter-sets: read and every set loaded before any simulation (bad input exits 2).
  std::optional<ParameterSetStudy> parameter_sets;
  if (!options.parameter_sets.empty()) {
    try {
      parameter_sets = ParameterSetStudy{{scenario},
                                         {load},
                                         {},
                                         analysis::read_parameter_sets(options.parameter_sets),
                                         options.common.replications,
                                         options.common.threads,
                                         options.confidence,
                                         out,
                                         options.common.quiet,
                                         options.common.language()};
    } catch (const model::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return kExitBadInput;
    }
    if (!parameter_sets_ready(*parameter_sets, spec.warmup_auto, "twotier run"))
      return kExitBadInput;
  }

  for (const auto& warning : model::scenario_warnings(spec))
    std::cerr << "twotier run: warning: " << warning << "\n";

  analysis::ExperimentOptions experiment;
  experiment.replications =
      options.common.replications > 0 ? options.common.replications : spec.replications;
  experiment.threads = options.common.threads;
  experiment.progress = !options.common.quiet;
  const analysis::WarmupChoice warmup = analysis::resolve_auto_warmup(spec, experiment);
  if (warmup.days >= 0) std::cout << describe_warmup(spec.name, warmup);

  if (options.trace_all && executor->processes() > 1) {
    std::cerr << "twotier run: error: --trace-all is not supported under MPI (only rank 0 "
                 "writes); use --trace (the first replication runs on rank 0) or run on one "
                 "process\n";
    return kExitBadInput;
  }
  if (options.precision > 0 && executor->processes() > 1) {
    std::cerr << "twotier run: error: --precision is not supported under MPI yet; run it on "
                 "one process (threads) or give --reps\n";
    return kExitBadInput;
  }

  if (focus_unit >= 0) {
    // The rest of the province as an aggregate of baseline replications (cached), then only
    // the focused unit simulated.
    analysis::FocusBaselineOptions baseline_options;
    baseline_options.replications = experiment.replications;
    baseline_options.threads = options.common.threads;
    baseline_options.progress = !options.common.quiet;
    baseline_options.cache_dir = analysis::default_focus_cache_dir();
    const analysis::FocusBaseline baseline = analysis::province_baseline(spec, baseline_options);
    if (!options.common.quiet && executor->is_root()) std::cerr << describe_baseline(baseline);
    spec = model::focused_spec(spec, focus_unit, baseline.province);
    if (executor->is_root()) std::cout << model::focus_note(spec) << "\n";
  }

  analysis::CheckpointIdentity identity;
  identity.scenario_file = scenario.string();  // as typed: the resolved text names it so
  identity.working_directory = fs::current_path().string();
  identity.overrides = load.overrides;
  identity.replications = experiment.replications;
  identity.confidence = options.confidence;
  identity.scenario_text = spec.source_text;
  std::optional<analysis::CheckpointWriter> checkpoint;
  if (executor->is_root()) {
    // With --force, the earlier run's files go first, so the folder never mixes two runs.
    for (const auto& stale : analysis::existing_result_files(out))
      fs::remove(stale);
    fs::create_directories(out);
    // A focused run is not checkpointed (--resume would not know the focus).
    if (executor->processes() == 1 && options.precision <= 0 && focus_unit < 0)
      checkpoint = analysis::CheckpointWriter::create(out / analysis::kResultsH5Name, identity);
  }
  int code = execute(spec, identity, {}, std::move(checkpoint), out, options, *executor, warmup);
  if (code == kExitOk && parameter_sets && executor->is_root())
    code = run_parameter_sets(*parameter_sets);
  if (folder && (code == kExitOk || code > 128)) folder->keep();
  return code;
}

}  // namespace

Action add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Run a scenario's replications and write the results");
  cmd->add_option("scenario", options->scenario,
                  std::string("Scenario TOML file (default: ") + kBundledScenario + ")");
  add_common_options(cmd, options->common, kAllCommon);
  cmd->add_option("--focus", options->focus,
                  "unit:ID: simulate only this commune-level unit in full, the rest of the "
                  "province as an aggregate of a (cached) baseline run of the whole province; "
                  "only the unit's KPIs are reported (docs/model-runtime.md, Unit-focused runs)");
  cmd->add_option("--resume", options->resume,
                  "Complete the interrupted run whose output folder is DIR (same scenario, "
                  "settings and results as if never interrupted)");
  cmd->add_flag("--trace", options->trace,
                "Also write the first replication's dossier log: dossier_log.csv and "
                "step_log.csv in the output folder (docs/log-format.md), and its per-dossier "
                "table /trace in results.h5 (docs/output-format.md)");
  cmd->add_flag("--trace-all", options->trace_all,
                "As --trace, but /trace in results.h5 holds every replication's dossiers "
                "(the CSV log stays the first replication's)");
  cmd->add_option("--confidence", options->confidence,
                  "Confidence level of the intervals (default 0.95)")
      ->check(number_range(0.5, 0.9999));
  auto* precision =
      cmd->add_option("--precision", options->precision,
                      "Add replications until every --precision-metrics KPI of the province has a "
                      "relative half-width <= R (e.g. 0.02); --reps is the first batch")
          ->check(number_range(1e-6, 10.0));
  cmd->add_option("--max-reps", options->max_replications,
                  "With --precision: never more replications than this (default 1000)")
      ->check(whole_range(2, model::kMaxReplications))
      ->needs(precision);
  cmd->add_option("--precision-metrics", options->precision_metrics,
                  "With --precision: the province KPIs to control (default "
                  "on_time_rate,processing_workdays_mean)")
      ->delimiter(',')
      ->needs(precision);
  cmd->add_option("--parameter-sets", options->parameter_sets,
                  "Also run every plausible parameter set of a calibration (parameter_sets.csv of "
                  "`twotier calibrate --targets`) with common random numbers and write "
                  "uncertainty.csv (two intervals per KPI: simulation noise, and with assumption "
                  "uncertainty) and sensitivity.csv");
  return [options]() { return run(*options); };
}

}  // namespace twotier::app
