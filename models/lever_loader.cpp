// Reads the lever sections (see lever_loader.hpp and docs/scenario-format.md).
#include "models/lever_loader.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <set>

#include "models/costs.hpp"  // weighted_pay
#include "models/csv_table.hpp"
#include "models/delegation.hpp"
#include "models/delegation_staff.hpp"
#include "models/internal_work_loader.hpp"
#include "models/names.hpp"
#include "models/plausibility.hpp"
#include "models/scenario_document.hpp"
#include "models/table_overrides.hpp"
#include "models/text_match.hpp"
#include "models/work_routing.hpp"

namespace twotier::model {
namespace {

class LeverReader {
 public:
  LeverReader(ScenarioDocument& document, const UnitContext& context, ModelSpec& spec)
      : document_(document), root_(document.root), context_(context), spec_(spec) {}

  std::vector<std::pair<std::string, std::string>> run() {
    read_front_office();
    read_delegation();
    read_outages();
    read_online();
    read_filing();
    read_pools();
    read_mobile_team();
    check_where_work_runs();
    if (auto t = table("internal_work", internal_work_columns()))
      load_internal_work(*t, context_, spec_);
    return std::move(csv_texts_);
  }

 private:
  // --- access ---------------------------------------------------------------------------------
  const toml::node* find(std::string_view table, std::string_view key) const {
    const toml::node* t = root_.get(table);
    return t && t->as_table() ? t->as_table()->get(key) : nullptr;
  }
  static std::string key_of(std::string_view table, std::string_view key) {
    return std::string(table) + "." + std::string(key);
  }
  static std::string text(const toml::node& node, const std::string& key) {
    if (const auto* s = node.as_string()) return s->get();
    fail_at(node, key, "expected text in quotes");
  }
  static double number(const toml::node& node, const std::string& key, double lo, double hi) {
    std::optional<double> v;
    if (const auto* f = node.as_floating_point()) v = f->get();
    if (const auto* i = node.as_integer()) v = static_cast<double>(i->get());
    if (!v) fail_at(node, key, "expected a number");
    if (!(*v >= lo && *v <= hi)) {
      fail_at(node, key, "bad value " + std::to_string(*v),
              std::to_string(lo) + " to " + std::to_string(hi));
    }
    return *v;
  }
  template <class Parse>
  static auto parsed(const toml::node& node, const std::string& key, Parse&& parse) {
    const std::string t = text(node, key);
    try {
      return parse(t);
    } catch (const ValueError& e) {
      fail_at(node, key, "bad value '" + t + "': " + e.problem(), e.allowed());
    }
  }
  // The mean of `hours` must be possible for `quantity` (unusual ones: plausibility_warnings).
  static void check_plausible(const toml::node& node, const std::string& key, Quantity quantity,
                              const sim::Distribution& hours) {
    try {
      require_possible(quantity, hours.mean());
    } catch (const ValueError& e) {
      fail_at(node, key, "bad value '" + text(node, key) + "': mean: " + e.problem(), e.allowed());
    }
  }
  // A calendar-time distribution in hours ("exp(30d)", "lognormal(3h, 1)").
  sim::Distribution calendar_hours(const toml::node& node, const std::string& key) const {
    const DelaySpec d = parsed(
        node, key, [&](std::string_view t) { return parse_delay(t, DelayUse::kDelay, context_); });
    if (d.working_time) fail_at(node, key, "expected calendar time", "min, h, d (not wmin/wh/wd)");
    return d.hours;
  }
  int skill_named(const toml::node& node, const std::string& key, const std::string& name) const {
    const auto it = std::find(spec_.skills.begin(), spec_.skills.end(), name);
    if (it == spec_.skills.end()) {
      fail_at(node, key,
              "unknown skill '" + name + "'" + did_you_mean(name, spec_.skills) +
                  ", not used by any step",
              join_names(spec_.skills));
    }
    return static_cast<int>(it - spec_.skills.begin());
  }
  std::optional<int> find_unit(std::string_view id) const {
    for (std::size_t u = 0; u < spec_.units.size(); ++u)
      if (spec_.units[u].id == id) return static_cast<int>(u);
    return std::nullopt;
  }
  std::vector<std::string> unit_ids() const {
    std::vector<std::string> ids;
    for (const UnitSpec& u : spec_.units)
      ids.push_back(u.id);
    return ids;
  }
  int unit_cell(const CsvCell& cell, std::string_view id) const {
    const auto u = find_unit(id);
    if (!u) {
      cell.fail("unknown unit '" + std::string(id) + "'" + did_you_mean(id, unit_ids()) +
                ", not in units.csv");
    }
    return *u;
  }
  std::optional<int> find_procedure(std::string_view id) const {
    for (std::size_t p = 0; p < spec_.procedures.size(); ++p)
      if (spec_.procedures[p].id == id) return static_cast<int>(p);
    return std::nullopt;
  }
  std::optional<CsvTable> table(std::string_view key, const CsvColumns& columns) {
    auto t = read_scenario_table(document_, key, columns, spec_.units);
    if (t) csv_texts_.emplace_back(t->file(), t->text());
    return t;
  }
  static std::vector<std::string> split(std::string_view list) { return split_list(list); }

