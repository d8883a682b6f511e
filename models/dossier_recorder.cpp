#include "models/dossier_recorder.hpp"

#include <charconv>  // std::to_chars
#include <cmath>     // std::isfinite, std::isnan

namespace twotier::model {

const char* to_string(DossierOutcome outcome) {
  switch (outcome) {
    case DossierOutcome::kOnTime:
      return "on_time";
    case DossierOutcome::kLate:
      return "late";
    case DossierOutcome::kReturned:
      return "returned";
    case DossierOutcome::kWithdrawn:
      return "withdrawn";
    case DossierOutcome::kPending:
      return "pending";
  }
  return "pending";
}

std::optional<DossierOutcome> parse_dossier_outcome(std::string_view text) {
  for (DossierOutcome o :
       {DossierOutcome::kOnTime, DossierOutcome::kLate, DossierOutcome::kReturned,
        DossierOutcome::kWithdrawn, DossierOutcome::kPending})
    if (text == to_string(o)) return o;
  return std::nullopt;
}

const char* dossier_outcome_names() {
  return "on_time, late, returned, withdrawn, pending";
}

std::string_view DossierRecorder::name_of(const Dossier& d) {
  if (d.backlog_index >= 0) return spec_.backlog[d.backlog_index].id;
  char buffer[16] = {'D'};
  const std::to_chars_result end = std::to_chars(buffer + 1, buffer + sizeof buffer, d.number);
  name_.assign(buffer, end.ptr);
  return name_;
}

void DossierRecorder::record_step(const Dossier& d, sim::Instant started, sim::Instant ended,
                                  int position) {
  StepRecord r;
  r.dossier = name_of(d);
  r.unit = d.unit;
  r.procedure = d.procedure;
  r.step = d.step;
  r.started = started;
  r.ended = ended;
  r.position = position;
  sink_->on_step(r);
}

void DossierRecorder::record_dossier(const Dossier& d, sim::Instant at, DossierOutcome outcome) {
  auto known = [](sim::Instant t) -> std::optional<sim::Instant> {
    if (std::isnan(t.seconds) || !std::isfinite(t.seconds)) return std::nullopt;
    return t;
  };
  DossierRecord r;
  r.id = name_of(d);
  r.unit = d.unit;
  r.procedure = d.procedure;
  r.channel = static_cast<Channel>(d.channel);
  r.received = d.received;
  r.due = known(d.due);
  if (outcome != DossierOutcome::kPending) r.left = at;
  r.outcome = outcome;
  r.supplement_requested = d.supplement_requested;
  r.supplement_returned = d.supplement_returned;
  double tier_seconds[kTierCount] = {d.tier_seconds[0], d.tier_seconds[1]};
  const auto& steps = spec_.procedures[d.procedure].steps;
  if (outcome == DossierOutcome::kPending && d.phase != Phase::kCitizen &&
      static_cast<std::size_t>(d.step) < steps.size())
    tier_seconds[static_cast<int>(steps[d.step].tier)] += (at - d.step_start).seconds;
  for (int t = 0; t < kTierCount; ++t)
    r.tier_time[t] = sim::Duration{tier_seconds[t]};
  sink_->on_dossier(r);
}

}  // namespace twotier::model
