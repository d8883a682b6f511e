#include "analysis/results/atomic_file.hpp"

#include <fcntl.h>   // open
#include <unistd.h>  // write, close

#include <atomic>
#include <cerrno>
#include <cstring>  // std::strerror
#include <sstream>
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

void write_bytes_to_file(const fs::path& file, std::string_view bytes, const fs::path& shown_name) {
  const std::string name = (shown_name.empty() ? file : shown_name).string();
  const auto fail = [&](int code) {
    throw std::runtime_error("cannot write " + name + ": " + std::strerror(code));
  };
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail(errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int code = n < 0 ? errno : ENOSPC;
      ::close(fd);
      fail(code);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(errno);
}

void write_text_atomically(const fs::path& target,
                           const std::function<void(std::ostream&)>& write) {
  std::ostringstream text;
  write(text);
  write_file_atomically(target, [&](const fs::path& temporary) {
    std::string bytes;
    if (target.extension() == ".csv" && csv_byte_order_mark()) bytes = kUtf8ByteOrderMark;
    bytes += text.view();
    write_bytes_to_file(temporary, bytes, target);
  });
}

}  // namespace twotier::analysis
