// The model-side source of the /trace table: a DossierRecordSink that turns one replication's
// DossierRecords into TraceRows and hands them to a shared TraceTableWriter in blocks (one
// lock per block, not per dossier). Memory is one block of rows, reused, whatever the number
// of dossiers. Step records are ignored (the CSV step log has them). One sink per
// replication, used by its thread only; the writer is shared and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/results/trace_table_h5.hpp"
#include "models/dossier_record.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

class TraceRecordSink final : public model::DossierRecordSink {
 public:
  // `spec` and `table` must outlive the sink.
  TraceRecordSink(const model::ModelSpec& spec, std::uint64_t replication, TraceTableWriter& table,
                  std::size_t block_rows = 4096);

  void on_step(const model::StepRecord&) override {}
  void on_dossier(const model::DossierRecord& record) override;

  // Appends the rows still held to the table. Call once the replication has finished (rows
  // of an abandoned replication are simply dropped with the sink).
  void finish();
  std::uint64_t dossiers() const { return dossiers_; }

 private:
  const model::ModelSpec& spec_;
  const std::uint64_t replication_;
  TraceTableWriter& table_;
  const double origin_seconds_;  // 00:00 of the start date, as an Instant
  std::vector<TraceRow> block_;  // reused: its strings keep their capacity
  std::size_t used_ = 0;
  std::uint64_t dossiers_ = 0;
};

// String widths that fit every id and procedure id `spec` can produce ("D<n>" ids, backlog
// ids, procedure ids).
TraceLayout trace_layout_for(const model::ModelSpec& spec);

// Sends every record to two sinks, in order (e.g. the CSV log and the HDF5 trace).
class RecordTee final : public model::DossierRecordSink {
 public:
  RecordTee(model::DossierRecordSink& first, model::DossierRecordSink& second)
      : first_(first), second_(second) {}
  void on_step(const model::StepRecord& r) override {
    first_.on_step(r);
    second_.on_step(r);
  }
  void on_dossier(const model::DossierRecord& r) override {
    first_.on_dossier(r);
    second_.on_dossier(r);
  }

 private:
  model::DossierRecordSink& first_;
  model::DossierRecordSink& second_;
};

}  // namespace twotier::analysis
