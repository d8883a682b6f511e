// Reading, merging and checking the TOML of a scenario (see scenario_document.hpp).
#include "models/scenario_document.hpp"

#include <algorithm>
#include <charconv>  // std::from_chars, std::to_chars
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "models/input_limits.hpp"
#include "models/text_check.hpp"
#include "models/text_match.hpp"

namespace twotier::model {
namespace {

constexpr std::string_view kOverridePrefix = "--set ";

const std::map<std::string, std::vector<std::string>, std::less<>>& schema() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> tables{
      {"",
       {"extends", "set", "scenario", "calendar", "deadlines", "staff", "tables", "delegation",
        "outages", "online", "filing", "mobile_team", "calibration", "seasons", "reception",
        "overtime", "delays", "costs"}},
      {"scenario",
       {"name", "description", "start", "horizon", "warmup", "seed", "replications",
        "on_time_target"}},
      {"calendar",
       {"holidays", "always_open", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday"}},
      {"deadlines", {"receipt_cutoff"}},
      {"delays", {"field_check_scale"}},
      {"calibration", {"parameters"}},
      {"costs",
       {"base_salary", "base_salary_source", "on_costs", "on_costs_source", "months_per_year"}},
      {"staff",
       {"dispatch", "domain_priority", "signing_times", "signing_batch_max", "speed",
        "error_probability", "sick_rate", "annual_leave_days", "leave_blocks", "ramp_start_speed",
        "ramp_workdays", "help_rule", "help_backlog", "help_due_soon", "help_due_soon_workdays",
        "reassign_days"}},
      {"tables",
       {"units", "procedures", "steps", "positions", "profiles", "arrivals", "replay", "backlog",
        "officers", "unit_staff", "staff_changes", "training", "pools", "neighbours",
        "deadline_options", "internal_work", "salaries"}},
      // Levers (models/lever_loader.hpp). [delegation] also takes `procedures` (a table of
      // procedure = option) and one key per domain.
      {"delegation",
       {"land", "construction", "civil_status_justice", "certification", "household_business",
        "social_labour", "finance_budget", "investment", "other", "procedures",
        "front_office_skill", "approval_skill", "approval_effort", "staff", "staff_share",
        "staff_officers"}},
      {"outages",
       {"mode", "paper_speed", "province_between", "province_repair", "unit_between", "unit_repair",
        "maintenance", "sync_error_probability", "sync_delay"}},
      {"online",
       {"start_share", "target_share", "start_date", "target_date", "midpoint", "steepness_days",
        "effort_factor"}},
      {"filing", {"share_elsewhere"}},
      {"mobile_team",
       {"teams", "officers", "skills", "trigger", "threshold", "period", "units", "from", "until"}},
      // models/load_officer_policies.cpp
      {"reception",
       {"counters", "counters_at", "service", "patience", "daily_ticket_cap", "return_share"}},
      {"overtime",
       {"positions", "units", "max_hours_per_day", "max_hours_per_week", "trigger", "threshold",
        "due_soon_workdays", "rate"}},
  };
  return tables;
}

std::string label_of(const std::filesystem::path& file) {
  return file.lexically_normal().generic_string();
}

// Moves every key of `child` into `parent`; tables merge key by key, anything else replaces.
void merge_into(toml::table& parent, toml::table&& child) {
  for (auto&& [key, value] : child) {
    toml::table* child_table = value.as_table();
    toml::table* parent_table = parent[key].as_table();
    if (child_table && parent_table) {
      merge_into(*parent_table, std::move(*child_table));
    } else {
      parent.insert_or_assign(key, std::move(value));
    }
  }
}

// Rejects dotted keys longer than the loader takes (input_limits.hpp) before toml++ sees the
// text: a key of 50,000 parts would exhaust its stack. A light lexer: it skips strings and
// comments, and counts the parts of each key (before '=' on a line or inside an inline table,
// and in [table] headers). `fail(line, column, problem)` must throw.
template <class Fail>
void check_key_shapes(std::string_view text, Fail&& fail) {
  std::size_t i = 0;
  int line = 1;
  std::size_t line_start = 0;
  std::vector<char> brackets;  // '[' arrays and '{' inline tables we are inside
  bool in_key = true;          // at a key position (line start, after '{' or ',' in a table)
  bool header = false;         // inside a [table] or [[array]] header
  std::size_t parts = 1;
  std::size_t part_bytes = 0;
  int key_line = 1;
  std::size_t key_column = 1;
  const std::size_t n = text.size();
  auto start_key = [&] {
    in_key = true;
    parts = 1;
    part_bytes = 0;
    key_line = line;
    key_column = i - line_start + 1;
  };
  auto grow_part = [&](std::size_t bytes) {
    part_bytes += bytes;
    if (part_bytes > kMaxKeyBytes) {
      fail(key_line, key_column,
           "a key part longer than " + std::to_string(kMaxKeyBytes) + " bytes (at most " +
               std::to_string(kMaxKeyBytes) + " bytes per part of a key)");
    }
  };
  // Skips a string starting at i (a quote); returns its length in bytes.
  auto skip_string = [&]() -> std::size_t {
    const char quote = text[i];
    const std::size_t begin = i;
    const bool triple = text.substr(i, 3) == std::string(3, quote);
    i += triple ? 3 : 1;
    while (i < n) {
      if (quote == '"' && text[i] == '\\') {
        i += 2;
        continue;
      }
      if (text[i] == '\n') {
        if (!triple) break;  // toml++ reports the unclosed string
        ++line;
        line_start = i + 1;
      }
      if (text[i] == quote && (!triple || text.substr(i, 3) == std::string(3, quote))) {
        i += triple ? 3 : 1;
        break;
      }
      ++i;
    }
    return i - begin;
  };
  start_key();
  while (i < n) {
    const char c = text[i];
    if (c == '#') {
      while (i < n && text[i] != '\n')
        ++i;
      continue;
    }
    if (c == '\n') {
      ++i;
      ++line;
      line_start = i;
      header = false;
      if (brackets.empty()) start_key();
      continue;
    }
    if (in_key || header) {
      if (c == '"' || c == '\'') {
        grow_part(skip_string());
        continue;
      }
      if (c == '.') {
        if (++parts > kMaxKeyParts) {
          fail(key_line, key_column,
               "a dotted key of more than " + std::to_string(kMaxKeyParts) + " parts (at most " +
                   std::to_string(kMaxKeyParts) + ", as in a.b.c)");
        }
        part_bytes = 0;
        ++i;
        continue;
      }
      if (c == '[' && brackets.empty() && !header && parts == 1 && part_bytes == 0) {
        header = true;
        ++i;
        continue;
      }
      if (c == ']' && header) {
        header = false;
        in_key = false;
        ++i;
        continue;
      }
      if (c == '=') {
        in_key = false;
        header = false;
        ++i;
        continue;
      }
      if ((c == '}' || c == ']') && !brackets.empty()) {  // an empty inline table, a stray ']'
        brackets.pop_back();
        in_key = false;
        ++i;
        continue;
      }
      if (c != ' ' && c != '\t' && c != '[' && c != ']') grow_part(1);
      ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      skip_string();
      continue;
    }
    if (c == '[' || c == '{') {
      brackets.push_back(c);
      ++i;
      if (c == '{') start_key();
      continue;
    }
    if ((c == ']' || c == '}') && !brackets.empty()) {
      brackets.pop_back();
      ++i;
      continue;
    }
    if (c == ',' && !brackets.empty() && brackets.back() == '{') {
      ++i;
      start_key();
      continue;
    }
    ++i;
  }
}

// The text of one scenario file, checked against the loader's limits and for its encoding.
std::string read_scenario_text(const std::filesystem::path& file, const std::string& label) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(file, ec);
  if (!ec && bytes > kMaxScenarioFileBytes) {
    throw ScenarioError(label + ": error: the file is " + std::to_string(bytes) +
                        " bytes, more than a scenario file may have (at most " +
                        std::to_string(kMaxScenarioFileBytes) + " bytes)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(label + ": error: cannot open the scenario file (does it exist?)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() > kMaxScenarioFileBytes) {
    throw ScenarioError(label + ": error: the file has more than " +
                        std::to_string(kMaxScenarioFileBytes) + " bytes (at most " +
                        std::to_string(kMaxScenarioFileBytes) + ")");
  }
  if (const auto bad = encoding_problem(text)) {
    throw ScenarioError(label + ":" + std::to_string(bad->line) + ": error: " + bad->problem);
  }
  check_key_shapes(text, [&label](int line, std::size_t column, const std::string& problem) {
    throw ScenarioError(label + ":" + std::to_string(line) + ":" + std::to_string(column) +
                        ": error: " + problem);
  });
  return text;
}

struct ChainEntry {
  std::filesystem::path canonical;
  std::string label;
};

toml::table read_with_parents(const std::filesystem::path& file, std::vector<ChainEntry>& chain,
                              std::vector<std::string>& read_order) {
  const std::string label = label_of(file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw ScenarioError(label + ": error: cannot open the scenario file (does it exist?)");
  }
  toml::table table;
  const std::string text = read_scenario_text(file, label);
  try {
    table = toml::parse(text, label);
  } catch (const toml::parse_error& e) {
    std::ostringstream message;
    message << label << ":" << e.source().begin.line << ":" << e.source().begin.column
            << ": error: TOML syntax: " << e.description();
    throw ScenarioError(message.str());
  }
  toml::node* extends = table.get("extends");
  if (extends == nullptr) {
    read_order.push_back(label);
    return table;
  }
  const auto* parent_name = extends->as_string();
  if (parent_name == nullptr) {
    fail_at(*extends, "extends",
            "bad value " + toml_text(*extends) + ": expected a file name in quotes");
  }
  const std::filesystem::path parent = resolve_relative(*extends, parent_name->get());
  std::error_code canon_ec;
  const auto parent_canonical = std::filesystem::weakly_canonical(parent, canon_ec);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i].canonical == parent_canonical) {
      std::string cycle;
      for (std::size_t j = i; j < chain.size(); ++j)
        cycle += chain[j].label + " -> ";
      cycle += label_of(parent);
      fail_at(*extends, "extends", "scenarios extend each other in a cycle: " + cycle);
    }
  }
  if (!std::filesystem::is_regular_file(parent, canon_ec)) {
    fail_at(*extends, "extends",
            "cannot find the parent scenario '" + label_of(parent) + "' (paths are relative to " +
                "the file that names them)");
  }
  if (chain.size() > kMaxExtendsDepth) {
    fail_at(*extends, "extends",
            "more than " + std::to_string(kMaxExtendsDepth) +
                " scenario files extend one another (at most " + std::to_string(kMaxExtendsDepth) +
                " parents above the file given)");
  }
  chain.push_back({parent_canonical, label_of(parent)});
  toml::table merged = read_with_parents(parent, chain, read_order);
  chain.pop_back();
  table.erase("extends");
  // `set` lists add up along the chain (the parent's changes first), unlike other lists.
  if (toml::array* parent_set = merged["set"].as_array()) {
    if (toml::array* own_set = table["set"].as_array()) {
      toml::array combined = *parent_set;
      for (auto& change : *own_set)
        combined.push_back(std::move(change));
      table.insert_or_assign("set", std::move(combined));
    }
  }
  merge_into(merged, std::move(table));
  read_order.push_back(label);
  return merged;
}