  // --- [delegation] ---------------------------------------------------------------------------
  void read_front_office() {
    const std::string key = key_of("delegation", "front_office_skill");
    if (const toml::node* node = find("delegation", "front_office_skill")) {
      spec_.levers.front_office_skill = skill_named(*node, key, text(*node, key));
      return;
    }
    const auto it = std::find(spec_.skills.begin(), spec_.skills.end(), "reception");
    if (it != spec_.skills.end())
      spec_.levers.front_office_skill = static_cast<int>(it - spec_.skills.begin());
  }

  void read_delegation() {
    const toml::node* section = root_.get("delegation");
    if (section == nullptr) return;
    const std::size_t n = spec_.procedures.size();
    // Staff who follow the work (delegation_staff.hpp): the spec before the rewrite.
    const std::optional<StaffFollowRule> follow = read_staff_follow();
    std::optional<ModelSpec> before;
    if (follow) before = spec_;
    std::vector<std::optional<AuthorityOption>> option(n);
    std::vector<const toml::node*> option_node(n, nullptr);
    auto parse_option = [](const toml::node& node, const std::string& key) {
      const std::string t = text(node, key);
      const auto o = parse_authority_option(t);
      if (!o) fail_at(node, key, "bad value '" + t + "'", "commune, province, delegated");
      return *o;
    };
    for (int d = 0; d < kDomainCount; ++d) {
      const char* domain = to_string(static_cast<Domain>(d));
      const toml::node* node = find("delegation", domain);
      if (node == nullptr) continue;
      const AuthorityOption o = parse_option(*node, key_of("delegation", domain));
      for (std::size_t p = 0; p < n; ++p) {
        if (static_cast<int>(spec_.procedures[p].domain) != d) continue;
        option[p] = o;
        option_node[p] = node;
      }
    }
    if (const toml::node* node = find("delegation", "procedures")) {
      const auto* per_procedure = node->as_table();
      if (per_procedure == nullptr) {
        fail_at(*node, "delegation.procedures", "expected a table of procedure = \"option\"");
      }
      std::vector<std::string> ids;
      for (const ProcedureSpec& p : spec_.procedures)
        ids.push_back(p.id);
      for (const auto& [id, value] : *per_procedure) {
        const std::string key = "delegation.procedures." + std::string(id.str());
        const auto p = find_procedure(id.str());
        if (!p) {
          fail_at(value, key,
                  "unknown procedure '" + std::string(id.str()) + "'" +
                      did_you_mean(id.str(), ids) + ", not in procedures.csv");
        }
        option[*p] = parse_option(value, key);
        option_node[*p] = &value;
      }
    }
    DelegationRules rules;
    rules.front_office_skill = spec_.levers.front_office_skill;
    const bool any_delegated = std::any_of(option.begin(), option.end(), [](const auto& o) {
      return o == AuthorityOption::kDelegated;
    });
    const std::string approval_key = key_of("delegation", "approval_skill");
    if (const toml::node* node = find("delegation", "approval_skill")) {
      rules.approval_skill = skill_named(*node, approval_key, text(*node, approval_key));
    } else if (any_delegated) {
      const auto it = std::find(spec_.skills.begin(), spec_.skills.end(), "approval");
      if (it == spec_.skills.end()) {
        fail_at(*section, approval_key,
                "missing: 'delegated' needs the skill of its extra approval step (no skill "
                "'approval' to default to)");
      }
      rules.approval_skill = static_cast<int>(it - spec_.skills.begin());
    }
    rules.approval_effort = DelaySpec{sim::Distribution::deterministic(20.0 / 60.0), true};
    const std::string effort_key = key_of("delegation", "approval_effort");
    if (const toml::node* node = find("delegation", "approval_effort")) {
      rules.approval_effort = parsed(*node, effort_key, [&](std::string_view t) {
        return parse_delay(t, DelayUse::kEffort, context_);
      });
    }

    // Deadlines that go with each option: procedure,commune,province,delegated (working days).
    std::vector<std::array<int, 3>> deadline(n, {-1, -1, -1});
    if (auto t = table("deadline_options", {{"procedure"}, {"commune", "province", "delegated"}})) {
      for (std::size_t r = 0; r < t->size(); ++r) {
        const CsvRow row = t->row(r);
        const auto p = find_procedure(row["procedure"].text());
        if (!p) row["procedure"].fail("unknown procedure, not in procedures.csv");
        for (int o = 0; o < 3; ++o) {
          const CsvCell cell = row[to_string(static_cast<AuthorityOption>(o))];
          if (cell.empty()) continue;
          deadline[*p][o] = cell.parse([](std::string_view v) {
            if (v.ends_with("wd")) v.remove_suffix(2);
            const long long days = parse_count(v);
            if (days > 3650) throw ValueError("more than 3650 working days");
            return static_cast<int>(days);
          });
        }
      }
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (!option[p]) continue;
      ProcedureSpec& procedure = spec_.procedures[p];
      const bool has_backlog =
          std::any_of(spec_.backlog.begin(), spec_.backlog.end(),
                      [&](const BacklogDossier& b) { return b.procedure == static_cast<int>(p); });
      const std::vector<StepSpec> before = procedure.steps;
      if (rewrite_for_authority(procedure, *option[p], rules) && has_backlog) {
        fail_at(*option_node[p], "delegation",
                "procedure '" + procedure.id +
                    "' has backlog dossiers whose current step refers to the catalogued "
                    "workflow; its authority cannot be changed in the same run");
      }
      const int d = deadline[p][static_cast<int>(*option[p])];
      if (d >= 0) procedure.deadline_workdays = d;
      rewritten_.insert(static_cast<int>(p));
    }
    if (follow) move_staff_with_work(*before, spec_, *follow);
  }

