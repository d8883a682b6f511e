// The options every subcommand shares, defined once: the same names, meaning, help and checks
// on run, compare, sweep, staff, delegation, backtest, check and validate. A command picks the
// ones that apply to it (CommonOption bits) and reads them from one CommonOptions.
//
// --seed and --horizon are scenario values: they become the overrides scenario.seed=S and
// scenario.horizon=D (a bare number of days is accepted: --horizon 90 is 90d), so a bad
// value is reported against the key it sets ("--set scenario.horizon=abc: error: ...").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/reports/html_report.hpp"
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

// What differs between commands: the defaults shown in the help.
struct CommonDefaults {
  std::string reps = "the scenario's [scenario] replications";
  std::string out = "results/<scenario-name>";
  long long reps_minimum = 1;  // 2 where the command needs an interval
};

// Adds the chosen options to `cmd`, stored in `options` (which must outlive the parse).
void add_common_options(CLI::App* cmd, CommonOptions& options, unsigned which,
                        const CommonDefaults& defaults = {});

// "1 replication", "3 replications" (plural: singular + "s" unless given).
std::string count_of(long long n, std::string_view singular, std::string_view plural = {});

// A --scope argument in canonical form: "province", "units", "tier:commune", ... as given;
// "unit:X" with X an id or a name (with or without diacritics, models/unit_lookup.hpp) as
// "unit:<id>". Throws model::ValueError naming the closest units.
std::string resolve_scope(std::string_view scope, const model::ModelSpec& spec);

}  // namespace twotier::app
