// Outputs of the delegation explorer (see delegation_report.hpp).
#include "analysis/reports/delegation_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"

namespace twotier::analysis {
namespace {

namespace fs = std::filesystem;

bool is_rate(DelegationMetric m) {
  return m == DelegationMetric::kOnTimeRate || m == DelegationMetric::kUtilizationCommune ||
         m == DelegationMetric::kUtilizationProvince || m == DelegationMetric::kProvinceOnTimeRate;
}

std::string number(double v, bool percent, bool sign = false) {
  if (std::isnan(v)) return "-";
  char buffer[32];
  if (percent) {
    std::snprintf(buffer, sizeof buffer, sign ? "%+.1f" : "%.1f", 100.0 * v);
  } else {
    std::snprintf(buffer, sizeof buffer, sign ? "%+.2f" : "%.2f", v);
  }
  return buffer;
}

// "97.1 [96.5, 97.7]".
std::string with_interval(const MeanEstimate& e, bool percent) {
  if (!e.has_interval()) return number(e.mean, percent);
  return number(e.mean, percent) + " [" + number(e.ci_low, percent) + ", " +
         number(e.ci_high, percent) + "]";
}

// "+1.2*" (the star: the interval excludes 0).
std::string difference(const std::optional<PairedComparison>& d, bool percent) {
  if (!d) return "";
  return number(d->difference.mean, percent, true) + (d->significant ? "*" : "");
}

// "stay", "follow" or "pool": where the officers of the moved work go.
const char* staff_of(const DelegationOutcome& o) {
  return o.staff_pool ? "pool" : o.staff_follow ? "follow" : "stay";
}

// "+276 added", "207 moved", "0": the officers an option adds or moves.
std::string officers_cell(const DelegationOutcome& o) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on "+" + ...
  std::string text;
  if (o.officers_added != 0) {
    if (o.officers_added > 0) text += '+';
    text += std::to_string(o.officers_added);
    text += " added";
  }
  if (o.officers_moved > 0) {
    if (!text.empty()) text += ", ";
    text += std::to_string(o.officers_moved);
    text += " moved";
  }
  return text.empty() ? "0" : text;
}

// Millions of VND with one decimal, "-" for NaN.
std::string millions(double vnd, bool sign = false) {
  if (std::isnan(vnd)) return "-";
  if (std::isinf(vnd)) return "unbounded";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, sign ? "%+.1f" : "%.1f", vnd / 1.0e6);
  return buffer;
}

std::string pad(const std::string& text, std::size_t width) {
  // Display width: count UTF-8 lead bytes only.
  std::size_t shown = 0;
  for (unsigned char c : text)
    shown += (c & 0xC0) != 0x80;
  return text + std::string(shown < width ? width - shown : 1, ' ');
}

}  // namespace

void write_delegation_outputs(const fs::path& folder, const DelegationExploration& x) {
  fs::create_directories(folder);
  write_text_atomically(folder / "delegation.csv", [&](std::ostream& out) {
    out << kDelegationCsvHeader << '\n';
    for (const auto& domain : x.domains) {
      for (const auto& o : domain.outcomes) {
        for (int m = 0; m < kDelegationMetricCount; ++m) {
          const MeanEstimate& e = o.estimate[m];
          out << model::to_string(domain.domain) << ',' << csv_field(o.option) << ','
              << (o.is_current ? 1 : 0) << ',' << metric_name(static_cast<DelegationMetric>(m))
              << ',' << csv_number(e.mean) << ',' << csv_number(e.ci_low) << ','
              << csv_number(e.ci_high) << ',';
          if (const auto& d = o.difference[m]) {
            out << csv_number(d->difference.mean) << ',' << csv_number(d->difference.low) << ','
                << csv_number(d->difference.high) << ',' << (d->significant ? 1 : 0) << ',' << e.n
                << ',' << csv_number(d->adjusted_level) << '\n';
          } else {
            out << ",,,0," << e.n << ',' << csv_number(x.confidence) << '\n';
          }
        }
      }
    }
  });
  write_text_atomically(folder / "delegation_staffing.csv", [&](std::ostream& out) {
    out << kDelegationStaffingCsvHeader << '\n';
    for (const auto& domain : x.domains) {
      for (const auto& o : domain.outcomes) {
        for (int t = 0; t < model::kTierCount; ++t) {
          const TierOfficers& f = o.officers[t];
          out << model::to_string(domain.domain) << ',' << csv_field(o.option) << ','
              << (o.is_current ? 1 : 0) << ',' << model::to_string(static_cast<model::Tier>(t))
              << ',' << f.current << ',' << f.erlang_c << ',' << f.erlang_c - f.current << ','
              << f.erlang_c_peak << ',' << f.square_root << ',' << o.pool_officers << ','
              << csv_number(x.staffing_level) << ',' << csv_field(kDelegationStaffingMethod) << ','
              << csv_field(describe(x.target)) << ',' << (o.target_met ? 1 : 0) << ','
              << o.officers_moved << '\n';
        }
      }
    }
  });
  write_text_atomically(folder / "delegation_costs.csv", [&](std::ostream& out) {
    out << kDelegationCostsCsvHeader << '\n';
    for (const auto& domain : x.domains) {
      for (const auto& o : domain.outcomes) {
        out << model::to_string(domain.domain) << ',' << csv_field(o.option) << ','
            << (o.is_current ? 1 : 0) << ',' << staff_of(o) << ',' << o.officers_moved << ','
            << o.officers_added << ',' << csv_number(o.yearly_cost) << ','
            << csv_number(o.cost_per_point.value) << ',' << csv_number(o.cost_per_point.low) << ','
            << csv_number(o.cost_per_point.high) << '\n';
      }
    }
  });
  write_text_atomically(folder / "delegation_notes.txt", [&](std::ostream& out) {
    out << "scenario: " << x.scenario_name << "\nseed: " << x.seed
        << " (every option on the same seed and replication indices: common random numbers)"
        << "\nreplications: " << x.replications << "\nconfidence: " << x.confidence
        << "\ntarget: " << describe(x.target) << "\nofficers needed: " << kDelegationStaffingMethod
        << ", service level " << x.staffing_level << "\n";
    for (const auto& domain : x.domains) {
      out << "\n" << model::to_string(domain.domain) << ": now " << domain.current << "\n";
      for (const auto& o : domain.outcomes) {
        if (o.is_current) continue;
        out << "  " << o.option << ":";
        for (const auto& line : o.overrides)
          out << " --set " << line;
        if (o.pool_officers > 0) out << " (pools add " << o.pool_officers << " officers)";
        if (o.staff_follow) out << " (" << o.officers_moved << " officers follow the work)";
        if (o.staff_pool)
          out << " (" << o.officers_moved << " officers move into the delegated-work pool)";
        out << "\n";
      }
      for (const auto& reason : domain.unavailable)
        out << "  left out: " << reason << "\n";
    }
    for (const auto& why : x.skipped)
      out << "\nskipped: " << why << "\n";
  });
}