  // [delegation] staff = "stay" (default) | "follow" | "pool", staff_share, staff_officers,
  // and for "pool" staff_pool_team, staff_pool_period, staff_pool_threshold.
  std::optional<StaffFollowRule> read_staff_follow() const {
    const toml::node* staff = find("delegation", "staff");
    const toml::node* share = find("delegation", "staff_share");
    const toml::node* officers = find("delegation", "staff_officers");
    const toml::node* team = find("delegation", "staff_pool_team");
    const toml::node* period = find("delegation", "staff_pool_period");
    const toml::node* threshold = find("delegation", "staff_pool_threshold");
    StaffFollowRule rule;
    bool on = false;
    if (staff != nullptr) {
      const std::string t = text(*staff, "delegation.staff");
      if (t != "stay" && t != "follow" && t != "pool")
        fail_at(*staff, "delegation.staff", "bad value '" + t + "'", "stay, follow, pool");
      on = t != "stay";
      if (t == "pool") rule.destination = StaffDestination::kPool;
    }
    if (!on) {
      if (share != nullptr || officers != nullptr) {
        fail_at(share ? *share : *officers,
                share ? "delegation.staff_share" : "delegation.staff_officers",
                "only with staff = \"follow\" or \"pool\" (officers stay with their unit by "
                "default)");
      }
    }
    if (rule.destination != StaffDestination::kPool) {
      for (const auto& [node, key] : {std::pair{team, "delegation.staff_pool_team"},
                                      std::pair{period, "delegation.staff_pool_period"},
                                      std::pair{threshold, "delegation.staff_pool_threshold"}})
        if (node != nullptr) fail_at(*node, key, "only with staff = \"pool\"");
    }
    if (!on) return std::nullopt;
    if (share != nullptr && officers != nullptr)
      fail_at(*officers, "delegation.staff_officers",
              "give staff_share or staff_officers, not both");
    if (share != nullptr) rule.share = number(*share, "delegation.staff_share", 0, 1);
    if (officers != nullptr) {
      if (officers->as_integer() == nullptr)
        fail_at(*officers, "delegation.staff_officers", "expected a whole number");
      rule.officers = static_cast<int>(number(*officers, "delegation.staff_officers", 0, 100000));
    }
    if (team != nullptr) {
      if (team->as_integer() == nullptr)
        fail_at(*team, "delegation.staff_pool_team", "expected a whole number");
      rule.pool_team = static_cast<int>(number(*team, "delegation.staff_pool_team", 1, 100));
    }
    if (period != nullptr) {
      rule.pool_period_days =
          parsed(*period, "delegation.staff_pool_period", [&](std::string_view t) {
            return parse_calendar_duration(t, context_);
          }).days();
      if (rule.pool_period_days < 1)
        fail_at(*period, "delegation.staff_pool_period", "at least one day");
    }
    if (threshold != nullptr)
      rule.pool_threshold = number(*threshold, "delegation.staff_pool_threshold", 1, 1e9);
    return rule;
  }

