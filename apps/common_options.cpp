// The shared options of the subcommands (see common_options.hpp).
#include "apps/common_options.hpp"

#include "apps/cli_support.hpp"

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

void add_common_options(CLI::App* cmd, CommonOptions& options, unsigned which,
                        const CommonDefaults& defaults) {
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
                    "Language of the printed summary and report.html: en or vi (default en)")
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

std::string count_of(long long n, std::string_view singular, std::string_view plural) {
  std::string text = std::to_string(n) + " ";
  if (n == 1) return text + std::string(singular);
  return text + (plural.empty() ? std::string(singular) + "s" : std::string(plural));
}

std::string resolve_scope(std::string_view scope, const model::ModelSpec& spec) {
  if (!scope.starts_with("unit:")) return std::string(scope);
  const int unit = model::find_unit(spec.units, scope.substr(5));
  return "unit:" + spec.units[static_cast<std::size_t>(unit)].id;
}

}  // namespace twotier::app
