// Scenario loader: the checks that span tables (every provincial step has a body and a
// position covering its skill; every skill and every received procedure can be worked). Its
// own file because they run once all tables are read and read several of them at once.
// Builder: models/scenario_loader_parts.hpp.
#include <algorithm>
#include <set>

#include "models/scenario_loader_parts.hpp"
#include "models/text_match.hpp"

namespace twotier::model::loader_internal {

// --- checks across tables -----------------------------------------------------------------
void Builder::fail_step(int procedure, int step, const std::string& problem) const {
  for (const auto& s : step_lines_) {
    if (s.procedure == procedure && s.step == step) {
      throw ScenarioError(steps_file_ + ":" + std::to_string(s.line) + ": error: " + problem);
    }
  }
  throw ScenarioError(steps_file_ + ": error: " + problem);
}

// Whether a position at `unit` lists `skill`. A position with 0 officers counts: a unit
// staffed with nobody for a skill is a valid (extreme) scenario whose dossiers wait, and
// the commands warn about it (models/scenario_warnings.hpp); a missing row is a mistake.
bool Builder::covered(int unit, int skill) const {
  for (const auto& p : spec_.positions) {
    if (p.unit == unit && std::find(p.skills.begin(), p.skills.end(), skill) != p.skills.end()) {
      return true;
    }
  }
  return false;
}

void Builder::check_province_bodies() {
  for (std::size_t p = 0; p < spec_.procedures.size(); ++p) {
    const ProcedureSpec& procedure = spec_.procedures[p];
    for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
      const StepSpec& step = procedure.steps[s];
      if (step.tier != Tier::kProvince || step.kind == StepKind::kTransfer) continue;
      const int body = spec_.province_unit_for_domain[static_cast<std::size_t>(procedure.domain)];
      if (body < 0) {
        fail_step(static_cast<int>(p), static_cast<int>(s),
                  "column 'tier': step " + std::to_string(s + 1) + " of procedure '" +
                      procedure.id +
                      "' is done at the province, but no department or service "
                      "center in units.csv handles the domain '" +
                      to_string(procedure.domain) + "' (list it in that body's domains)");
      }
      if (needs_officer(step.kind) && !covered(body, step.skill)) {
        fail_step(static_cast<int>(p), static_cast<int>(s),
                  "column 'skill': step " + std::to_string(s + 1) + " of procedure '" +
                      procedure.id + "' needs skill '" +
                      spec_.skills[static_cast<std::size_t>(step.skill)] +
                      "' at provincial body '" + spec_.units[static_cast<std::size_t>(body)].id +
                      "', but no position there covers it (" + positions_file_ +
                      "; a position with 0 officers makes these dossiers wait)");
      }
    }
  }
}

void Builder::check_coverage() {
  // A skill no position anywhere covers is most likely a typo in one of the two tables.
  std::vector<bool> anywhere(spec_.skills.size(), false);
  for (const auto& p : spec_.positions) {
    for (const int s : p.skills)
      anywhere[static_cast<std::size_t>(s)] = true;
  }
  std::vector<std::string> position_skills;
  for (std::size_t s = 0; s < spec_.skills.size(); ++s) {
    if (anywhere[s]) position_skills.push_back(spec_.skills[s]);
  }
  for (const auto& use : step_skill_lines_) {
    if (!anywhere[static_cast<std::size_t>(use.skill)]) {
      const std::string& name = spec_.skills[static_cast<std::size_t>(use.skill)];
      throw ScenarioError(use.file + ":" + std::to_string(use.line) +
                          ": error: column 'skill': "
                          "no position in " +
                          positions_file_ + " has the skill '" + name + "'" +
                          did_you_mean(name, position_skills));
    }
  }
  // Every unit that receives a procedure must be able to do its commune-tier work steps.
  std::set<std::pair<int, int>> checked;
  for (const auto& demand : demand_rows_) {
    if (!checked.insert({demand.unit, demand.procedure}).second) continue;
    const ProcedureSpec& procedure = spec_.procedures[static_cast<std::size_t>(demand.procedure)];
    for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
      const StepSpec& step = procedure.steps[s];
      if (!needs_officer(step.kind) || step.tier != Tier::kCommune) continue;
      if (!covered(demand.unit, step.skill)) {
        throw ScenarioError(demand.file + ":" + std::to_string(demand.line) + ": error: unit '" +
                            spec_.units[static_cast<std::size_t>(demand.unit)].id +
                            "' receives procedure '" + procedure.id + "', whose step " +
                            std::to_string(s + 1) + " (" + step.name + ") needs skill '" +
                            spec_.skills[static_cast<std::size_t>(step.skill)] +
                            "', but no position at that unit covers it (" + positions_file_ +
                            "; a position with 0 officers makes these dossiers wait)");
      }
    }
  }
}

}  // namespace twotier::model::loader_internal
