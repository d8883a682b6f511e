// Reads internal_work.csv into ModelSpec::internal_work and appends its procedures (see
// models/internal_work.hpp; the format is in docs/scenario-format.md). Called once by the
// loader after the levers; throws ScenarioError naming the file, line, column and value.
#pragma once

#include "models/csv_table.hpp"
#include "models/spec.hpp"
#include "models/units_parse.hpp"

namespace twotier::model {

// The columns of internal_work.csv.
CsvColumns internal_work_columns();

// REQUIRES: the calendars are built and spec.start/end placed.
void load_internal_work(const CsvTable& table, const UnitContext& context, ModelSpec& spec);

}  // namespace twotier::model
