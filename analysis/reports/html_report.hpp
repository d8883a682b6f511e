// `twotier report`: one self-contained HTML file (inline CSS and SVG, no scripts, no network)
// from a result folder of `run`, `staff`, `compare`, `sweep`, `delegation` or `backtest`. Every
// number comes from the folder's files (CSV and results.h5), so a report can be rebuilt without
// re-running. Labels in English or Vietnamese. Call from one thread (reads HDF5).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace twotier::analysis {

enum class ResultKind { kRun, kStaff, kCompare, kSweep, kDelegation, kBacktest };
enum class ReportLanguage { kEnglish, kVietnamese };

class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The kind of result in `folder`, from the files it holds. Throws ReportError naming the
// folder and the files looked for when none is recognised.
ResultKind detect_result_kind(const std::filesystem::path& folder);

// The whole HTML document. With `scope` ("unit:ID", an id or a unit's name; folders of `run`
// and `staff` only) the report is about that unit first and the province after; a staff folder
// whose targets are all one unit's is reported that way without it. Throws ReportError (bad
// scope, not a result folder) or std::runtime_error (a damaged file).
std::string build_html_report(const std::filesystem::path& folder, ReportLanguage language,
                              const std::string& scope = "");

// Writes build_html_report(folder, language) to folder/report.html (through a temporary name)
// and returns its path.
std::filesystem::path write_html_report(const std::filesystem::path& folder,
                                        ReportLanguage language = ReportLanguage::kEnglish);

}  // namespace twotier::analysis