// TOML basic string with the characters that need it escaped.
std::string toml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// An override split into its target, how it changes it and the value.
struct OverrideParts {
  std::string path;
  OverrideOp op = OverrideOp::kSet;
  std::string value;
};

OverrideParts split_override(const std::string& text, const std::string& source) {
  OverrideParts parts;
  const std::size_t equals = text.find('=');
  std::size_t cut = equals;
  std::size_t value_at = equals + 1;
  if (equals == std::string::npos) {
    cut = text.find_first_of("*+");  // the short forms key*1.2, key+1
    value_at = cut + 1;
  } else if (equals > 0 && std::string_view("+-*").find(text[equals - 1]) != std::string::npos) {
    cut = equals - 1;
  }
  if (cut == std::string::npos || cut == 0) {
    throw ScenarioError(source +
                        ": error: expected key.path=value, e.g. scenario.seed=7, "
                        "positions.phu_hoa.one_stop+=1 or demand*=1.1");
  }
  parts.path = text.substr(0, cut);
  parts.value = text.substr(value_at);
  const char op = text[cut];
  parts.op = op == '+'   ? OverrideOp::kAdd
             : op == '-' ? OverrideOp::kSubtract
             : op == '*' ? OverrideOp::kMultiply
                         : OverrideOp::kSet;
  return parts;
}

