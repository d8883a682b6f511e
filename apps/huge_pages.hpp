// Transparent huge pages for the simulation's memory, asked for before anything is allocated.
#pragma once

namespace twotier::app {

// Restarts this process (execv of its own binary, same arguments and process id) with glibc's
// malloc asked to back its memory with transparent huge pages and to grow its heap in large
// steps (GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.top_pad=33554432), when that can
// help: the kernel offers huge pages only to memory that asks for them ("madvise" mode,
// Debian's default). A province-year visits tens of megabytes of open work in no particular
// order; with 4 KiB pages much of that time goes to TLB misses (docs/performance.md, "Round
// 6": the Dong Nai year about a fifth less CPU time, peak memory about 12 MB more). Results
// are the same either way: only addresses change.
//
// Returns (doing nothing) when the user set GLIBC_TUNABLES or TWOTIER_HUGE_PAGES=0, when
// LD_PRELOAD is set (valgrind and other tools interpose malloc), in sanitizer builds, when the
// kernel's mode is not "madvise", or when the exec fails.
void reexec_with_huge_pages(char** argv);

}  // namespace twotier::app
