// Finding a unit of a scenario from what a person types: its id ("phuoc_tan") or its name
// ("Phường Phước Tân"), with or without diacritics, spaces or the kind word ("Phước Tân",
// "phuoctan"). Used by `--scope unit:...`, `--set demand.<unit>...`, `twotier units
// --search`. Stateless; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

// "Phường Phước Tân (phuoc_tan)", or the id alone when the name is the id.
std::string unit_label(const UnitSpec& unit);

// The index of the unit `text` names: an exact id first; else the units whose id or name,
// folded (models/text_match.hpp) with spaces removed, equals the folded text, also with the
// name's kind word ("phường", "xã", "đặc khu", "thị trấn") left out. Throws ValueError
// "no unit 'x'" with the closest names (allowed: ...), or "'x' names several units: ..." .
int find_unit(const std::vector<UnitSpec>& units, std::string_view text);

// Units whose folded id or name contains the folded `text` (every unit when it is blank), in
// table order.
std::vector<int> search_units(const std::vector<UnitSpec>& units, std::string_view text);

}  // namespace twotier::model
