#include "analysis/results/unit_daily_series.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include <H5Cpp.h>

#include "analysis/results/results_h5_reader.hpp"

namespace twotier::analysis {
namespace {

// [R][D] of a [R][D][U] int32 dataset: unit `u`, or every unit summed when u < 0.
std::vector<std::vector<double>> series(H5::H5File& file, const char* name, int u) {
  H5::DataSet dataset = file.openDataSet(name);
  hsize_t dims[3] = {0, 0, 0};
  if (dataset.getSpace().getSimpleExtentNdims() != 3)
    throw std::runtime_error(std::string(name) + " is not 3-dimensional");
  dataset.getSpace().getSimpleExtentDims(dims);
  std::vector<std::int32_t> values(dims[0] * dims[1] * dims[2]);
  if (!values.empty()) dataset.read(values.data(), H5::PredType::NATIVE_INT32);
  std::vector<std::vector<double>> out(dims[0], std::vector<double>(dims[1], 0.0));
  for (hsize_t r = 0; r < dims[0]; ++r)
    for (hsize_t d = 0; d < dims[1]; ++d)
      for (hsize_t k = 0; k < dims[2]; ++k)
        if (u < 0 || k == static_cast<hsize_t>(u))
          out[r][d] += values[(r * dims[1] + d) * dims[2] + k];
  return out;
}

}  // namespace

UnitDailySeries read_unit_daily_series(const std::filesystem::path& path,
                                       const std::string& unit_id) {
  const ResultsFileSummary summary = read_results_summary(path);  // checks the file
  int unit = -1;
  if (!unit_id.empty()) {
    const auto found = std::find(summary.unit_ids.begin(), summary.unit_ids.end(), unit_id);
    if (found == summary.unit_ids.end())
      throw std::runtime_error(path.string() + " has no unit '" + unit_id + "'");
    unit = static_cast<int>(found - summary.unit_ids.begin());
  }
  UnitDailySeries result;
  if (const auto start = summary.metadata.find("start_date"); start != summary.metadata.end())
    result.start_date = start->second;
  try {
    H5::Exception::dontPrint();
    H5::H5File file(path.string(), H5F_ACC_RDONLY);
    result.backlog = series(file, "/replications/daily/backlog", unit);
    result.overdue = series(file, "/replications/daily/overdue", unit);
  } catch (const H5::Exception& e) {
    throw std::runtime_error(path.string() + ": " + e.getDetailMsg());
  }
  return result;
}

}  // namespace twotier::analysis
