#include "analysis/results/run_outputs.hpp"

#include <stdexcept>
#include <string>
#include <system_error>

#include "analysis/results/dossier_log.hpp"
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
  for (const char* name : {kResultsH5Name, kSummaryCsvName, kMonthlyReportCsvName,
                           kUtilisationCsvName, kResultsWorkbookName, kDossierLogName, kStepLogName,
                           "report.html", "uncertainty.csv", "sensitivity.csv"}) {
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
  // Every file is first written complete under a hidden staging name (".summary.new.csv": the
  // extension kept, so a CSV still gets its byte-order mark), then all are renamed: a failure (a
  // full disk) leaves none of the new files and the folder as it was.
  const auto staged = [&](const char* name) {
    const fs::path file(name);
    // Appended piecewise: `"." + string` trips a GCC 12 -Wrestrict false positive.
    std::string staged_name(".");
    staged_name += file.stem().string();
    staged_name += ".new";
    staged_name += file.extension().string();
    return folder / staged_name;
  };
  const char* const names[] = {kSummaryCsvName, kMonthlyReportCsvName, kUtilisationCsvName,
                               kResultsWorkbookName, kResultsH5Name};
  try {
    write_summary_csv(staged(kSummaryCsvName), metadata.scenario_name, summary);
    write_monthly_report_csv(staged(kMonthlyReportCsvName), monthly, metadata.unit_ids,
                             metadata.unit_names);
    write_utilisation_csv(staged(kUtilisationCsvName), metadata, results);
    write_run_workbook(staged(kResultsWorkbookName), metadata, results, summary, monthly);
    write_results_h5(staged(kResultsH5Name), metadata, results, summary, monthly);
  } catch (const std::runtime_error& e) {
    std::error_code ignored;
    std::string message = e.what();  // named as the user knows the file, not the staging name
    for (const char* name : names) {
      fs::remove(staged(name), ignored);
      const std::string hidden = staged(name).string();
      if (const auto at = message.find(hidden); at != std::string::npos)
        message.replace(at, hidden.size(), (folder / name).string());
    }
    throw std::runtime_error(message);
  }
  for (const char* name : names)
    fs::rename(staged(name), folder / name);
  return summary;
}

}  // namespace twotier::analysis
