// The journal of an interrupted compare, sweep or staff command (see experiment_journal.hpp).
// Layout: root attributes incomplete = 1 and format_version; /checkpoint/{twotier_build,
// command, arguments, settings, inputs, working_directory} (byte texts; lists as "<size>\n<bytes>"
// items); /checkpoint/experiments/<k, 6 digits>/{label, range = [first, count],
// replications/<index, 10 digits>/encoded}.
#include "analysis/experiments/experiment_journal.hpp"

#include <H5Cpp.h>

#include <cstdint>
#include <cstdio>
#include <memory>

#include "analysis/experiments/checkpoint.hpp"
#include "analysis/results/h5_bytes.hpp"
#include "analysis/results/h5_file_image.hpp"
#include "analysis/results/results_h5.hpp"

namespace twotier::analysis {
namespace {

constexpr const char* kCheckpointGroup = "/checkpoint";
constexpr const char* kExperimentsGroup = "/checkpoint/experiments";

std::string padded(std::uint64_t number, int digits) {
  char name[32];
  std::snprintf(name, sizeof name, "%0*llu", digits, static_cast<unsigned long long>(number));
  return name;
}

std::string experiment_name(int k) {
  return padded(static_cast<std::uint64_t>(k), 6);
}

[[noreturn]] void rethrow(const std::filesystem::path& file, const H5::Exception& e) {
  throw std::runtime_error(h5_write_failure(file, e));
}

bool has_link(const H5::H5Location& location, const std::string& name) {
  return H5Lexists(location.getId(), name.c_str(), H5P_DEFAULT) > 0;
}

JournalHeader read_header(const H5::H5File& file) {
  const H5::Group group = file.openGroup(kCheckpointGroup);
  JournalHeader header;
  header.build = read_bytes_text(group, "twotier_build");
  header.identity.command = read_bytes_text(group, "command");
  header.identity.arguments = decode_text_list(read_bytes_text(group, "arguments"));
  header.identity.settings = decode_text_list(read_bytes_text(group, "settings"));
  header.identity.inputs = decode_text_list(read_bytes_text(group, "inputs"));
  header.identity.working_directory = read_bytes_text(group, "working_directory");
  return header;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items)
    text += (text.empty() ? "" : " ") + item;
  return text.empty() ? "(none)" : text;
}

}  // namespace

struct ExperimentJournal::File {
  std::string failure;  // why the file was abandoned (add())
  std::filesystem::path path;
  std::unique_ptr<H5::H5File> h5;
  std::size_t saved = 0;
};

ExperimentJournal::ExperimentJournal(std::unique_ptr<File> file) : file_(std::move(file)) {}
ExperimentJournal::ExperimentJournal(ExperimentJournal&&) noexcept = default;
ExperimentJournal& ExperimentJournal::operator=(ExperimentJournal&&) noexcept = default;
ExperimentJournal::~ExperimentJournal() {
  try {
    close();
  } catch (...) {
    // Nothing to do in a destructor; add() already flushed every replication.
  }
}

ExperimentJournal ExperimentJournal::create(const std::filesystem::path& path,
                                            const JournalIdentity& identity,
                                            const std::string& build) {
  auto file = std::make_unique<File>();
  file->path = path;
  try {
    H5::Exception::dontPrint();
    file->h5 = std::make_unique<H5::H5File>(path.string(), H5F_ACC_TRUNC);
    const std::int32_t one = 1;
    const std::int32_t version = kResultsFormatVersion;
    file->h5->createAttribute("incomplete", H5::PredType::NATIVE_INT32, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT32, &one);
    file->h5
        ->createAttribute("format_version", H5::PredType::NATIVE_INT32, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT32, &version);
    H5::Group group = file->h5->createGroup(kCheckpointGroup);
    write_bytes_text(group, "twotier_build", build.empty() ? twotier_build() : build);
    write_bytes_text(group, "command", identity.command);
    write_bytes_text(group, "arguments", encode_text_list(identity.arguments));
    write_bytes_text(group, "settings", encode_text_list(identity.settings));
    write_bytes_text(group, "inputs", encode_text_list(identity.inputs));
    write_bytes_text(group, "working_directory", identity.working_directory);
    file->h5->createGroup(kExperimentsGroup);
    file->h5->flush(H5F_SCOPE_GLOBAL);
  } catch (const H5::Exception& e) {
    (void)file->h5.release();  // not closed: see add()
    rethrow(path, e);
  }
  return ExperimentJournal(std::move(file));
}

