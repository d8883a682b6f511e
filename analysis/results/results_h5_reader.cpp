#include "analysis/results/results_h5_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include <H5Cpp.h>

namespace twotier::analysis {
namespace {

std::string attribute_text(const H5::Attribute& attribute) {
  const H5::DataType type = attribute.getDataType();
  switch (type.getClass()) {
    case H5T_STRING: {
      std::string value;
      attribute.read(attribute.getStrType(), value);
      return value;
    }
    case H5T_INTEGER: {
      if (attribute.getIntType().getSign() == H5T_SGN_NONE) {
        unsigned long long v = 0;
        attribute.read(H5::PredType::NATIVE_ULLONG, &v);
        return std::to_string(v);
      }
      long long v = 0;
      attribute.read(H5::PredType::NATIVE_LLONG, &v);
      return std::to_string(v);
    }
    case H5T_FLOAT: {
      double v = 0;
      attribute.read(H5::PredType::NATIVE_DOUBLE, &v);
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.6g", v);
      return buffer;
    }
    default:
      return "";
  }
}

std::vector<std::string> read_strings(H5::H5File& file, const char* name) {
  H5::DataSet dataset = file.openDataSet(name);
  hsize_t size = 0;
  dataset.getSpace().getSimpleExtentDims(&size);
  std::vector<char*> raw(size, nullptr);
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  std::vector<std::string> values;
  if (size == 0) return values;
  dataset.read(raw.data(), type);
  for (char* s : raw)
    values.emplace_back(s ? s : "");
  H5::DataSet::vlenReclaim(raw.data(), type, dataset.getSpace());
  return values;
}

// A [R][D][U] int32 dataset as [R][D]: unit `unit`, or every unit summed when unit < 0.
std::vector<std::vector<double>> daily_series(H5::H5File& file, const char* name, int& reps,
                                              int& days, int unit = -1) {
  H5::DataSet dataset = file.openDataSet(name);
  hsize_t dims[3] = {0, 0, 0};
  if (dataset.getSpace().getSimpleExtentNdims() != 3)
    throw std::runtime_error(std::string(name) + " is not 3-dimensional");
  dataset.getSpace().getSimpleExtentDims(dims);
  std::vector<std::int32_t> values(dims[0] * dims[1] * dims[2]);
  if (!values.empty()) dataset.read(values.data(), H5::PredType::NATIVE_INT32);
  reps = static_cast<int>(dims[0]);
  days = static_cast<int>(dims[1]);
  std::vector<std::vector<double>> totals(dims[0], std::vector<double>(dims[1], 0.0));
  for (hsize_t r = 0; r < dims[0]; ++r)
    for (hsize_t d = 0; d < dims[1]; ++d)
      for (hsize_t u = 0; u < dims[2]; ++u)
        if (unit < 0 || u == static_cast<hsize_t>(unit))
          totals[r][d] += values[(r * dims[1] + d) * dims[2] + u];
  return totals;
}

}  // namespace

ResultsFileSummary read_results_summary(const std::filesystem::path& path) {
  ResultsFileSummary summary;
  try {
    H5::Exception::dontPrint();  // one line below instead of HDF5's error dump
    H5::H5File file(path.string(), H5F_ACC_RDONLY);
    H5::Group metadata = file.openGroup("/metadata");
    for (int i = 0; i < metadata.getNumAttrs(); ++i) {
      H5::Attribute attribute = metadata.openAttribute(static_cast<unsigned>(i));
      summary.metadata[attribute.getName()] = attribute_text(attribute);
    }
    summary.unit_ids = read_strings(file, "/units/id");
    summary.unit_names = read_strings(file, "/units/name");
    if (H5Lexists(file.getId(), "/procedures", H5P_DEFAULT) > 0) {
      summary.procedure_ids = read_strings(file, "/procedures/id");
      summary.procedure_names = read_strings(file, "/procedures/name");
    }
    summary.backlog =
        daily_series(file, "/replications/daily/backlog", summary.replications, summary.days);
    summary.overdue =
        daily_series(file, "/replications/daily/overdue", summary.replications, summary.days);
  } catch (const H5::Exception& e) {
    throw std::runtime_error(path.string() + ": " + e.getDetailMsg());
  }
  return summary;
}

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
    int reps = 0, days = 0;
    result.backlog = daily_series(file, "/replications/daily/backlog", reps, days, unit);
    result.overdue = daily_series(file, "/replications/daily/overdue", reps, days, unit);
  } catch (const H5::Exception& e) {
    throw std::runtime_error(path.string() + ": " + e.getDetailMsg());
  }
  return result;
}

}  // namespace twotier::analysis