// Keys of [tables] name CSV tables: `--set TABLE.KEY...` reaches their cells.
bool names_table(std::string_view name) {
  const auto& tables = schema().at("tables");
  return name == "demand" || std::find(tables.begin(), tables.end(), name) != tables.end();
}

void apply_override(toml::table& root, const std::string& override_text,
                    std::vector<TableOverride>& table_overrides, std::string source = {}) {
  if (const auto bad = encoding_problem(override_text)) {
    throw ScenarioError(std::string(kOverridePrefix) + visible(override_text) +
                        ": error: " + bad->problem);
  }
  if (const auto bad = forbidden_character(override_text, false)) {
    throw ScenarioError(std::string(kOverridePrefix) + visible(override_text) +
                        ": error: the text contains " + *bad + ", not allowed in a value");
  }
  if (source.empty()) source = std::string(kOverridePrefix) + override_text;
  const OverrideParts parts = split_override(override_text, source);
  const std::string& key_path = parts.path;
  const std::size_t dot = key_path.find('.');
  const std::string table_name = key_path.substr(0, dot);
  const std::string key = dot == std::string::npos ? std::string{} : key_path.substr(dot + 1);

  if (names_table(table_name)) {
    TableOverride cell{source, table_name, {}, parts.op, parts.value, false};
    std::size_t from = dot;
    while (from != std::string::npos) {
      const std::size_t next = key_path.find('.', from + 1);
      cell.path.push_back(
          key_path.substr(from + 1, next == std::string::npos ? next : next - from - 1));
      from = next;
    }
    table_overrides.push_back(std::move(cell));
    return;
  }

  // Every settable path, for suggestions.
  std::vector<std::string> all_paths;
  for (const auto& [table, keys] : schema()) {
    if (table.empty()) continue;
    for (const auto& k : keys)
      all_paths.push_back(table + "." + k);
  }
  const auto table_it = schema().find(table_name);
  // [seasons] keys are names the scenario chooses (the loader checks them).
  const bool known =
      (table_name == "seasons" && !key.empty()) ||
      (table_it != schema().end() && !table_name.empty() &&
       std::find(table_it->second.begin(), table_it->second.end(), key) != table_it->second.end());
  if (!known) {
    // List the keys of the named table when it exists, else every settable path.
    std::vector<std::string> allowed = all_paths;
    if (table_it != schema().end() && !table_name.empty()) {
      allowed.clear();
      for (const auto& k : table_it->second)
        allowed.push_back(table_name + "." + k);
    } else {
      allowed.push_back("a table cell such as positions.<unit>.<position> or demand.<unit>");
    }
    throw ScenarioError(source + ": error: " + key_path + ": unknown key" +
                        did_you_mean(key_path, all_paths) + " (allowed: " + join_names(allowed) +
                        ")");
  }

  toml::node* target_table_node = root.get(table_name);
  if (target_table_node == nullptr) {
    root.insert_or_assign(table_name, toml::table{});
    target_table_node = root.get(table_name);
  }
  toml::table* target = target_table_node->as_table();
  if (target == nullptr) {
    fail_at(*target_table_node, table_name, "expected a table [" + table_name + "]");
  }
  std::string value_text = parts.value;
  if (parts.op != OverrideOp::kSet) {
    // A relative change of a number the scenario holds: 7 -> 8, 0.9 -> 0.99.
    const toml::node* current = target->get(key);
    if (current == nullptr || !(current->is_integer() || current->is_floating_point())) {
      throw ScenarioError(source + ": error: " + key_path + ": " +
                          (current == nullptr ? std::string("not set in the scenario")
                                              : "holds " + toml_text(*current) + ", not a number") +
                          ", so there is nothing to change (write " + key_path + "=VALUE)");
    }
    try {
      value_text =
          changed_number(toml_text(*current), parts.op, parts.value, current->is_integer());
    } catch (const ValueError& e) {
      throw ScenarioError(source + ": error: " + key_path + ": " +
                          with_allowed(e.problem(), e.allowed()));
    }
  }
  // The value as TOML if it is TOML (7, true, 2026-03-01, ["07:30-11:30"]), else as text (90d).
  toml::table parsed;
  try {
    parsed = toml::parse("value = " + value_text, std::string_view(source));
  } catch (const toml::parse_error&) {
    try {
      parsed = toml::parse("value = " + toml_quoted(value_text), std::string_view(source));
    } catch (const toml::parse_error& e) {
      throw ScenarioError(source + ": error: " + key_path +
                          ": bad value: " + std::string(e.description()));
    }
  }
  target->insert_or_assign(key, std::move(*parsed.get("value")));
}

