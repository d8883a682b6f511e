// Helpers shared by the subcommands that run experiments (run, compare, sweep): the command
// line as typed, and the warm-up line printed when a scenario asks for `warmup = "auto"`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include "models/input_limits.hpp"
#include "models/spec.hpp"

#include <CLI/CLI.hpp>

#include "analysis/experiments/auto_warmup.hpp"
#include "analysis/experiments/focus_baseline.hpp"

namespace twotier::app {

// The bundled default scenario, relative to a checkout.
inline constexpr const char* kBundledScenario = "scenarios/dong-nai/baseline.toml";

// The bundled default: ./scenarios first (a checkout as working folder), then the source
// tree this executable was built from; empty when neither has it.
std::filesystem::path bundled_scenario();

// Validators for counts (--reps, --threads, ...): a whole number >= 1 (or >= 0), said in words
// instead of CLI11's range up to the largest double.
CLI::Validator positive_count();
CLI::Validator non_negative_count();

// The command as typed (Linux: /proc/self/cmdline), quoted where a shell would need it;
// `fallback` when it cannot be read.
std::string command_line(const std::string& fallback);

// "warm-up: auto (MSER-5 on the mean daily province backlog of 5 pilot replications): 12 days"
// plus a warning line when the truncation hit the search limit.
std::string describe_warmup(const std::string& scenario, const analysis::WarmupChoice& choice);

// `--focus unit:ID` (or `--scope unit:ID` of staff): the unit's index, or -1 after printing
// "COMMAND: error: ..." when the text names no unit or the unit cannot be focused on
// (model::focus_unsupported).
int parse_focus_unit(std::string_view text, const model::ModelSpec& spec, std::string_view command);

// "province baseline: 10 replications of the whole province, 41,230 provincial visits,
// simulated in 6.1 s (cached in FILE)" or "... from the cache FILE".
std::string describe_baseline(const analysis::FocusBaseline& baseline);

// Checks a --scope and a KPI option (--select-best, --tornado; skipped when empty) against
// the loaded scenario before anything runs; prints "twotier COMMAND: error: ..." and returns
// false when one is wrong.
bool kpi_arguments_ok(std::string_view command, const model::ModelSpec& spec,
                      std::string_view scope, std::string_view metric_option,
                      std::string_view metric);

// A number from `low` to `high` (finite: "nan" and "inf" are refused, which CLI::Range lets
// through), said in words.
CLI::Validator number_range(double low, double high);
// A whole number from `low` to `high` (no sign wrap-around: "-1" is refused for unsigned
// options, which CLI11 reads as 2^64 - 1), said in words.
CLI::Validator whole_range(long long low, long long high);

// A path option (--out): not empty ("--out ''" silently meant the default folder).
CLI::Validator non_empty_path();

// --reps: `minimum` to model::kMaxReplications (the scenario file's cap), with a readable
// message.
CLI::Validator replications_range(long long minimum = 1);

}  // namespace twotier::app
