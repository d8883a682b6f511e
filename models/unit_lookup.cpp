// Finding units by id or name (see unit_lookup.hpp).
#include "models/unit_lookup.hpp"

#include <algorithm>
#include <array>

#include "models/scenario_error.hpp"
#include "models/text_match.hpp"

namespace twotier::model {
namespace {

// Folded kind words a unit's name may start with (Vietnamese administrative titles).
constexpr std::array<std::string_view, 6> kKindWords{"phuong ",   "xa ", "dac khu ",
                                                     "thi tran ", "so ", "ban "};

std::string without_spaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

// The compact forms a unit answers to: its id, its name, its name without the kind word.
std::vector<std::string> forms_of(const UnitSpec& unit) {
  std::vector<std::string> forms{without_spaces(fold_text(unit.id))};
  const std::string name = fold_text(unit.name);
  forms.push_back(without_spaces(name));
  for (const std::string_view word : kKindWords) {
    if (name.size() > word.size() && name.starts_with(word))
      forms.push_back(without_spaces(name.substr(word.size())));
  }
  return forms;
}

}  // namespace

std::string unit_label(const UnitSpec& unit) {
  return unit.name.empty() || unit.name == unit.id ? unit.id : unit.name + " (" + unit.id + ")";
}

int find_unit(const std::vector<UnitSpec>& units, std::string_view text) {
  for (std::size_t u = 0; u < units.size(); ++u)
    if (units[u].id == text) return static_cast<int>(u);
  const std::string wanted = without_spaces(fold_text(text));
  std::vector<int> found;
  if (!wanted.empty()) {
    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto forms = forms_of(units[u]);
      if (std::find(forms.begin(), forms.end(), wanted) != forms.end())
        found.push_back(static_cast<int>(u));
    }
  }
  if (found.size() == 1) return found.front();
  if (found.size() > 1) {
    std::vector<std::string> labels;
    for (const int u : found)
      labels.push_back(unit_label(units[static_cast<std::size_t>(u)]));
    throw ValueError("'" + std::string(text) + "' names several units; give the id",
                     join_names(labels));
  }
  // Nearest by the folded name without its kind word, and by id.
  std::vector<std::string> keys;
  for (const auto& unit : units)
    keys.push_back(forms_of(unit).back());
  const std::vector<std::string> near = nearest_names(wanted, keys, 3);
  std::vector<std::string> labels;
  for (const auto& key : near) {
    const auto it = std::find(keys.begin(), keys.end(), key);
    labels.push_back(unit_label(units[static_cast<std::size_t>(it - keys.begin())]));
  }
  throw ValueError("no unit '" + std::string(text) + "'" +
                       (labels.empty() ? std::string{} : " (closest: " + join_names(labels) + ")") +
                       "; `twotier units SCENARIO --search TEXT` lists ids and names",
                   "a unit id or name");
}

std::vector<int> search_units(const std::vector<UnitSpec>& units, std::string_view text) {
  const std::string wanted = fold_text(text);
  const std::string compact = without_spaces(wanted);
  std::vector<int> found;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::string id = fold_text(units[u].id);
    const std::string name = fold_text(units[u].name);
    if (wanted.empty() || id.find(wanted) != std::string::npos ||
        name.find(wanted) != std::string::npos ||
        without_spaces(name).find(compact) != std::string::npos ||
        without_spaces(id).find(compact) != std::string::npos)
      found.push_back(static_cast<int>(u));
  }
  return found;
}

}  // namespace twotier::model
