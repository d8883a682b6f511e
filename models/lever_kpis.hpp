// The lever KPIs of one replication (appended Metrics from kOutageHours on): per scope,
// dossiers held or slowed by outages, completions truly overdue and flagged overdue by the
// portal (true + data-sync errors), receipts and online receipts. Same scopes and window
// convention as KpiCollector (models/kpi_collector.hpp); outage hours come from ItPlatform
// and are written per unit scope, averaged over units for province and tier scopes.
// Written only by one replication's event loop.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/kpi_collector.hpp"

namespace twotier::model {

class LeverKpis {
 public:
  explicit LeverKpis(std::size_t scopes) : scopes_(scopes) {}

  void reset() { std::fill(scopes_.begin(), scopes_.end(), Scope{}); }
  void on_receive(const ScopeSet& scopes, bool online) {
    for (std::int32_t s : scopes) {
      ++scopes_[s].receipts;
      if (online) ++scopes_[s].online;
    }
  }
  void on_outage_hit(const ScopeSet& scopes) {
    for (std::int32_t s : scopes)
      ++scopes_[s].outage_hit;
  }
  void on_complete(const ScopeSet& scopes, bool truly_late, bool flagged) {
    for (std::int32_t s : scopes) {
      if (truly_late) ++scopes_[s].overdue_true;
      if (flagged) ++scopes_[s].overdue_flagged;
    }
  }
  // Writes the lever metrics into `rows` (one per scope, names as KpiCollector gives them).
  // `outage_hours` has one entry per unit (empty when outages are off: the hours are 0).
  void fill(std::vector<KpiRow>& rows, const std::vector<std::string>& scope_names,
            const ModelSpec& spec, const std::vector<double>& outage_hours) const;

 private:
  struct Scope {
    std::int64_t receipts = 0;
    std::int64_t online = 0;
    std::int64_t outage_hit = 0;
    std::int64_t overdue_true = 0;
    std::int64_t overdue_flagged = 0;
  };
  std::vector<Scope> scopes_;
};

}  // namespace twotier::model
