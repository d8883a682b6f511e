#include "analysis/results/dossier_log_writer.hpp"

#include <stdexcept>
#include <system_error>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "analysis/results/dossier_log.hpp"

namespace twotier::analysis {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kBufferBytes = 1 << 20;
constexpr const char* kDossierHeader =
    "id,unit,procedure,channel,received_at,due_at,completed_at,outcome,"
    "supplement_requested_at,supplement_returned_at\n";
constexpr const char* kStepHeader = "id,step,started_at,ended_at,officer_position\n";
}  // namespace

DossierLogWriter::DossierLogWriter(const model::ModelSpec& spec, const fs::path& folder)
    : spec_(spec) {
  fs::create_directories(folder);
  open(dossier_file_, folder / kDossierLogName, kDossierHeader);
  open(step_file_, folder / kStepLogName, kStepHeader);
}

DossierLogWriter::~DossierLogWriter() {
  if (finished_) return;
  for (File* file : {&dossier_file_, &step_file_}) {
    file->out.close();
    std::error_code ignored;
    fs::remove(file->temporary, ignored);
  }
}

void DossierLogWriter::open(File& file, const fs::path& target, const char* header) {
  file.target = target;
  file.temporary = temporary_path_for(target);
  file.buffer.resize(kBufferBytes);
  // The buffer must be installed before the file is opened to take effect.
  file.out.rdbuf()->pubsetbuf(file.buffer.data(), static_cast<std::streamsize>(kBufferBytes));
  file.out.open(file.temporary, std::ios::binary | std::ios::trunc);
  if (!file.out) throw std::runtime_error("cannot create " + file.temporary.string());
  file.out << header;
}

std::string DossierLogWriter::time_text(sim::Instant t) const {
  return format_log_time(from_instant(t, spec_.epoch_date));
}

void DossierLogWriter::on_step(const model::StepRecord& r) {
  line_ = csv_field(r.dossier);
  line_ += ',';
  line_ += std::to_string(r.step + 1);
  line_ += ',';
  line_ += time_text(r.started);
  line_ += ',';
  line_ += time_text(r.ended);
  line_ += ',';
  if (r.position >= 0) line_ += csv_field(spec_.positions[r.position].id);
  line_ += '\n';
  step_file_.out << line_;
  ++steps_;
}

void DossierLogWriter::on_dossier(const model::DossierRecord& r) {
  auto optional_time = [&](const std::optional<sim::Instant>& t) {
    line_ += ',';
    if (t) line_ += time_text(*t);
  };
  line_ = csv_field(r.id);
  line_ += ',';
  line_ += csv_field(spec_.units[r.unit].id);
  line_ += ',';
  line_ += csv_field(spec_.procedures[r.procedure].id);
  line_ += ',';
  line_ += model::to_string(r.channel);
  line_ += ',';
  line_ += time_text(r.received);
  optional_time(r.due);
  optional_time(r.left);
  line_ += ',';
  line_ += model::to_string(r.outcome);
  optional_time(r.supplement_requested);
  optional_time(r.supplement_returned);
  line_ += '\n';
  dossier_file_.out << line_;
  ++dossiers_;
}

void DossierLogWriter::finish() {
  for (File* file : {&dossier_file_, &step_file_}) {
    file->out.flush();
    if (!file->out) throw std::runtime_error("cannot write " + file->temporary.string());
    file->out.close();
    fs::rename(file->temporary, file->target);
  }
  finished_ = true;
}

}  // namespace twotier::analysis
