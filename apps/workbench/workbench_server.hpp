// `twotier serve`: the planner's workbench, a local web application over the same engine.
// Serves the page and its assets (compiled into the binary: no internet, no CDN) and a small
// JSON API the page uses: the scenarios and their units, jobs (run, compare, staff) with
// progress and cancel, their result tables, report and PDF, and saved variants.
// docs/workbench.md describes the API and the safety rules (apps/workbench/request_guard.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace twotier::workbench {

struct ServeOptions {
  std::vector<std::filesystem::path> scenario_folders;
  std::filesystem::path workspace;
  std::string bind_address = "127.0.0.1";
  int port = 8080;
  int max_running = 1;                                   // simulations at once
  int max_waiting = 32;                                  // queued beyond that are refused
  int threads_per_job = 0;                               // 0: the machine's threads / max_running
  std::filesystem::path executable;                      // the twotier binary the jobs run
  std::filesystem::path chromium = "/usr/bin/chromium";  // for PDFs
  bool quiet = false;
};

// Runs until SIGINT/SIGTERM; returns the exit code (2 when it cannot listen or a folder is bad).
int serve(const ServeOptions& options);

}  // namespace twotier::workbench
