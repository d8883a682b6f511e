// The rules every command that writes follows for its output folder (docs/output-format.md,
// "Output folders"), in one place: system folders and files are refused, the folder is created
// if needed and locked against other twotier commands (flock on the folder itself, released
// when the OutputFolder goes: a second command on the same folder exits 2 at once), files of
// an earlier run are replaced only with --force, and after a failure the folder is left as it
// was found (entries this command added are removed; a folder it created is removed).
// Not thread-safe: one OutputFolder per command, owned by the thread that runs it.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace twotier::analysis {

// A folder or file that may not be written (system folder, a file where a folder is wanted,
// no permission, in use, would overwrite without --force): bad input, exit 2. The message is
// one line naming the path and what to do.
class OutputFolderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Why `folder` may never be an output folder (/, /etc, /usr, /proc, $HOME itself, ...), or
// empty when it may. Resolves symbolic links and "..".
std::string forbidden_output_folder(const std::filesystem::path& folder);

class OutputFolder {
 public:
  // Checks that `folder` may be written, creates it (and its parents) if missing and locks it.
  // `command` ("twotier run") starts messages. Throws OutputFolderError.
  static OutputFolder claim(const std::filesystem::path& folder, const std::string& command);

  OutputFolder(OutputFolder&& other) noexcept;
  OutputFolder& operator=(OutputFolder&&) = delete;
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  // Unless keep() was called: removes what this command added (or the folder it created).
  ~OutputFolder();

  const std::filesystem::path& path() const { return folder_; }
  // Visible entries (not starting with '.') present when the folder was claimed.
  const std::vector<std::string>& entries_before() const { return before_; }

  // Throws OutputFolderError unless `force` or the folder held no visible entry when claimed:
  // a command never replaces or mixes with files it did not write without --force.
  void refuse_unless_empty(bool force) const;
  // Same, for the listed file names only (a command that adds to a result folder).
  void refuse_existing(std::initializer_list<const char*> names, bool force) const;

  // The command succeeded (or was interrupted with its work saved): keep everything.
  void keep() { keep_ = true; }

 private:
  OutputFolder() = default;
  std::filesystem::path folder_;
  std::string command_;
  int lock_fd_ = -1;
  bool created_ = false;  // the folder did not exist before claim()
  bool keep_ = false;
  std::vector<std::string> before_;      // visible entries at claim()
  std::set<std::string> hidden_before_;  // hidden entries at claim() (left alone)
};

// Checks a single output file named on the command line (`report --out FILE`): its extension
// must be `extension` (".html"), its folder not a system folder; an existing file is refused
// unless `force`. Throws OutputFolderError.
void check_output_file(const std::filesystem::path& file, const char* extension, bool force,
                       const std::string& command);

}  // namespace twotier::analysis
