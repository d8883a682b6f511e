// The TOML side of a scenario: reads the file and the chain of parents it `extends`, merges
// them (child over parent), applies `--set key.path=value` overrides, checks every key against
// the known schema, and formats error messages at a node's file, line and column.
//
// Every node keeps the source of the file that declared it (toml++ keeps sources when nodes
// are moved), so messages and relative table paths refer to the right file after merging.
// Override values come from the source "--set key=value" and resolve paths against the
// current directory. Stateless functions; safe from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "models/scenario_error.hpp"

namespace twotier::model {

// How a --set changes its target: `key=v` sets, `key+=v` / `key-=v` add / subtract, `key*=v`
// multiplies (also written `key+v`, `key*v`). Relative changes need a number in place.
enum class OverrideOp { kSet, kAdd, kSubtract, kMultiply };

// A --set aimed at a CSV table's cell (`positions.phu_hoa.one_stop+=1`) or at demand
// (`demand.phu_hoa*=1.2`), applied when the loader reads that table
// (models/table_overrides.hpp).
struct TableOverride {
  std::string source;             // "--set positions.phu_hoa.one_stop+=1", for messages
  std::string table;              // a [tables] key ("positions") or "demand"
  std::vector<std::string> path;  // the parts after the table name: keys, then a column
  OverrideOp op = OverrideOp::kSet;
  std::string value;
  bool applied = false;  // set by the loader once it has used it
};

struct ScenarioDocument {
  toml::table root;                            // merged and overridden, schema-checked
  std::string file;                            // the top-level file as given (lexically normalised)
  std::vector<std::string> chain;              // the files read, parent first
  std::vector<TableOverride> table_overrides;  // in the order given
};

// Reads `file` with its `extends` chain and applies `overrides` ("key.path=value", or a
// relative change, see OverrideOp); overrides of table cells and demand are kept in
// table_overrides for the loader. Throws ScenarioError for unreadable files, TOML syntax
// errors, extends cycles or missing parents, malformed or unknown override keys, and unknown
// keys anywhere.
ScenarioDocument read_scenario_document(const std::filesystem::path& file,
                                        const std::vector<std::string>& overrides);

// "file:line:col" of a node ("--set key=value" for override values).
std::string location_of(const toml::node& node);
// Throws ScenarioError "location: error: key: problem (allowed: allowed)".
[[noreturn]] void fail_at(const toml::node& node, std::string_view key, const std::string& problem,
                          const std::string& allowed = {});
// The value as written in TOML, for messages: 5, "seven", true, [ ... ], a table.
std::string toml_text(const toml::node& node);
// A path written in `node` (a string), relative to the file that declared it (the current
// directory for an override).
std::filesystem::path resolve_relative(const toml::node& node, std::string_view written);

// `current` (a number, maybe followed by a unit: "7", "120/month", "8wd") changed by `op` and
// `operand` (a number); whole numbers are rounded to the nearest when `whole` is set. Throws
// ValueError when `current` does not start with a number or `operand` is not one.
std::string changed_number(std::string_view current, OverrideOp op, std::string_view operand,
                           bool whole);

// Keys known in each table of a scenario file, for the schema check and --set suggestions.
const std::vector<std::string>& known_keys(std::string_view table);  // "" = the top level

}  // namespace twotier::model