  // --- [outages] ------------------------------------------------------------------------------
  void read_outages() {
    const toml::node* section = root_.get("outages");
    if (section == nullptr) return;
    OutageSpec& o = spec_.levers.outages;
    auto pair_of = [&](const char* between, const char* repair, bool& on, sim::Distribution& b,
                       sim::Distribution& r) {
      const toml::node* nb = find("outages", between);
      const toml::node* nr = find("outages", repair);
      if (!nb && !nr) return;
      if (!nb || !nr) {
        fail_at(nb ? *nb : *nr, key_of("outages", nb ? repair : between),
                std::string("missing: give both ") + between + " and " + repair);
      }
      b = calendar_hours(*nb, key_of("outages", between));
      r = calendar_hours(*nr, key_of("outages", repair));
      if (b.mean() <= 0) fail_at(*nb, key_of("outages", between), "the mean must be > 0");
      check_plausible(*nb, key_of("outages", between), Quantity::kOutageBetweenHours, b);
      check_plausible(*nr, key_of("outages", repair), Quantity::kOutageRepairHours, r);
      on = true;
    };
    pair_of("province_between", "province_repair", o.province, o.province_between,
            o.province_repair);
    pair_of("unit_between", "unit_repair", o.per_unit, o.unit_between, o.unit_repair);
    if (const toml::node* node = find("outages", "mode")) {
      const std::string t = text(*node, "outages.mode");
      if (t == "stop") {
        o.mode = OutageMode::kStop;
      } else if (t == "paper") {
        o.mode = OutageMode::kPaper;
      } else {
        fail_at(*node, "outages.mode", "bad value '" + t + "'", "stop, paper");
      }
    }
    if (const toml::node* node = find("outages", "paper_speed"))
      o.paper_speed = number(*node, "outages.paper_speed", 1e-3, 1.0);
    if (const toml::node* node = find("outages", "maintenance")) {
      const auto* list = node->as_array();
      if (list == nullptr) {
        fail_at(*node, "outages.maintenance", "expected a list of windows",
                "e.g. [\"2026-03-07T20:00/8h\"]");
      }
      for (const toml::node& item : *list) {
        const std::string t = text(item, "outages.maintenance");
        const std::size_t slash = t.find('/');
        if (slash == std::string::npos) {
          fail_at(item, "outages.maintenance", "bad value '" + t + "'",
                  "start/duration, e.g. 2026-03-07T20:00/8h");
        }
        OutageSpec::Window w;
        try {
          const DateTimeValue from = parse_date_time(t.substr(0, slash));
          const sim::Duration length = parse_calendar_duration(t.substr(slash + 1), context_);
          w.from =
              sim::Instant{static_cast<double>(sim::days_between(spec_.epoch_date, from.date)) *
                               sim::kSecondsPerDay +
                           from.seconds_of_day};
          w.to = w.from + length;
        } catch (const ValueError& e) {
          fail_at(item, "outages.maintenance", "bad value '" + t + "': " + e.problem(),
                  e.allowed());
        }
        if (!(w.to > w.from)) fail_at(item, "outages.maintenance", "the window lasts 0");
        o.maintenance.push_back(w);
      }
    }
    if (const toml::node* node = find("outages", "sync_error_probability"))
      spec_.levers.sync.probability = number(*node, "outages.sync_error_probability", 0.0, 1.0);
    if (const toml::node* node = find("outages", "sync_delay"))
      spec_.levers.sync.delay_hours = calendar_hours(*node, "outages.sync_delay");
  }

