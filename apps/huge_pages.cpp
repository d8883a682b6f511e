#include "apps/huge_pages.hpp"

#include <unistd.h>  // execv

#include <cstdlib>  // std::getenv, setenv
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace twotier::app {
namespace {

// glibc reads its tunables once, when the process starts. hugetlb=1: malloc advises the memory
// it takes from the kernel as huge pages. top_pad: the heap grows 32 MiB at a time, so that
// whole 2 MiB pages lie inside it when first touched (without it most of the heap stays in
// 4 KiB pages and the year gains 7%, not 20%; docs/performance.md, "Round 6").
constexpr const char* kTunable = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=33554432";

bool sanitizer_build() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

// "always [madvise] never": huge pages only where memory asks for them.
bool kernel_wants_advice() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  return std::getline(mode, line) && line.find("[madvise]") != std::string::npos;
}

bool set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

}  // namespace

void reexec_with_huge_pages(char** argv) {
  if (set("GLIBC_TUNABLES") || set("LD_PRELOAD") || sanitizer_build()) return;
  if (const char* choice = std::getenv("TWOTIER_HUGE_PAGES");
      choice != nullptr && std::string(choice) == "0")
    return;
  if (!kernel_wants_advice()) return;
  // GLIBC_TUNABLES is set from here on, so the new image does not come back here.
  if (setenv("GLIBC_TUNABLES", kTunable, 1) != 0) return;
  // The binary's own path, not /proc/self/exe: the process keeps its name (ps, top, pkill).
  std::error_code error;
  const std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
  if (!error) execv(self.c_str(), argv);
  unsetenv("GLIBC_TUNABLES");  // the exec failed: go on as started
}

}  // namespace twotier::app
