// The reception desk of a unit (issue 18 item 7): citizens who file in person first take a
// ticket and queue for one of the unit's counters; a visit at a counter lodges the dossier
// (its receipt starts the statutory clock). The desk has a daily ticket cap, and citizens
// have a patience while queueing: one who leaves (patience ran out, or no ticket left) comes
// back on a later working day with probability `return_share`, and otherwise walks away for
// good. Runtime: models/reception_desk.hpp.
// Part of ModelSpec: filled and validated by the loader (models/load_reception.cpp, section
// [reception]), read-only afterwards. Off by default: in-person dossiers are then received
// as soon as the desk opens, as before.
#pragma once

#include <optional>
#include <vector>

#include "sim/distribution.hpp"

namespace twotier::model {

struct ReceptionSpec {
  // Per ModelSpec::units entry: counters open while the unit works; 0 = no desk (in-person
  // dossiers are received directly). Empty = the desk is off everywhere.
  std::vector<int> counters;
  // The time a visit holds a counter, in hours; working time of the unit's calendar when
  // `service_working_time` (a visit in progress at closing resumes at the next opening).
  sim::Distribution service_hours = sim::Distribution::exponential(0.25);
  bool service_working_time = true;
  // Calendar hours a citizen waits for a counter before leaving; none = waits for ever.
  std::optional<sim::Distribution> patience_hours;
  int daily_ticket_cap = 0;   // tickets per unit and calendar day; 0 = no cap
  double return_share = 0.0;  // of the citizens who leave, the share who return another day

  bool enabled() const { return !counters.empty(); }
};

}  // namespace twotier::model