  // --- [online] -------------------------------------------------------------------------------
  // Midnight starting the date given at `node` (a TOML date or "YYYY-MM-DD").
  sim::Instant instant_of_date(const toml::node& node, const std::string& key) {
    std::string t;
    if (const auto* d = node.as_date()) {
      t = sim::to_string(sim::CivilDate{d->get().year, d->get().month, d->get().day});
    } else {
      t = text(node, key);
    }
    try {
      return sim::Instant{static_cast<double>(sim::days_between(spec_.epoch_date, parse_date(t))) *
                          sim::kSecondsPerDay};
    } catch (const ValueError& e) {
      fail_at(node, key, "bad value '" + t + "': " + e.problem(), e.allowed());
    }
  }

  void read_online() {
    if (root_.get("online") == nullptr) return;
    AdoptionSpec& a = spec_.levers.online;
    if (const toml::node* node = find("online", "effort_factor"))
      spec_.levers.online_effort_factor = number(*node, "online.effort_factor", 0.01, 10.0);
    const toml::node* start = find("online", "start_share");
    const toml::node* target = find("online", "target_share");
    if (!start && !target) return;
    if (!start || !target) {
      fail_at(start ? *start : *target, start ? "online.target_share" : "online.start_share",
              "missing: give both start_share and target_share");
    }
    a.enabled = true;
    a.start_share = number(*start, "online.start_share", 0.0, 1.0);
    a.target_share = number(*target, "online.target_share", 0.0, 1.0);
    // The curve is anchored at calendar dates, never at the run's window: the same date has
    // the same online share in a 3-month and a 3-year run.
    const toml::node* start_date = find("online", "start_date");
    const toml::node* target_date = find("online", "target_date");
    if (!start_date || !target_date) {
      fail_at(start_date ? *start_date : (target_date ? *target_date : *start),
              start_date ? "online.target_date" : "online.start_date",
              "missing: the shares are reached on calendar dates, give start_date and "
              "target_date (the curve no longer follows the run's start and end)",
              "e.g. start_date = 2026-01-01, target_date = 2026-12-31");
    }
    a.start = instant_of_date(*start_date, "online.start_date");
    a.target = instant_of_date(*target_date, "online.target_date");
    if (!(a.start < a.target))
      fail_at(*target_date, "online.target_date", "must be after online.start_date");
    a.midpoint = a.start + (a.target - a.start) * 0.5;
    if (const toml::node* node = find("online", "midpoint"))
      a.midpoint = instant_of_date(*node, "online.midpoint");
    if (const toml::node* node = find("online", "steepness_days"))
      a.steepness_days = number(*node, "online.steepness_days", 0.1, 36500.0);
  }

