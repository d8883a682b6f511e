#include "analysis/results/trace_record_sink.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace twotier::analysis {

TraceRecordSink::TraceRecordSink(const model::ModelSpec& spec, std::uint64_t replication,
                                 TraceTableWriter& table, std::size_t block_rows)
    : spec_(spec),
      replication_(replication),
      table_(table),
      origin_seconds_(std::floor(spec.start.days()) * sim::kSecondsPerDay),
      block_(block_rows > 0 ? block_rows : 1) {}

void TraceRecordSink::on_dossier(const model::DossierRecord& r) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const auto days = [this](sim::Instant t) {
    return (t.seconds - origin_seconds_) / sim::kSecondsPerDay;
  };
  TraceRow& row = block_[used_];
  row.replication = replication_;
  row.id.assign(r.id);
  row.unit = r.unit;
  row.procedure = r.procedure;
  row.procedure_id.assign(spec_.procedures[static_cast<std::size_t>(r.procedure)].id);
  row.channel.assign(model::to_string(r.channel));
  row.received_days = days(r.received);
  row.due_days = r.due ? days(*r.due) : kNaN;
  row.completed_days = r.left ? days(*r.left) : kNaN;
  row.outcome.assign(model::to_string(r.outcome));
  row.commune_days = r.tier_time[static_cast<int>(model::Tier::kCommune)].days();
  row.province_days = r.tier_time[static_cast<int>(model::Tier::kProvince)].days();
  ++dossiers_;
  if (++used_ == block_.size()) {
    table_.append(block_);
    used_ = 0;
  }
}

TraceLayout trace_layout_for(const model::ModelSpec& spec) {
  TraceLayout layout;
  layout.id_width = 11;  // "D" and a 32-bit dossier number
  for (const model::BacklogDossier& b : spec.backlog)
    layout.id_width = std::max(layout.id_width, b.id.size());
  layout.procedure_id_width = 1;
  for (const model::ProcedureSpec& p : spec.procedures)
    layout.procedure_id_width = std::max(layout.procedure_id_width, p.id.size());
  return layout;
}

void TraceRecordSink::finish() {
  if (used_ > 0) table_.append(std::span<const TraceRow>(block_.data(), used_));
  used_ = 0;
}

}  // namespace twotier::analysis
