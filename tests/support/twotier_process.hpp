// Helpers for tests that drive the `twotier` executable as a user would: a temporary folder
// removed at the end, reading a file whole, and starting twotier with its stdout and stderr in
// a log file (to signal it, or wait for its exit code). POSIX only; test code (Catch2 REQUIRE).
#pragma once

#include <fcntl.h>     // O_WRONLY
#include <spawn.h>     // posix_spawn
#include <sys/wait.h>  // waitpid
#include <unistd.h>    // mkdtemp

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace twotier::test {

inline const std::string kTwotierExecutable = TWOTIER_BINARY_DIR "/bin/twotier";

// A fresh folder under the system's temporary folder, removed with its contents at the end.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix = "twotier_test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Starts `twotier ARGS...` (the subcommand first), its stdout and stderr going to `log`.
inline pid_t spawn_twotier(const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<std::string> all{kTwotierExecutable};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int error =
      posix_spawn(&pid, kTwotierExecutable.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(error == 0);
  return pid;
}

// The exit code of `pid`, which must exit normally (not by a signal).
inline int wait_exit_code(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  INFO("status " << status);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

inline int run_twotier(const std::vector<std::string>& args, const std::filesystem::path& log) {
  return wait_exit_code(spawn_twotier(args, log));
}

}  // namespace twotier::test