  // --- [filing] and the neighbours table ------------------------------------------------------
  void read_filing() {
    if (const toml::node* node = find("filing", "share_elsewhere"))
      spec_.levers.file_elsewhere_share = number(*node, "filing.share_elsewhere", 0.0, 1.0);
    auto t = table("neighbours", {{"unit", "neighbours"}, {}});
    if (!t) {
      if (spec_.levers.file_elsewhere_share > 0) {
        fail_at(*find("filing", "share_elsewhere"), "filing.share_elsewhere",
                "needs a neighbours table ([tables] neighbours = \"neighbours.csv\")");
      }
      return;
    }
    spec_.levers.neighbours.assign(spec_.units.size(), {});
    for (std::size_t r = 0; r < t->size(); ++r) {
      const CsvRow row = t->row(r);
      const int u = unit_cell(row["unit"], row["unit"].text());
      for (const std::string& id : split(row["neighbours"].text())) {
        const int v = unit_cell(row["neighbours"], id);
        if (v == u) row["neighbours"].fail("a unit is not its own neighbour");
        if (spec_.units[v].tier() != Tier::kCommune || spec_.units[u].tier() != Tier::kCommune)
          row["neighbours"].fail("neighbours are commune-level units (ward, commune)");
        spec_.levers.neighbours[u].push_back(v);
      }
    }
  }

  // --- pools table ----------------------------------------------------------------------------
  void read_pools() {
    auto t = table("pools", {{"pool", "home", "officers", "skills", "units"},
                             {"switch_overhead", "dossier_share"}});
    if (!t) return;
    std::set<std::pair<int, int>> pooled;  // (unit, skill)
    for (std::size_t r = 0; r < t->size(); ++r) {
      const CsvRow row = t->row(r);
      PoolSpec pool;
      pool.id = std::string(row["pool"].text());
      if (pool.id.empty()) row["pool"].fail("an id is required");
      pool.home = unit_cell(row["home"], row["home"].text());
      const int officers = static_cast<int>(row["officers"].parse([](std::string_view v) {
        const long long k = parse_count(v);
        if (k < 1 || k > 100000) throw ValueError("a pool has 1 to 100000 officers");
        return k;
      }));
      for (const std::string& name : split(row["skills"].text())) {
        const auto it = std::find(spec_.skills.begin(), spec_.skills.end(), name);
        if (it == spec_.skills.end()) {
          row["skills"].fail("unknown skill '" + name + "'" + did_you_mean(name, spec_.skills),
                             join_names(spec_.skills));
        }
        pool.skills.push_back(static_cast<int>(it - spec_.skills.begin()));
      }
      if (pool.skills.empty()) row["skills"].fail("a pool covers at least one skill");
      for (const std::string& id : split(row["units"].text())) {
        const int u = unit_cell(row["units"], id);
        for (int s : pool.skills) {
          if (!pooled.insert({u, s}).second) {
            row["units"].fail("unit '" + id + "' is already served by a pool for skill '" +
                              spec_.skills[s] + "'");
          }
        }
        pool.units.push_back(u);
      }
      if (pool.units.empty()) row["units"].fail("a pool serves at least one unit");
      if (!row["switch_overhead"].empty()) {
        const DelaySpec d = row["switch_overhead"].parse(
            [&](std::string_view v) { return parse_delay(v, DelayUse::kEffort, context_); });
        pool.switch_hours = d.hours.mean();
      }
      double share = 1.0;
      if (!row["dossier_share"].empty()) {
        share = row["dossier_share"].parse([](std::string_view v) {
          const double x = parse_number(v);
          if (!(x > 0 && x <= 1)) throw ValueError("a share lies in (0, 1]");
          return x;
        });
      }
      // The pool's officers cost what the officers whose work it takes cost (their mean pay,
      // weighted by officers; models/costs.hpp), read before the served positions lose it.
      std::vector<int> served;
      std::vector<double> served_officers;
      for (std::size_t p = 0; p < spec_.positions.size(); ++p) {
        const PositionSpec& position = spec_.positions[p];
        if (std::find(pool.units.begin(), pool.units.end(), position.unit) == pool.units.end())
          continue;
        if (std::none_of(position.skills.begin(), position.skills.end(), [&](int s) {
              return std::find(pool.skills.begin(), pool.skills.end(), s) != pool.skills.end();
            }))
          continue;
        served.push_back(static_cast<int>(p));
        served_officers.push_back(position.officers);
      }
      const PositionPay pay =
          weighted_pay(spec_, served, served_officers, "the served positions' mean pay");
      // The pooled work leaves the served units' own positions (the home keeps its own).
      for (int u : pool.units) {
        if (u == pool.home) continue;
        for (PositionSpec& p : spec_.positions) {
          if (p.unit != u) continue;
          std::erase_if(p.skills, [&](int s) {
            return std::find(pool.skills.begin(), pool.skills.end(), s) != pool.skills.end();
          });
        }
      }
      pool.position = static_cast<int>(spec_.positions.size());
      spec_.positions.push_back(
          PositionSpec{pool.home, "pool:" + pool.id, officers, pool.skills, share, {}});
      spec_.positions.back().pay = pay;
      spec_.levers.pools.push_back(std::move(pool));
    }
  }

