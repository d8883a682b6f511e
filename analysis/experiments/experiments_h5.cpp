// HDF5 writer of the complete results.h5 of compare, sweep and staff (see experiments_h5.hpp).
// Strings are variable-length UTF-8, as in the results.h5 of `twotier run`.
#include "analysis/experiments/experiments_h5.hpp"

#include <H5Cpp.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "analysis/results/h5_file_image.hpp"
#include "analysis/results/h5_write.hpp"
#include "analysis/results/results_h5.hpp"
#include "twotier_version.hpp"

namespace twotier::analysis {
namespace {

using h5::write_array;
using h5::write_scalar_attribute;
using h5::write_string_attribute;
using h5::write_strings;

void write_experiment(H5::Group& parent, int k, const ExperimentRecord& e) {
  char name[16];
  std::snprintf(name, sizeof name, "%06d", k);
  H5::Group group = parent.createGroup(name);
  write_string_attribute(group, "label", e.label);
  write_scalar_attribute(group, "first_replication", H5::PredType::NATIVE_UINT64,
                         std::uint64_t{e.first_replication});
  write_scalar_attribute(group, "replications", H5::PredType::NATIVE_INT32,
                         static_cast<std::int32_t>(e.index.size()));
  const hsize_t reps = e.index.size();
  const hsize_t scopes = e.scopes.size();
  std::vector<double> kpi;
  kpi.reserve(reps * scopes * model::kMetricCount);
  for (const auto& rows : e.kpis) {
    if (rows.size() != scopes)
      throw std::logic_error("write_experiments_h5: replications disagree on scopes");
    for (const auto& row : rows)
      kpi.insert(kpi.end(), row.begin(), row.end());
  }
  write_array(group, "index", H5::PredType::NATIVE_UINT64, {reps}, e.index);
  write_strings(group, "scopes", e.scopes);
  write_array(group, "kpi", H5::PredType::NATIVE_DOUBLE,
              {reps, scopes, static_cast<hsize_t>(model::kMetricCount)}, kpi);
}

}  // namespace

void write_experiments_h5(const std::filesystem::path& path, const ExperimentsMetadata& metadata,
                          std::span<const ExperimentRecord> experiments) {
  write_h5_atomically(path, [&](H5::H5File& file) {
    write_scalar_attribute(file, "format_version", H5::PredType::NATIVE_INT32,
                           std::int32_t{kResultsFormatVersion});
    write_scalar_attribute(file, "incomplete", H5::PredType::NATIVE_INT32, std::int32_t{0});
    H5::Group meta = file.createGroup("/metadata");
    write_scalar_attribute(meta, "format_version", H5::PredType::NATIVE_INT32,
                           std::int32_t{kResultsFormatVersion});
    write_string_attribute(meta, "twotier_version", kVersion);
    write_string_attribute(meta, "git_commit", kGitCommit);
    write_string_attribute(meta, "command", metadata.command);
    write_string_attribute(meta, "command_line", metadata.command_line);
    write_scalar_attribute(meta, "wall_time_seconds", H5::PredType::NATIVE_DOUBLE,
                           metadata.wall_seconds);
    write_strings(meta, "arguments", metadata.arguments);
    write_strings(meta, "scenario_texts", metadata.inputs);
    std::vector<std::string> metrics;
    for (int m = 0; m < model::kMetricCount; ++m)
      metrics.emplace_back(model::metric_name(static_cast<model::Metric>(m)));
    write_strings(meta, "metrics", metrics);
    H5::Group group = file.createGroup("/experiments");
    for (std::size_t k = 0; k < experiments.size(); ++k)
      write_experiment(group, static_cast<int>(k), experiments[k]);
  });
}

}  // namespace twotier::analysis
