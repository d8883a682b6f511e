#include "models/delegation.hpp"

#include <utility>  // std::move
#include <vector>

namespace twotier::model {

const char* to_string(AuthorityOption option) {
  switch (option) {
    case AuthorityOption::kCommune:
      return "commune";
    case AuthorityOption::kProvince:
      return "province";
    case AuthorityOption::kDelegated:
      return "delegated";
  }
  return "?";
}

std::optional<AuthorityOption> parse_authority_option(std::string_view text) {
  for (AuthorityOption o :
       {AuthorityOption::kCommune, AuthorityOption::kProvince, AuthorityOption::kDelegated}) {
    if (text == to_string(o)) return o;
  }
  return std::nullopt;
}

namespace {

bool is_front_office(const StepSpec& step, int front_office_skill) {
  return front_office_skill >= 0 && step.kind == StepKind::kWork && step.tier == Tier::kCommune &&
         step.skill == front_office_skill;
}

StepSpec transfer(const char* name, Tier tier) {
  StepSpec step;
  step.name = name;
  step.kind = StepKind::kTransfer;
  step.tier = tier;
  return step;
}

}  // namespace

bool rewrite_for_authority(ProcedureSpec& procedure, AuthorityOption option,
                           const DelegationRules& rules) {
  const Tier target = option == AuthorityOption::kProvince ? Tier::kProvince : Tier::kCommune;
  const bool as_catalogued = option != AuthorityOption::kDelegated && procedure.authority == target;
  procedure.authority = target;
  if (as_catalogued) return false;

  const std::vector<StepSpec>& steps = procedure.steps;
  std::size_t front_end = 0;  // [0, front_end) front office
  while (front_end < steps.size() && is_front_office(steps[front_end], rules.front_office_skill))
    ++front_end;
  std::size_t back_begin = steps.size();  // [back_begin, size) return
  while (back_begin > front_end && is_front_office(steps[back_begin - 1], rules.front_office_skill))
    --back_begin;

  std::vector<StepSpec> rewritten(steps.begin(), steps.begin() + front_end);
  if (target == Tier::kProvince) rewritten.push_back(transfer("to_province", Tier::kProvince));
  for (std::size_t s = front_end; s < back_begin; ++s) {
    if (steps[s].kind == StepKind::kTransfer) continue;
    StepSpec step = steps[s];
    if (step.kind == StepKind::kWork) step.tier = target;
    rewritten.push_back(std::move(step));
  }
  if (option == AuthorityOption::kDelegated) {
    StepSpec approval;
    approval.name = "delegated_approval";
    approval.kind = StepKind::kWork;
    approval.tier = Tier::kCommune;
    approval.skill = rules.approval_skill;
    approval.effort = rules.approval_effort;
    rewritten.push_back(std::move(approval));
  }
  if (target == Tier::kProvince) rewritten.push_back(transfer("back_to_commune", Tier::kCommune));
  rewritten.insert(rewritten.end(), steps.begin() + back_begin, steps.end());
  procedure.steps = std::move(rewritten);
  return true;
}

int transfer_count(const ProcedureSpec& procedure) {
  int n = 0;
  for (const StepSpec& step : procedure.steps)
    n += step.kind == StepKind::kTransfer ? 1 : 0;
  return n;
}

}  // namespace twotier::model
