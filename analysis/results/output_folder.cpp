#include "analysis/results/output_folder.hpp"

#include <fcntl.h>     // open
#include <sys/file.h>  // flock
#include <unistd.h>    // access, close

#include <algorithm>
#include <cerrno>
#include <cstdlib>  // std::getenv
#include <cstring>  // std::strerror
#include <system_error>

namespace twotier::analysis {

namespace fs = std::filesystem;

namespace {

// Folders that are never an output folder themselves.
constexpr const char* kSystemFolders[] = {"/",    "/home", "/root",  "/tmp", "/var",    "/opt",
                                          "/srv", "/mnt",  "/media", "/run", "/var/tmp"};
// Folders nothing is written into, at any depth.
constexpr const char* kSystemTrees[] = {"/etc",   "/usr",    "/bin",  "/sbin", "/lib", "/lib32",
                                        "/lib64", "/libx32", "/boot", "/proc", "/sys", "/dev"};

fs::path resolved(const fs::path& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) return path.lexically_normal();
  fs::path canonical = fs::weakly_canonical(absolute, error);
  if (error) return absolute.lexically_normal();
  // weakly_canonical keeps a trailing separator of "dir/": drop it so "/etc/" is "/etc".
  if (!canonical.has_filename() && canonical.has_parent_path() &&
      canonical != canonical.root_path())
    canonical = canonical.parent_path();
  return canonical;
}

bool inside(const fs::path& path, const fs::path& tree) {
  auto p = path.begin();
  for (auto t = tree.begin(); t != tree.end(); ++t, ++p)
    if (p == path.end() || *p != *t) return false;
  return true;
}

std::vector<std::string> list_entries(const fs::path& folder, std::set<std::string>* hidden) {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (hidden != nullptr) hidden->insert(name);
    } else {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string errno_text(int error) {
  return std::strerror(error);
}

}  // namespace

std::string forbidden_output_folder(const fs::path& folder) {
  const fs::path path = resolved(folder);
  for (const char* system : kSystemFolders)
    if (path == fs::path(system)) return path.string() + " is a system folder";
  for (const char* tree : kSystemTrees)
    if (inside(path, fs::path(tree))) return path.string() + " is inside the system folder " + tree;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    if (path == resolved(home)) return path.string() + " is your home folder itself";
  }
  return {};
}

OutputFolder OutputFolder::claim(const fs::path& folder, const std::string& command) {
  const std::string where = command + ": error: output folder " + folder.string() + ": ";
  if (folder.empty()) throw OutputFolderError(command + ": error: empty output folder name");
  if (const std::string why = forbidden_output_folder(folder); !why.empty())
    throw OutputFolderError(where + why + "; choose a folder of your own with --out DIR");
  OutputFolder claimed;
  claimed.folder_ = folder;
  claimed.command_ = command;
  std::error_code error;
  const fs::file_status status = fs::status(folder, error);
  if (fs::exists(status) && !fs::is_directory(status))
    throw OutputFolderError(where + "it is a file, not a folder; choose a folder with --out DIR");
  if (!fs::exists(status)) {
    fs::create_directories(folder, error);
    if (error) {
      throw OutputFolderError(where + "cannot create it (" + error.message() +
                              "); choose a writable place with --out DIR");
    }
    claimed.created_ = true;
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    const int code = errno;
    throw OutputFolderError(where + "not writable (" + errno_text(code) +
                            "); choose a writable place with --out DIR");
  }
  claimed.lock_fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (claimed.lock_fd_ < 0) {
    const int code = errno;
    throw OutputFolderError(where + "cannot open it (" + errno_text(code) + ")");
  }
  if (::flock(claimed.lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int code = errno;
    claimed.created_ = false;  // not ours to remove
    if (code == EWOULDBLOCK) {
      throw OutputFolderError(where +
                              "another twotier command is writing to it; wait for it to end or "
                              "choose another folder with --out DIR");
    }
    throw OutputFolderError(where + "cannot lock it (" + errno_text(code) + ")");
  }
  claimed.before_ = list_entries(folder, &claimed.hidden_before_);
  return claimed;
}

OutputFolder::OutputFolder(OutputFolder&& other) noexcept
    : folder_(std::move(other.folder_)),
      command_(std::move(other.command_)),
      lock_fd_(other.lock_fd_),
      created_(other.created_),
      keep_(other.keep_),
      before_(std::move(other.before_)),
      hidden_before_(std::move(other.hidden_before_)) {
  other.lock_fd_ = -1;
  other.keep_ = true;
  other.created_ = false;
}

OutputFolder::~OutputFolder() {
  if (!keep_ && !folder_.empty()) {
    std::error_code ignored;
    if (created_) {
      fs::remove_all(folder_, ignored);
    } else {
      std::set<std::string> hidden_now;
      for (const std::string& name : list_entries(folder_, &hidden_now))
        if (!std::binary_search(before_.begin(), before_.end(), name))
          fs::remove_all(folder_ / name, ignored);
      for (const std::string& name : hidden_now)
        if (hidden_before_.count(name) == 0) fs::remove_all(folder_ / name, ignored);
    }
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

void OutputFolder::refuse_unless_empty(bool force) const {
  if (force || before_.empty()) return;
  throw OutputFolderError(command_ + ": error: output folder " + folder_.string() +
                          " already holds files (" + before_.front() +
                          (before_.size() > 1 ? ", ..." : "") +
                          "); choose a new or empty folder with --out DIR, or pass --force to "
                          "overwrite");
}

void OutputFolder::refuse_existing(std::initializer_list<const char*> names, bool force) const {
  if (force) return;
  for (const char* name : names) {
    if (std::binary_search(before_.begin(), before_.end(), std::string(name))) {
      throw OutputFolderError(command_ + ": error: " + (folder_ / name).string() +
                              " already exists; choose another folder with --out DIR, or pass "
                              "--force to overwrite");
    }
  }
}

void check_output_file(const fs::path& file, const char* extension, bool force,
                       const std::string& command) {
  const std::string where = command + ": error: --out " + file.string() + ": ";
  if (file.extension() != extension) {
    throw OutputFolderError(where + "the file name must end in " + extension +
                            " (a name like report" + extension + ")");
  }
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (const std::string why = forbidden_output_folder(folder); !why.empty())
    throw OutputFolderError(where + why + "; write the file in a folder of your own");
  std::error_code error;
  const fs::file_status status = fs::status(file, error);
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw OutputFolderError(where + "exists and is not a regular file");
  if (fs::exists(status) && !force)
    throw OutputFolderError(where + "already exists; pass --force to overwrite it");
  if (!fs::is_directory(folder, error))
    throw OutputFolderError(where + "the folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    const int code = errno;
    throw OutputFolderError(where + "the folder " + folder.string() + " is not writable (" +
                            errno_text(code) + ")");
  }
}

}  // namespace twotier::analysis
