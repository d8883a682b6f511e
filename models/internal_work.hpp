// Internal work streams: recurring non-citizen tasks of a unit's agencies (bookkeeping,
// payroll, month-end and quarter-end closings, budget settlement, reports to the province),
// issued on fixed working days of each week, month, quarter or year, each with its own due
// date (working days after issue). They queue for officers of their skill beside citizen
// dossiers (the same dispatch), so they compete for officers' time; their KPIs are kept in
// scopes of their own (internal, internal_task:<task>, internal_agency:<agency>,
// internal_unit:<unit>, internal:<task>/<agency>) and never in the service scopes.
//
// Read from [tables] internal_work (docs/scenario-format.md "internal_work.csv") by the loader,
// which appends one single-step procedure per (task, agency) at the END of
// ModelSpec::procedures (indices >= first_procedure); read-only afterwards.
#pragma once

#include <climits>  // INT_MAX
#include <string>
#include <string_view>
#include <vector>

#include "sim/calendar.hpp"

namespace twotier::model {

enum class InternalPeriod : std::uint8_t { kWeek, kMonth, kQuarter, kYear };
const char* to_string(InternalPeriod period);

struct InternalStreamSpec {
  int procedure = 0;       // index into ModelSpec::procedures (its one work step: skill, effort)
  int task = 0;            // index into InternalWorkSpec::tasks
  int agency = 0;          // index into InternalWorkSpec::agencies
  std::vector<int> units;  // commune-level units that keep these books, ascending
  std::vector<int> issue_days;  // day indices (since the epoch) it is issued on, ascending
};

struct InternalWorkSpec {
  std::vector<std::string> tasks;     // task ids in table order ("month_end_close", ...)
  std::vector<std::string> agencies;  // agency ids in order of first use ("" = none named)
  std::vector<InternalStreamSpec> streams;
  // Procedures [first_procedure, procedures.size()) are internal; INT_MAX when none.
  int first_procedure = INT_MAX;
  bool enabled() const { return !streams.empty(); }
};

// The working days (day indices of `calendar`) in [first_day, end_day) on which a task of
// `period` with `issue_day` is issued: issue_day > 0 is the n-th working day of each period,
// < 0 the n-th from its end (-1 = the last). Periods that begin before day 0 or end after the
// calendar's last day are skipped when the count runs from that side (they cannot be counted
// whole); a period with fewer working days than |issue_day| issues nothing.
// Weeks run Monday to Sunday; quarters start in January, April, July and October.
std::vector<int> internal_issue_days(const sim::Calendar& calendar, InternalPeriod period,
                                     int issue_day, int first_day, int end_day);

}  // namespace twotier::model
