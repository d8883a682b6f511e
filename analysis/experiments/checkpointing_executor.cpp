// Experiments saved and served through a journal (see checkpointing_executor.hpp).
#include "analysis/experiments/checkpointing_executor.hpp"

#include <optional>

namespace twotier::analysis {
namespace {

std::string describe_experiment(const std::string& label, std::uint64_t first,
                                std::uint64_t count) {
  return "'" + label + "', replications " + std::to_string(first) + ".." +
         std::to_string(first + count - 1);
}

}  // namespace

CheckpointingExecutor::CheckpointingExecutor(ReplicationExecutor& inner, ExperimentJournal* journal,
                                             const std::atomic<bool>* stop)
    : inner_(inner), journal_(journal), stop_(stop) {}

ExperimentResult CheckpointingExecutor::run(const ReplicationFunction& replicate,
                                            const ExperimentOptions& options) {
  const int k = next_experiment_++;
  const auto count = static_cast<std::uint64_t>(options.replications);
  ExperimentOptions mine = options;
  if (mine.stop == nullptr) mine.stop = stop_;

  std::optional<JournalExperiment> saved;
  if (journal_ != nullptr) saved = journal_->experiment(k);
  if (saved) {
    if (saved->label != options.label || saved->first_replication != options.first_replication ||
        saved->replications != count) {
      throw JournalError(
          journal_->path().string() + ": the resumed command did not repeat the interrupted " +
          "one: its experiment " + std::to_string(k) + " was " +
          describe_experiment(saved->label, saved->first_replication, saved->replications) +
          ", now " + describe_experiment(options.label, options.first_replication, count) +
          " (a different --threads changes the blocks of --select-best); resume with the "
          "original settings or start over with --force");
    }
    if (mine.skip.empty()) mine.skip.assign(count, false);
    for (const auto& r : saved->done)
      mine.skip.at(r.replication - options.first_replication) = true;
  }
  if (journal_ != nullptr) {
    mine.on_replication_done = [this, k, &options, count](const model::ReplicationResult& r) {
      journal_->add(k, options.label, options.first_replication, count, r);
      if (options.on_replication_done) options.on_replication_done(r);
    };
  }

  ExperimentResult result = inner_.run(replicate, mine);
  if (result.interrupted) throw ExperimentInterrupted();
  if (!inner_.is_root()) return result;
  if (saved) {
    for (auto& r : saved->done) {
      result.replications.at(r.replication - options.first_replication) = std::move(r);
      ++served_;
    }
  }

  record(options, result);
  return result;
}

std::vector<ExperimentResult> CheckpointingExecutor::run_batch(
    std::span<const ExperimentJob> jobs) {
  if (journal_ != nullptr) return ReplicationExecutor::run_batch(jobs);
  std::vector<ExperimentJob> mine(jobs.begin(), jobs.end());
  for (auto& job : mine)
    if (job.options.stop == nullptr) job.options.stop = stop_;
  next_experiment_ += static_cast<int>(jobs.size());
  std::vector<ExperimentResult> results = inner_.run_batch(mine);
  for (const auto& result : results)
    if (result.interrupted) throw ExperimentInterrupted();
  if (!inner_.is_root()) return results;
  for (std::size_t k = 0; k < jobs.size(); ++k)
    record(jobs[k].options, results[k]);
  return results;
}

void CheckpointingExecutor::record(const ExperimentOptions& options,
                                   const ExperimentResult& result) {
  ExperimentRecord record;
  record.label = options.label;
  record.first_replication = options.first_replication;
  for (const auto& r : result.replications) {
    if (r.scopes.empty() && r.kpis.empty()) continue;  // a slot the caller's skip left empty
    if (record.scopes.empty()) record.scopes = r.scopes;
    record.index.push_back(r.replication);
    record.kpis.push_back(r.kpis);
  }
  records_.push_back(std::move(record));
}

}  // namespace twotier::analysis
