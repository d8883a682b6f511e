// Daily series per domain and per tier, the companions of UnitReports' per-unit series.
//
// A dossier counts in the domain of its procedure and in the tier of its procedure's
// authority (the same grouping as the KPI scopes "domain:<name>" and "tier:<name>"), so the
// domain series and the tier series each sum to the per-unit series day by day. Same day
// boundaries and conventions as UnitReports (whole run, warm-up included; completions exclude
// withdrawals). Written only by one replication's event loop.
#pragma once

#include <cstdint>
#include <vector>

#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::model {

class GroupDaily {
 public:
  // `days`: the number of day ends (UnitReports::day_ends().size()).
  GroupDaily(const ModelSpec& spec, int days);

  void on_carried_in(int procedure, bool overdue);
  void on_receive(int procedure);
  void on_overdue(int procedure);
  void on_leave(int procedure, bool completed, bool was_overdue);
  // Snapshots the day; call exactly when UnitReports::close_day is called.
  void close_day();

  DailySeries take_domain() { return std::move(domain_.series); }  // "units" = kDomainCount
  DailySeries take_tier() { return std::move(tier_.series); }      // "units" = kTierCount

 private:
  struct Groups {
    Groups(int groups, int days);
    void close_day();
    std::vector<std::int64_t> open, overdue_open;
    std::vector<std::int32_t> day_arrivals, day_completions;
    DailySeries series;
  };
  // Constant after construction.
  std::vector<int> domain_of_;  // per procedure
  std::vector<int> tier_of_;    // per procedure (authority)
  // Written by the event loop.
  Groups domain_;
  Groups tier_;
};

}  // namespace twotier::model
