// --resume and interruption for experiment commands (see experiment_session.hpp).
#include "apps/experiment_session.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <iostream>
#include <set>

#include "analysis/experiments/checkpoint.hpp"
#include "analysis/experiments/experiments_h5.hpp"
#include "analysis/results/run_outputs.hpp"
#include "apps/cli_support.hpp"

namespace twotier::app {
namespace {

namespace fs = std::filesystem;

// Options that only say how to run (results do not depend on them): a resume may change them.
const std::set<std::string> kSettings = {"threads", "quiet"};
// Options that are neither: where the results go, and the resume machinery itself.
const std::set<std::string> kNotSaved = {"out", "force", "resume", "help"};

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// An option's key: its first long name ("threads"), else its short or positional name.
std::string key_of(const CLI::Option& option) {
  if (!option.get_lnames().empty()) return option.get_lnames().front();
  if (!option.get_snames().empty()) return option.get_snames().front();
  return option.get_name();
}

// What was given to `cmd`, rebuilt from CLI11's results in a form it parses back to the same
// options: "--key=value" per value (flags as "--key"), then "--" and the positional values.
struct GivenArguments {
  std::vector<std::string> options;
  std::vector<std::string> positionals;
  std::vector<std::string> flattened() const {
    std::vector<std::string> all = options;
    if (!positionals.empty()) {
      all.emplace_back("--");
      all.insert(all.end(), positionals.begin(), positionals.end());
    }
    return all;
  }
  static GivenArguments split(const std::vector<std::string>& all) {
    GivenArguments given;
    const auto separator = std::find(all.begin(), all.end(), std::string("--"));
    given.options.assign(all.begin(), separator);
    if (separator != all.end()) given.positionals.assign(separator + 1, all.end());
    return given;
  }
};

template <class Keep>
GivenArguments given_arguments(CLI::App& cmd, Keep keep) {
  GivenArguments given;
  for (const CLI::Option* option : cmd.get_options()) {
    if (option->count() == 0 || !keep(key_of(*option))) continue;
    if (!option->nonpositional()) {
      given.positionals.insert(given.positionals.end(), option->results().begin(),
                               option->results().end());
      continue;
    }
    const std::string name = option->get_lnames().empty() ? "-" + option->get_snames().front()
                                                          : "--" + option->get_lnames().front();
    if (option->get_type_size() == 0) {
      given.options.push_back(name);  // a flag
      continue;
    }
    for (const auto& value : option->results())
      given.options.push_back(name + "=" + value);
  }
  return given;
}

bool is_setting(const std::string& key) {
  return kSettings.count(key) > 0;
}
bool decides_results(const std::string& key) {
  return kSettings.count(key) == 0 && kNotSaved.count(key) == 0;
}

// "--threads=2" -> "--threads".
std::string option_name(const std::string& argument) {
  return argument.substr(0, argument.find('='));
}

// The saved settings, each replaced by the one given now for the same option.
std::vector<std::string> merge_settings(const std::vector<std::string>& saved,
                                        const std::vector<std::string>& now) {
  std::vector<std::string> merged;
  for (const auto& s : saved) {
    const bool replaced = std::any_of(now.begin(), now.end(), [&](const std::string& n) {
      return option_name(n) == option_name(s);
    });
    if (!replaced) merged.push_back(s);
  }
  merged.insert(merged.end(), now.begin(), now.end());
  return merged;
}

// Why `file` cannot be resumed by `command`, for an error message.
std::string not_resumable(const fs::path& file, const std::string& command) {
  if (!fs::exists(file)) return "no " + file.string() + " of an interrupted command";
  if (analysis::is_experiment_journal(file)) {
    const auto header = analysis::read_journal_header(file);
    return file.string() + " holds an interrupted `twotier " + header.identity.command + "`, not " +
           command + "; resume it with `twotier " + header.identity.command + " --resume " +
           file.parent_path().string() + "`";
  }
  if (analysis::is_checkpoint(file)) {
    return file.string() + " holds an interrupted `twotier run`; resume it with `twotier run " +
           "--resume " + file.parent_path().string() + "`";
  }
  return file.string() + " holds complete results, nothing to resume";
}

}  // namespace

ExperimentSession::ExperimentSession(analysis::JournalIdentity identity,
                                     std::optional<fs::path> resume, bool quiet)
    : identity_(std::move(identity)), resume_(std::move(resume)), quiet_(quiet) {}

ExperimentSession::~ExperimentSession() {
  if (saved_cout_ != nullptr) std::cout.rdbuf(saved_cout_);
  if (saved_cerr_ != nullptr) std::cerr.rdbuf(saved_cerr_);
}

bool ExperimentSession::start(const fs::path& out, bool force, std::vector<std::string> inputs) {
  assert(!started() && "start() once");
  const std::string name = "twotier " + identity_.command;
  out_ = out;
  identity_.inputs = std::move(inputs);
  started_at_ = now_seconds();
  // Threads, or MPI ranks when started by mpirun/srun; every rank gets every result.
  inner_ = analysis::make_executor(analysis::ResultDelivery::kEveryRank);
  const fs::path file = out / analysis::kResultsH5Name;
  if (resume_ && inner_->processes() > 1) {
    std::cerr << name << ": error: --resume runs in one process (MPI runs keep no journal); "
              << "start it without mpirun/srun\n";
    return false;
  }
  try {
    if (inner_->is_root()) folder_.emplace(analysis::OutputFolder::claim(out, name));
  } catch (const analysis::OutputFolderError& e) {
    std::cerr << e.what() << "\n";
    return false;
  }
  if (resume_) {
    try {
      journal_.emplace(analysis::ExperimentJournal::reopen(file, identity_));
    } catch (const analysis::JournalError& e) {
      std::cerr << name << ": error: cannot resume " << out.string() << ": " << e.what() << "\n";
      return false;
    }
    if (!quiet_) {
      std::cerr << name << ": resuming " << out.string() << ": " << journal_->saved_replications()
                << " replications saved before\n";
    }
  } else {
    std::error_code error;
    if (fs::exists(file, error) && !force) {
      std::string command;
      if (analysis::is_experiment_journal(file))
        command = analysis::read_journal_header(file).identity.command;
      else if (analysis::is_checkpoint(file))
        command = "run";
      if (!command.empty()) {
        std::cerr << name << ": error: " << out.string() << " holds an interrupted `twotier "
                  << command << "`; complete it with `twotier " << command << " --resume "
                  << out.string() << "`, choose another folder with --out DIR, or pass --force "
                  << "to start over\n";
      } else {
        std::cerr << name << ": error: " << out.string()
                  << " already holds results of an earlier run (" << file.string()
                  << "); choose another folder with --out DIR, or pass --force to overwrite\n";
      }
      return false;
    }
    try {
      if (folder_) folder_->refuse_unless_empty(force);
    } catch (const analysis::OutputFolderError& e) {
      std::cerr << e.what() << "\n";
      return false;
    }
    // Under MPI every rank runs the whole command: only the root touches the folder, and
    // nothing is journalled (a resume would have to serve every rank alike).
    if (inner_->is_root()) {
      fs::create_directories(out);
      fs::remove(file);
    }
    if (inner_->processes() == 1)
      journal_.emplace(analysis::ExperimentJournal::create(file, identity_));
  }
  if (!inner_->is_root()) {
    // The root prints for everyone; a null buffer makes the streams discard what they get.
    saved_cout_ = std::cout.rdbuf(nullptr);
    saved_cerr_ = std::cerr.rdbuf(nullptr);
  }
  if (journal_) interrupt_.emplace();
  executor_ = std::make_unique<analysis::CheckpointingExecutor>(
      *inner_, journal_ ? &*journal_ : nullptr, interrupt_ ? &interrupt_->flag() : nullptr);
  return true;
}

analysis::ReplicationExecutor& ExperimentSession::executor() {
  assert(started());
  return *executor_;
}

bool ExperimentSession::writes_outputs() const {
  assert(started());
  return inner_->is_root();
}

void ExperimentSession::finish() {
  assert(started());
  if (journal_) journal_->close();
  if (!writes_outputs()) return;
  analysis::ExperimentsMetadata metadata;
  metadata.command = identity_.command;
  metadata.command_line = command_line("twotier " + identity_.command);
  metadata.arguments = identity_.arguments;
  metadata.inputs = identity_.inputs;
  metadata.wall_seconds = now_seconds() - started_at_;
  analysis::write_experiments_h5(out_ / analysis::kResultsH5Name, metadata, executor_->records());
  if (folder_) folder_->keep();
}

int ExperimentSession::report_interruption() {
  assert(interrupt_ && "only a journalled session is interrupted");
  const std::size_t saved = journal_ ? journal_->saved_replications() : 0;
  if (journal_) journal_->close();
  if (folder_) folder_->keep();  // the journal is what --resume needs
  const std::string name = "twotier " + identity_.command;
  std::cerr << name << ": interrupted by " << interrupt_->signal_name() << ": " << saved
            << " replications are saved in " << (out_ / analysis::kResultsH5Name).string()
            << " (marked incomplete).\nResume with: " << name << " --resume " << out_.string()
            << "\n";
  // --force over an earlier command's folder: its other files are still there (the journal
  // replaced its results.h5); say that they are not this command's results.
  std::string earlier;
  if (folder_) {
    for (const std::string& entry : folder_->entries_before()) {
      if (entry == analysis::kResultsH5Name || !fs::exists(out_ / entry)) continue;
      earlier += (earlier.empty() ? "" : ", ") + entry;
    }
  }
  if (!earlier.empty()) {
    std::cerr << name << ": note: " << earlier << " in " << out_.string()
              << " are from before this command (--force), not its results; the resume "
                 "replaces the ones it writes\n";
  }
  return analysis::interrupted_exit_code(interrupt_->signal_number());
}

Action make_resumable(CLI::App* cmd, std::function<void()> reset,
                      std::function<int(ExperimentSession&)> body) {
  auto resume = std::make_shared<std::string>();
  cmd->add_option_function<std::string>(
         "--resume",
         [cmd, resume](const std::string& folder) {
           *resume = folder;
           // The command's required arguments come from the interrupted run.
           for (CLI::Option* option : cmd->get_options({}))
             option->required(false);
         },
         "Complete the interrupted `twotier " + cmd->get_name() +
             "` whose output folder is DIR (its arguments; results as if never interrupted); "
             "only --threads and --quiet may be given with it")
      ->type_name("DIR");
  return [cmd, resume, reset = std::move(reset), body = std::move(body)]() -> int {
    const std::string name = "twotier " + cmd->get_name();
    std::optional<fs::path> resume_dir;
    if (!resume->empty()) {
      resume_dir = fs::absolute(*resume).lexically_normal();
      for (const CLI::Option* option : cmd->get_options()) {
        const std::string key = key_of(*option);
        if (option->count() > 0 && key != "resume" && !is_setting(key)) {
          std::cerr << name << ": error: --resume takes the arguments of the interrupted "
                    << "command; give only --resume DIR (and --threads, --quiet), not "
                    << option->get_name() << "\n";
          return kExitBadInput;
        }
      }
      const fs::path file = *resume_dir / analysis::kResultsH5Name;
      analysis::JournalHeader header;
      try {
        if (!analysis::is_experiment_journal(file) ||
            analysis::read_journal_header(file).identity.command != cmd->get_name()) {
          std::cerr << name << ": error: --resume " << resume_dir->string() << ": "
                    << not_resumable(file, cmd->get_name()) << "\n";
          return kExitBadInput;
        }
        header = analysis::read_journal_header(file);
      } catch (const analysis::JournalError& e) {
        std::cerr << name << ": error: " << e.what() << "\n";
        return kExitBadInput;
      }
      const auto settings =
          merge_settings(header.identity.settings, given_arguments(*cmd, is_setting).options);
      // Relative paths in the saved arguments (scenarios, tables) are as seen from there.
      std::error_code error;
      if (!header.identity.working_directory.empty())
        fs::current_path(header.identity.working_directory, error);
      if (error) {
        std::cerr << name << ": error: cannot resume " << resume_dir->string()
                  << ": the command ran in " << header.identity.working_directory
                  << ", which is gone (" << error.message() << ")\n";
        return kExitBadInput;
      }
      GivenArguments saved = GivenArguments::split(header.identity.arguments);
      saved.options.insert(saved.options.end(), settings.begin(), settings.end());
      saved.options.push_back("--out=" + resume_dir->string());
      std::vector<std::string> arguments = saved.flattened();
      std::reverse(arguments.begin(), arguments.end());  // CLI11 takes them last first
      reset();
      try {
        cmd->parse(arguments);
      } catch (const CLI::ParseError& e) {
        std::cerr << name << ": error: cannot resume " << resume_dir->string()
                  << ": its saved arguments no longer parse: " << e.what() << "\n";
        return kExitBadInput;
      }
    }
    analysis::JournalIdentity identity;
    identity.command = cmd->get_name();
    identity.arguments = given_arguments(*cmd, decides_results).flattened();
    identity.settings = given_arguments(*cmd, is_setting).flattened();
    identity.working_directory = fs::current_path().string();
    bool quiet = false;
    for (const CLI::Option* option : cmd->get_options())
      if (key_of(*option) == "quiet") quiet = option->count() > 0;
    ExperimentSession session(std::move(identity), resume_dir, quiet);
    int code = kExitOk;
    try {
      code = body(session);
    } catch (const analysis::ExperimentInterrupted&) {
      return session.report_interruption();
    } catch (const analysis::JournalError& e) {
      std::cerr << name << ": error: " << e.what() << "\n";
      return kExitBadInput;
    }
    if (code == kExitOk && session.started()) session.finish();
    return code;
  };
}

}  // namespace twotier::app
