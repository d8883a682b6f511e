// Writing an output file so that readers never see a partial one: the content goes to a
// temporary name in the same folder, which is renamed over the target only once complete.
// A failure (exception) removes the temporary file and leaves any previous target intact.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace twotier::analysis {

// The temporary name used for `target`: ".<name>.tmp" in the same folder (hidden, and on the
// same file system so the rename is atomic).
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

// Creates the parent folder if needed, calls write(temporary path), then renames.
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(const std::filesystem::path&)>& write);

// Same, for text produced on a stream; the stream is checked for errors before the rename.
void write_text_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

}  // namespace twotier::analysis