void check_keys(const toml::table& table, const std::string& table_name) {
  const auto& allowed = known_keys(table_name);
  for (const auto& [key, value] : table) {
    const std::string name(key.str());
    const std::string path = table_name.empty() ? name : table_name + "." + name;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      const auto guess = closest_name(name, allowed);
      // Point at the key itself when toml++ knows where it is.
      const toml::source_region& where = key.source();
      if (where.path && !std::string_view(*where.path).starts_with(kOverridePrefix)) {
        throw ScenarioError(*where.path + ":" + std::to_string(where.begin.line) + ":" +
                            std::to_string(where.begin.column) + ": error: " + path + ": " +
                            with_allowed("unknown key" + (guess ? ", did you mean '" + *guess + "'?"
                                                                : std::string{}),
                                         join_names(allowed)));
      }
      fail_at(value, path,
              "unknown key" + (guess ? ", did you mean '" + *guess + "'?" : std::string{}),
              join_names(allowed));
    }
    if (table_name.empty() && name != "extends") {
      if (!value.is_table()) {
        fail_at(value, path, "bad value " + toml_text(value) + ": expected a table [" + name + "]");
      }
      // [seasons] names its own keys (the movable dates); the loader checks them.
      if (name != "seasons") check_keys(*value.as_table(), name);
    }
  }
}

