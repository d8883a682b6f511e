// Writing an output file so that readers never see a partial one: the content goes to a
// temporary name in the same folder, which is renamed over the target only once complete.
// A failure (exception) removes the temporary file and leaves any previous target intact.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

namespace twotier::analysis {

// The temporary name used for `target`: ".<name>.tmp" in the same folder (hidden, and on the
// same file system so the rename is atomic).
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

// Creates the parent folder if needed, calls write(temporary path), then renames.
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(const std::filesystem::path&)>& write);

// Same, for text produced on a stream: it is built in memory, then written with
// write_bytes_to_file (so a full disk fails with the system's reason, naming `target`).
// A target ending in ".csv" starts with a UTF-8 byte-order mark when csv_byte_order_mark() is on.
void write_text_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

// Writes `bytes` to `file` (created or truncated) and closes it, checking every call. Throws
// std::runtime_error "cannot write NAME: No space left on device" (the reason from the system)
// naming `shown_name` (default: `file`).
void write_bytes_to_file(const std::filesystem::path& file, std::string_view bytes,
                         const std::filesystem::path& shown_name = {});

// The UTF-8 byte-order mark (EF BB BF) on every CSV file written from now on (`--csv-bom`):
// Windows Excel then reads the file as UTF-8 ("Xã Phú Hòa" instead of "XÃ£ PhÃº HÃ²a"). Off by
// default: the CSV contract (docs/output-format.md) is plain UTF-8 for scripts. Process-wide,
// meant to be set once by the command line before any output is written.
void set_csv_byte_order_mark(bool on);
bool csv_byte_order_mark();

inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

}  // namespace twotier::analysis
