// Turning SIGINT and SIGTERM into a request to stop, for long commands that save their work
// as they go (`twotier run`; compare, sweep and staff can use the same scope). While an
// InterruptScope lives, either signal sets a flag instead of killing the process; the
// experiment runner polls it (ExperimentOptions::stop) and abandons running replications
// within a simulated day. A second signal kills the process at once (default action), for a
// user who will not wait.
//
// A signal is process-wide, so the flag is the one piece of global state in twotier: a
// lock-free atomic written only by the handler (async-signal-safe). One scope at a time.
#pragma once

#include <atomic>

namespace twotier::analysis {

class InterruptScope {
 public:
  // Installs the handlers. REQUIRES: no other InterruptScope is alive.
  InterruptScope();
  // Restores the handlers that were in place before.
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // Set once SIGINT or SIGTERM has arrived. Lives as long as the program.
  const std::atomic<bool>& flag() const;
  bool requested() const { return flag().load(); }
  // The signal that arrived (SIGINT or SIGTERM), or 0.
  int signal_number() const;
  // "SIGINT", "SIGTERM" or "a signal".
  const char* signal_name() const;
};

// Exit status of a command stopped by SIGINT/SIGTERM: 128 + the signal, as a shell reports.
int interrupted_exit_code(int signal_number);

}  // namespace twotier::analysis
