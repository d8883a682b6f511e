// --set on table cells and demand (see table_overrides.hpp).
#include "models/table_overrides.hpp"

#include <algorithm>
#include <map>

#include "models/text_match.hpp"
#include "models/unit_lookup.hpp"

namespace twotier::model {
namespace {

// How the rows of a table are keyed for --set.
struct Keying {
  std::vector<std::string> keys;   // the key columns, in the order a --set path gives them
  std::string main_column;         // changed when the path names no column ("" = must name one)
  bool unit_selector = false;      // the first key column takes `*` and `kind:<kind>`
  std::vector<std::string> whole;  // columns of whole numbers (relative changes round)
};

const std::map<std::string, Keying, std::less<>>& keyings() {
  static const std::map<std::string, Keying, std::less<>> all{
      {"units", {{"id"}, "", false, {}}},
      {"procedures", {{"id"}, "", false, {"deadline"}}},
      {"steps", {{"procedure", "step"}, "", false, {}}},
      {"positions", {{"unit", "position"}, "officers", true, {"officers"}}},
      {"arrivals", {{"unit", "procedure"}, "rate", true, {}}},
      {"profiles", {{"profile", "dimension", "key"}, "factor", false, {}}},
      {"unit_staff", {{"unit"}, "", true, {"signing_batch_max"}}},
      {"officers", {{"unit", "officer"}, "", false, {"annual_leave_days", "ramp_workdays"}}},
      {"deadline_options", {{"procedure"}, "", false, {"commune", "province", "delegated"}}},
      {"pools", {{"pool"}, "", false, {"officers"}}},
      {"neighbours", {{"unit"}, "neighbours", false, {}}},
      {"backlog", {{"id"}, "", false, {"current_step"}}},
  };
  return all;
}

[[noreturn]] void fail(const TableOverride& o, const std::string& problem,
                       const std::string& allowed = {}) {
  throw ScenarioError(o.source + ": error: " + o.table + ": " + with_allowed(problem, allowed));
}

std::string joined(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count && i < parts.size(); ++i) {
    if (i > 0) out += '.';
    out += parts[i];
  }
  return out;
}

std::string path_form(std::string_view table, const Keying& k) {
  std::string form(table);
  for (const auto& key : k.keys) {
    form += ".<";
    form += key;
    form += '>';
  }
  return form + (k.main_column.empty() ? ".<column>" : "[.<column>]");
}

// Whether a selector cell (`*`, `kind:<kind>`) covers `unit`, and how specifically (0 none).
int covers(std::string_view selector, const UnitSpec& unit) {
  if (selector == "*") return unit.tier() == Tier::kCommune ? 1 : 0;
  if (selector.starts_with("kind:")) return selector.substr(5) == to_string(unit.kind) ? 2 : 0;
  return 0;
}

void apply(CsvTable& table, TableOverride& o, const Keying& k, const std::vector<UnitSpec>& units,
           const std::vector<std::string>& declared) {
  if (o.path.size() < k.keys.size() || o.path.size() > k.keys.size() + 1 ||
      (o.path.size() == k.keys.size() && k.main_column.empty())) {
    std::string given = o.table;
    for (const auto& part : o.path) {
      given += '.';
      given += part;
    }
    fail(o, "expected " + path_form(o.table, k) + ", not " + given +
                " (an id with a '.' cannot be reached by --set)");
  }
  const std::string column = o.path.size() > k.keys.size() ? o.path.back() : k.main_column;
  if (std::find(declared.begin(), declared.end(), column) == declared.end() ||
      std::find(k.keys.begin(), k.keys.end(), column) != k.keys.end()) {
    std::vector<std::string> settable;
    for (const auto& c : declared)
      if (std::find(k.keys.begin(), k.keys.end(), c) == k.keys.end()) settable.push_back(c);
    fail(o, "unknown column '" + column + "'" + did_you_mean(column, settable),
         join_names(settable));
  }
  std::vector<std::string> wanted(o.path.begin(), o.path.begin() + k.keys.size());

  auto row_matches = [&](std::size_t r, std::size_t first_key) {
    for (std::size_t i = first_key; i < k.keys.size(); ++i)
      if (table.field(r, k.keys[i]) != wanted[i]) return false;
    return true;
  };
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < table.size(); ++r)
    if (row_matches(r, 0)) rows.push_back(r);

