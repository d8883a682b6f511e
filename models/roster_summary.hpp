// What the roster of a scenario amounts to, for `twotier check`: how many officers, how many
// are named, part-time, multi-post, ramping up or trained, and the dated headcount changes
// (hires, cuts, transfers) that fall inside the run, derived from the officers' in-post days.
// A pure function of the ModelSpec; no randomness (presence draws are not summarised).
#pragma once

#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

// A net change of officers in post at one unit × position on one day of the run.
struct HeadcountChange {
  int day = 0;       // day index since the simulation epoch
  int position = 0;  // index into ModelSpec::positions (which names its unit)
  int delta = 0;     // officers arriving minus officers leaving; never 0
};

struct RosterSummary {
  int officers = 0;         // every officer of the roster, whenever in post
  int named = 0;            // listed by name in officers.csv (not "<unit>/<position>#<k>")
  int concurrent = 0;       // holding two or more posts
  int part_time = 0;        // dossier share below 1 (part-time or other duties)
  int ramping = 0;          // with a learning curve (ramp_workdays > 0)
  int trained = 0;          // with at least one training effect
  double mean_speed = 1.0;  // of the officers in post at the start
  int in_post_at_start = 0;
  int in_post_at_end = 0;  // on the last day of the run
  // Ordered by day, then position. Officers in post before the start or after the end of the
  // run are not changes.
  std::vector<HeadcountChange> changes;
};

RosterSummary summarize_roster(const ModelSpec& spec);

}  // namespace twotier::model
