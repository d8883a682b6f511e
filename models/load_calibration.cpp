// [calibration] parameters: the table of free parameters and their ranges that `twotier
// calibrate --targets` searches. The loader only checks that it exists and resolves its path;
// analysis/calibration reads it. Its own file because the model does not use it.
#include <filesystem>

#include "models/scenario_document.hpp"
#include "models/scenario_loader_parts.hpp"

namespace twotier::model::loader_internal {

void Builder::read_calibration_section() {
  auto file_of = [&](std::string_view key) -> std::filesystem::path {
    const toml::node* node = find("calibration", key);
    if (node == nullptr) return {};
    const std::string path = path_of("calibration", key);
    const std::filesystem::path file = resolve_relative(*node, string_of(*node, path));
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      fail_at(*node, path,
              "cannot open '" + file.generic_string() +
                  "' (paths are relative to the file that names them)");
    }
    return file;
  };
  spec_.calibration_parameters = file_of("parameters");
}

}  // namespace twotier::model::loader_internal
