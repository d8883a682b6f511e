// Scenario loader: [costs] (base salary, on-costs) and the salaries table (coefficient per
// position), what an officer costs (models/costs.hpp). Read after positions.csv, so every
// position of the tables must have its pay; lever positions (pools, mobile team) have none.
// Builder: models/scenario_loader_parts.hpp.
#include <cmath>
#include <map>

#include "models/scenario_loader_parts.hpp"
#include "models/text_check.hpp"

namespace twotier::model::loader_internal {

void Builder::read_costs() {
  const toml::table* costs = section("costs");
  std::optional<CsvTable> salaries = table(
      "salaries", {{"position", "coefficient", "source"}, {"unit", "grade", "allowance"}}, false);
  if (costs == nullptr && !salaries) return;
  if (costs == nullptr) {
    throw ScenarioError(location_of(*find("tables", "salaries")) +
                        ": error: tables.salaries: needs a [costs] table with base_salary "
                        "(VND per month) to turn coefficients into money");
  }
  if (!salaries) missing("tables", "salaries");
  auto& c = spec_.costs;
  c.base_salary =
      number_of(require("costs", "base_salary"), "costs.base_salary", 1.0, 1.0e9);  // VND/month
  auto source = [&](std::string_view key) {
    const std::string path = path_of("costs", key);
    const std::string text = string_of(require("costs", key), path);
    if (text.empty()) {
      fail_at(require("costs", key), path, "empty source",
              "where the figure comes from (a decree, a budget line) or \"assumed\"");
    }
    return text;
  };
  c.base_salary_source = source("base_salary_source");
  if (const toml::node* n = find("costs", "on_costs")) {
    c.on_costs = number_of(*n, "costs.on_costs", 0.0, 3.0);
    c.on_costs_source = source("on_costs_source");
  }
  if (const toml::node* n = find("costs", "months_per_year"))
    c.months_per_year = number_of(*n, "costs.months_per_year", 1.0, 14.0);

  // Rows by (position, unit); a row naming a unit beats a `kind:` row, which beats `*` or an
  // empty unit (every unit with that position).
  struct Chosen {
    int specificity;
    int line;
    PositionPay pay;
  };
  std::map<std::pair<int, std::string>, Chosen> chosen;
  for (std::size_t r = 0; r < salaries->size(); ++r) {
    const CsvRow row = salaries->row(r);
    const std::string position(row["position"].text());
    if (position.empty()) row["position"].fail("a position needs a name, e.g. one_stop");
    PositionPay pay;
    pay.grade = std::string(row["grade"].text());
    pay.coefficient = row["coefficient"].parse([](std::string_view t) {
      const double v = parse_number(t);
      if (!(v > 0 && v <= 20))
        throw ValueError("a salary coefficient lies in (0, 20]", "e.g. 2.34 (grade A1, step 1)");
      return v;
    });
    pay.allowance = row["allowance"].parse([](std::string_view t) {
      if (t.empty()) return 0.0;
      const double v = parse_number(t);
      if (!(v >= 0 && v <= 5))
        throw ValueError("a position allowance coefficient lies in [0, 5]", "e.g. 0.2, 0");
      return v;
    });
    pay.source = std::string(row["source"].text());
    if (pay.source.empty())
      row["source"].fail("empty source", "where the figure comes from, or assumed");
    UnitSelection selection;
    if (row["unit"].text().empty()) {
      for (std::size_t u = 0; u < spec_.units.size(); ++u)
        selection.units.push_back(static_cast<int>(u));
      selection.specificity = 0;
    } else {
      selection = select_units(row["unit"]);
    }
    bool any = false;
    for (const int u : selection.units) {
      bool has = false;
      for (const auto& p : spec_.positions)
        has = has || (p.unit == u && p.id == position);
      if (!has) continue;
      any = true;
      auto [it, inserted] =
          chosen.try_emplace({u, position}, Chosen{selection.specificity, row.line(), pay});
      if (inserted) continue;
      if (it->second.specificity == selection.specificity) {
        row.fail("position '" + position + "' of unit '" +
                 spec_.units[static_cast<std::size_t>(u)].id + "' already has its pay on row " +
                 std::to_string(it->second.line) +
                 " (a row naming a unit replaces a general one; rows of equal rank conflict)");
      }
      if (it->second.specificity < selection.specificity)
        it->second = Chosen{selection.specificity, row.line(), pay};
    }
    if (!any) {
      row["position"].fail("no unit it names has a position '" + position + "' in " +
                           positions_file_);
    }
  }
  for (auto& position : spec_.positions) {
    const auto it = chosen.find({position.unit, position.id});
    if (it == chosen.end()) {
      throw ScenarioError(salaries->file() + ": error: position '" + position.id + "' of unit '" +
                          spec_.units[static_cast<std::size_t>(position.unit)].id +
                          "' has no pay (add a row: position,coefficient,source; an empty unit "
                          "applies it to every unit with that position)");
    }
    position.pay = it->second.pay;
  }
}

}  // namespace twotier::model::loader_internal
