// What one replication hands to analysis/: flat KPI tables, the monthly report and daily
// series. Plain values, no references into the model, so results can cross threads and
// processes. Every replication of one ModelSpec has the same scopes in the same order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace twotier::model {

// KPIs computed for every scope. Means over dossiers are NaN when a scope completed none.
enum class Metric : std::uint8_t {
  kArrivals,                // dossiers received after warm-up
  kCompleted,               // dossiers whose result was returned
  kOnTimeRate,              // completed on or before the appointment / completed
  kTimeInSystemDaysMean,    // calendar days from receipt to result
  kProcessingWorkdaysMean,  // working days from receipt to result, clock pauses excluded
  kProcessingWorkdaysP50,
  kProcessingWorkdaysP90,
  kProcessingWorkdaysP95,
  kBacklogMean,              // time-average of dossiers in the system
  kBacklogEnd,               // dossiers in the system at the horizon
  kOverdueOpenEnd,           // open dossiers past their appointment at the horizon
  kApologySlips,             // dossiers that became overdue (one slip each)
  kSupplementationRequests,  // incomplete dossiers sent back to the citizen
  kReturnedWithdrawn,        // dossiers withdrawn by the citizen
  kWaitOfficerDaysMean,      // where the time went (calendar days per completed dossier):
  kWorkedDaysMean,           //   being worked by an officer,
  kTransferDaysMean,         //   in transfer between tiers,
  kCitizenDaysMean,          //   with the citizen (supplementation),
  kDelayDaysMean,            //   joint processing with other bodies and field checks
  kLittleLawGap,             // |L - lambda W| / L over the run (a sample-path identity)
  // Levers (models/lever_kpis.hpp).
  kOutageHours,            // working hours the unit's dossier software was down (mean per unit)
  kOutageDelayedDossiers,  // dossiers held or slowed by an outage
  kOverdueTrue,            // completions after the appointment
  kOverdueFlagged,         // completions the portal flags overdue (true + data-sync errors)
  kOnlineShare,            // online receipts / receipts
  // Reception desk (models/reception_desk.hpp); 0 / NaN where no desk is on.
  kDeskVisits,         // citizen visits at a desk (first and repeat, turned away included)
  kDeskRepeatVisits,   // visits of citizens who had left a desk before without lodging
  kDeskAbandoned,      // visits ended by leaving the queue (patience ran out)
  kDeskTurnedAway,     // visits ended because the day's tickets were gone
  kDeskWalkedAway,     // citizens who left for good without lodging their dossier
  kDeskAbandonRate,    // abandoned / (abandoned + reached a counter): P(abandon) of a ticket
  kDeskWaitHoursMean,  // calendar hours from ticket to counter, of those who reached one
};
inline constexpr int kMetricCount = 32;
const char* metric_name(Metric metric);

using KpiRow = std::array<double, kMetricCount>;

// One row of the official monthly report (per unit, per calendar month of the run).
struct MonthlyReportRow {
  int unit = 0;
  int year = 0;
  int month = 0;
  std::int64_t carried_over = 0;
  std::int64_t received_new = 0;
  std::int64_t completed_on_time = 0;  // before or on the appointment
  std::int64_t completed_late = 0;
  std::int64_t returned_withdrawn = 0;
  std::int64_t pending_not_due = 0;  // open at month end, appointment not passed
  std::int64_t pending_overdue = 0;  // open at month end, appointment passed
};

// Daily series at each day's end, per unit (index into ModelSpec::units) and day of the run.
struct DailySeries {
  int days = 0;
  int units = 0;
  // Flattened [day * units + unit].
  std::vector<std::int32_t> arrivals;
  std::vector<std::int32_t> completions;
  std::vector<std::int32_t> backlog;
  std::vector<std::int32_t> overdue;
};

struct ReplicationResult {
  std::uint64_t replication = 0;
  std::vector<std::string> scopes;  // "province", "tier:commune", "unit:<id>", ...
  std::vector<KpiRow> kpis;         // one row per scope
  // Utilisation per ModelSpec::positions entry (busy working time / available working time).
  std::vector<double> position_utilization;
  // Utilisation per officer of the roster (models/roster.hpp effective_roster order): busy
  // working time / working time present (in post, not on leave, not sick).
  std::vector<double> officer_utilization;
  // Per unit: overtime that would have been needed, in hours of mean effort: officer work
  // queued on a working day and not started by that day's close (each task counted once).
  std::vector<double> unit_overtime_hours;
  // The same per ModelSpec::positions entry: the position whose officer took the task (a
  // unit's entries sum to its unit_overtime_hours).
  std::vector<double> position_overtime_hours;
  // Per ModelSpec::positions entry: busy working hours after warm-up its officers spent on
  // secondary skills (helping outside their main skills). Empty when no position has any.
  std::vector<double> position_help_hours;
  // Per position: the chair's reassignments of its officers (moves to or between secondary
  // skills, and back to the main skills) after warm-up ([staff] reassign_days). Empty when no
  // unit with cross-trained officers reviews.
  std::vector<double> position_reassignments;
  // Overtime worked ([overtime], models/overtime_spec.hpp): hours after warm-up that officers
  // spent working past closing, per ModelSpec::positions entry and per roster officer. Empty
  // when no position has an overtime policy.
  std::vector<double> position_overtime_worked_hours;
  std::vector<double> officer_overtime_hours;
  std::vector<MonthlyReportRow> monthly_report;
  DailySeries daily;
  // The same series per domain (index = Domain, `units` = kDomainCount) and per authority tier
  // (index = Tier, `units` = kTierCount); see models/group_daily.hpp.
  DailySeries daily_domain;
  DailySeries daily_tier;
  std::uint64_t events = 0;
  std::uint64_t dossiers = 0;
};

}  // namespace twotier::model
