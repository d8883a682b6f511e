// Variants for the delegation explorer (see delegation_variants.hpp).
#include "analysis/decisions/delegation_variants.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/decisions/analytic_staffing.hpp"
#include "analysis/results/atomic_file.hpp"
#include "analysis/results/csv_format.hpp"
#include "models/offered_load.hpp"

namespace twotier::analysis {
namespace {

namespace fs = std::filesystem;
using model::Domain;
using model::ModelSpec;
using model::StepKind;
using model::Tier;

// Procedures that receive dossiers, by index.
std::vector<bool> active_procedures(const ModelSpec& spec) {
  std::vector<bool> active(spec.procedures.size(), false);
  if (spec.replay.empty()) {
    for (const auto& a : spec.arrivals)
      if (a.per_day > 0) active[static_cast<std::size_t>(a.procedure)] = true;
  }
  for (const auto& r : spec.replay)
    active[static_cast<std::size_t>(r.procedure)] = true;
  for (const auto& b : spec.backlog)
    active[static_cast<std::size_t>(b.procedure)] = true;
  return active;
}

std::set<int> commune_work_skills(const ModelSpec& spec, const std::vector<bool>& active,
                                  Domain domain, bool of_domain) {
  std::set<int> skills;
  for (std::size_t p = 0; p < spec.procedures.size(); ++p) {
    const auto& procedure = spec.procedures[p];
    if (!active[p] || (procedure.domain == domain) != of_domain) continue;
    for (const auto& step : procedure.steps)
      if (step.kind == StepKind::kWork && step.tier == Tier::kCommune) skills.insert(step.skill);
  }
  return skills;
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names)
    text += (text.empty() ? "" : ", ") + n;
  return text;
}

// Groups of up to `size` units: each group starts at the first ungrouped unit and takes its
// ungrouped neighbours (the scenario's neighbours table) in order, else the next units.
std::vector<std::vector<int>> group_units(const ModelSpec& spec, const std::vector<int>& units,
                                          int size) {
  std::vector<std::vector<int>> groups;
  std::set<int> grouped;
  const std::set<int> candidates(units.begin(), units.end());
  const bool by_neighbours = !spec.levers.neighbours.empty();
  for (std::size_t i = 0; i < units.size(); ++i) {
    const int u = units[i];
    if (grouped.count(u)) continue;
    std::vector<int> group{u};
    grouped.insert(u);
    if (by_neighbours) {
      for (int v : spec.levers.neighbours[static_cast<std::size_t>(u)]) {
        if (static_cast<int>(group.size()) >= size) break;
        if (candidates.count(v) && !grouped.count(v)) {
          group.push_back(v);
          grouped.insert(v);
        }
      }
    } else {
      for (std::size_t j = i + 1; j < units.size() && static_cast<int>(group.size()) < size; ++j) {
        if (grouped.count(units[j])) continue;
        group.push_back(units[j]);
        grouped.insert(units[j]);
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

std::string join_ids(const ModelSpec& spec, const std::vector<int>& indices, bool skills) {
  std::string text;
  for (int i : indices) {
    text += text.empty() ? "" : ";";
    text += skills ? spec.skills[static_cast<std::size_t>(i)]
                   : spec.units[static_cast<std::size_t>(i)].id;
  }
  return text;
}

std::optional<ModelSpec> load_or_reason(const fs::path& scenario, model::LoadOptions load,
                                        std::string& reason) {
  try {
    return model::load_scenario(scenario, load);
  } catch (const model::ScenarioError& e) {
    reason = e.what();
    return std::nullopt;
  }
}

}  // namespace

const char* to_string(DelegationOption option) {
  switch (option) {
    case DelegationOption::kCommune:
      return "commune";
    case DelegationOption::kProvince:
      return "province";
    case DelegationOption::kDelegated:
      return "delegated";
    case DelegationOption::kPool:
      return "pool";
  }
  return "?";
}

std::optional<DelegationOption> parse_delegation_option(std::string_view text) {
  for (int o = 0; o < kDelegationOptionCount; ++o)
    if (text == to_string(static_cast<DelegationOption>(o)))
      return static_cast<DelegationOption>(o);
  return std::nullopt;
}

const char* delegation_option_names() {
  return "commune, province, delegated, pool";
}

std::vector<Domain> active_domains(const ModelSpec& spec) {
  const std::vector<bool> active = active_procedures(spec);
  std::set<int> domains;
  for (std::size_t p = 0; p < spec.procedures.size(); ++p)
    if (active[p]) domains.insert(static_cast<int>(spec.procedures[p].domain));
  std::vector<Domain> out;
  for (int d : domains)
    out.push_back(static_cast<Domain>(d));
  return out;
}

std::vector<int> receiving_units(const ModelSpec& spec, Domain domain) {
  std::set<int> units;
  auto take = [&](int unit, int procedure) {
    if (spec.procedures[static_cast<std::size_t>(procedure)].domain == domain &&
        spec.units[static_cast<std::size_t>(unit)].tier() == Tier::kCommune)
      units.insert(unit);
  };
  if (spec.replay.empty()) {
    for (const auto& a : spec.arrivals)
      if (a.per_day > 0) take(a.unit, a.procedure);
  }
  for (const auto& r : spec.replay)
    take(r.unit, r.procedure);
  for (const auto& b : spec.backlog)
    take(b.unit, b.procedure);
  return {units.begin(), units.end()};
}

std::vector<int> domain_pool_skills(const ModelSpec& spec, Domain domain) {
  const std::vector<bool> active = active_procedures(spec);
  const std::set<int> own = commune_work_skills(spec, active, domain, true);
  const std::set<int> others = commune_work_skills(spec, active, domain, false);
  std::vector<int> skills;
  for (int s : own)
    if (s != spec.levers.front_office_skill && !others.count(s)) skills.push_back(s);
  return skills;
}

std::string current_authority(const ModelSpec& spec, Domain domain) {
  const std::vector<bool> active = active_procedures(spec);
  std::set<std::string> seen;
  for (std::size_t p = 0; p < spec.procedures.size(); ++p) {
    const auto& procedure = spec.procedures[p];
    if (procedure.domain != domain || !active[p]) continue;
    const bool delegated =
        std::any_of(procedure.steps.begin(), procedure.steps.end(),
                    [](const model::StepSpec& s) { return s.name == "delegated_approval"; });
    seen.insert(delegated ? "delegated" : model::to_string(procedure.authority));
  }
  if (seen.size() != 1) return "mixed";
  const std::string how = *seen.begin();
  if (how != "commune") return how;
  const std::vector<int> skills = domain_pool_skills(spec, domain);
  const bool pooled = !skills.empty() && std::all_of(skills.begin(), skills.end(), [&](int s) {
    return std::any_of(spec.levers.pools.begin(), spec.levers.pools.end(), [&](const auto& p) {
      return std::find(p.skills.begin(), p.skills.end(), s) != p.skills.end();
    });
  });
  return pooled ? "pool" : how;
}

DelegationVariant build_delegation_variant(const fs::path& scenario, const model::LoadOptions& base,
                                           const ModelSpec& base_spec, Domain domain,
                                           DelegationOption option, const fs::path& pool_folder,
                                           const PoolSettings& settings, std::string_view staff) {
  DelegationVariant variant;
  variant.domain = domain;
  variant.option = option;
  const std::string domain_name = model::to_string(domain);
  const std::string authority = option == DelegationOption::kPool ? "commune" : to_string(option);
  variant.overrides.push_back("delegation." + domain_name + "=" + authority);
  if (!staff.empty() && option != DelegationOption::kPool)
    variant.overrides.push_back("delegation.staff=" + std::string(staff));
  model::LoadOptions load = base;
  load.overrides.insert(load.overrides.end(), variant.overrides.begin(), variant.overrides.end());
  std::string reason;
  std::optional<ModelSpec> switched = load_or_reason(scenario, load, reason);
  if (!switched) {
    variant.unavailable = std::string(to_string(option)) + ": the scenario cannot decide " +
                          domain_name + " this way: " + reason;
    return variant;
  }
  if (option != DelegationOption::kPool) {
    variant.spec = std::move(switched);
    return variant;
  }

  // Pools: the domain decided at the commune, its own commune skills served by pools.
  const std::vector<int> skills = domain_pool_skills(*switched, domain);
  if (skills.empty()) {
    std::vector<std::string> names;
    for (int s : commune_work_skills(*switched, active_procedures(*switched), domain, true))
      names.push_back(switched->skills[static_cast<std::size_t>(s)]);
    variant.unavailable = "pool: cannot be expressed for " + domain_name +
                          ": a pool serves skills, not domains, and every commune skill of " +
                          domain_name + " (" + join(names) +
                          ") is the front office or also serves other domains";
    return variant;
  }
  for (const auto& pool : base_spec.levers.pools) {
    for (int s : skills) {
      if (std::find(pool.skills.begin(), pool.skills.end(), s) != pool.skills.end()) {
        variant.unavailable = "pool: the scenario already pools skill '" +
                              switched->skills[static_cast<std::size_t>(s)] + "' (pool '" +
                              pool.id + "'); compare the scenario as it is instead";
        return variant;
      }
    }
  }
  const std::vector<int> units = receiving_units(*switched, domain);
  // Offered load of the pooled skills per unit, in officers (demand / one officer's hours).
  std::map<int, double> load_of_unit;
  for (const model::SkillLoad& l : model::offered_load(*switched)) {
    if (std::find(skills.begin(), skills.end(), l.skill) == skills.end()) continue;
    if (l.full_time_hours_per_week > 0)
      load_of_unit[l.unit] += l.demand_hours_per_week / l.full_time_hours_per_week;
  }
  std::vector<int> loaded;
  for (int u : units)
    if (load_of_unit[u] > 0) loaded.push_back(u);
  if (loaded.empty()) {
    variant.unavailable = "pool: no commune receives " + domain_name + " work to pool";
    return variant;
  }
  const fs::path table = fs::absolute(pool_folder / ("pools_" + domain_name + ".csv"));
  write_text_atomically(table, [&](std::ostream& out) {
    out << "pool,home,officers,skills,units,switch_overhead,dossier_share\n";
    // The scenario's own pools first, as they were (other skills).
    for (const auto& pool : base_spec.levers.pools) {
      out << csv_field(pool.id) << ',' << csv_field(base_spec.units[pool.home].id) << ','
          << base_spec.positions[static_cast<std::size_t>(pool.position)].officers << ','
          << csv_field(join_ids(base_spec, pool.skills, true)) << ','
          << csv_field(join_ids(base_spec, pool.units, false)) << ','
          << csv_number(pool.switch_hours * 60.0) << "min,"
          << csv_number(base_spec.positions[static_cast<std::size_t>(pool.position)].dossier_share)
          << '\n';
    }
    int k = 0;
    for (const auto& group : group_units(*switched, loaded, std::max(1, settings.group_size))) {
      double offered = 0;
      for (int u : group)
        offered += load_of_unit[u];
      const int officers = square_root_staffing(offered, 1.0);
      variant.pool_officers += officers;
      ++variant.pools;
      out << csv_field(domain_name + "_pool_" + std::to_string(++k)) << ','
          << csv_field(switched->units[static_cast<std::size_t>(group.front())].id) << ','
          << officers << ',' << csv_field(join_ids(*switched, skills, true)) << ','
          << csv_field(join_ids(*switched, group, false)) << ','
          << csv_number(settings.switch_minutes) << "min,1\n";
    }
  });
  variant.overrides.push_back("tables.pools=" + table.string());
  load.overrides.push_back(variant.overrides.back());
  variant.spec = load_or_reason(scenario, load, reason);
  if (!variant.spec) variant.unavailable = "pool: the pooled variant does not load: " + reason;
  return variant;
}

}  // namespace twotier::analysis
