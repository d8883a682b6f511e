// Resident memory of this process, for benchmarks and the memory-bound test (Linux).
//
// peak_rss_bytes() is the high-water mark (VmHWM in /proc/self/status, falling back to
// getrusage's ru_maxrss). reset_peak_rss() lowers that mark to the current RSS (Linux >= 4.0,
// writing "5" to /proc/self/clear_refs), so one process can measure the peak of one phase;
// it returns false where the kernel does not allow it (then the peak covers the whole process).
// Both are safe to call from any thread; they describe the whole process, not the caller.
#pragma once

#include <cstddef>

namespace twotier::analysis {

std::size_t peak_rss_bytes();
std::size_t current_rss_bytes();  // VmRSS; 0 when /proc is not readable
bool reset_peak_rss();

}  // namespace twotier::analysis
