// The baseline of unit-focused runs (models/focus.hpp): replications of the whole province
// that record every dossier's visit to the provincial steps, turned into the aggregate a
// focused run draws from. Cached on disk, keyed by the resolved scenario (its text, seed,
// window), the number of replications and the binary, so repeated questions about units of
// the same scenario (every `twotier staff --scope unit:ID`) run it once.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>

#include "models/focus.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

struct FocusBaselineOptions {
  int replications = 10;  // baseline replications B (focused replication r uses r mod B)
  int threads = 0;        // 0: all hardware threads
  bool progress = false;  // count on the progress board
  // Where aggregates are cached (empty: no cache). default_focus_cache_dir() for the commands.
  std::filesystem::path cache_dir;
};

struct FocusBaseline {
  std::shared_ptr<const model::ProvinceAggregate> province;
  bool from_cache = false;
  double wall_seconds = 0.0;         // running (or reading) it
  std::filesystem::path cache_file;  // empty when not cached
};

// The aggregate of `full` (the whole province at its own staffing) over B replications, from
// the cache when it holds one for the same key, else simulated (and cached when it can be
// written; a cache that cannot be written is not an error).
FocusBaseline province_baseline(const model::ModelSpec& full, const FocusBaselineOptions& options);

// The cache key: a hex digest of the resolved scenario, window, seed, B and the binary.
std::string focus_baseline_key(const model::ModelSpec& full, int replications);

// $TWOTIER_CACHE_DIR, else $XDG_CACHE_HOME/twotier, else $HOME/.cache/twotier, + "/focus";
// empty when none of them is set.
std::filesystem::path default_focus_cache_dir();

}  // namespace twotier::analysis