// Rejects text values holding characters that have no place in a name or id (NUL, controls,
// bidi and zero-width characters; models/text_check.hpp). A description may span lines.
void check_strings(const toml::node& node, const std::string& path) {
  if (const auto* text = node.as_string()) {
    if (const auto bad = forbidden_character(text->get(), path == "scenario.description")) {
      const std::string meant = without_forbidden_characters(text->get());
      fail_at(node, path,
              "the text '" + visible(text->get()) + "' contains " + *bad +
                  ", not allowed in names and ids" +
                  (meant.empty() ? std::string{} : " (did you mean '" + meant + "'?)"));
    }
  } else if (const auto* table = node.as_table()) {
    for (const auto& [key, value] : *table)
      check_strings(value,
                    path.empty() ? std::string(key.str()) : path + "." + std::string(key.str()));
  } else if (const auto* array = node.as_array()) {
    for (const auto& item : *array)
      check_strings(item, path);
  }
}

}  // namespace

std::string changed_number(std::string_view current, OverrideOp op, std::string_view operand,
                           bool whole) {
  const char* const begin = current.data();
  const char* const end = begin + current.size();
  double number = 0.0;
  const auto [rest, error] = std::from_chars(begin, end, number);
  if (error != std::errc{}) {
    throw ValueError("holds '" + std::string(current) + "', not a number to change",
                     "write =VALUE to replace it");
  }
  double by = 0.0;
  const auto [by_end, by_error] =
      std::from_chars(operand.data(), operand.data() + operand.size(), by);
  if (by_error != std::errc{} || by_end != operand.data() + operand.size() || !std::isfinite(by)) {
    throw ValueError("bad value '" + std::string(operand) + "': expected a number",
                     "e.g. +=1, -=2, *=1.2");
  }
  switch (op) {
    case OverrideOp::kAdd:
      number += by;
      break;
    case OverrideOp::kSubtract:
      number -= by;
      break;
    case OverrideOp::kMultiply:
      number *= by;
      break;
    case OverrideOp::kSet:
      number = by;
      break;
  }
  if (whole) number = std::round(number);
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, number);
  return std::string(buffer, written.ptr) + std::string(rest, end);
}