  // A unit named by name, or covered by a selector row only.
  const bool unit_key = k.keys.front() == "unit" || o.table == "units";
  int unit = -1;
  if (rows.empty() && unit_key && !units.empty() && wanted[0] != "*" &&
      !wanted[0].starts_with("kind:")) {
    try {
      unit = find_unit(units, wanted[0]);
    } catch (const ValueError& e) {
      fail(o, e.problem());
    }
    wanted[0] = units[static_cast<std::size_t>(unit)].id;
    for (std::size_t r = 0; r < table.size(); ++r)
      if (row_matches(r, 0)) rows.push_back(r);
  }
  if (rows.empty() && k.unit_selector && unit >= 0) {
    std::size_t best = table.size();
    int best_rank = 0;
    for (std::size_t r = 0; r < table.size(); ++r) {
      const int rank = row_matches(r, 1) ? covers(table.field(r, k.keys[0]),
                                                  units[static_cast<std::size_t>(unit)])
                                         : 0;
      if (rank > best_rank) {
        best_rank = rank;
        best = r;
      }
    }
    if (best < table.size()) {
      const std::size_t copy = table.copy_row(best);
      table.set_field(copy, k.keys[0], wanted[0], o.source);
      rows.push_back(copy);
    }
  }
  if (rows.empty()) {
    // The closest keys: those of the rows that share the first key, else of every row.
    std::vector<std::string> candidates;
    for (std::size_t r = 0; r < table.size(); ++r) {
      std::string key;
      for (std::size_t i = 0; i < k.keys.size(); ++i) {
        std::string part(table.field(r, k.keys[i]));
        if (i == 0 && unit >= 0 && k.unit_selector &&
            covers(part, units[static_cast<std::size_t>(unit)]) > 0)
          part = wanted[0];
        if (i > 0) key += '.';
        key += part;
      }
      if (std::find(candidates.begin(), candidates.end(), key) == candidates.end())
        candidates.push_back(key);
    }
    const std::string key = joined(wanted, wanted.size());
    std::string described;
    for (std::size_t i = 0; i < k.keys.size(); ++i) {
      if (i > 0) described += ", ";
      described += k.keys[i];
      described += " '";
      described += wanted[i];
      described += '\'';
    }
    fail(o, "no row with " + described + " in " + table.file() +
                " (closest: " + join_names(nearest_names(key, candidates, 3)) + ")");
  }
  const bool whole = std::find(k.whole.begin(), k.whole.end(), column) != k.whole.end();
  for (const std::size_t r : rows) {
    std::string text = o.value;
    if (o.op != OverrideOp::kSet) {
      try {
        text = changed_number(table.field(r, column), o.op, o.value, whole);
      } catch (const ValueError& e) {
        fail(o, joined(wanted, wanted.size()) + ": column '" + column + "' " + e.problem(),
             e.allowed());
      }
    }
    table.set_field(r, column, std::move(text), o.source);
  }
  o.applied = true;
}

}  // namespace

