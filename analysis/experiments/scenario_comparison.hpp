// `twotier compare`: each alternative against the base, KPI by KPI, from replications run with
// common random numbers (replication r of every scenario used the same seed and index, so the
// streams keyed by unit/procedure/purpose line up where the scenarios share them).
//
// For every (scope, metric) column present in both the base and an alternative, the paired
// difference alt - base gets a Student-t interval at the Bonferroni level 1 - (1-c)/k over the
// k alternatives (analysis/statistics/paired_comparison.hpp), so all k intervals of one KPI hold
// together with probability >= c. Pure functions, plus the CSV writer and the printed table.
#pragma once

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/statistics/kpi_columns.hpp"
#include "analysis/statistics/paired_comparison.hpp"

namespace twotier::analysis {

inline constexpr std::string_view kComparisonCsvHeader =
    "alternative,scope,metric,base_mean,alt_mean,diff_mean,diff_ci_low,diff_ci_high,significant,"
    "correlation,variance_ratio,pairs,level";

struct ComparisonRow {
  std::string alternative;  // scenario name of the alternative
  std::string scope;
  std::string metric;
  PairedComparison paired;
};

struct ScenarioColumns {
  std::string name;
  std::vector<KpiColumn> columns;  // kpi_columns of its replications, same indices as the base
};

// Rows for each alternative (in order) and each base column (in base order) that the
// alternative also has. REQUIRES: 0 < confidence < 1; every alternative's columns have as many
// values as the base's (throws std::invalid_argument otherwise).
std::vector<ComparisonRow> compare_with_base(const ScenarioColumns& base,
                                             std::span<const ScenarioColumns> alternatives,
                                             double confidence);

// DIR/comparison.csv. Columns: kComparisonCsvHeader (the first nine are the contract;
// `significant` is 1/0; `level` is the Bonferroni-adjusted per-interval level).
void write_comparison_csv(std::ostream& out, std::span<const ComparisonRow> rows);
void write_comparison_csv(const std::filesystem::path& file, std::span<const ComparisonRow> rows);

// A table of the rows of `scope` (usually "province"), one block per alternative.
std::string format_comparison_table(std::span<const ComparisonRow> rows, std::string_view scope,
                                    std::string_view base_name, double confidence);

}  // namespace twotier::analysis
