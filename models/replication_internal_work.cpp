// Internal work in one replication (models/internal_work.hpp): on each issue day, at the
// opening of the statutory calendar's working day, one task per (stream, unit) is put in the
// queue of its skill, with its appointment `due` working days later. From then on it is a
// dossier of a one-step procedure like any other for the officers (dispatch, absences,
// outages, rework); its KPIs go to the internal scopes only (models/kpi_collector.hpp), and
// it never enters the monthly report, the daily series, the dossier records or the portal's
// overdue flags. Declared in models/replication_parts.hpp.
#include <algorithm>  // std::stable_sort
#include <stdexcept>  // std::out_of_range

#include "models/replication_parts.hpp"

namespace twotier::model::replication_internal {

void Replication::start_internal_work() {
  const InternalWorkSpec& w = spec_.internal_work;
  if (!w.enabled()) return;
  internal_first_ = w.first_procedure;
  const sim::Calendar& cal = statutory_calendar();
  for (std::size_t s = 0; s < w.streams.size(); ++s) {
    const InternalStreamSpec& stream = w.streams[s];
    for (const int unit : stream.units)  // pairs (and their streams) now, not per event
      pair_index(unit, stream.procedure);
    for (const int day : stream.issue_days) {
      const sim::Instant at = cal.next_working_instant(sim::Instant{day * sim::kSecondsPerDay});
      if (at >= spec_.start && at <= spec_.end)
        internal_issues_.push_back({at, static_cast<int>(s)});
    }
  }
  std::stable_sort(internal_issues_.begin(), internal_issues_.end(),
                   [](const InternalIssue& a, const InternalIssue& b) { return a.at < b.at; });
  if (!internal_issues_.empty())
    schedule_at(internal_issues_.front().at, EventKind::kInternalIssue, 0);
}

void Replication::issue_internal(std::uint32_t position) {
  const InternalStreamSpec& stream =
      spec_.internal_work.streams[static_cast<std::size_t>(internal_issues_[position].stream)];
  if (position + 1 < internal_issues_.size())
    schedule_at(internal_issues_[position + 1].at, EventKind::kInternalIssue, position + 1);
  const sim::Instant now = kernel_.now();
  const ProcedureSpec& procedure = spec_.procedures[static_cast<std::size_t>(stream.procedure)];
  sim::Instant due = kNever;
  try {
    due =
        statutory_calendar().deadline_after(now, procedure.deadline_workdays, spec_.deadline_rule);
  } catch (const std::out_of_range&) {  // beyond the calendar, hence after the horizon
  }
  for (const int unit : stream.units) {
    const int pair =
        pair_of_[static_cast<std::size_t>(unit) * spec_.procedures.size() + stream.procedure];
    const std::uint32_t slot = pool_.allocate();
    Dossier& d = pool_[slot];
    d.number = ++next_number_;
    d.unit = unit;
    d.procedure = stream.procedure;
    d.pair = pair;
    d.first_stream = static_cast<std::uint32_t>(pairs_[pair].first_stream);
    d.channel = static_cast<std::uint8_t>(Channel::kInPerson);
    d.in_system = true;
    d.received = d.clock_start = d.phase_start = now;
    kpis_.on_receive(pairs_[pair].scopes, now, true);
    trace(d, "issue", now);
    set_due(slot, due);
    start_step(slot);
  }
}

}  // namespace twotier::model::replication_internal
