// The options every subcommand shares, defined once: the same names, meaning, help and checks
// on every subcommand. A command picks the ones that apply to it (CommonOption bits) and reads
// them from one CommonOptions; every other common option is still accepted by the parser but
// refused with the reason it does not apply ("twotier units: --reps does not apply: it lists
// a scenario's units and runs no simulation", exit 2), so a flag never means one thing on one
// command and is unknown on the next.
//
// --seed and --horizon are scenario values: they become the overrides scenario.seed=S and
// scenario.horizon=D (a bare number of days is accepted: --horizon 90 is 90d), so a bad
// value is reported against the key it sets ("--set scenario.horizon=abc: error: ...").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/reports/html_report.hpp"
#include "models/count_text.hpp"
#include "models/spec.hpp"

namespace twotier::app {

struct CommonOptions {
  int replications = 0;                // --reps; 0: the command's default
  std::string seed;                    // --seed; empty: the scenario's
  std::string horizon;                 // --horizon; empty: the scenario's
  int threads = 0;                     // --threads; 0: every hardware thread
  std::string out;                     // --out; empty: the command's default folder
  bool force = false;                  // --force
  std::string lang = "en";             // --lang: en or vi
  bool quiet = false;                  // --quiet, -q
  std::vector<std::string> overrides;  // --set, in order

  // --seed and --horizon as scenario overrides, then every --set (so a --set wins).
  std::vector<std::string> scenario_overrides() const;
  analysis::ReportLanguage language() const;
};

enum CommonOption : unsigned {
  kReps = 1u << 0,
  kSeed = 1u << 1,
  kHorizon = 1u << 2,
  kThreads = 1u << 3,
  kOut = 1u << 4,
  kForce = 1u << 5,
  kLang = 1u << 6,
  kQuiet = 1u << 7,
  kSet = 1u << 8,
  kAllCommon = (1u << 9) - 1,
};

// What differs between commands: the defaults shown in the help, and why the options a
// command does not take do not apply.
struct CommonDefaults {
  std::string reps = "the scenario's [scenario] replications";
  std::string out = "results/<scenario-name>";
  long long reps_minimum = 1;  // 2 where the command needs an interval
  // Why a common option the command does not take cannot apply ("it runs no simulation");
  // `why_not` per option where it says more.
  std::string not_applicable = "the command does not use it";
  std::vector<std::pair<unsigned, std::string>> why_not;
  // Common options the command defines itself (with their common name, e.g. report's --out
  // FILE): neither added nor refused here.
  unsigned own = 0;

  // The help's defaults of a command that takes every common option.
  static CommonDefaults of(std::string reps, std::string out, long long reps_minimum = 1) {
    CommonDefaults defaults;
    defaults.reps = std::move(reps);
    defaults.out = std::move(out);
    defaults.reps_minimum = reps_minimum;
    return defaults;
  }
};

// Adds the chosen options to `cmd`, stored in `options` (which must outlive the parse), and
// every other common option (except defaults.own) as a hidden one refused with the reason.
void add_common_options(CLI::App* cmd, CommonOptions& options, unsigned which,
                        const CommonDefaults& defaults = {});

// For an option that applies to one mode of a command only, refused after parsing: prints
// "twotier COMMAND: error: OPTION does not apply: WHY" and returns the bad-input exit code.
int refuse_option(std::string_view command, std::string_view option, std::string_view why);

// "1 replication", "3 replications" (models/count_text.hpp).
using model::count_of;

// A --scope argument in canonical form: "province", "units", "tier:commune", ... as given;
// "unit:X" with X an id or a name (with or without diacritics, models/unit_lookup.hpp) as
// "unit:<id>". Throws model::ValueError naming the closest units.
std::string resolve_scope(std::string_view scope, const model::ModelSpec& spec);

}  // namespace twotier::app
