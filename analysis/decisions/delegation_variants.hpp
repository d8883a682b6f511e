// Variants of a scenario for `twotier delegation`: for one domain, the scenario with that
// domain's authority switched to an option (commune = phân cấp, province, delegated = ủy quyền)
// or its commune work served by shared pools. Each variant is the scenario file reloaded with
// --set style overrides ([delegation] <domain> = "...", [tables] pools = ...), so the loader
// validates it exactly as it would a hand-written variant, and keeps the scenario's seed
// (common random numbers). An option the scenario cannot express comes back with the reason.
// Pure functions apart from the pool tables written to disk; call from one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario_loader.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

enum class DelegationOption : std::uint8_t { kCommune, kProvince, kDelegated, kPool };
inline constexpr int kDelegationOptionCount = 4;
const char* to_string(DelegationOption option);
std::optional<DelegationOption> parse_delegation_option(std::string_view text);
// "commune, province, delegated, pool", for messages.
const char* delegation_option_names();

// How the scenario as loaded decides a domain: "commune", "province" or "delegated" when every
// procedure of the domain is decided that way, "pool" when in addition the domain's own
// commune skills are all pooled, else "mixed" (as catalogued: some at each tier).
std::string current_authority(const model::ModelSpec& spec, model::Domain domain);

// Domains with at least one procedure that receives dossiers (arrivals, replay or backlog).
std::vector<model::Domain> active_domains(const model::ModelSpec& spec);

// Commune-level units that receive dossiers of `domain` (arrivals, replay or backlog), in
// units.csv order.
std::vector<int> receiving_units(const model::ModelSpec& spec, model::Domain domain);

// The skills a pool would take over for `domain`: skills of the domain's commune-tier work
// steps (as `spec` routes them), except the front office and skills that commune work of other
// active domains also uses (a pool serves a skill, not a domain).
std::vector<int> domain_pool_skills(const model::ModelSpec& spec, model::Domain domain);

struct PoolSettings {
  int group_size = 3;          // communes per pool (neighbours, else consecutive in units.csv)
  double switch_minutes = 30;  // effort of a change of commune (travel, files), working minutes
};

struct DelegationVariant {
  model::Domain domain = model::Domain::kOther;
  DelegationOption option = DelegationOption::kCommune;
  std::optional<model::ModelSpec> spec;  // empty when the option cannot be expressed
  std::string unavailable;               // why, when `spec` is empty
  std::vector<std::string> overrides;    // the --set lines that made it (for the record)
  int pool_officers = 0;                 // kPool: officers of all the pools added
  int pools = 0;                         // kPool: pools added
};

// Builds the variant: reloads `scenario` with `base` overrides plus the option's. `base_spec`
// is the scenario loaded with `base` alone. kPool writes the pool table to
// `pool_folder`/pools_<domain>.csv (created). Never throws for a variant the loader rejects:
// the ScenarioError message becomes `unavailable`.
// `staff`: "" (officers stay), "follow" or "pool": adds --set delegation.staff=<staff>
// (officers follow the moved work to the units, or form the delegated-work pool;
// models/delegation_staff.hpp). kPool ignores it.
DelegationVariant build_delegation_variant(const std::filesystem::path& scenario,
                                           const model::LoadOptions& base,
                                           const model::ModelSpec& base_spec, model::Domain domain,
                                           DelegationOption option,
                                           const std::filesystem::path& pool_folder,
                                           const PoolSettings& pools = {},
                                           std::string_view staff = {});

}  // namespace twotier::analysis
