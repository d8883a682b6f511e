// Outputs of the delegation explorer (see delegation_report.hpp).
#include "analysis/reports/delegation_report.hpp"

#include <algorithm>
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

// "96.2 [95.4, 97.0]" in the metric's units (percent for fractions).
std::string need_value(const MeanEstimate& e, const Target& target) {
  const bool percent = is_fraction_metric(model::metric_name(target.metric));
  return with_interval(e, percent);
}

// How the need was found, for the notes and the table. REQUIRES: x.need.
std::string need_method(const DelegationExploration& x) {
  return "officers each option needs for " + describe(*x.need) +
         " on the domain's dossiers, simulated: the staffing search of `twotier staff` on the "
         "option (scope domain:<name>: the receiving communes' and the department's positions "
         "of the domain's work; the Erlang C start plus up to " +
         std::to_string(x.need_max_added) +
         " greedy additions, cut back to the fewest), confirmed on fresh replications";
}

// The `twotier staff` command that runs the same need search by hand (the same answer with the
// same seed and replications).
std::string staff_command(const DelegationExploration& x, const DomainExploration& domain,
                          const DelegationOutcome& o) {
  std::string text = "twotier staff SCENARIO";
  for (const auto& line : o.overrides)
    text += " --set " + line;
  text += " --scope domain:";
  text += model::to_string(domain.domain);
  text += " --target \"" + x.need->text + "\" --reps " + std::to_string(x.replications) +
          " --max-added " + std::to_string(x.need_max_added);
  if (x.confidence != 0.95) text += " --confidence " + csv_number(x.confidence);
  return text;
}

}  // namespace

std::string need_cell(const DelegationNeed& need, const Target& target, int max_added) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on "+" + ...
  std::string text;
  switch (need.outcome) {
    case GroupOutcome::kAlreadyMet:
      text = "0 (met: ";
      text += need_value(need.now, target);
      text += ')';
      return text;
    case GroupOutcome::kNeeds:
      text += '+';
      text += std::to_string(need.officers_added);
      text += " (";
      text += need_value(need.with, target);
      text += ')';
      return text;
    case GroupOutcome::kNotReached:
      // What was tried: the Erlang C start plus up to max_added greedy additions.
      text = "not found within +";
      text += std::to_string(std::max(need.officers_tried, 0));
      text += " (max-added ";
      text += std::to_string(max_added);
      text += ')';
      return text;
    case GroupOutcome::kUndecided:
      break;
  }
  text = "undecided (";
  text += need_value(need.now, target);
  text += ')';
  return text;
}

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
  if (x.need) {
    write_text_atomically(folder / "delegation_need.csv", [&](std::ostream& out) {
      out << kDelegationNeedCsvHeader << '\n';
      for (const auto& domain : x.domains) {
        for (const auto& o : domain.outcomes) {
          if (!o.need) continue;
          const DelegationNeed& n = *o.need;
          const bool known =
              n.outcome == GroupOutcome::kAlreadyMet || n.outcome == GroupOutcome::kNeeds;
          out << model::to_string(domain.domain) << ',' << csv_field(o.option) << ','
              << (o.is_current ? 1 : 0) << ',' << csv_field(describe(*x.need)) << ','
              << outcome_name(n.outcome) << ',' << n.positions << ',' << n.officers_now << ',';
          if (known)
            out << n.officers_added << ',' << n.officers_now + n.officers_added;
          else
            out << ',';
          out << ',' << n.officers_tried << ',' << csv_number(n.now.mean) << ','
              << csv_number(n.now.ci_low) << ',' << csv_number(n.now.ci_high) << ',';
          if (known) {
            out << csv_number(n.with.mean) << ',' << csv_number(n.with.ci_low) << ','
                << csv_number(n.with.ci_high);
          } else {
            out << ",,";
          }
          out << ',' << n.replications << ',' << x.need_max_added << ','
              << csv_number(n.yearly_cost) << ',' << n.evaluations << ','
              << csv_number(n.wall_seconds) << ',' << csv_field(n.added_at) << '\n';
        }
      }
    });
  }
  write_text_atomically(folder / "delegation_notes.txt", [&](std::ostream& out) {
    out << "scenario: " << x.scenario_name << "\nseed: " << x.seed
        << " (every option on the same seed and replication indices: common random numbers)"
        << "\nreplications: " << x.replications << "\nconfidence: " << x.confidence
        << "\ntarget: " << describe(x.target);
    if (x.need) {
      out << "\nofficers needed: " << need_method(x) << "; "
          << static_cast<long>(x.need_wall_seconds + 0.5) << " s for all the searches"
          << "\nErlang C (delegation_staffing.csv): " << kDelegationStaffingMethod
          << ", service level " << x.staffing_level << ": an estimate, not simulated\n";
    } else {
      out << "\nofficers needed: not simulated (add --need TARGET, e.g. --need "
             "\"on_time_rate>=0.95\", to find them by the staffing search); "
             "delegation_staffing.csv holds only the Erlang C estimate ("
          << kDelegationStaffingMethod << ", service level " << x.staffing_level << ")\n";
    }
    for (const auto& domain : x.domains) {
      out << "\n" << model::to_string(domain.domain) << ": now " << domain.current << "\n";
      if (x.need)
        out << "  need as it is: " << staff_command(x, domain, domain.outcomes.front()) << "\n";
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
        if (x.need) out << "    need: " << staff_command(x, domain, o) << "\n";
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
      << "Target " << describe(x.target) << " judged on the domain's KPI.\n";
  if (x.need) {
    out << "Need: " << need_method(x)
        << "; +N (KPI with them [interval]), 0 (met as staffed), 'not found within +T' (T "
           "officers tried, none confirmed to meet it), or 'undecided'. Erlang C est.: an "
           "analytic estimate per tier at service level "
        << number(x.staffing_level, true) << "%, not simulated, not a need.\n";
  } else {
    out << "Officers each option needs: not simulated here; add --need \"on_time_rate>=0.95\" "
           "(any target) to find them by the staffing search, confirmed on fresh "
           "replications.\n";
  }
  out << "Officers: added to the scenario's (pools) / moved with the work (+staff: to the "
         "units, +pool: into a mobile pool); cost/yr: the option's yearly cost against now, "
         "million VND ([costs]); per pt: million VND per point of the domain's on-time rate "
         "gained.\n";
  std::vector<std::pair<std::string, std::size_t>> columns = {{"option", 17},
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
  // The Erlang C estimate only beside the simulated need (never alone as a "need").
  const std::size_t erlang_column = 10;
  if (x.need) {
    columns.push_back({"need (simulated)", 28});
  } else {
    columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(erlang_column));
  }
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
      std::vector<std::string> cells = {
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
      if (x.need) {
        cells.push_back(o.need ? need_cell(*o.need, *x.need, x.need_max_added) : "-");
      } else {
        cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(erlang_column));
      }
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