std::optional<CsvTable> read_scenario_table(ScenarioDocument& document, std::string_view key,
                                            const CsvColumns& columns,
                                            const std::vector<UnitSpec>& units) {
  const toml::node* tables = document.root.get("tables");
  const toml::node* node = tables && tables->is_table() ? tables->as_table()->get(key) : nullptr;
  if (node == nullptr) return std::nullopt;
  const std::string path = "tables." + std::string(key);
  const auto* name = node->as_string();
  if (name == nullptr)
    fail_at(*node, path, "bad value " + toml_text(*node) + ": expected text in quotes");
  const std::filesystem::path file = resolve_relative(*node, name->get());
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    const bool from_set = location_of(*node).starts_with("--set ");
    fail_at(*node, path,
            "cannot open '" + file.generic_string() + "' (" +
                (from_set ? std::string("a --set path is relative to the current folder")
                          : "paths are relative to the file that names them") +
                ")");
  }
  CsvTable table = CsvTable::read_file(file, columns);
  std::vector<std::string> declared = columns.required;
  declared.insert(declared.end(), columns.optional.begin(), columns.optional.end());
  for (TableOverride& o : document.table_overrides) {
    if (o.table != key) continue;
    const auto it = keyings().find(key);
    if (it == keyings().end()) {
      fail(o, "its rows have no key, so --set cannot reach a cell; edit a copy of " + table.file() +
                  " and point " + path + " at it");
    }
    apply(table, o, it->second, units, declared);
  }
  return table;
}

void check_table_overrides_applied(const ScenarioDocument& document) {
  for (const TableOverride& o : document.table_overrides) {
    if (o.applied) continue;
    if (o.table == "demand")
      fail(o, "the scenario has no arrivals table to scale (tables.arrivals)");
    fail(o, "the scenario has no table '" + o.table + "' (set tables." + o.table + " first)");
  }
}

std::vector<double> demand_factors(ScenarioDocument& document, const std::vector<UnitSpec>& units,
                                   const std::vector<ProcedureSpec>& procedures) {
  const std::size_t n = procedures.size();
  std::vector<double> factors(units.size() * n, 1.0);
  std::vector<std::string> procedure_ids;
  for (const auto& p : procedures)
    procedure_ids.push_back(p.id);
  auto procedure_named = [&](std::string_view id) -> int {
    const auto it = std::find(procedure_ids.begin(), procedure_ids.end(), id);
    return it == procedure_ids.end() ? -1 : static_cast<int>(it - procedure_ids.begin());
  };
  for (TableOverride& o : document.table_overrides) {
    if (o.table != "demand") continue;
    if (o.op != OverrideOp::kMultiply) {
      fail(o,
           "demand is scaled: write demand*=F, demand.<unit>*=F, demand.<procedure>*=F or "
           "demand.<unit>.<procedure>*=F, e.g. demand.phu_hoa*=1.2");
    }
    double factor = 0.0;
    try {
      factor = std::stod(changed_number("1", OverrideOp::kMultiply, o.value, false));
    } catch (const ValueError& e) {
      fail(o, e.problem(), e.allowed());
    }
    if (!(factor >= 0))
      fail(o, "bad factor '" + o.value + "': a demand factor must not be negative");
    int unit = -1;
    int procedure = -1;
    if (o.path.size() == 1) {
      procedure = procedure_named(o.path[0]);
      if (procedure < 0) {
        try {
          unit = find_unit(units, o.path[0]);
        } catch (const ValueError& e) {
          fail(o, e.problem() + "; nor a procedure" + did_you_mean(o.path[0], procedure_ids));
        }
      }
    } else if (o.path.size() == 2) {
      try {
        unit = find_unit(units, o.path[0]);
      } catch (const ValueError& e) {
        fail(o, e.problem());
      }
      procedure = procedure_named(o.path[1]);
      if (procedure < 0) {
        fail(o, "no procedure '" + o.path[1] + "'" + did_you_mean(o.path[1], procedure_ids) +
                    " in procedures.csv");
      }
    } else if (o.path.size() > 2) {
      fail(o, "expected demand, demand.<unit>, demand.<procedure> or demand.<unit>.<procedure>");
    }
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (unit >= 0 && static_cast<int>(u) != unit) continue;
      for (std::size_t p = 0; p < n; ++p)
        if (procedure < 0 || static_cast<int>(p) == procedure) factors[u * n + p] *= factor;
    }
    o.applied = true;
  }
  return factors;
}

}  // namespace twotier::model
