// The shared options of the subcommands (see common_options.hpp).
#include "apps/common_options.hpp"

#include <cstdint>
#include <iostream>

#include "apps/cli_support.hpp"
#include "apps/commands.hpp"

#include "models/scenario_error.hpp"
#include "models/unit_lookup.hpp"

namespace twotier::app {

std::vector<std::string> CommonOptions::scenario_overrides() const {
  std::vector<std::string> all;
  if (!seed.empty()) all.push_back("scenario.seed=" + seed);
  if (!horizon.empty()) {
    const bool bare_number = horizon.find_first_not_of("0123456789.") == std::string::npos;
    all.push_back("scenario.horizon=" + horizon + (bare_number ? "d" : ""));
  }
  all.insert(all.end(), overrides.begin(), overrides.end());
  return all;
}

analysis::ReportLanguage CommonOptions::language() const {
  return lang == "vi" ? analysis::ReportLanguage::kVietnamese : analysis::ReportLanguage::kEnglish;
}

namespace {

// The common options by bit, with the names CLI11 is given.
struct CommonName {
  unsigned bit;
  const char* names;  // "--quiet,-q"
  bool flag;
};
constexpr CommonName kCommonNames[] = {
    {kReps, "--reps", false},       {kSeed, "--seed", false},     {kHorizon, "--horizon", false},
    {kThreads, "--threads", false}, {kOut, "--out", false},       {kForce, "--force", true},
    {kLang, "--lang", false},       {kQuiet, "--quiet,-q", true}, {kSet, "--set", false},
};

std::string first_name(const char* names) {
  const std::string all(names);
  return all.substr(0, all.find(','));
}

// A common option `cmd` does not take: parsed (so it is never "unknown" on one command and
// known on the next), hidden from the help, and refused with the reason.
void add_refused_option(CLI::App* cmd, const CommonName& option, const CommonDefaults& defaults) {
  std::string why = defaults.not_applicable;
  for (const auto& [bit, text] : defaults.why_not)
    if (bit == option.bit) why = text;
  const std::string message = "twotier " + cmd->get_name() +
                              ": error: " + first_name(option.names) + " does not apply: " + why;
  CLI::Option* added = nullptr;
  if (option.flag) {
    added = cmd->add_flag_function(
        option.names, [message](std::int64_t) -> void { throw CLI::ValidationError(message); });
  } else {
    added = cmd->add_option_function<std::string>(
        option.names, [message](const std::string&) { throw CLI::ValidationError(message); });
  }
  added->group("");
}

}  // namespace

int refuse_option(std::string_view command, std::string_view option, std::string_view why) {
  std::cerr << "twotier " << command << ": error: " << option << " does not apply: " << why << "\n";
  return kExitBadInput;
}

void add_common_options(CLI::App* cmd, CommonOptions& options, unsigned which,
                        const CommonDefaults& defaults) {
  for (const CommonName& option : kCommonNames)
    if (!(which & option.bit) && !(defaults.own & option.bit))
      add_refused_option(cmd, option, defaults);
  if (which & kReps) {
    cmd->add_option("--reps", options.replications,
                    "Replications (sets scenario.replications; default: " + defaults.reps + ")")
        ->check(replications_range(defaults.reps_minimum));
  }
  if (which & kSeed) {
    cmd->add_option("--seed", options.seed,
                    "Seed of the random numbers (sets scenario.seed; default: the scenario's)");
  }
  if (which & kHorizon) {
    cmd->add_option("--horizon", options.horizon,
                    "Length of the run, e.g. 90d or 90 (sets scenario.horizon)");
  }
  if (which & kThreads) {
    cmd->add_option("--threads", options.threads,
                    "Worker threads (default 0: every hardware thread; results do not depend "
                    "on it)")
        ->check(whole_range(0, 4096));
  }
  if (which & kOut) {
    cmd->add_option("--out", options.out, "Output folder (default: " + defaults.out + ")")
        ->check(non_empty_path());
  }
  if (which & kForce) {
    cmd->add_flag("--force", options.force,
                  "Overwrite results of an earlier or interrupted run in the output folder");
  }
  if (which & kLang) {
    cmd->add_option("--lang", options.lang,
                    "Language of report.html (and of staff's summary.txt): en or vi (default en)")
        ->check(CLI::IsMember({"en", "vi"}));
  }
  if (which & kQuiet) {
    cmd->add_flag("--quiet,-q", options.quiet,
                  "No progress and no table: only errors, warnings and where the results went");
  }
  if (which & kSet) {
    cmd->add_option("--set", options.overrides,
                    "Override a scenario value or table cell (repeatable): key.path=value, "
                    "positions.<unit>.<position>+=1, demand.<unit>*=1.2 "
                    "(docs/scenario-format.md)")
        ->allow_extra_args(false);
  }
}

std::string resolve_scope(std::string_view scope, const model::ModelSpec& spec) {
  if (!scope.starts_with("unit:")) return std::string(scope);
  const int unit = model::find_unit(spec.units, scope.substr(5));
  return "unit:" + spec.units[static_cast<std::size_t>(unit)].id;
}

}  // namespace twotier::app
