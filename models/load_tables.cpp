// Scenario loader: the model's tables units.csv, procedures.csv, steps.csv and positions.csv,
// with the lookups the later tables use (unit_of, procedure_of, select_units). Its own file
// because these four tables define the structure every other part refers to.
// Builder: models/scenario_loader_parts.hpp.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "models/count_text.hpp"
#include "models/names.hpp"
#include "models/scenario_loader_parts.hpp"
#include "models/text_check.hpp"
#include "models/text_match.hpp"

namespace twotier::model::loader_internal {

namespace {

constexpr long long kMaxDeadlineWorkdays = 3650;

}  // namespace

// --- units.csv ----------------------------------------------------------------------------
void Builder::read_units() {
  const CsvTable units =
      *table("units",
             {{"id", "name", "kind"},
              {"population", "transfer_to_province", "transfer_from_province", "domains"}},
             true);
  if (units.size() == 0) {
    throw ScenarioError(units.file() + ": error: no units (add at least one row)");
  }
  for (std::size_t r = 0; r < units.size(); ++r) {
    const CsvRow row = units.row(r);
    UnitSpec unit;
    unit.id = checked_id(row["id"]);
    if (const auto it = unit_index_.find(unit.id); it != unit_index_.end()) {
      row["id"].fail("duplicate unit id '" + unit.id + "' (first on row " +
                     std::to_string(unit_lines_[static_cast<std::size_t>(it->second)]) + ")");
    }
    unit.name = row["name"].empty() ? unit.id : std::string(row["name"].text());
    const CsvCell kind = row["kind"];
    const auto parsed_kind = parse_unit_kind(kind.text());
    if (!parsed_kind) kind.bad_value(unit_kind_names());
    unit.kind = *parsed_kind;
    if (!row["population"].empty()) {
      unit.population = row["population"].parse([](std::string_view t) {
        const double p = parse_number(t);
        if (p < 0 || p > 1e9) throw ValueError("a population must lie in [0, 1e9]");
        return p;
      });
    }
    unit.transfer_to_province = optional_delay(row["transfer_to_province"]);
    unit.transfer_from_province = optional_delay(row["transfer_from_province"]);
    const CsvCell domains = row["domains"];
    for (const std::string& name : split_list(domains.text())) {
      const auto domain = parse_domain(name);
      if (!domain) domains.fail("unknown domain '" + name + "'", domain_names());
      if (unit.tier() == Tier::kCommune) {
        domains.fail("only provincial bodies (department, service_center) handle domains");
      }
      const int d = static_cast<int>(*domain);
      if (domain_owner_line_[d] != 0) {
        domains.fail("domain '" + name + "' already has a provincial body on row " +
                     std::to_string(domain_owner_line_[d]) +
                     " (each domain has one provincial body)");
      }
      domain_owner_line_[d] = row.line();
      unit.domains.push_back(*domain);
    }
    unit.calendar = 0;
    unit_index_[unit.id] = static_cast<int>(spec_.units.size());
    unit_ids_.push_back(unit.id);
    unit_lines_.push_back(row.line());
    spec_.units.push_back(std::move(unit));
  }
  spec_.province_unit_for_domain.fill(-1);
  for (std::size_t u = 0; u < spec_.units.size(); ++u) {
    for (const Domain d : spec_.units[u].domains) {
      spec_.province_unit_for_domain[static_cast<std::size_t>(d)] = static_cast<int>(u);
    }
  }
}

std::string Builder::checked_id(const CsvCell& cell) const {
  const std::string id(cell.text());
  if (id.empty()) cell.fail("an id is required");
  if (id == "*" || id.starts_with("kind:") || id.find(';') != std::string::npos) {
    cell.fail("bad id '" + id + "': '*', 'kind:' and ';' are reserved");
  }
  if (const auto bad = forbidden_character(id, false)) {
    cell.fail("bad id '" + visible(id) + "': it contains " + *bad);
  }
  if (const auto latin = latin_lookalike(id)) {
    cell.fail("bad id '" + id + "': " + first_lookalike(id) +
              " is not a Latin letter but looks like one (did you mean '" + *latin + "'?)");
  }
  return id;
}

DelaySpec Builder::optional_delay(const CsvCell& cell) const {
  if (cell.empty()) return DelaySpec{sim::Distribution::deterministic(0.0), false};
  return cell.parse([&](std::string_view t) { return parse_delay(t, DelayUse::kDelay, context_); });
}

int Builder::unit_of(const CsvCell& cell) const {
  const auto it = unit_index_.find(cell.text());
  if (it == unit_index_.end()) {
    cell.fail("unknown unit '" + std::string(cell.text()) + "'" +
              did_you_mean(cell.text(), unit_ids_) + ", not in units.csv");
  }
  return it->second;
}

int Builder::procedure_of(const CsvCell& cell) const {
  const auto it = procedure_index_.find(cell.text());
  if (it == procedure_index_.end()) {
    cell.fail("unknown procedure '" + std::string(cell.text()) + "'" +
              did_you_mean(cell.text(), procedure_ids_) + ", not in procedures.csv");
  }
  return it->second;
}

UnitSelection Builder::select_units(const CsvCell& cell) const {
  UnitSelection selection;
  const std::string_view text = cell.text();
  if (text == "*") {
    for (std::size_t u = 0; u < spec_.units.size(); ++u) {
      if (spec_.units[u].tier() == Tier::kCommune) selection.units.push_back(static_cast<int>(u));
    }
    selection.specificity = 0;
    if (selection.units.empty()) cell.fail("'*' matches no commune-level unit");
  } else if (text.starts_with("kind:")) {
    const auto kind = parse_unit_kind(text.substr(5));
    if (!kind) {
      cell.fail("unknown unit kind '" + std::string(text.substr(5)) + "'", unit_kind_names());
    }
    for (std::size_t u = 0; u < spec_.units.size(); ++u) {
      if (spec_.units[u].kind == *kind) selection.units.push_back(static_cast<int>(u));
    }
    selection.specificity = 1;
    if (selection.units.empty()) cell.fail("'" + std::string(text) + "' matches no unit");
  } else {
    selection.units.push_back(unit_of(cell));
    selection.specificity = 2;
  }
  return selection;
}

// --- procedures.csv -----------------------------------------------------------------------
void Builder::read_procedures() {
  const CsvTable procedures =
      *table("procedures",
             {{"id", "name", "domain", "authority", "deadline"},
              {"citizen_response", "withdraw_probability", "clock_on_supplement",
               "channel_in_person", "channel_online", "channel_post"}},
             true);
  if (procedures.size() == 0) {
    throw ScenarioError(procedures.file() + ": error: no procedures (add at least one row)");
  }
  for (std::size_t r = 0; r < procedures.size(); ++r) {
    const CsvRow row = procedures.row(r);
    ProcedureSpec p;
    p.id = checked_id(row["id"]);
    if (const auto it = procedure_index_.find(p.id); it != procedure_index_.end()) {
      row["id"].fail("duplicate procedure id '" + p.id + "' (first on row " +
                     std::to_string(procedure_lines_[static_cast<std::size_t>(it->second)]) + ")");
    }
    p.name = row["name"].empty() ? p.id : std::string(row["name"].text());
    const auto domain = parse_domain(row["domain"].text());
    if (!domain) row["domain"].bad_value(domain_names());
    p.domain = *domain;
    const auto authority = parse_tier(row["authority"].text());
    if (!authority) row["authority"].bad_value(tier_names());
    p.authority = *authority;
    p.deadline_workdays = row["deadline"].parse([](std::string_view t) {
      std::string_view digits = t;
      if (digits.ends_with("wd")) digits.remove_suffix(2);
      const long long days = parse_count(digits);
      if (days > kMaxDeadlineWorkdays) throw ValueError("more than 3650 working days");
      return static_cast<int>(days);
    });
    if (!row["citizen_response"].empty())
      p.citizen_response = optional_delay(row["citizen_response"]);
    else
      p.citizen_response = DelaySpec{sim::Distribution::deterministic(0.0), false};
    p.withdraw_probability = row["withdraw_probability"].parse(
        [](std::string_view t) { return parse_probability(t, 0.0); });
    if (!row["clock_on_supplement"].empty()) {
      const auto clock = parse_clock_on_supplement(row["clock_on_supplement"].text());
      if (!clock) row["clock_on_supplement"].bad_value(clock_on_supplement_names());
      p.clock_on_supplement = *clock;
    }
    const std::array<const char*, kChannelCount> channel_columns{"channel_in_person",
                                                                 "channel_online", "channel_post"};
    bool any_channel = false;
    std::array<double, kChannelCount> mix{};
    for (int c = 0; c < kChannelCount; ++c) {
      const CsvCell cell = row[channel_columns[c]];
      if (cell.empty()) continue;
      any_channel = true;
      mix[c] = cell.parse([](std::string_view t) {
        const double w = parse_number(t);
        if (w < 0) throw ValueError("a channel weight must not be negative");
        return w;
      });
    }
    if (any_channel) {
      const double total = mix[0] + mix[1] + mix[2];
      if (total <= 0) row.fail("the channel weights add up to 0 (give at least one > 0)");
      for (double& w : mix)
        w /= total;
      p.channel_mix = mix;
    }
    procedure_index_[p.id] = static_cast<int>(spec_.procedures.size());
    procedure_ids_.push_back(p.id);
    procedure_lines_.push_back(row.line());
    spec_.procedures.push_back(std::move(p));
  }
  procedures_file_ = procedures.file();
}

// --- steps.csv ----------------------------------------------------------------------------
int Builder::skill_index(const std::string& name) {
  const auto it = std::find(spec_.skills.begin(), spec_.skills.end(), name);
  if (it != spec_.skills.end()) return static_cast<int>(it - spec_.skills.begin());
  spec_.skills.push_back(name);
  return static_cast<int>(spec_.skills.size()) - 1;
}

void Builder::read_steps() {
  // [delays] field_check_scale: every field check's delay times this factor (a calibration
  // handle on the steps table's field-check durations; 1 keeps them as written).
  double field_check_scale = 1.0;
  if (const toml::node* node = find("delays", "field_check_scale"))
    field_check_scale = number_of(*node, "delays.field_check_scale", 0.01, 100.0);
  const CsvTable steps =
      *table("steps",
             {{"procedure", "step", "name", "kind", "tier", "skill", "effort"},
              {"incomplete_probability", "field_check_probability", "field_check", "pauses_clock"}},
             true);
  // Per procedure: step number -> (spec, row line).
  std::vector<std::map<long long, std::pair<StepSpec, int>>> by_procedure(spec_.procedures.size());
  for (std::size_t r = 0; r < steps.size(); ++r) {
    const CsvRow row = steps.row(r);
    const int p = procedure_of(row["procedure"]);
    const long long number = row["step"].parse([](std::string_view t) {
      const long long n = parse_count(t);
      if (n < 1 || n > 1000) throw ValueError("step numbers run from 1", "1, 2, 3, ...");
      return n;
    });
    StepSpec step;
    step.name = std::string(row["name"].text());
    if (step.name.empty()) row["name"].fail("a step needs a name (e.g. reception, appraisal)");
    const auto kind = parse_step_kind(row["kind"].text());
    if (!kind) row["kind"].bad_value(step_kind_names());
    step.kind = *kind;
    const auto tier = parse_tier(row["tier"].text());
    if (!tier) row["tier"].bad_value(tier_names());
    step.tier = *tier;
    const CsvCell skill = row["skill"];
    const CsvCell effort = row["effort"];
    switch (step.kind) {
      case StepKind::kWork:
      case StepKind::kSignature:
        if (skill.empty()) skill.fail("a work step needs the skill of the officer who does it");
        if (skill.text().find(';') != std::string_view::npos) {
          skill.fail("a work step needs exactly one skill");
        }
        step.skill = skill_index(std::string(skill.text()));
        step_skill_lines_.push_back({step.skill, row.line(), steps.file()});
        if (effort.empty()) effort.fail("a work step needs an effort, e.g. exp(30min)");
        step.effort = effort.parse(
            [&](std::string_view t) { return parse_delay(t, DelayUse::kEffort, context_); });
        break;
      case StepKind::kDelay:
        if (!skill.empty()) skill.fail("only work steps have a skill (this is a delay step)");
        if (effort.empty()) effort.fail("a delay step needs its delay, e.g. const(3d)");
        step.effort = effort.parse(
            [&](std::string_view t) { return parse_delay(t, DelayUse::kDelay, context_); });
        break;
      case StepKind::kTransfer:
        if (!skill.empty()) skill.fail("only work steps have a skill (this is a transfer step)");
        if (!effort.empty()) {
          effort.fail(
              "a transfer takes the filing unit's transfer lag from units.csv; leave "
              "effort empty");
        }
        break;
    }
    step.incomplete_probability = row["incomplete_probability"].parse(
        [](std::string_view t) { return parse_probability(t, 0.0); });
    if (step.incomplete_probability > 0 && step.kind != StepKind::kWork) {
      row["incomplete_probability"].fail("only a work step can find a dossier incomplete");
    }
    step.field_check_probability = row["field_check_probability"].parse(
        [](std::string_view t) { return parse_probability(t, 0.0); });
    if (step.field_check_probability > 0) {
      if (step.kind != StepKind::kWork) {
        row["field_check_probability"].fail("only a work step can have a field check");
      }
      if (row["field_check"].empty()) {
        row["field_check"].fail("give the field check's delay, e.g. uniform(1d, 3d)");
      }
      step.field_check = optional_delay(row["field_check"]);
      if (field_check_scale != 1.0)
        step.field_check.hours = step.field_check.hours.scaled(field_check_scale);
    } else if (!row["field_check"].empty()) {
      row["field_check"].fail("a field check needs field_check_probability > 0");
    }
    step.pauses_clock =
        row["pauses_clock"].parse([](std::string_view t) { return parse_bool(t, false); });
    auto& numbered = by_procedure[static_cast<std::size_t>(p)];
    if (const auto it = numbered.find(number); it != numbered.end()) {
      row["step"].fail("procedure '" + spec_.procedures[static_cast<std::size_t>(p)].id +
                       "' already has a step " + std::to_string(number) + " (row " +
                       std::to_string(it->second.second) + ")");
    }
    numbered.emplace(number, std::make_pair(std::move(step), row.line()));
  }
  for (std::size_t p = 0; p < spec_.procedures.size(); ++p) {
    ProcedureSpec& procedure = spec_.procedures[p];
    const std::string where = procedures_file_ + ":" + std::to_string(procedure_lines_[p]);
    if (by_procedure[p].empty()) {
      throw ScenarioError(where + ": error: procedure '" + procedure.id + "' has no steps in " +
                          steps.file());
    }
    long long expected = 1;
    bool any_province_step = false;
    bool any_incomplete = false;
    for (auto& [number, entry] : by_procedure[p]) {
      if (number != expected) {
        throw ScenarioError(steps.file() + ":" + std::to_string(entry.second) +
                            ": error: column 'step': procedure '" + procedure.id +
                            "' jumps to step " + std::to_string(number) + ": step " +
                            std::to_string(expected) + " is missing (number steps 1, 2, 3, ...)");
      }
      ++expected;
      if (entry.first.kind == StepKind::kTransfer && !procedure.steps.empty() &&
          procedure.steps.back().tier == entry.first.tier) {
        throw ScenarioError(
            steps.file() + ":" + std::to_string(entry.second) + ": error: column 'tier': step " +
            std::to_string(number) + " of procedure '" + procedure.id +
            "' transfers the dossier to the " + to_string(entry.first.tier) + " tier, where step " +
            std::to_string(number - 1) + " already is (a transfer moves a dossier between tiers)");
      }
      any_province_step = any_province_step || entry.first.tier == Tier::kProvince;
      any_incomplete = any_incomplete || entry.first.incomplete_probability > 0;
      step_lines_.push_back(
          {static_cast<int>(p), static_cast<int>(procedure.steps.size()), entry.second});
      procedure.steps.push_back(std::move(entry.first));
    }
    if (procedure.authority == Tier::kProvince && !any_province_step) {
      throw ScenarioError(where + ": error: column 'authority': procedure '" + procedure.id +
                          "' is decided by the province but none of its steps has tier "
                          "province");
    }
    check_deadline_reachable(procedure, where);
    if (any_incomplete && procedure.citizen_response.hours.mean() <= 0 &&
        procedure.withdraw_probability < 1.0) {
      throw ScenarioError(where + ": error: column 'citizen_response': procedure '" + procedure.id +
                          "' can be found incomplete, so it needs the citizen's response "
                          "time, e.g. uniform(2d, 10d)");
    }
  }
  steps_file_ = steps.file();
}

// The working time a dossier needs at the least (work and working-time delays of the steps
// that do not pause the clock; calendar-time lags count as nothing) must fit before the
// deadline: the closing time of the N-th working day after the receipt day, i.e. at most
// N + 1 of the longest working days. Otherwise no dossier could ever be on time.
void Builder::check_deadline_reachable(const ProcedureSpec& procedure,
                                       const std::string& where) const {
  double minimum_hours = 0.0;
  for (const StepSpec& step : procedure.steps) {
    if (step.pauses_clock || step.kind == StepKind::kTransfer) continue;
    if (step.kind == StepKind::kWork || step.effort.working_time) {
      minimum_hours += step.effort.hours.minimum();
    }
  }
  double longest_day_hours = 0.0;
  for (int d = 0; d < 7; ++d) {
    longest_day_hours =
        std::max(longest_day_hours, schedule_->working_seconds(d) / sim::kSecondsPerHour);
  }
  const double available_hours = (procedure.deadline_workdays + 1) * longest_day_hours;
  if (minimum_hours <= available_hours * (1 + 1e-9)) return;
  std::ostringstream message;
  message << where << ": error: column 'deadline': bad value '" << procedure.deadline_workdays
          << "': procedure '" << procedure.id << "' needs at least " << minimum_hours
          << " working hours (its steps' shortest efforts and working-time delays), but its "
             "deadline leaves at most "
          << available_hours << " (" << procedure.deadline_workdays + 1 << " working days of "
          << longest_day_hours
          << " h), so no dossier could be on time (allowed: a deadline of at least "
          << count_text(std::ceil(minimum_hours / longest_day_hours - 1e-9) - 1)
          << " working days, shorter efforts, or pauses_clock on a step that stops the clock)";
  throw ScenarioError(message.str());
}

// --- positions.csv ------------------------------------------------------------------------
// `secondary_skills`: "skill[:proficiency];...", proficiency in (0, 1] (default 1), none of
// the position's own skills, none twice.
std::vector<SecondarySkill> Builder::secondary_skills(const CsvCell& cell,
                                                      const std::vector<int>& skills) {
  std::vector<SecondarySkill> secondary;
  for (const std::string& item : split_list(cell.text())) {
    const std::size_t colon = item.find(':');
    const std::string name = item.substr(0, colon);
    if (name.empty()) cell.fail("a secondary skill needs a name", "e.g. land:0.8;civil_status");
    double proficiency = 1.0;
    if (colon != std::string::npos) {
      proficiency = cell.parse([&](std::string_view) {
        const double f = parse_number(std::string_view(item).substr(colon + 1));
        if (!(f > 0 && f <= 1))
          throw ValueError("proficiency of '" + name + "' must lie in (0, 1]", "e.g. land:0.8");
        return f;
      });
    }
    const int s = skill_index(name);
    if (std::find(skills.begin(), skills.end(), s) != skills.end())
      cell.fail("'" + name + "' is already one of the position's skills",
                "a skill the position does not list");
    for (const SecondarySkill& other : secondary)
      if (other.skill == s) cell.fail("secondary skill '" + name + "' is listed twice");
    secondary.push_back({s, proficiency});
  }
  return secondary;
}

void Builder::read_positions() {
  const CsvTable positions = *table("positions",
                                    {{"unit", "position", "officers", "skills"},
                                     {"dossier_share", "secondary_skills", "source", "required"}},
                                    true);
  struct Chosen {
    int specificity;
    std::array<int, 3> line_by_rank;  // row that set this pair at each rank, or 0
    std::size_t order;
    PositionSpec spec;
  };
  std::map<std::pair<int, std::string>, Chosen> chosen;
  for (std::size_t r = 0; r < positions.size(); ++r) {
    const CsvRow row = positions.row(r);
    const UnitSelection selection = select_units(row["unit"]);
    const std::string position(row["position"].text());
    if (position.empty()) row["position"].fail("a position needs a name, e.g. one_stop");
    const int officers = static_cast<int>(row["officers"].parse([](std::string_view t) {
      const long long n = parse_count(t);
      if (n > kMaxOfficersPerPosition) {
        throw ValueError("more than 100000 officers in one position, surely a typo", "0 to 100000");
      }
      return n;
    }));
    const std::vector<std::string> skill_names = split_list(row["skills"].text());
    if (skill_names.empty()) row["skills"].fail("list the skills, e.g. reception;certification");
    std::vector<int> skills;
    for (const auto& name : skill_names) {
      const int s = skill_index(name);
      if (std::find(skills.begin(), skills.end(), s) == skills.end()) skills.push_back(s);
    }
    const double share = row["dossier_share"].parse([](std::string_view t) {
      if (t.empty()) return 1.0;
      const double s = parse_number(t);
      if (!(s > 0 && s <= 1)) throw ValueError("a share must lie in (0, 1]", "e.g. 1, 0.6");
      return s;
    });
    const std::vector<SecondarySkill> secondary = secondary_skills(row["secondary_skills"], skills);
    const bool required = row["required"].parse([](std::string_view t) { return parse_bool(t); });
    const auto rank = static_cast<std::size_t>(selection.specificity);
    for (const int u : selection.units) {
      PositionSpec spec{u, position, officers, skills, share, secondary, required};
      const auto key = std::make_pair(u, position);
      auto [it, inserted] =
          chosen.try_emplace(key, Chosen{selection.specificity, {}, r, std::move(spec)});
      Chosen& c = it->second;
      if (!inserted) {
        if (c.line_by_rank[rank] != 0) {
          row.fail("position '" + position + "' of unit '" +
                   spec_.units[static_cast<std::size_t>(u)].id + "' is already set on row " +
                   std::to_string(c.line_by_rank[rank]) +
                   " (a more specific row replaces a general one; rows of equal rank "
                   "conflict)");
        }
        if (c.specificity < selection.specificity) {
          c.specificity = selection.specificity;
          c.spec = PositionSpec{u, position, officers, skills, share, secondary, required};
        }
      }
      c.line_by_rank[rank] = row.line();
    }
  }
  std::vector<Chosen> ordered;
  for (auto& [key, c] : chosen)
    ordered.push_back(std::move(c));
  std::stable_sort(ordered.begin(), ordered.end(), [](const Chosen& a, const Chosen& b) {
    return a.spec.unit != b.spec.unit ? a.spec.unit < b.spec.unit : a.order < b.order;
  });
  for (auto& c : ordered)
    spec_.positions.push_back(std::move(c.spec));
  positions_file_ = positions.file();
}

}  // namespace twotier::model::loader_internal
