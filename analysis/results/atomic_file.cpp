#include "analysis/results/atomic_file.hpp"

#include <atomic>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace twotier::analysis {

namespace fs = std::filesystem;

namespace {
std::atomic<bool> csv_bom{false};  // set by the command line before any output (--csv-bom)
}  // namespace

void set_csv_byte_order_mark(bool on) {
  csv_bom.store(on);
}
bool csv_byte_order_mark() {
  return csv_bom.load();
}

fs::path temporary_path_for(const fs::path& target) {
  // Appended piecewise: `"." + string` trips a GCC 12 -Wrestrict false positive.
  std::string name(".");
  name += target.filename().string();
  name += ".tmp";
  return target.parent_path() / name;
}

void write_file_atomically(const fs::path& target,
                           const std::function<void(const fs::path&)>& write) {
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const fs::path temporary = temporary_path_for(target);
  try {
    write(temporary);
    fs::rename(temporary, target);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
}

void write_text_atomically(const fs::path& target,
                           const std::function<void(std::ostream&)>& write) {
  write_file_atomically(target, [&](const fs::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot create " + temporary.string());
    if (target.extension() == ".csv" && csv_byte_order_mark()) out << kUtf8ByteOrderMark;
    write(out);
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  });
}

}  // namespace twotier::analysis
