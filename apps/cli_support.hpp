// Helpers shared by the subcommands that run experiments (run, compare, sweep): the command
// line as typed, and the warm-up line printed when a scenario asks for `warmup = "auto"`.
#pragma once

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "analysis/experiments/auto_warmup.hpp"

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

}  // namespace twotier::app
