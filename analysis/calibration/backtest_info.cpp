#include "analysis/calibration/backtest_info.hpp"

#include <cmath>
#include <ostream>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/results/csv_records.hpp"

namespace twotier::analysis {

void write_backtest_info_csv(const BacktestInfo& info, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "key,value\n"
        << "scenario," << csv_field(info.scenario) << "\n"
        << "log," << csv_field(info.log) << "\n"
        << "from," << info.from << "\n"
        << "to," << info.to << "\n"
        << "replications," << info.replications << "\n"
        << "level," << csv_number(info.level) << "\n"
        << "nominal_coverage," << csv_number(info.nominal_coverage) << "\n"
        << "open_at_start," << info.open_at_start << "\n";
  });
}

std::optional<BacktestInfo> read_backtest_info_csv(const std::filesystem::path& file) {
  const std::optional<CsvRecords> csv = read_csv_file(file);
  if (!csv) return std::nullopt;
  BacktestInfo info;
  for (std::size_t r = 0; r < csv->rows.size(); ++r) {
    const std::string& key = csv->field(r, "key");
    const std::string& text = csv->field(r, "value");
    const double number = csv->number(r, "value");
    if (key == "scenario")
      info.scenario = text;
    else if (key == "log")
      info.log = text;
    else if (key == "from")
      info.from = text;
    else if (key == "to")
      info.to = text;
    else if (key == "replications" && std::isfinite(number))
      info.replications = static_cast<int>(number);
    else if (key == "level")
      info.level = number;
    else if (key == "nominal_coverage")
      info.nominal_coverage = number;
    else if (key == "open_at_start" && std::isfinite(number) && number >= 0)
      info.open_at_start = static_cast<std::size_t>(number);
  }
  return info;
}

}  // namespace twotier::analysis
