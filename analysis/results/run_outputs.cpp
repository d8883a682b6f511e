#include "analysis/results/run_outputs.hpp"

#include "analysis/results/monthly_report_csv.hpp"
#include "analysis/results/results_h5.hpp"
#include "analysis/results/results_workbook.hpp"
#include "analysis/results/summary_csv.hpp"
#include "analysis/results/utilisation_csv.hpp"

namespace twotier::analysis {

namespace fs = std::filesystem;

std::vector<fs::path> existing_result_files(const fs::path& folder) {
  std::vector<fs::path> found;
  // uncertainty.csv and sensitivity.csv: `run --parameter-sets`
  // (analysis/experiments/parameter_uncertainty.hpp).
  for (const char* name :
       {kResultsH5Name, kSummaryCsvName, kMonthlyReportCsvName, kUtilisationCsvName,
        kResultsWorkbookName, "uncertainty.csv", "sensitivity.csv"}) {
    std::error_code error;
    if (fs::exists(folder / name, error)) found.push_back(folder / name);
  }
  return found;
}

std::vector<SummaryRow> write_run_outputs(const fs::path& folder, const RunMetadata& metadata,
                                          std::span<const model::ReplicationResult> results) {
  const auto summary = summarize(results, metadata.position_labels, metadata.confidence);
  const auto monthly = mean_monthly_report(results);
  fs::create_directories(folder);
  write_summary_csv(folder / kSummaryCsvName, metadata.scenario_name, summary);
  write_monthly_report_csv(folder / kMonthlyReportCsvName, monthly, metadata.unit_ids,
                           metadata.unit_names);
  write_utilisation_csv(folder / kUtilisationCsvName, metadata, results);
  write_run_workbook(folder / kResultsWorkbookName, metadata, results, summary, monthly);
  write_results_h5(folder / kResultsH5Name, metadata, results, summary, monthly);
  return summary;
}

}  // namespace twotier::analysis
