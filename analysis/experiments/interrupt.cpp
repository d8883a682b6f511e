// SIGINT/SIGTERM as a stop request (see interrupt.hpp).
#include "analysis/experiments/interrupt.hpp"

#include <cassert>
#include <csignal>

namespace twotier::analysis {
namespace {

// Written by the signal handler only; see the header on why this is global.
std::atomic<bool> g_interrupt_requested{false};
std::atomic<int> g_interrupt_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the handler may only touch lock-free atomics");

struct sigaction g_previous_int;
struct sigaction g_previous_term;
bool g_scope_alive = false;

void on_signal(int signal_number) {
  g_interrupt_signal.store(signal_number);
  g_interrupt_requested.store(true);
  // The next signal of either kind takes its default action (terminate) at once.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

InterruptScope::InterruptScope() {
  assert(!g_scope_alive && "one InterruptScope at a time");
  g_scope_alive = true;
  g_interrupt_requested.store(false);
  g_interrupt_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptScope::~InterruptScope() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  g_scope_alive = false;
}

const std::atomic<bool>& InterruptScope::flag() const {
  return g_interrupt_requested;
}

int InterruptScope::signal_number() const {
  return g_interrupt_signal.load();
}

const char* InterruptScope::signal_name() const {
  switch (signal_number()) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "a signal";
  }
}

int interrupted_exit_code(int signal_number) {
  return 128 + (signal_number > 0 ? signal_number : SIGINT);
}

}  // namespace twotier::analysis
