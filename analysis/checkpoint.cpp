// Checkpoint file of an interrupted run (see checkpoint.hpp). Every string is stored as a
// dataset of bytes (binary-safe, trivially read back); a list of strings as "<size>\n<bytes>"
// items. Replications are stored in the replication codec, so results read back bit for bit.
#include "analysis/checkpoint.hpp"

#include <cstring>

#include <H5Cpp.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "analysis/replication_codec.hpp"
#include "analysis/results_h5.hpp"
#include "twotier_version.hpp"

namespace twotier::analysis {
namespace {

constexpr const char* kIncompleteAttribute = "incomplete";
constexpr const char* kCheckpointGroup = "/checkpoint";
constexpr const char* kReplicationsGroup = "/checkpoint/replications";

template <class T>
void write_vector(H5::Group& group, const char* name, const H5::PredType& type,
                  const std::vector<T>& values) {
  const hsize_t size = values.size();
  H5::DataSet dataset = group.createDataSet(name, type, H5::DataSpace(1, &size));
  if (!values.empty()) dataset.write(values.data(), type);
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

void write_text(H5::Group& group, const char* name, const std::string& text) {
  write_vector(group, name, H5::PredType::NATIVE_UINT8,
               std::vector<std::uint8_t>(text.begin(), text.end()));
}

std::string read_text(const H5::Group& group, const char* name) {
  const auto bytes = read_vector<std::uint8_t>(group, name, H5::PredType::NATIVE_UINT8);
  return std::string(bytes.begin(), bytes.end());
}

std::string encode_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items)
    text += std::to_string(item.size()) + "\n" + item;
  return text;
}

std::vector<std::string> decode_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t newline = text.find('\n', at);
    if (newline == std::string::npos) throw std::runtime_error("bad list in checkpoint");
    const std::size_t size = std::stoul(text.substr(at, newline - at));
    if (newline + 1 + size > text.size()) throw std::runtime_error("bad list in checkpoint");
    items.push_back(text.substr(newline + 1, size));
    at = newline + 1 + size;
  }
  return items;
}

// "0.1.0 (commit c7a195935954)": the build that wrote a checkpoint.
std::string build_identity() {
  return std::string(kVersion) + " (commit " + kGitCommit + ")";
}

std::string group_name(std::uint64_t replication) {
  char name[32];
  std::snprintf(name, sizeof name, "%010llu", static_cast<unsigned long long>(replication));
  return name;
}

// Each replication is one byte dataset in the replication codec the MPI gather uses
// (analysis/replication_codec.hpp): every field of ReplicationResult, bit for bit, so a
// field added to the result cannot be forgotten here.
void write_replication(H5::Group& parent, const model::ReplicationResult& r) {
  H5::Group group = parent.createGroup(group_name(r.replication));
  std::vector<std::byte> bytes;
  encode_replication(r, bytes);
  std::vector<std::uint8_t> raw(bytes.size());
  std::memcpy(raw.data(), bytes.data(), bytes.size());
  write_vector(group, "encoded", H5::PredType::NATIVE_UINT8, raw);
}

model::ReplicationResult read_replication(const H5::Group& group) {
  const auto raw = read_vector<std::uint8_t>(group, "encoded", H5::PredType::NATIVE_UINT8);
  std::vector<std::byte> bytes(raw.size());
  std::memcpy(bytes.data(), raw.data(), raw.size());
  std::size_t offset = 0;
  model::ReplicationResult r = decode_replication(bytes, offset);
  if (offset != bytes.size()) throw std::runtime_error("bad replication record");
  return r;
}

[[noreturn]] void rethrow(const std::filesystem::path& file, const H5::Exception& e) {
  throw std::runtime_error("checkpoint " + file.string() + ": HDF5: " + e.getFuncName() + ": " +
                           e.getDetailMsg());
}

}  // namespace

struct CheckpointWriter::File {
  std::filesystem::path path;
  std::unique_ptr<H5::H5File> h5;
};

CheckpointWriter::CheckpointWriter(std::unique_ptr<File> file) : file_(std::move(file)) {}
CheckpointWriter::CheckpointWriter(CheckpointWriter&&) noexcept = default;
CheckpointWriter& CheckpointWriter::operator=(CheckpointWriter&&) noexcept = default;
CheckpointWriter::~CheckpointWriter() {
  try {
    close();
  } catch (...) {
    // Nothing to do in a destructor; add() already flushed every replication.
  }
}