const std::vector<std::string>& known_keys(std::string_view table) {
  static const std::vector<std::string> none;
  const auto it = schema().find(table);
  return it == schema().end() ? none : it->second;
}

std::string toml_text(const toml::node& node) {
  if (node.is_table()) return "a table";
  std::ostringstream out;
  node.visit([&out](const auto& value) { out << value; });
  return out.str();
}

std::string location_of(const toml::node& node) {
  const toml::source_region& source = node.source();
  if (!source.path) return "<unknown>";
  const std::string& path = *source.path;
  if (std::string_view(path).starts_with(kOverridePrefix)) return path;
  return path + ":" + std::to_string(source.begin.line) + ":" + std::to_string(source.begin.column);
}

void fail_at(const toml::node& node, std::string_view key, const std::string& problem,
             const std::string& allowed) {
  throw ScenarioError(location_of(node) + ": error: " + std::string(key) + ": " +
                      with_allowed(problem, allowed));
}

namespace {

// The scenario's own `set = ["positions.phu_hoa.one_stop=3", "demand*=1.1"]`: changes of table
// cells and demand written in the file (a what-if saved as a scenario that extends another),
// applied before the command line's --set. TOML keys are not allowed there: the file can
// state them directly.
void apply_file_changes(ScenarioDocument& document) {
  toml::node* changes = document.root.get("set");
  if (changes == nullptr) return;
  const toml::array* list = changes->as_array();
  if (list == nullptr) {
    fail_at(*changes, "set",
            "bad value " + toml_text(*changes) + ": expected a list of changes in quotes",
            "[\"positions.<unit>.<position>=3\", \"demand.<unit>*=1.1\"]");
  }
  for (const toml::node& change : *list) {
    const auto* text = change.as_string();
    if (text == nullptr) {
      fail_at(change, "set", "bad value " + toml_text(change) + ": expected a change in quotes",
              "\"positions.<unit>.<position>=3\", \"demand.<unit>*=1.1\"");
    }
    const std::string& written = text->get();
    const std::string table = written.substr(0, written.find_first_of(".*+-="));
    if (!names_table(table)) {
      fail_at(change, "set",
              "'" + written +
                  "' does not change a table cell or demand (write TOML keys "
                  "directly in the file)",
              "TABLE.KEY[.COLUMN]=VALUE with TABLE a key of [tables], or demand[.UNIT]*=F");
    }
    apply_override(document.root, written, document.table_overrides,
                   location_of(change) + ": set " + written);
  }
  document.root.erase("set");
}

}  // namespace

std::filesystem::path resolve_relative(const toml::node& node, std::string_view written) {
  const std::filesystem::path path(written);
  const auto& source = node.source().path;
  if (path.is_absolute() || !source || std::string_view(*source).starts_with(kOverridePrefix)) {
    return path.lexically_normal();
  }
  return (std::filesystem::path(*source).parent_path() / path).lexically_normal();
}

ScenarioDocument read_scenario_document(const std::filesystem::path& file,
                                        const std::vector<std::string>& overrides) {
  ScenarioDocument document;
  document.file = label_of(file);
  std::error_code ec;
  std::vector<ChainEntry> chain{{std::filesystem::weakly_canonical(file, ec), document.file}};
  document.root = read_with_parents(file, chain, document.chain);
  apply_file_changes(document);
  for (const auto& override_text : overrides)
    apply_override(document.root, override_text, document.table_overrides);
  check_keys(document.root, "");
  check_strings(document.root, "");
  return document;
}

}  // namespace twotier::model
