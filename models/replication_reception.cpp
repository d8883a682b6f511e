// The reception desk's events in one replication (models/reception_desk.hpp decides, this file
// schedules): citizens filing in person at a unit with counters take a ticket when the desk is
// open, wait for a counter or leave when their patience runs out, and lodge their dossier at
// the end of the visit (admit: the statutory clock starts then). Those who leave may come back
// on the unit's next working day, at a time drawn uniformly over that day's first standard
// working day of hours. Declared in models/replication_parts.hpp.
#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {

void Replication::come_to_desk(int pair) {
  const int unit = pairs_[pair].unit;
  const std::uint32_t citizen = desk_.arrive(pair, unit, pairs_[pair].scopes);
  const sim::Instant now = kernel_.now();
  const sim::Instant open = next_working_at(unit, now);
  if (open > now) {
    if (open > spec_.end) {
      desk_.release(citizen);  // the desk opens after the horizon
      return;
    }
    schedule_at(open, EventKind::kDeskJoin, citizen);
  } else {
    desk_join(citizen);
  }
}

void Replication::desk_join(std::uint32_t citizen) {
  const sim::Instant now = kernel_.now();
  switch (desk_.join(citizen, now, day_of(now))) {
    case ReceptionDesk::Joined::kServed:
      start_counter(citizen);
      break;
    case ReceptionDesk::Joined::kQueued:
      if (desk_.has_patience()) {
        const double hours = std::max(0.0, desk_.patience_hours(citizen));
        const sim::Instant leaves = now + sim::Duration{hours * sim::kSecondsPerHour};
        if (leaves <= spec_.end)
          desk_.set_abandon_sequence(
              citizen, kernel_.schedule(leaves, handler_, pack(EventKind::kDeskAbandon, citizen),
                                        kPriorityFlow));
      }
      break;
    case ReceptionDesk::Joined::kTurnedAway:
      desk_leave(citizen);
      break;
  }
}

void Replication::start_counter(std::uint32_t citizen) {
  const sim::Instant now = kernel_.now();
  const double seconds = std::max(0.0, desk_.service_hours(citizen)) * sim::kSecondsPerHour;
  const sim::Instant done = desk_.service_working_time()
                                ? add_work_or_never(calendar_of(desk_.unit(citizen)), now, seconds)
                                : now + sim::Duration{seconds};
  schedule_at(done, EventKind::kDeskDone, citizen);
}

void Replication::on_desk_done(std::uint32_t citizen) {
  const int pair = desk_.pair(citizen);
  const std::uint32_t next = desk_.finish(citizen, kernel_.now());
  desk_.release(citizen);
  admit(pair, Channel::kInPerson, kernel_.now());
  if (next != ReceptionDesk::kNone) start_counter(next);
}

void Replication::on_desk_abandon(std::uint32_t citizen, std::uint64_t sequence) {
  if (desk_.abandon(citizen, sequence)) desk_leave(citizen);
}

void Replication::desk_leave(std::uint32_t citizen) {
  if (!desk_.leave(citizen)) return;  // walked away for good
  const int unit = desk_.unit(citizen);
  const sim::Instant tomorrow{(day_of(kernel_.now()) + 1) * sim::kSecondsPerDay};
  const sim::Instant open = next_working_at(unit, tomorrow);
  const double into_day = desk_.return_stream(unit).uniform01() *
                          standard_day_[static_cast<std::size_t>(spec_.units[unit].calendar)];
  const sim::Instant back =
      open == kNever ? kNever : add_work_or_never(calendar_of(unit), open, into_day);
  if (back > spec_.end) {
    desk_.release(citizen);  // comes back after the horizon
    return;
  }
  schedule_at(back, EventKind::kDeskJoin, citizen);
}

}  // namespace twotier::model::replication_internal
