// Per-unit counts behind the official monthly report and the daily series.
//
// Counts cover the whole run (warm-up included: a report is about months, not a steady
// state). Per unit and month, the identity carried_over + received_new = completed_on_time +
// completed_late + returned_withdrawn + pending_not_due + pending_overdue holds by
// construction: every open dossier is in exactly one pending column at month end and is
// carried into the next month. Day d covers [midnight of the start date + d days, + 1 day),
// the last day and month end at the horizon. Written only by one replication's event loop.
#pragma once

#include <cstdint>
#include <vector>

#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::model {

class UnitReports {
 public:
  UnitReports(const ModelSpec& spec, sim::Instant start, sim::Instant end);

  // A dossier open at the start (backlog snapshot): carried over into the first month.
  void on_carried_in(int unit, bool overdue);
  void on_receive(int unit);
  void on_overdue(int unit);  // an open dossier's appointment passed
  void on_complete(int unit, bool on_time, bool was_overdue);
  void on_withdraw(int unit, bool was_overdue);

  // Dossiers open now at `unit`, and those past their appointment (mobile team rule).
  std::int64_t open(int unit) const { return open_[unit]; }
  std::int64_t overdue_open(int unit) const { return overdue_open_[unit]; }

  // End instants of the days and months, in order (the last ones are the horizon).
  const std::vector<sim::Instant>& day_ends() const { return day_ends_; }
  const std::vector<sim::Instant>& month_ends() const { return month_ends_; }
  // Snapshots the current day / month and starts the next. Call once per end instant, in
  // order, before any other event at that instant.
  void close_day();
  void close_month();

  std::vector<MonthlyReportRow> take_monthly_report() { return std::move(monthly_); }
  DailySeries take_daily() { return std::move(daily_); }

 private:
  // Constant after construction.
  int units_ = 0;
  std::vector<sim::Instant> day_ends_;
  std::vector<sim::Instant> month_ends_;
  std::vector<std::pair<int, int>> months_;  // (year, month) of each month_ends_ entry
  // Written by the event loop.
  std::vector<std::int64_t> open_;          // per unit: in the system now
  std::vector<std::int64_t> overdue_open_;  // per unit: open and past the appointment
  std::vector<MonthlyReportRow> current_;   // per unit: the month being counted
  std::vector<std::int32_t> day_arrivals_;
  std::vector<std::int32_t> day_completions_;
  std::size_t days_closed_ = 0;
  std::size_t months_closed_ = 0;
  std::vector<MonthlyReportRow> monthly_;
  DailySeries daily_;
};

}  // namespace twotier::model
