// Byte-exact HDF5 records (see h5_bytes.hpp).
#include "analysis/results/h5_bytes.hpp"

#include <cstring>  // std::memcpy
#include <stdexcept>
#include <string>

#include "analysis/results/replication_codec.hpp"
#include "twotier_version.hpp"

namespace twotier::analysis {
namespace {

// Through the C API so that a failed write or close (a full disk) is one exception, never a
// message printed by the C++ wrappers' destructors.
template <class T>
void write_vector(H5::Group& group, const char* name, const H5::PredType& type,
                  const std::vector<T>& values) {
  const hsize_t size = values.size();
  const hid_t space = H5Screate_simple(1, &size, nullptr);
  const hid_t dataset = space < 0 ? -1
                                  : H5Dcreate2(group.getId(), name, type.getId(), space,
                                               H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  bool ok = dataset >= 0;
  if (ok && !values.empty())
    ok = H5Dwrite(dataset, type.getId(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0;
  if (dataset >= 0) ok = H5Dclose(dataset) >= 0 && ok;
  if (space >= 0) H5Sclose(space);
  if (!ok) throw H5::DataSetIException("write_vector", std::string("cannot write ") + name);
}

template <class T>
std::vector<T> read_vector(const H5::Group& group, const char* name, const H5::PredType& type) {
  H5::DataSet dataset = group.openDataSet(name);
  const H5::DataSpace space = dataset.getSpace();
  if (space.getSimpleExtentNdims() != 1) throw std::runtime_error(std::string(name) + ": not 1-D");
  hsize_t size = 0;
  space.getSimpleExtentDims(&size);
  std::vector<T> values(size);
  if (size > 0) dataset.read(values.data(), type);
  return values;
}

}  // namespace

void write_bytes_text(H5::Group& group, const char* name, const std::string& text) {
  write_vector(group, name, H5::PredType::NATIVE_UINT8,
               std::vector<std::uint8_t>(text.begin(), text.end()));
}

std::string read_bytes_text(const H5::Group& group, const char* name) {
  const auto bytes = read_vector<std::uint8_t>(group, name, H5::PredType::NATIVE_UINT8);
  return std::string(bytes.begin(), bytes.end());
}

std::string encode_text_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items)
    text += std::to_string(item.size()) + "\n" + item;
  return text;
}

std::vector<std::string> decode_text_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t newline = text.find('\n', at);
    if (newline == std::string::npos || newline == at ||
        text.find_first_not_of("0123456789", at) != newline) {
      throw std::runtime_error("malformed list of texts");
    }
    const std::size_t size = std::stoul(text.substr(at, newline - at));
    if (size > text.size() - newline - 1) throw std::runtime_error("malformed list of texts");
    items.push_back(text.substr(newline + 1, size));
    at = newline + 1 + size;
  }
  return items;
}

void write_uint64s(H5::Group& group, const char* name, const std::vector<std::uint64_t>& values) {
  write_vector(group, name, H5::PredType::NATIVE_UINT64, values);
}

std::vector<std::uint64_t> read_uint64s(const H5::Group& group, const char* name) {
  return read_vector<std::uint64_t>(group, name, H5::PredType::NATIVE_UINT64);
}

void write_int32s(H5::Group& group, const char* name, const std::vector<std::int32_t>& values) {
  write_vector(group, name, H5::PredType::NATIVE_INT32, values);
}

std::vector<std::int32_t> read_int32s(const H5::Group& group, const char* name) {
  return read_vector<std::int32_t>(group, name, H5::PredType::NATIVE_INT32);
}

void write_doubles(H5::Group& group, const char* name, const std::vector<double>& values) {
  write_vector(group, name, H5::PredType::NATIVE_DOUBLE, values);
}

std::vector<double> read_doubles(const H5::Group& group, const char* name) {
  return read_vector<double>(group, name, H5::PredType::NATIVE_DOUBLE);
}

void write_encoded_replication(H5::Group& parent, const std::string& name,
                               const model::ReplicationResult& result) {
  H5::Group group = parent.createGroup(name);
  std::vector<std::byte> bytes;
  encode_replication(result, bytes);
  std::vector<std::uint8_t> raw(bytes.size());
  if (!bytes.empty()) std::memcpy(raw.data(), bytes.data(), bytes.size());
  write_vector(group, "encoded", H5::PredType::NATIVE_UINT8, raw);
}

model::ReplicationResult read_encoded_replication(const H5::Group& group) {
  const auto raw = read_vector<std::uint8_t>(group, "encoded", H5::PredType::NATIVE_UINT8);
  std::vector<std::byte> bytes(raw.size());
  if (!raw.empty()) std::memcpy(bytes.data(), raw.data(), raw.size());
  std::size_t offset = 0;
  model::ReplicationResult result = decode_replication(bytes, offset);
  if (offset != bytes.size()) throw std::runtime_error("malformed replication record");
  return result;
}

std::string twotier_build() {
  return std::string(kVersion) + " (commit " + kGitCommit + ")";
}

}  // namespace twotier::analysis