  // --- [mobile_team] --------------------------------------------------------------------------
  void read_mobile_team() {
    if (root_.get("mobile_team") == nullptr) return;
    MobileTeamSpec& m = spec_.levers.mobile;
    if (m.enabled) {
      fail_at(*root_.get("mobile_team"), "mobile_team",
              "cannot be combined with [delegation] staff = \"pool\" (its teams are the "
              "delegated-work pool)");
    }
    auto required = [&](const char* key) -> const toml::node& {
      const toml::node* node = find("mobile_team", key);
      if (node == nullptr) {
        fail_at(*root_.get("mobile_team"), key_of("mobile_team", key), "missing (required)");
      }
      return *node;
    };
    m.officers = static_cast<int>(number(required("officers"), "mobile_team.officers", 1, 10000));
    if (const toml::node* node = find("mobile_team", "teams"))
      m.teams = static_cast<int>(number(*node, "mobile_team.teams", 1, 1000));
    const toml::node& skills = required("skills");
    const auto* list = skills.as_array();
    if (list == nullptr || list->empty()) {
      fail_at(skills, "mobile_team.skills", "expected a list of skills, e.g. [\"land\"]");
    }
    for (const toml::node& item : *list)
      m.skills.push_back(skill_named(item, "mobile_team.skills", text(item, "mobile_team.skills")));
    if (const toml::node* node = find("mobile_team", "trigger")) {
      const std::string t = text(*node, "mobile_team.trigger");
      if (t == "backlog") {
        m.trigger = MobileTrigger::kBacklog;
      } else if (t == "overdue") {
        m.trigger = MobileTrigger::kOverdue;
      } else if (t == "queued") {
        m.trigger = MobileTrigger::kQueued;
      } else {
        fail_at(*node, "mobile_team.trigger", "bad value '" + t + "'", "backlog, overdue, queued");
      }
    }
    m.threshold = number(required("threshold"), "mobile_team.threshold", 1, 1e9);
    const toml::node& period = required("period");
    m.period_days = parsed(period, "mobile_team.period", [&](std::string_view t) {
                      return parse_calendar_duration(t, context_);
                    }).days();
    if (m.period_days < 1) fail_at(period, "mobile_team.period", "at least one day");
    // The deployment rule: which units (default every commune-level unit) and when.
    std::vector<std::uint8_t> eligible(spec_.units.size(), 1);
    if (const toml::node* node = find("mobile_team", "units")) {
      const auto* ids = node->as_array();
      if (ids == nullptr || ids->empty()) {
        fail_at(*node, "mobile_team.units", "expected a list of unit ids, e.g. [\"tran_bien\"]");
      }
      std::fill(eligible.begin(), eligible.end(), 0);
      for (const toml::node& item : *ids) {
        const std::string id = text(item, "mobile_team.units");
        const auto u = find_unit(id);
        if (!u) {
          fail_at(
              item, "mobile_team.units",
              "unknown unit '" + id + "'" + did_you_mean(id, unit_ids()) + ", not in units.csv");
        }
        if (spec_.units[static_cast<std::size_t>(*u)].tier() != Tier::kCommune) {
          fail_at(item, "mobile_team.units",
                  "unit '" + id + "' is provincial; teams go to commune-level units only");
        }
        eligible[static_cast<std::size_t>(*u)] = 1;
      }
    }
    if (const toml::node* node = find("mobile_team", "from"))
      m.from = instant_of_date(*node, "mobile_team.from");
    if (const toml::node* node = find("mobile_team", "until"))
      m.until = instant_of_date(*node, "mobile_team.until");
    if (!(m.from < m.until)) {
      fail_at(*find("mobile_team", "until"), "mobile_team.until",
              "not after mobile_team.from: the window [from, until) is empty");
    }
    m.enabled = true;
    m.position_at_unit.assign(spec_.units.size(), -1);
    for (std::size_t u = 0; u < spec_.units.size(); ++u) {
      if (spec_.units[u].tier() != Tier::kCommune || !eligible[u]) continue;
      m.position_at_unit[u] = static_cast<int>(spec_.positions.size());
      spec_.positions.push_back(
          PositionSpec{static_cast<int>(u), "mobile_team", 0, m.skills, 1.0, {}});
    }
  }