std::string format_delegation_table(const DelegationExploration& x) {
  std::ostringstream out;
  char level[16];
  std::snprintf(level, sizeof level, "%.0f%%", 100.0 * x.confidence);
  out << "Delegation options for " << x.scenario_name << ": " << x.replications
      << " replications each, seed " << x.seed << " (common random numbers), " << level
      << " intervals; delta = option - the scenario as it is, '*' = its interval (Bonferroni "
         "over the domain's options) excludes 0.\n"
      << "Officers estimated (" << kDelegationStaffingMethod
      << "; an estimate, not simulated: `twotier staff` on the option confirms a need), service "
         "level "
      << number(x.staffing_level, true) << "%; target " << describe(x.target)
      << " judged on the domain's KPI.\n"
      << "Officers: added to the scenario's (pools) / moved with the work (+staff: to the "
         "units, +pool: into a mobile pool); cost/yr: the option's yearly cost against now, "
         "million VND ([costs]); per pt: million VND per point of the domain's on-time rate "
         "gained.\n";
  const std::vector<std::pair<std::string, std::size_t>> columns = {{"option", 17},
                                                                    {"on-time %", 22},
                                                                    {"delta", 8},
                                                                    {"proc. wd", 19},
                                                                    {"delta", 8},
                                                                    {"transfers", 7},
                                                                    {"delta", 8},
                                                                    {"util C %", 9},
                                                                    {"util P %", 9},
                                                                    {"officers C/P now", 17},
                                                                    {"Erlang C est. C/P", 18},
                                                                    {"officers", 22},
                                                                    {"cost/yr", 10},
                                                                    {"per pt", 9},
                                                                    {"target", 6}};
  for (const auto& domain : x.domains) {
    out << "\n" << model::to_string(domain.domain) << " (now: " << domain.current << ")\n";
    for (const auto& [name, width] : columns)
      out << pad(name, width);
    out << "\n";
    for (const auto& o : domain.outcomes) {
      auto e = [&](DelegationMetric m) { return o.estimate[static_cast<int>(m)]; };
      auto d = [&](DelegationMetric m) {
        return difference(o.difference[static_cast<int>(m)], is_rate(m));
      };
      const auto& c = o.officers[static_cast<int>(model::Tier::kCommune)];
      const auto& p = o.officers[static_cast<int>(model::Tier::kProvince)];
      const std::vector<std::string> cells = {
          o.option + (o.is_current ? " (now)" : ""),
          with_interval(e(DelegationMetric::kOnTimeRate), true),
          d(DelegationMetric::kOnTimeRate),
          with_interval(e(DelegationMetric::kProcessingWorkdays), false),
          d(DelegationMetric::kProcessingWorkdays),
          number(e(DelegationMetric::kTransfersPerDossier).mean, false),
          d(DelegationMetric::kTransfersPerDossier),
          number(e(DelegationMetric::kUtilizationCommune).mean, true),
          number(e(DelegationMetric::kUtilizationProvince).mean, true),
          std::to_string(c.current) + "/" + std::to_string(p.current),
          std::to_string(c.erlang_c) + "/" + std::to_string(p.erlang_c),
          officers_cell(o),
          millions(o.yearly_cost, !o.is_current),
          millions(o.cost_per_point.value),
          o.target_met ? "met" : "not"};
      for (std::size_t i = 0; i < cells.size(); ++i)
        out << pad(cells[i], columns[i].second);
      out << "\n";
    }
    for (const auto& reason : domain.unavailable)
      out << "  left out: " << reason << "\n";
  }
  for (const auto& why : x.skipped)
    out << "\nskipped: " << why << "\n";
  if (x.domains.empty()) out << "\nNo domain has an authority option to switch to.\n";
  return out.str();
}

}  // namespace twotier::analysis
