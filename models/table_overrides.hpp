// `--set` on table cells: `--set TABLE.KEY[.KEY2][.COLUMN]=VALUE` (or +=, -=, *=) changes one
// cell of the CSV table that [tables] TABLE names, found by its key columns; a unit key may be
// an id or a name (models/unit_lookup.hpp). Tables whose unit column takes selectors
// (positions, arrivals, unit_staff) get, for a unit covered only by a `*` or `kind:` row, a
// copy of that row for the unit alone (a more specific row wins), and the change goes there.
// Without a column, a table's main column is changed (positions: officers, arrivals: rate).
// `--set demand[.UNIT|.PROCEDURE|.UNIT.PROCEDURE]*=F` scales arrival rates instead
// (read_arrivals applies it, see demand_factor).
// Stateless functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "models/csv_table.hpp"
#include "models/scenario_document.hpp"
#include "models/spec.hpp"

namespace twotier::model {

// The table [tables] `key` of `document` names, read with `columns` and with the document's
// overrides of that table applied (they are marked applied); nullopt when the scenario does
// not name it. `units`: the units read so far (for unit keys given by name or covered by a
// selector row). Throws ScenarioError when the file cannot be opened, for a bad override
// (unknown key or column, with the closest matches) and for any problem of the table.
std::optional<CsvTable> read_scenario_table(ScenarioDocument& document, std::string_view key,
                                            const CsvColumns& columns,
                                            const std::vector<UnitSpec>& units);

// Throws ScenarioError for an override whose table the scenario never read ("the scenario
// has no table X"). Call after everything is read.
void check_table_overrides_applied(const ScenarioDocument& document);

// The factor the document's demand overrides give the arrivals of each (unit, procedure),
// at [unit * procedures.size() + procedure], marking them applied; all 1 when there are none.
// Throws ScenarioError for an unknown unit or procedure (with the closest ones) or an
// operation other than *=.
std::vector<double> demand_factors(ScenarioDocument& document, const std::vector<UnitSpec>& units,
                                   const std::vector<ProcedureSpec>& procedures);

}  // namespace twotier::model
