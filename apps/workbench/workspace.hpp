// The scenarios a workbench may read and the folder it may write. Scenarios come only from
// the folders given to `twotier serve` (their scenario *.toml files, up to two folders down); a
// browser names them by id ("dong-nai/baseline"), never by path. Variants (what-ifs saved
// from the browser) are small scenario files in WORKSPACE/variants that `extends` their base
// and list their changes in `set` (docs/scenario-format.md), so `twotier run` takes them too.
// Symbolic links are not followed out of a folder: a scenario file that is a link, or whose
// real place is outside its folder, is not listed.
//
// Thread-safe: the listing is re-read on each call (folders are small) and variant writes are
// serialised.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace twotier::workbench {

struct ScenarioEntry {
  std::string id;  // relative to its folder: "dong-nai/baseline"; variants: "workspace/<name>"
  std::filesystem::path file;  // canonical
  std::string name;            // [scenario] name, or the id
  bool variant = false;
  std::string base_id;               // variants: the scenario they extend (when listed)
  std::vector<std::string> changes;  // variants: their `set` list
};

// A variant that cannot be saved: which form field is at fault and the message (the same
// text the command line prints for that change).
struct VariantError : std::runtime_error {
  VariantError(std::string field_name, const std::string& message)
      : std::runtime_error(message), field(std::move(field_name)) {}
  std::string field;  // "name", "base", "title" or "change:<index>"
};

class Workspace {
 public:
  // Throws std::runtime_error when a folder does not exist or the workspace cannot be made.
  Workspace(const std::vector<std::filesystem::path>& scenario_folders,
            const std::filesystem::path& workspace);

  std::vector<ScenarioEntry> scenarios() const;
  std::optional<ScenarioEntry> find(std::string_view id) const;

  // Checks the variant by loading its base with the changes (as the CLI would), then writes
  // variants/<name>.toml (to a temporary name, renamed). An existing variant is replaced only
  // with `replace`. Throws VariantError.
  ScenarioEntry save_variant(const std::string& name, const std::string& base_id,
                             const std::string& title, const std::vector<std::string>& changes,
                             bool replace);

  const std::filesystem::path& root() const { return workspace_; }
  std::filesystem::path jobs_folder() const { return workspace_ / "jobs"; }

 private:
  std::vector<std::filesystem::path> folders_;  // canonical
  std::filesystem::path workspace_;             // canonical
  mutable std::mutex write_mutex_;
};

// The scenario's [scenario] name, or "" (read with toml++, no tables loaded).
std::string scenario_title(const std::filesystem::path& file);

}  // namespace twotier::workbench
