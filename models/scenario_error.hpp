// ScenarioError: the one exception type for a bad scenario (TOML, CSV, values, references).
// Its what() is complete and ready for stderr: "file:line:col: error: key: problem (allowed:
// ...)" for TOML, "file:row: error: column 'name': problem (allowed: ...)" for CSV tables.
// ValueError is what value parsers throw before they know where the value came from; the
// caller adds the location and rethrows a ScenarioError.
#pragma once

#include <stdexcept>
#include <string>

namespace twotier::model {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value that does not parse or is out of range. `problem` reads after "key: " (e.g. "bad
// value 'x'"); `allowed` is empty or lists what would be accepted.
class ValueError : public std::runtime_error {
 public:
  ValueError(std::string problem, std::string allowed = {})
      : std::runtime_error(problem), problem_(std::move(problem)), allowed_(std::move(allowed)) {}
  const std::string& problem() const { return problem_; }
  const std::string& allowed() const { return allowed_; }

 private:
  std::string problem_;
  std::string allowed_;
};

// "problem" or "problem (allowed: allowed)".
inline std::string with_allowed(const std::string& problem, const std::string& allowed) {
  return allowed.empty() ? problem : problem + " (allowed: " + allowed + ")";
}

}  // namespace twotier::model
