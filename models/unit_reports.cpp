#include "models/unit_reports.hpp"

#include <cassert>
#include <cmath>  // std::floor

namespace twotier::model {

UnitReports::UnitReports(const ModelSpec& spec, sim::Instant start, sim::Instant end)
    : units_(static_cast<int>(spec.units.size())) {
  assert(end >= start);
  const double first_midnight = std::floor(start.seconds / sim::kSecondsPerDay);
  for (double day = first_midnight + 1;; ++day) {
    const sim::Instant at{day * sim::kSecondsPerDay};
    day_ends_.push_back(at < end ? at : end);
    if (at >= end) break;
  }
  // Month ends: midnight of each first of the month after the start, then the horizon.
  const std::int64_t epoch_serial = sim::days_from_civil(spec.epoch_date);
  sim::CivilDate date =
      sim::civil_from_days(epoch_serial + static_cast<std::int64_t>(first_midnight));
  while (true) {
    const int year = date.year;
    const int month = date.month;
    const sim::CivilDate next_first =
        month == 12 ? sim::CivilDate{year + 1, 1, 1} : sim::CivilDate{year, month + 1, 1};
    const sim::Instant at{static_cast<double>(sim::days_from_civil(next_first) - epoch_serial) *
                          sim::kSecondsPerDay};
    month_ends_.push_back(at < end ? at : end);
    months_.emplace_back(year, month);
    if (at >= end) break;
    date = next_first;
  }
  open_.assign(units_, 0);
  overdue_open_.assign(units_, 0);
  current_.resize(units_);
  for (int u = 0; u < units_; ++u) {
    current_[u].unit = u;
    current_[u].year = months_.front().first;
    current_[u].month = months_.front().second;
  }
  day_arrivals_.assign(units_, 0);
  day_completions_.assign(units_, 0);
  daily_.days = static_cast<int>(day_ends_.size());
  daily_.units = units_;
  const std::size_t cells = day_ends_.size() * static_cast<std::size_t>(units_);
  daily_.arrivals.reserve(cells);
  daily_.completions.reserve(cells);
  daily_.backlog.reserve(cells);
  daily_.overdue.reserve(cells);
  monthly_.reserve(month_ends_.size() * static_cast<std::size_t>(units_));
}

void UnitReports::on_carried_in(int unit, bool overdue) {
  ++open_[unit];
  ++current_[unit].carried_over;
  if (overdue) ++overdue_open_[unit];
}

void UnitReports::on_receive(int unit) {
  ++open_[unit];
  ++current_[unit].received_new;
  ++day_arrivals_[unit];
}

void UnitReports::on_overdue(int unit) {
  ++overdue_open_[unit];
}

void UnitReports::on_complete(int unit, bool on_time, bool was_overdue) {
  --open_[unit];
  if (was_overdue) --overdue_open_[unit];
  ++(on_time ? current_[unit].completed_on_time : current_[unit].completed_late);
  ++day_completions_[unit];
}

void UnitReports::on_withdraw(int unit, bool was_overdue) {
  --open_[unit];
  if (was_overdue) --overdue_open_[unit];
  ++current_[unit].returned_withdrawn;
}

void UnitReports::close_day() {
  assert(days_closed_ < day_ends_.size());
  for (int u = 0; u < units_; ++u) {
    daily_.arrivals.push_back(day_arrivals_[u]);
    daily_.completions.push_back(day_completions_[u]);
    daily_.backlog.push_back(static_cast<std::int32_t>(open_[u]));
    daily_.overdue.push_back(static_cast<std::int32_t>(overdue_open_[u]));
    day_arrivals_[u] = 0;
    day_completions_[u] = 0;
  }
  ++days_closed_;
}

void UnitReports::close_month() {
  assert(months_closed_ < month_ends_.size());
  ++months_closed_;
  const bool more = months_closed_ < months_.size();
  for (int u = 0; u < units_; ++u) {
    MonthlyReportRow& row = current_[u];
    row.pending_overdue = overdue_open_[u];
    row.pending_not_due = open_[u] - overdue_open_[u];
    monthly_.push_back(row);
    if (more) {
      row = MonthlyReportRow{};
      row.unit = u;
      row.year = months_[months_closed_].first;
      row.month = months_[months_closed_].second;
      row.carried_over = open_[u];
    }
  }
}

}  // namespace twotier::model
