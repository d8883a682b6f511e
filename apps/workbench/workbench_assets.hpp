// The workbench's page, script and style sheet, compiled into the binary from
// apps/workbench/assets (cmake/EmbedAssets.cmake).
#pragma once

#include <optional>
#include <string_view>

namespace twotier::workbench {

struct Asset {
  std::string_view bytes;
  std::string_view content_type;
};

// By file name ("app.js"); nullopt when there is none.
std::optional<Asset> find_asset(std::string_view name);

}  // namespace twotier::workbench
