// One scratch folder per fuzzing process, reused by every input of a libFuzzer target.
#pragma once

#include <unistd.h>  // mkdtemp

#include <cstdlib>
#include <filesystem>
#include <string>

namespace twotier::fuzz {

inline const std::filesystem::path& scratch_folder() {
  static const std::filesystem::path folder = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "twotier_fuzz_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    return std::filesystem::path(pattern);
  }();
  return folder;
}

}  // namespace twotier::fuzz