CheckpointWriter CheckpointWriter::create(const std::filesystem::path& path,
                                          const CheckpointIdentity& identity) {
  auto file = std::make_unique<File>();
  file->path = path;
  try {
    H5::Exception::dontPrint();
    file->h5 = std::make_unique<H5::H5File>(path.string(), H5F_ACC_TRUNC);
    const std::int32_t one = 1;
    const std::int32_t version = kResultsFormatVersion;
    file->h5
        ->createAttribute(kIncompleteAttribute, H5::PredType::NATIVE_INT32,
                          H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT32, &one);
    file->h5
        ->createAttribute("format_version", H5::PredType::NATIVE_INT32, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT32, &version);
    H5::Group group = file->h5->createGroup(kCheckpointGroup);
    write_text(group, "twotier_build", build_identity());
    write_text(group, "scenario_file", identity.scenario_file);
    write_text(group, "overrides", encode_list(identity.overrides));
    write_text(group, "scenario_text", identity.scenario_text);
    write_vector(group, "replication_count", H5::PredType::NATIVE_INT32,
                 std::vector<std::int32_t>{identity.replications});
    write_vector(group, "confidence", H5::PredType::NATIVE_DOUBLE,
                 std::vector<double>{identity.confidence});
    file->h5->createGroup(kReplicationsGroup);
    file->h5->flush(H5F_SCOPE_GLOBAL);
  } catch (const H5::Exception& e) {
    rethrow(path, e);
  }
  return CheckpointWriter(std::move(file));
}

CheckpointWriter CheckpointWriter::reopen(const std::filesystem::path& path) {
  auto file = std::make_unique<File>();
  file->path = path;
  try {
    H5::Exception::dontPrint();
    file->h5 = std::make_unique<H5::H5File>(path.string(), H5F_ACC_RDWR);
  } catch (const H5::Exception& e) {
    rethrow(path, e);
  }
  return CheckpointWriter(std::move(file));
}

void CheckpointWriter::add(const model::ReplicationResult& result) {
  try {
    H5::Group group = file_->h5->openGroup(kReplicationsGroup);
    write_replication(group, result);
    file_->h5->flush(H5F_SCOPE_GLOBAL);
  } catch (const H5::Exception& e) {
    rethrow(file_->path, e);
  }
}

void CheckpointWriter::close() {
  if (!file_) return;
  const std::unique_ptr<File> file = std::move(file_);
  try {
    file->h5->close();
  } catch (const H5::Exception& e) {
    rethrow(file->path, e);
  }
}

bool is_checkpoint(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  try {
    H5::Exception::dontPrint();
    if (!H5::H5File::isHdf5(path.string())) return false;
    H5::H5File file(path.string(), H5F_ACC_RDONLY);
    if (!file.attrExists(kIncompleteAttribute)) return false;
    std::int32_t incomplete = 0;
    file.openAttribute(kIncompleteAttribute).read(H5::PredType::NATIVE_INT32, &incomplete);
    return incomplete == 1;
  } catch (const H5::Exception&) {
    return false;
  }
}

Checkpoint read_checkpoint(const std::filesystem::path& path) {
  if (!is_checkpoint(path)) {
    throw std::runtime_error(path.string() + " is not the results file of an interrupted run");
  }
  Checkpoint checkpoint;
  try {
    H5::H5File file(path.string(), H5F_ACC_RDONLY);
    const H5::Group group = file.openGroup(kCheckpointGroup);
    // Replication records are in the codec of the build that wrote them (and another build
    // may simulate differently), so only the same build may complete the run.
    const std::string writer = read_text(group, "twotier_build");
    if (writer != build_identity()) {
      throw std::runtime_error(path.string() + " was written by twotier " + writer +
                               ", this is twotier " + build_identity() +
                               ": resume with the build that started the run, or start over "
                               "with --force");
    }
    CheckpointIdentity& id = checkpoint.identity;
    id.scenario_file = read_text(group, "scenario_file");
    id.overrides = decode_list(read_text(group, "overrides"));
    id.scenario_text = read_text(group, "scenario_text");
    const auto replications =
        read_vector<std::int32_t>(group, "replication_count", H5::PredType::NATIVE_INT32);
    const auto confidence = read_vector<double>(group, "confidence", H5::PredType::NATIVE_DOUBLE);
    if (replications.size() != 1 || confidence.size() != 1) {
      throw std::runtime_error("checkpoint " + path.string() + ": bad run settings");
    }
    id.replications = replications[0];
    id.confidence = confidence[0];
    const H5::Group done = file.openGroup(kReplicationsGroup);
    const hsize_t count = done.getNumObjs();
    for (hsize_t i = 0; i < count; ++i) {
      // Names are zero-padded indices, so the link order (by name) is the index order.
      checkpoint.done.push_back(read_replication(done.openGroup(done.getObjnameByIdx(i))));
    }
  } catch (const H5::Exception& e) {
    rethrow(path, e);
  }
  return checkpoint;
}

}  // namespace twotier::analysis
