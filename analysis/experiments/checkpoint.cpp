// Checkpoint file of an interrupted run (see checkpoint.hpp), built from the byte-exact HDF5
// records of analysis/results/h5_bytes.hpp: texts as byte datasets, lists as "<size>\n<bytes>"
// items, replications in the replication codec, so everything reads back bit for bit.
#include "analysis/experiments/checkpoint.hpp"

#include <H5Cpp.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "analysis/results/h5_bytes.hpp"
#include "analysis/results/h5_file_image.hpp"
#include "analysis/results/results_h5.hpp"

namespace twotier::analysis {
namespace {

constexpr const char* kIncompleteAttribute = "incomplete";
constexpr const char* kCheckpointGroup = "/checkpoint";
constexpr const char* kReplicationsGroup = "/checkpoint/replications";

std::string group_name(std::uint64_t replication) {
  char name[32];
  std::snprintf(name, sizeof name, "%010llu", static_cast<unsigned long long>(replication));
  return name;
}

[[noreturn]] void rethrow(const std::filesystem::path& file, const H5::Exception& e) {
  throw std::runtime_error(h5_write_failure(file, e));
}

}  // namespace

struct CheckpointWriter::File {
  std::string failure;  // why the file was abandoned (add())
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
    write_bytes_text(group, "twotier_build", twotier_build());
    write_bytes_text(group, "scenario_file", identity.scenario_file);
    write_bytes_text(group, "working_directory", identity.working_directory);
    write_bytes_text(group, "overrides", encode_text_list(identity.overrides));
    write_bytes_text(group, "scenario_text", identity.scenario_text);
    write_int32s(group, "replication_count", std::vector<std::int32_t>{identity.replications});
    write_doubles(group, "confidence", std::vector<double>{identity.confidence});
    file->h5->createGroup(kReplicationsGroup);
    file->h5->flush(H5F_SCOPE_GLOBAL);
  } catch (const H5::Exception& e) {
    (void)file->h5.release();  // not closed: see add()
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
  if (!file_->h5) throw std::runtime_error(file_->failure);  // an earlier write failed (below)
  try {
    H5::Exception::dontPrint();  // per thread: add() may run on a worker thread
    H5::Group group = file_->h5->openGroup(kReplicationsGroup);
    write_encoded_replication(group, group_name(result.replication), result);
    file_->h5->flush(H5F_SCOPE_GLOBAL);
  } catch (const H5::Exception& e) {
    // A failed write (a full disk) leaves HDF5 1.10 unable to close the file safely (closing
    // it can crash): the handle is abandoned, the caller reports the error and exits.
    file_->failure = h5_write_failure(file_->path, e);
    (void)file_->h5.release();
    throw std::runtime_error(file_->failure);
  }
}

void CheckpointWriter::close() {
  if (!file_ || !file_->h5) return;
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
    const std::string writer = read_bytes_text(group, "twotier_build");
    if (writer != twotier_build()) {
      throw std::runtime_error(path.string() + " was written by twotier " + writer +
                               ", this is twotier " + twotier_build() +
                               ": resume with the build that started the run, or start over "
                               "with --force");
    }
    CheckpointIdentity& id = checkpoint.identity;
    id.scenario_file = read_bytes_text(group, "scenario_file");
    id.working_directory = read_bytes_text(group, "working_directory");
    id.overrides = decode_text_list(read_bytes_text(group, "overrides"));
    id.scenario_text = read_bytes_text(group, "scenario_text");
    const auto replications = read_int32s(group, "replication_count");
    const auto confidence = read_doubles(group, "confidence");
    if (replications.size() != 1 || confidence.size() != 1) {
      throw std::runtime_error("checkpoint " + path.string() + ": bad run settings");
    }
    id.replications = replications[0];
    id.confidence = confidence[0];
    const H5::Group done = file.openGroup(kReplicationsGroup);
    const hsize_t count = done.getNumObjs();
    for (hsize_t i = 0; i < count; ++i) {
      // Names are zero-padded indices, so the link order (by name) is the index order.
      checkpoint.done.push_back(read_encoded_replication(done.openGroup(done.getObjnameByIdx(i))));
    }
  } catch (const H5::Exception& e) {
    rethrow(path, e);
  }
  return checkpoint;
}

}  // namespace twotier::analysis
