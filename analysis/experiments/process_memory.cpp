#include "analysis/experiments/process_memory.hpp"

#include <sys/resource.h>  // getrusage

#include <fstream>
#include <string>

namespace twotier::analysis {
namespace {

// The value in kB of a "Key:   1234 kB" line of /proc/self/status, in bytes; 0 if absent.
std::size_t status_bytes(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, key.size(), key) != 0 || line.size() <= key.size() ||
        line[key.size()] != ':')
      continue;
    return static_cast<std::size_t>(std::stoull(line.substr(key.size() + 1))) * 1024;
  }
  return 0;
}

}  // namespace

std::size_t peak_rss_bytes() {
  if (const std::size_t hwm = status_bytes("VmHWM"); hwm > 0) return hwm;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports kB
}

std::size_t current_rss_bytes() {
  return status_bytes("VmRSS");
}

bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  if (!clear) return false;
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

}  // namespace twotier::analysis
