// Limits on the size and shape of what the scenario loader reads (docs/scenario-format.md,
// "Limits"): beyond them an input is surely a mistake or hostile, and reading it would exhaust
// the stack or the memory. Each limit is checked before the input is parsed and reported with
// the file (and line) and the limit.
#pragma once

#include <cstddef>

namespace twotier::model {

// Scenario files: one file, and the chain of files that `extends` one another.
inline constexpr std::size_t kMaxScenarioFileBytes = std::size_t{1} << 20;  // 1 MiB
inline constexpr std::size_t kMaxExtendsDepth = 16;  // files above the one given
// TOML keys: parts of one dotted key (a.b.c has 3; a [table] header counts too) and bytes of
// one bare or quoted part.
inline constexpr std::size_t kMaxKeyParts = 16;
inline constexpr std::size_t kMaxKeyBytes = 256;
// CSV tables.
inline constexpr std::size_t kMaxTableFileBytes = std::size_t{1} << 30;  // 1 GiB
inline constexpr std::size_t kMaxTableRows = 10'000'000;
inline constexpr std::size_t kMaxTableColumns = 64;
inline constexpr std::size_t kMaxFieldBytes = 4096;

// Replications of one scenario ([scenario] replications and every --reps).
inline constexpr long long kMaxReplications = 100000;

// warmup = "auto" (MSER-5 over daily backlogs, 4 batches of 5) needs a run this long.
inline constexpr int kMinAutoWarmupDays = 20;
// The shortest run the calendar and the daily KPIs make sense of.
inline constexpr double kMinHorizonHours = 1.0;

}  // namespace twotier::model
