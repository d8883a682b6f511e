// Delegation of authority: rewriting a procedure's workflow for who decides it — the commune
// (phân cấp), the province, or the commune on the province's behalf (ủy quyền, with an extra
// approval step). A pure function on a ProcedureSpec, applied by the loader; the runtime only
// sees the rewritten steps. The rule is in docs/scenario-format.md ("[delegation]").
// Stateless; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "models/spec.hpp"

namespace twotier::model {

enum class AuthorityOption : std::uint8_t { kCommune, kProvince, kDelegated };
const char* to_string(AuthorityOption option);
std::optional<AuthorityOption> parse_authority_option(std::string_view text);

struct DelegationRules {
  int front_office_skill = -1;  // steps of this skill at the ends stay at the commune desk
  int approval_skill = -1;      // skill of the extra approval step under kDelegated
  DelaySpec approval_effort;    // its effort (working time)
};

// Rewrites `procedure` for `option`:
// - the *front office* is the leading run of commune work steps of the front-office skill,
//   the *return* the trailing run; the *core* is everything between, transfers dropped;
// - kCommune / kDelegated: the core's work steps move to the commune tier (same skill and
//   effort), no transfers; kDelegated appends a "delegated_approval" work step at the commune;
// - kProvince: the core's work steps move to the province tier, framed by a transfer up
//   ("to_province") and a transfer down ("back_to_commune");
// - delay steps (joint processing, tax) keep their tier; authority becomes the option's tier.
// When the option is the catalogued authority (commune/commune, province/province) the steps
// are left as catalogued. Returns whether the steps changed.
bool rewrite_for_authority(ProcedureSpec& procedure, AuthorityOption option,
                           const DelegationRules& rules);

// Number of transfer steps of a procedure (for tests and `twotier check`).
int transfer_count(const ProcedureSpec& procedure);

}  // namespace twotier::model
