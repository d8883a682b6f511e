// Attributes for the workbench's child processes (simulations, Chromium): no blocked signals
// and default handlers, whatever the server's threads block (the server blocks SIGINT and
// SIGTERM to wait for them in one thread; a child must still stop on SIGTERM when cancelled).
#pragma once

#include <signal.h>
#include <spawn.h>

namespace twotier::workbench {

struct SpawnDefaults {
  posix_spawnattr_t attributes;
  SpawnDefaults() {
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnDefaults() { posix_spawnattr_destroy(&attributes); }
  SpawnDefaults(const SpawnDefaults&) = delete;
  SpawnDefaults& operator=(const SpawnDefaults&) = delete;
};

}  // namespace twotier::workbench
