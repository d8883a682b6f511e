// The per-dossier record table of `twotier run --trace`, streamed into an HDF5 file in chunks
// while replications run, then copied into results.h5 as the group /trace (layout in
// docs/output-format.md).
//
// Replications append their finished dossiers in blocks (append() is thread-safe: one mutex
// around the serial HDF5 library); rows are flushed every `chunk_rows` rows, so memory stays
// flat. Row order across replications follows completion order; sort by (replication, row
// within it) for a deterministic order — each replication's own rows keep their order.
// The model-side source of rows is the dossier record sink of models/ (see the lead's notes).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace twotier::analysis {

struct TraceRow {
  std::uint64_t replication = 0;
  std::string id;               // backlog id or "D<n>"
  std::int32_t unit = 0;        // index into /units
  std::int32_t procedure = 0;   // index into the scenario's procedures
  std::string procedure_id;     // its id, for readers without the scenario
  std::string channel;          // in_person, online, post
  double received_days = 0.0;   // days since the start date's midnight
  double due_days = 0.0;        // NaN: no appointment within the calendar
  double completed_days = 0.0;  // when it left; NaN while pending at the horizon
  std::string outcome;          // on_time, late, withdrawn, pending
  double commune_days = 0.0;    // calendar days in steps of the commune tier
  double province_days = 0.0;   // calendar days in steps of the provincial tier
};

// Widths in bytes of the fixed-length string columns id and procedure_id (channel and outcome
// have 10). Fixed-length strings write and compress far faster than variable-length ones.
struct TraceLayout {
  std::size_t id_width = 24;
  std::size_t procedure_id_width = 32;
};

class TraceTableWriter {
 public:
  // Creates `file` (truncating it) with an empty extendible /trace table.
  // Throws std::runtime_error on an HDF5 failure.
  explicit TraceTableWriter(const std::filesystem::path& file, std::size_t chunk_rows = 8192,
                            TraceLayout layout = {});
  ~TraceTableWriter();
  TraceTableWriter(const TraceTableWriter&) = delete;
  TraceTableWriter& operator=(const TraceTableWriter&) = delete;

  // Thread-safe. Rows are buffered and written in chunks of chunk_rows. Throws
  // std::invalid_argument when a string is longer than its column's width.
  void append(std::span<const TraceRow> rows);
  // Writes what is buffered and closes the file. Idempotent.
  void finish();
  std::uint64_t rows_written() const;
  // Wall time spent writing chunks to HDF5 so far (the write cost of the trace).
  double write_seconds() const;
  const std::filesystem::path& file() const { return file_; }

 private:
  struct Impl;
  void flush_locked();

  const std::filesystem::path file_;
  const std::size_t chunk_rows_;
  const TraceLayout layout_;
  mutable std::mutex mutex_;
  std::vector<TraceRow> buffer_;  // guarded by mutex_; chunk_rows_ rows, reused (no allocation
                                  // per row once their strings have grown)
  std::size_t buffered_ = 0;      // guarded by mutex_: rows of buffer_ in use
  std::unique_ptr<Impl> impl_;    // guarded by mutex_; null after finish()
  std::uint64_t written_ = 0;     // guarded by mutex_
  double write_seconds_ = 0.0;    // guarded by mutex_
};

// Copies the group /trace of `trace_file` (a finished TraceTableWriter file) into the open
// HDF5 file `destination` (an hid_t) as /trace. Throws std::runtime_error on failure.
void copy_trace_table(const std::filesystem::path& trace_file, std::int64_t destination);

}  // namespace twotier::analysis
