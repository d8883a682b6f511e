// A new province's scenario folder from its units table (`twotier scaffold`,
// docs/new-province.md): the commune-level units as given, staffed with the commune job
// framework, and everything the units table cannot say taken from a template province
// (scenarios/dong-nai by default) and marked as such.
//
// Written into the folder: scenario.toml, units.csv, positions.csv, procedures.csv, steps.csv,
// profiles.csv, arrivals.csv, holidays.csv.
// - units.csv: the given units (kind from `tier`, electronic transfer lags [A]) then the
//   template's provincial bodies (departments, service center) as they are.
// - positions.csv: one `*` row per position of the job framework, 8 leaders + 20 specialists
//   per commune-level unit (shared/domain/brief.md [V]; split into positions as the template
//   lays them out [A]); the provincial bodies' officers scaled by population.
// - procedures.csv, steps.csv, profiles.csv: the template's, unchanged (the national
//   procedure catalogue; the profiles' surges and holidays are the template's year).
// - arrivals.csv: rates per 1,000 residents copied (commune demand then scales with each
//   unit's population); the template's provincial per-period rates scaled by population;
//   rows for the template's own units dropped.
// Throws model::ScenarioError (file, line, column, value, what is allowed) on a bad units
// table or template; nothing is written then. Not thread-safe with another writer of `out`.
#pragma once

#include <filesystem>
#include <string>

namespace twotier::analysis {

struct ScaffoldRequest {
  std::filesystem::path units;  // id,name,population,tier
  std::filesystem::path out;    // folder to write (created)
  std::filesystem::path template_folder = "scenarios/dong-nai";
  std::string name;    // [scenario] name; default "<folder name> baseline"
  bool force = false;  // overwrite scenario files already in `out`
};

struct ScaffoldSummary {
  int units = 0;                     // commune-level units written
  double population = 0.0;           // their total
  double template_population = 0.0;  // the template's commune-level total
  double scale = 0.0;                // population / template_population
  int officers_per_unit = 0;         // the job framework's positions per unit
  std::filesystem::path scenario;    // out / "scenario.toml"
};

ScaffoldSummary scaffold_province(const ScaffoldRequest& request);

}  // namespace twotier::analysis
