// Builds DossierRecord / StepRecord values from runtime dossiers and hands them to a sink;
// does nothing without one. Keeps the record-building out of the replication's event loop
// (one call per hook). One per replication; not thread-safe.
#pragma once

#include <string>

#include "models/dossier_pool.hpp"
#include "models/dossier_record.hpp"

namespace twotier::model {

class DossierRecorder {
 public:
  DossierRecorder(const ModelSpec& spec, DossierRecordSink* sink) : spec_(spec), sink_(sink) {}
  bool active() const { return sink_ != nullptr; }

  // A finished step of `d` (its current step), worked by `position` (-1: no officer).
  // (The sink is tested inline: no call per step when nothing is recorded.)
  void step(const Dossier& d, sim::Instant started, sim::Instant ended, int position) {
    if (sink_ != nullptr) record_step(d, started, ended, position);
  }
  // `d` leaves at `at` with `outcome`, or is still open at the horizon (kPending, `at` = the
  // horizon, which ends the current step's share of the tier time).
  void dossier(const Dossier& d, sim::Instant at, DossierOutcome outcome) {
    if (sink_ != nullptr) record_dossier(d, at, outcome);
  }

 private:
  void record_step(const Dossier& d, sim::Instant started, sim::Instant ended, int position);
  void record_dossier(const Dossier& d, sim::Instant at, DossierOutcome outcome);
  std::string_view name_of(const Dossier& d);

  // Constant after construction.
  const ModelSpec& spec_;
  DossierRecordSink* const sink_;
  // Written by the event loop: the id text of the current record.
  std::string name_;
};

}  // namespace twotier::model
