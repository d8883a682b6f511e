// Scenario loader: the officer and desk policies of issue 18 ([reception]; see
// docs/scenario-format.md, "Reception desk"). Runs after the units and the staff are read.
// Builder: models/scenario_loader_parts.hpp.
#include <algorithm>

#include "models/costs.hpp"  // has_costs
#include "models/names.hpp"
#include "models/scenario_loader_parts.hpp"
#include "models/text_match.hpp"

namespace twotier::model::loader_internal {

namespace {
constexpr long long kMaxCounters = 1000;
}  // namespace

void Builder::read_reception() {
  if (section("reception") == nullptr) return;
  ReceptionSpec& r = spec_.reception;
  int counters = 1;
  if (const toml::node* n = find("reception", "counters"))
    counters = static_cast<int>(integer_of(*n, "reception.counters", 0, kMaxCounters));
  r.counters.assign(spec_.units.size(), counters);
  if (const toml::node* n = find("reception", "counters_at")) {
    const toml::table* at = n->as_table();
    if (at == nullptr)
      fail_at(*n, "reception.counters_at", "expected a table of unit id = counters",
              "e.g. { P_TAN = 3, X_AN = 1 }");
    for (const auto& [key, value] : *at) {
      const std::string id(key.str());
      const std::string path = "reception.counters_at." + id;
      const auto it = unit_index_.find(id);
      if (it == unit_index_.end())
        fail_at(value, path, "unknown unit '" + id + "'" + did_you_mean(id, unit_ids_),
                join_names(unit_ids_));
      r.counters[static_cast<std::size_t>(it->second)] =
          static_cast<int>(integer_of(value, path, 0, kMaxCounters));
    }
  }
  if (const toml::node* n = find("reception", "service")) {
    const DelaySpec d = parse_node(*n, "reception.service", [&](std::string_view t) {
      return parse_delay(t, DelayUse::kEffort, context_);
    });
    r.service_hours = d.hours;
    r.service_working_time = d.working_time;
  }
  if (const toml::node* n = find("reception", "patience")) {
    const DelaySpec d = parse_node(*n, "reception.patience", [&](std::string_view t) {
      return parse_delay(t, DelayUse::kDelay, context_);
    });
    if (d.working_time)
      fail_at(*n, "reception.patience", "expected calendar time", "min, h (not wmin/wh/wd)");
    r.patience_hours = d.hours;
  }
  if (const toml::node* n = find("reception", "daily_ticket_cap"))
    r.daily_ticket_cap = static_cast<int>(integer_of(*n, "reception.daily_ticket_cap", 0, 1000000));
  if (const toml::node* n = find("reception", "return_share"))
    r.return_share = number_of(*n, "reception.return_share", 0.0, 1.0);
  if (r.return_share > 0.0 && !r.patience_hours && r.daily_ticket_cap == 0) {
    const toml::node* n = find("reception", "return_share");
    fail_at(*n, "reception.return_share",
            "nobody ever leaves the desk: give reception.patience or reception.daily_ticket_cap");
  }
}

}  // namespace twotier::model::loader_internal

namespace twotier::model::loader_internal {

// [overtime]: one policy for the positions named in `positions` (ids, at every unit; default
// every position) at the units named in `units` (ids; default every unit).
void Builder::read_overtime() {
  if (section("overtime") == nullptr) return;
  OvertimePolicy policy;
  if (const toml::node* n = find("overtime", "max_hours_per_day"))
    policy.max_hours_per_day = number_of(*n, "overtime.max_hours_per_day", 0.25, 6.0);
  if (const toml::node* n = find("overtime", "max_hours_per_week"))
    policy.max_hours_per_week = number_of(*n, "overtime.max_hours_per_week", 0.25, 40.0);
  if (const toml::node* n = find("overtime", "trigger")) {
    const std::string t = string_of(*n, "overtime.trigger");
    if (t == "backlog") {
      policy.trigger = OvertimeTrigger::kBacklog;
    } else if (t == "due_soon") {
      policy.trigger = OvertimeTrigger::kDueSoon;
    } else {
      fail_at(*n, "overtime.trigger", "bad value '" + t + "'", "backlog, due_soon");
    }
  }
  if (const toml::node* n = find("overtime", "threshold"))
    policy.threshold = static_cast<int>(integer_of(*n, "overtime.threshold", 1, 1000000));
  if (const toml::node* n = find("overtime", "due_soon_workdays"))
    policy.due_soon_workdays = number_of(*n, "overtime.due_soon_workdays", 0.0, 365.0);
  if (const toml::node* n = find("overtime", "rate"))
    policy.rate_per_hour = number_of(*n, "overtime.rate", 0.0, 1e9);
  // premium: the hour priced from the salaries table (models/costs.hpp overtime_hourly_cost).
  if (const toml::node* n = find("overtime", "premium")) {
    if (find("overtime", "rate") != nullptr)
      fail_at(*n, "overtime.premium", "give overtime.rate or overtime.premium, not both");
    if (!has_costs(spec_))
      fail_at(*n, "overtime.premium",
              "needs [costs] and [tables] salaries (the premium multiplies an officer's hourly "
              "pay)");
    policy.premium = number_of(*n, "overtime.premium", 1.0, 4.0);
    const toml::node* source = find("overtime", "premium_source");
    if (source == nullptr)
      fail_at(*n, "overtime.premium_source",
              "missing: where the premium comes from (e.g. \"Labour Code 2019 art. 98\") or "
              "\"assumed\"");
    policy.premium_source = string_of(*source, "overtime.premium_source");
    if (policy.premium_source.empty())
      fail_at(*source, "overtime.premium_source", "empty source",
              "where the figure comes from (a law, a circular) or \"assumed\"");
  } else if (const toml::node* source = find("overtime", "premium_source")) {
    fail_at(*source, "overtime.premium_source", "only with overtime.premium");
  }
  std::vector<bool> unit_chosen(spec_.units.size(), true);
  if (const toml::node* n = find("overtime", "units")) {
    unit_chosen.assign(spec_.units.size(), false);
    for (const std::string& id : string_list(*n, "overtime.units")) {
      const auto it = unit_index_.find(id);
      if (it == unit_index_.end())
        fail_at(*n, "overtime.units", "unknown unit '" + id + "'" + did_you_mean(id, unit_ids_),
                join_names(unit_ids_));
      unit_chosen[static_cast<std::size_t>(it->second)] = true;
    }
  }
  std::vector<std::string> position_ids;
  for (const PositionSpec& p : spec_.positions)
    if (std::find(position_ids.begin(), position_ids.end(), p.id) == position_ids.end())
      position_ids.push_back(p.id);
  std::vector<std::string> chosen_positions = position_ids;
  if (const toml::node* n = find("overtime", "positions")) {
    chosen_positions = string_list(*n, "overtime.positions");
    for (const std::string& id : chosen_positions)
      if (std::find(position_ids.begin(), position_ids.end(), id) == position_ids.end())
        fail_at(*n, "overtime.positions",
                "unknown position '" + id + "'" + did_you_mean(id, position_ids),
                join_names(position_ids));
  }
  OvertimeSpec& o = spec_.overtime;
  o.policies = {policy};
  o.policy_of_position.assign(spec_.positions.size(), -1);
  for (std::size_t p = 0; p < spec_.positions.size(); ++p) {
    const PositionSpec& position = spec_.positions[p];
    if (unit_chosen[static_cast<std::size_t>(position.unit)] &&
        std::find(chosen_positions.begin(), chosen_positions.end(), position.id) !=
            chosen_positions.end())
      o.policy_of_position[p] = 0;
  }
}

}  // namespace twotier::model::loader_internal
