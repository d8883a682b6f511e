// Builds a ModelSpec from a scenario's TOML document and CSV tables (see scenario_loader.hpp).
//
// Order: [scenario] and [calendar] first (the working-day length is needed to read "wd"),
// then units, procedures, steps, positions, profiles, arrivals or replay, backlog; then the
// calendar over [epoch, end + margin] and the checks that span tables.
//
// The Builder (models/scenario_loader_parts.hpp) is split by part of the scenario: this file
// holds the entry point, the order of the reads (Builder::build), TOML access and the resolved
// text; models/load_*.cpp read the sections and tables.
#include "models/scenario_loader.hpp"

#include <sstream>

#include "models/lever_loader.hpp"
#include "models/scenario_document.hpp"
#include "models/scenario_loader_parts.hpp"
#include "models/table_overrides.hpp"

namespace twotier::model::loader_internal {

std::string text_of(const toml::node& node, std::string_view key) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) {
    std::ostringstream out;
    out << f->get();
    return out.str();
  }
  if (const auto* d = node.as_date()) {
    std::ostringstream out;
    out << *d;
    return out.str();
  }
  fail_at(node, key, "bad value " + toml_text(node) + ": expected a value in quotes, e.g. \"2h\"");
}

ModelSpec Builder::build() {
  read_scenario_section();
  read_calendar_section();
  read_deadlines_section();
  read_calibration_section();
  read_units();
  read_procedures();
  read_steps();
  read_positions();
  read_costs();
  read_profiles();
  read_arrivals();
  read_replay();
  read_backlog();
  make_calendar();
  place_in_time();
  read_staff();
  read_reception();
  check_province_bodies();
  check_coverage();
  const std::size_t positions_before_levers = spec_.positions.size();
  spec_.table_positions = positions_before_levers;
  for (auto& csv : apply_levers(doc_, context_, spec_))  // delegation, pools, IT, ...
    csv_texts_.push_back(std::move(csv));
  check_table_overrides_applied(doc_);
  staff_lever_positions(positions_before_levers);
  read_overtime();  // after the levers: their positions (pools, mobile team) exist
  spec_.source_text = resolved_text();
  return std::move(spec_);
}

// --- TOML access --------------------------------------------------------------------------
const toml::table* Builder::section(std::string_view name) const {
  const toml::node* node = doc_.root.get(name);
  return node ? node->as_table() : nullptr;
}

void Builder::missing(std::string_view table, std::string_view key) const {
  const toml::table* t = section(table);
  const std::string where = t && t->source().path ? location_of(*t) : doc_.file;
  throw ScenarioError(where + ": error: " + std::string(table) + "." + std::string(key) +
                      ": missing (required)");
}

const toml::node* Builder::find(std::string_view table, std::string_view key) const {
  const toml::table* t = section(table);
  return t ? t->get(key) : nullptr;
}

const toml::node& Builder::require(std::string_view table, std::string_view key) const {
  const toml::node* node = find(table, key);
  if (node == nullptr) missing(table, key);
  return *node;
}

std::string Builder::path_of(std::string_view table, std::string_view key) {
  return std::string(table) + "." + std::string(key);
}

std::string Builder::string_of(const toml::node& node, const std::string& key) {
  if (const auto* s = node.as_string()) return s->get();
  fail_at(node, key, "bad value " + toml_text(node) + ": expected text in quotes");
}

long long Builder::integer_of(const toml::node& node, const std::string& key, long long lo,
                              long long hi) {
  const auto* i = node.as_integer();
  if (i == nullptr)
    fail_at(node, key, "bad value " + toml_text(node) + ": expected a whole number");
  if (i->get() < lo || i->get() > hi) {
    fail_at(node, key, "bad value " + std::to_string(i->get()),
            std::to_string(lo) + " to " + std::to_string(hi));
  }
  return i->get();
}

// The table named by [tables] key, or nullptr for an absent optional table.
std::optional<CsvTable> Builder::table(std::string_view key, const CsvColumns& columns,
                                       bool required) {
  const toml::node* node = find("tables", key);
  if (node == nullptr) {
    if (required) missing("tables", key);
    return std::nullopt;
  }
  std::optional<CsvTable> t = read_scenario_table(doc_, key, columns, spec_.units);
  csv_texts_.emplace_back(t->file(), t->text());
  return t;
}

// --- the resolved text -------------------------------------------------------------------------
// The merged TOML, then every CSV table as TOML comments: one text that reproduces the run.
std::string Builder::resolved_text() const {
  std::ostringstream out;
  out << "# twotier resolved scenario: " << doc_.file << "\n# read from:";
  for (const auto& f : doc_.chain)
    out << " " << f;
  out << "\n";
  for (const TableOverride& o : doc_.table_overrides)  // applied to the tables below
    out << "# " << o.source << "\n";
  out << doc_.root << "\n";
  for (const auto& [file, text] : csv_texts_) {
    out << "\n# ---- " << file << " ----\n";
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out << "# " << line << "\n";
    }
  }
  return out.str();
}

}  // namespace twotier::model::loader_internal

namespace twotier::model {

ModelSpec load_scenario(const std::filesystem::path& toml_file, const LoadOptions& options) {
  return loader_internal::Builder(read_scenario_document(toml_file, options.overrides)).build();
}

}  // namespace twotier::model
