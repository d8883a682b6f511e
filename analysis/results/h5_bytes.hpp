// Small HDF5 building blocks for files that must read back exactly what was written: texts as
// datasets of bytes (binary-safe), lists of texts as "<size>\n<bytes>" items, 1-D numeric
// datasets, and replication results in the byte codec of analysis/results/replication_codec.hpp
// (bit for bit). Used by the experiment journal (analysis/experiments/experiment_journal.hpp) and
// the checkpoint of `twotier run` (analysis/experiments/checkpoint.hpp). Not thread-safe (serial
// HDF5): one caller at a time. Errors are H5::Exception or std::runtime_error.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::analysis {

void write_bytes_text(H5::Group& group, const char* name, const std::string& text);
std::string read_bytes_text(const H5::Group& group, const char* name);

// A list of texts, each "<size>\n<bytes>", in one byte dataset.
std::string encode_text_list(const std::vector<std::string>& items);
// Throws std::runtime_error for a malformed list.
std::vector<std::string> decode_text_list(const std::string& text);

void write_uint64s(H5::Group& group, const char* name, const std::vector<std::uint64_t>& values);
std::vector<std::uint64_t> read_uint64s(const H5::Group& group, const char* name);
void write_int32s(H5::Group& group, const char* name, const std::vector<std::int32_t>& values);
std::vector<std::int32_t> read_int32s(const H5::Group& group, const char* name);
void write_doubles(H5::Group& group, const char* name, const std::vector<double>& values);
std::vector<double> read_doubles(const H5::Group& group, const char* name);

// Group `name` under `parent` holding one uint8 dataset `encoded` with `result`.
void write_encoded_replication(H5::Group& parent, const std::string& name,
                               const model::ReplicationResult& result);
model::ReplicationResult read_encoded_replication(const H5::Group& group);

// "0.1.0 (commit c7a195935954)": the build of this program.
std::string twotier_build();

}  // namespace twotier::analysis
