// Loading a scenario: TOML file (+ parents it extends, + --set overrides) and the CSV tables it
// names, validated completely and resolved into an immutable ModelSpec.
//
// Every problem throws ScenarioError with a message ready for stderr:
// "file:line:col: error: key: problem (allowed: ...)" for TOML and
// "file:row: error: column 'name': problem (allowed: ...)" for CSV. After a successful load the
// runtime may rely on every index and invariant documented in models/spec.hpp.
// Stateless; safe to call from several threads at once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario_error.hpp"
#include "models/spec.hpp"

namespace twotier::model {

struct LoadOptions {
  std::vector<std::string> overrides;  // "key.path=value" from --set, applied in order
};

ModelSpec load_scenario(const std::filesystem::path& toml_file, const LoadOptions& options = {});

}  // namespace twotier::model
