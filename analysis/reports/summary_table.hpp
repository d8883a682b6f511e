// The short, human-readable table `twotier run` prints: province and tiers, means over
// replications (the on-time rate with its confidence interval). For reading, not parsing:
// summary.csv is the machine-readable form. Pure function.
#pragma once

#include <span>
#include <string>

#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

// Rows for the scopes "province", "tier:commune", "tier:province" that exist in `rows`.
std::string format_summary_table(std::span<const SummaryRow> rows, double confidence);

}  // namespace twotier::analysis
