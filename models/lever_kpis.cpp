#include "models/lever_kpis.hpp"

#include <limits>

namespace twotier::model {

void LeverKpis::fill(std::vector<KpiRow>& rows, const std::vector<std::string>& scope_names,
                     const ModelSpec& spec, const std::vector<double>& outage_hours) const {
  // Mean outage hours over all units and over the units of each tier.
  double all = 0.0;
  double by_tier[kTierCount] = {0.0, 0.0};
  int count[kTierCount] = {0, 0};
  for (std::size_t u = 0; u < spec.units.size(); ++u) {
    const double h = outage_hours.empty() ? 0.0 : outage_hours[u];
    const int t = static_cast<int>(spec.units[u].tier());
    all += h;
    by_tier[t] += h;
    ++count[t];
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t s = 0; s < rows.size() && s < scopes_.size(); ++s) {
    KpiRow& row = rows[s];
    const Scope& c = scopes_[s];
    auto set = [&row](Metric m, double v) { row[static_cast<int>(m)] = v; };
    set(Metric::kOutageDelayedDossiers, static_cast<double>(c.outage_hit));
    set(Metric::kOverdueTrue, static_cast<double>(c.overdue_true));
    set(Metric::kOverdueFlagged, static_cast<double>(c.overdue_flagged));
    set(Metric::kOnlineShare,
        c.receipts > 0 ? static_cast<double>(c.online) / static_cast<double>(c.receipts) : nan);
    const std::string& name = scope_names[s];
    double hours = nan;
    if (name == "province") {
      hours = spec.units.empty() ? nan : all / static_cast<double>(spec.units.size());
    } else if (name.rfind("tier:", 0) == 0) {
      const int t = name == "tier:commune" ? 0 : 1;
      hours = count[t] > 0 ? by_tier[t] / count[t] : nan;
    } else if (name.rfind("unit:", 0) == 0) {
      for (std::size_t u = 0; u < spec.units.size(); ++u)
        if (name.compare(5, std::string::npos, spec.units[u].id) == 0)
          hours = outage_hours.empty() ? 0.0 : outage_hours[u];
    }
    set(Metric::kOutageHours, hours);
  }
}

}  // namespace twotier::model