ExperimentJournal ExperimentJournal::reopen(const std::filesystem::path& path,
                                            const JournalIdentity& identity) {
  const JournalHeader header = read_journal_header(path);
  // Replication records are in the codec of the build that wrote them (and another build may
  // simulate differently), so only the same build may complete the command.
  if (header.build != twotier_build()) {
    throw JournalError(path.string() + " was written by twotier " + header.build +
                       ", this is twotier " + twotier_build() +
                       ": resume with the build that started the command, or start over with "
                       "--force");
  }
  const JournalIdentity& saved = header.identity;
  if (saved.command != identity.command) {
    throw JournalError(path.string() + " holds an interrupted `twotier " + saved.command +
                       "`, not " + identity.command + ": resume it with `twotier " + saved.command +
                       " --resume " + path.parent_path().string() + "`");
  }
  if (saved.arguments != identity.arguments) {
    throw JournalError(path.string() + ": the arguments differ from those of the interrupted `" +
                       saved.command + "` (then: " + joined(saved.arguments) +
                       "; now: " + joined(identity.arguments) + "); start over with --force");
  }
  if (saved.inputs != identity.inputs) {
    throw JournalError(path.string() + ": a scenario or one of its tables changed since `" +
                       saved.command +
                       "` was interrupted, so the remaining replications would not belong to "
                       "the same run; start over with --force");
  }
  auto file = std::make_unique<File>();
  file->path = path;
  try {
    H5::Exception::dontPrint();
    file->h5 = std::make_unique<H5::H5File>(path.string(), H5F_ACC_RDWR);
    const H5::Group experiments = file->h5->openGroup(kExperimentsGroup);
    for (hsize_t i = 0; i < experiments.getNumObjs(); ++i) {
      const std::string name = experiments.getObjnameByIdx(i) + "/replications";
      file->saved += experiments.openGroup(name).getNumObjs();
    }
  } catch (const H5::Exception& e) {
    rethrow(path, e);
  }
  return ExperimentJournal(std::move(file));
}

std::optional<JournalExperiment> ExperimentJournal::experiment(int k) const {
  const std::string name = std::string(kExperimentsGroup) + "/" + experiment_name(k);
  try {
    if (!has_link(*file_->h5, name)) return std::nullopt;
    const H5::Group group = file_->h5->openGroup(name);
    JournalExperiment experiment;
    experiment.label = read_bytes_text(group, "label");
    const auto range = read_uint64s(group, "range");
    if (range.size() != 2) throw std::runtime_error("checkpoint: bad experiment range");
    experiment.first_replication = range[0];
    experiment.replications = range[1];
    const H5::Group done = group.openGroup("replications");
    for (hsize_t i = 0; i < done.getNumObjs(); ++i) {
      // Names are zero-padded indices, so the link order (by name) is the index order.
      experiment.done.push_back(read_encoded_replication(done.openGroup(done.getObjnameByIdx(i))));
    }
    return experiment;
  } catch (const H5::Exception& e) {
    rethrow(file_->path, e);
  }
}

void ExperimentJournal::add(int k, const std::string& label, std::uint64_t first_replication,
                            std::uint64_t replications, const model::ReplicationResult& result) {
  if (!file_->h5) throw std::runtime_error(file_->failure);  // an earlier write failed (below)
  try {
    H5::Exception::dontPrint();  // per thread: add() may run on a worker thread
    const std::string name = std::string(kExperimentsGroup) + "/" + experiment_name(k);
    if (!has_link(*file_->h5, name)) {
      H5::Group group = file_->h5->createGroup(name);
      write_bytes_text(group, "label", label);
      write_uint64s(group, "range", {first_replication, replications});
      group.createGroup("replications");
    }
    H5::Group done = file_->h5->openGroup(name + "/replications");
    write_encoded_replication(done, padded(result.replication, 10), result);
    file_->h5->flush(H5F_SCOPE_GLOBAL);
    ++file_->saved;
  } catch (const H5::Exception& e) {
    // A failed write (a full disk) leaves HDF5 1.10 unable to close the file safely (closing
    // it can crash): the handle is abandoned, the caller reports the error and exits.
    file_->failure = h5_write_failure(file_->path, e);
    (void)file_->h5.release();
    throw std::runtime_error(file_->failure);
  }
}

std::size_t ExperimentJournal::saved_replications() const {
  return file_->saved;
}

const std::filesystem::path& ExperimentJournal::path() const {
  return file_->path;
}

void ExperimentJournal::close() {
  if (!file_ || !file_->h5) return;
  const std::unique_ptr<H5::H5File> h5 = std::move(file_->h5);
  try {
    h5->close();
  } catch (const H5::Exception& e) {
    rethrow(file_->path, e);
  }
}

bool is_experiment_journal(const std::filesystem::path& path) {
  if (!is_checkpoint(path)) return false;
  try {
    H5::Exception::dontPrint();
    const H5::H5File file(path.string(), H5F_ACC_RDONLY);
    return has_link(file, kCheckpointGroup) && has_link(file, kExperimentsGroup);
  } catch (const H5::Exception&) {
    return false;
  }
}

JournalHeader read_journal_header(const std::filesystem::path& path) {
  if (!is_experiment_journal(path)) {
    throw JournalError(path.string() +
                       " is not the results file of an interrupted compare, "
                       "sweep or staff command");
  }
  try {
    const H5::H5File file(path.string(), H5F_ACC_RDONLY);
    return read_header(file);
  } catch (const H5::Exception& e) {
    rethrow(path, e);
  } catch (const std::runtime_error& e) {
    throw JournalError(path.string() + ": " + e.what());
  }
}

}  // namespace twotier::analysis