  // --- checks ---------------------------------------------------------------------------------
  bool covered(int unit, int skill) const {
    // The delegated-work pool ([delegation] staff = "pool") covers its units: its officers
    // (0 in the position) come when the work waits.
    const bool pooled = spec_.levers.mobile.enabled && !spec_.levers.staff_moves.empty() &&
                        spec_.levers.mobile.position_at_unit[static_cast<std::size_t>(unit)] >= 0;
    for (const PositionSpec& p : spec_.positions) {
      if (p.unit == unit && (p.officers > 0 || (pooled && p.id == "delegated_pool")) &&
          std::find(p.skills.begin(), p.skills.end(), skill) != p.skills.end())
        return true;
    }
    return false;
  }

  void check_where_work_runs() const {
    if (rewritten_.empty() && spec_.levers.pools.empty() && spec_.levers.file_elsewhere_share <= 0)
      return;
    std::set<std::pair<int, int>> pairs;
    for (const ArrivalStreamSpec& a : spec_.arrivals) {
      pairs.insert({a.unit, a.procedure});
      if (spec_.levers.file_elsewhere_share > 0 && !spec_.levers.neighbours.empty())
        for (int v : spec_.levers.neighbours[a.unit])
          pairs.insert({v, a.procedure});
    }
    for (const ReplayedArrival& r : spec_.replay)
      pairs.insert({r.unit, r.procedure});
    for (const BacklogDossier& b : spec_.backlog)
      pairs.insert({b.unit, b.procedure});
    for (const auto& [unit, p] : pairs) {
      const ProcedureSpec& procedure = spec_.procedures[p];
      for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
        const StepSpec& step = procedure.steps[s];
        if (step.kind == StepKind::kWork || step.tier == Tier::kProvince) {
          const int where =
              step.tier == Tier::kCommune
                  ? commune_step_unit(spec_, procedure, step, unit)
                  : spec_.province_unit_for_domain[static_cast<int>(procedure.domain)];
          const bool ok =
              where >= 0 && (step.kind != StepKind::kWork || covered(where, step.skill));
          if (ok) continue;
          const std::string why =
              rewritten_.count(p) ? " after [delegation] rewrote it" : " with the pools applied";
          const std::string skill =
              step.kind == StepKind::kWork ? "skill '" + spec_.skills[step.skill] + "'" : "a body";
          throw ScenarioError(
              spec_.scenario_file + ": error: unit '" + spec_.units[unit].id +
              "' receives procedure '" + procedure.id + "', whose step " + std::to_string(s + 1) +
              " (" + step.name + ")" + why + " needs " + skill + " at " +
              (where >= 0 ? "unit '" + spec_.units[where].id + "'"
                          : std::string("the province (no body handles the domain)")) +
              ", but no position there with officers covers it");
        }
      }
    }
  }

  ScenarioDocument& document_;
  const toml::table& root_;
  const UnitContext& context_;
  ModelSpec& spec_;
  std::set<int> rewritten_;
  std::vector<std::pair<std::string, std::string>> csv_texts_;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> apply_levers(ScenarioDocument& document,
                                                              const UnitContext& context,
                                                              ModelSpec& spec) {
  return LeverReader(document, context, spec).run();
}

}  // namespace twotier::model
