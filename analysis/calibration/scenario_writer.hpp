// Writes a ModelSpec back as a scenario (TOML + CSV tables, docs/scenario-format.md) that the
// loader reads to an equivalent spec. Distributions are written from their kind and moments:
// exact for const, exp, erlang, gamma, lognormal and uniform; triangular and empirical ones
// are written as gamma with the same mean and CV unless a text is supplied for them.
// Efforts are written in working hours ("wh"), delays in "h" or "wh" as they are. Rates are
// written per day; the hour-of-week profile as hour x weekday factors where it factorises
// (otherwise flat, noted). Pure (file output only); thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "models/spec.hpp"

namespace twotier::analysis {

struct ScenarioWriteOptions {
  // Overrides of distribution texts: "effort/<procedure>/<step number>",
  // "citizen/<procedure>".
  std::map<std::string, std::string> distribution_text;
  std::vector<std::string> toml_comments;  // lines written as "# ..." at the top
};

// "lognormal(0.5wh, 0.8)", "exp(2h)", ... (`use_working_units`: "wh" else "h").
std::string format_distribution(const model::DelaySpec& delay);

// Writes folder/scenario.toml and its tables; the holidays of calendar 0 (days off on working
// weekdays, worked rest days) go to holidays.csv. REQUIRES: every unit uses calendar 0.
void write_scenario(const model::ModelSpec& spec, const std::filesystem::path& folder,
                    const ScenarioWriteOptions& options = {});

}  // namespace twotier::analysis
