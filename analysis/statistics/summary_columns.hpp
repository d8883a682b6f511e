// Summary rows (summary.hpp) as columns, in row order: results.h5's /summary and the Python
// module's summary dict are built from them. Pure function.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analysis/statistics/summary.hpp"

namespace twotier::analysis {

struct SummaryColumns {
  std::vector<std::string> scope;
  std::vector<std::string> metric;
  std::vector<double> mean;
  std::vector<double> ci_low;
  std::vector<double> ci_high;
  std::vector<std::int64_t> n;
};

SummaryColumns summary_columns(std::span<const SummaryRow> rows);

}  // namespace twotier::analysis
