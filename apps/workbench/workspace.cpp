#include "apps/workbench/workspace.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "analysis/results/atomic_file.hpp"
#include "apps/workbench/request_guard.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::workbench {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kVariantPrefix = "workspace/";
constexpr int kMaxDepth = 2;  // FOLDER/a/b/x.toml at most

// A scenario (not a calendar or other TOML file): it has [scenario] or extends another.
bool is_scenario(const fs::path& file) {
  try {
    const toml::table root = toml::parse_file(file.string());
    return root.contains("scenario") || root.contains("extends");
  } catch (const toml::parse_error&) {
    return false;
  }
}

// `file` lies inside `folder` (both canonical) and is a regular file reached without a link.
bool inside(const fs::path& folder, const fs::path& file) {
  const auto relative = file.lexically_relative(folder);
  return !relative.empty() && *relative.begin() != "..";
}

std::optional<fs::path> listed_file(const fs::path& folder, const fs::path& candidate) {
  std::error_code ec;
  if (fs::is_symlink(candidate, ec) || !fs::is_regular_file(candidate, ec)) return std::nullopt;
  if (candidate.extension() != ".toml") return std::nullopt;
  const fs::path real = fs::canonical(candidate, ec);
  if (ec || !inside(folder, real)) return std::nullopt;
  return real;
}

std::string id_of(const fs::path& folder, const fs::path& file) {
  fs::path relative = file.lexically_relative(folder);
  relative.replace_extension();
  return relative.generic_string();
}

std::vector<std::string> set_list(const toml::table& root) {
  std::vector<std::string> changes;
  if (const toml::array* list = root["set"].as_array()) {
    for (const auto& change : *list)
      if (const auto* text = change.as_string()) changes.push_back(text->get());
  }
  return changes;
}

}  // namespace

std::string scenario_title(const fs::path& file) {
  try {
    const toml::table root = toml::parse_file(file.string());
    if (const auto name = root["scenario"]["name"].value<std::string>()) return *name;
  } catch (const toml::parse_error&) {
  }
  return {};
}

Workspace::Workspace(const std::vector<fs::path>& scenario_folders, const fs::path& workspace) {
  for (const auto& folder : scenario_folders) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      throw std::runtime_error("'" + folder.string() + "' is not a folder of scenarios");
    }
    folders_.push_back(fs::canonical(folder));
  }
  std::error_code ec;
  fs::create_directories(workspace / "variants", ec);
  fs::create_directories(workspace / "jobs", ec);
  if (ec || fs::is_symlink(workspace)) {
    throw std::runtime_error(
        "cannot use '" + workspace.string() +
        "' as the workspace (it must be a folder this user can write, not a link)");
  }
  workspace_ = fs::canonical(workspace);
  for (const auto& sub : {"variants", "jobs"}) {
    if (fs::is_symlink(workspace_ / sub)) {
      throw std::runtime_error("'" + (workspace_ / sub).string() + "' is a link: refused");
    }
  }
}

std::vector<ScenarioEntry> Workspace::scenarios() const {
  std::vector<ScenarioEntry> found;
  for (const auto& folder : folders_) {
    std::vector<fs::path> files;
    std::error_code ec;
    // Links are not followed (recursive_directory_iterator's default) nor listed.
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it.depth() >= kMaxDepth) it.disable_recursion_pending();
      if (const auto file = listed_file(folder, it->path()); file && is_scenario(*file))
        files.push_back(*file);
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      ScenarioEntry entry{id_of(folder, file), file, scenario_title(file), false, {}, {}};
      const bool taken = std::any_of(found.begin(), found.end(),
                                     [&](const ScenarioEntry& e) { return e.id == entry.id; });
      if (taken) continue;  // the same id in a later folder: the first folder given wins
      if (entry.name.empty()) entry.name = entry.id;
      found.push_back(std::move(entry));
    }
  }
  std::vector<fs::path> variants;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(workspace_ / "variants", ec))
    if (const auto file = listed_file(workspace_ / "variants", entry.path()))
      variants.push_back(*file);
  std::sort(variants.begin(), variants.end());
  for (const auto& file : variants) {
    ScenarioEntry entry{std::string(kVariantPrefix) + file.stem().string(), file, {}, true, {}, {}};
    try {
      const toml::table root = toml::parse_file(file.string());
      entry.name = root["scenario"]["name"].value_or(std::string{});
      entry.changes = set_list(root);
      const fs::path base = root["extends"].value_or(std::string{});
      for (const auto& other : found)
        if (!other.variant && other.file == base) entry.base_id = other.id;
    } catch (const toml::parse_error&) {
      continue;  // not a variant this workbench wrote
    }
    if (entry.name.empty()) entry.name = entry.id;
    found.push_back(std::move(entry));
  }
  return found;
}

std::optional<ScenarioEntry> Workspace::find(std::string_view id) const {
  for (auto& entry : scenarios())
    if (entry.id == id) return entry;
  return std::nullopt;
}

ScenarioEntry Workspace::save_variant(const std::string& name, const std::string& base_id,
                                      const std::string& title,
                                      const std::vector<std::string>& changes, bool replace) {
  if (!plain_name(name)) {
    throw VariantError(
        "name", "a variant name is 1-64 letters, digits, '_' or '-' (not starting with '-')");
  }
  const auto base = find(base_id);
  if (!base || base->variant) {
    throw VariantError("base", "unknown base scenario '" + base_id + "'");
  }
  if (title.size() > 200 || title.find_first_of("\n\r\t") != std::string::npos) {
    throw VariantError("title", "a title is one line of at most 200 bytes");
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    try {  // each change alone first, so the message points at its field
      (void)model::load_scenario(base->file, {{changes[i]}});
    } catch (const std::exception& e) {
      throw VariantError("change:" + std::to_string(i), e.what());
    }
  }
  try {
    (void)model::load_scenario(base->file, {changes});
  } catch (const std::exception& e) {
    throw VariantError("change:" + std::to_string(changes.empty() ? 0 : changes.size() - 1),
                       e.what());
  }

  toml::table root;
  root.insert("extends", base->file.string());
  toml::array list;
  for (const auto& change : changes)
    list.push_back(change);
  root.insert("set", std::move(list));
  root.insert("scenario", toml::table{{"name", title.empty() ? name : title}});
  std::ostringstream text;
  text << "# A what-if saved by `twotier serve` on " << base->id
       << "; runs with the command line too: twotier run THIS_FILE\n"
       << toml::toml_formatter(root) << "\n";

  const std::lock_guard lock(write_mutex_);
  const fs::path file = workspace_ / "variants" / (name + ".toml");
  std::error_code ec;
  if (fs::exists(file, ec) && !replace) {
    throw VariantError("name",
                       "a variant named '" + name + "' exists (choose replace to overwrite it)");
  }
  const std::string bytes = text.str();
  analysis::write_text_atomically(file, [&](std::ostream& out) { out << bytes; });
  return *find(std::string(kVariantPrefix) + name);
}

}  // namespace twotier::workbench
