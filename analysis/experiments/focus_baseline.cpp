#include "analysis/experiments/focus_baseline.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <unistd.h>  // getpid

#include "analysis/experiments/experiment.hpp"

namespace twotier::analysis {
namespace {

namespace fs = std::filesystem;

// FNV-1a, 64 bits: a cache key, not a security measure.
struct Digest {
  std::uint64_t h = 14695981039346656037ull;
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 1099511628211ull;
    }
  }
  void add(const std::string& s) {
    add(s.data(), s.size());
    add(std::uint64_t{s.size()});
  }
  template <class T>
  void add(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    add(&value, sizeof value);
  }
};

// The running binary: its size and modification time (a rebuilt binary gets a new key).
void add_binary(Digest& digest) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return;
  const std::uintmax_t size = fs::file_size(exe, ec);
  if (!ec) digest.add(std::uint64_t{size});
  const auto time = fs::last_write_time(exe, ec);
  if (!ec) digest.add(std::int64_t{time.time_since_epoch().count()});
  digest.add(exe.string());
}

}  // namespace

std::string focus_baseline_key(const model::ModelSpec& full, int replications) {
  Digest digest;
  digest.add(full.source_text);
  digest.add(full.seed);
  digest.add(full.start.seconds);
  digest.add(full.end.seconds);
  digest.add(full.warmup.seconds);
  digest.add(replications);
  digest.add(model::ProvinceAggregate::kDefaultNeighbours);
  add_binary(digest);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(digest.h));
  return hex;
}

fs::path default_focus_cache_dir() {
  if (const char* dir = std::getenv("TWOTIER_CACHE_DIR"); dir != nullptr && *dir != '\0')
    return fs::path(dir) / "focus";
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir != nullptr && *dir != '\0')
    return fs::path(dir) / "twotier" / "focus";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return fs::path(home) / ".cache" / "twotier" / "focus";
  return {};
}

FocusBaseline province_baseline(const model::ModelSpec& full, const FocusBaselineOptions& options) {
  const auto began = std::chrono::steady_clock::now();
  const auto seconds_since = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  FocusBaseline baseline;
  fs::path file;
  if (!options.cache_dir.empty())
    file = options.cache_dir / (focus_baseline_key(full, options.replications) + ".visits");
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (in) {
      try {
        baseline.province =
            std::make_shared<const model::ProvinceAggregate>(model::ProvinceAggregate::read(in));
        baseline.from_cache = true;
        baseline.cache_file = file;
        baseline.wall_seconds = seconds_since();
        return baseline;
      } catch (const std::exception&) {
        // A damaged cache file is simulated again (and replaced below).
      }
    }
  }
  model::ModelSpec recording = full;
  recording.focus = {};
  recording.focus.record_visits = true;
  ExperimentOptions experiment;
  experiment.replications = options.replications;
  experiment.threads = options.threads;
  experiment.progress = options.progress;
  experiment.days_each = replication_days(recording);
  experiment.label = "province baseline";
  ExperimentResult result = run_experiment(recording, experiment);
  std::vector<std::vector<model::ProvinceVisit>> visits;
  visits.reserve(result.replications.size());
  for (model::ReplicationResult& r : result.replications)
    visits.push_back(std::move(r.province_visits));
  baseline.province = std::make_shared<const model::ProvinceAggregate>(std::move(visits));
  if (!file.empty()) {
    std::error_code ec;
    fs::create_directories(options.cache_dir, ec);
    const fs::path partial = file.string() + "." + std::to_string(::getpid()) + ".part";
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      if (out) baseline.province->write(out);
      if (!out) ec = std::make_error_code(std::errc::io_error);
    }
    if (!ec) fs::rename(partial, file, ec);  // atomic: readers never see half a file
    if (!ec)
      baseline.cache_file = file;
    else
      fs::remove(partial, ec);
  }
  baseline.wall_seconds = seconds_since();
  return baseline;
}

}  // namespace twotier::analysis
