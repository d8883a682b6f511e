// Thread and MPI executors; see replication_executor.hpp for the guarantees.
#include "analysis/experiments/replication_executor.hpp"

#include <algorithm>  // std::min, std::max, std::upper_bound
#include <cassert>
#include <chrono>
#include <cstdint>
#include <cstdlib>  // std::getenv
#include <stdexcept>

#include "models/replication.hpp"
#include "models/spec.hpp"

#ifdef TWOTIER_WITH_MPI
#include <mpi.h>

#include <climits>  // INT_MAX
#include <vector>

#include "analysis/results/replication_codec.hpp"
#endif

namespace twotier::analysis {
namespace {

class ThreadExecutor final : public ReplicationExecutor {
 public:
  ExperimentResult run(const ReplicationFunction& replicate,
                       const ExperimentOptions& options) override {
    return run_replications(replicate, options);
  }
  bool is_root() const override { return true; }
  int processes() const override { return 1; }
  std::string describe(const ExperimentOptions& options) const override {
    const int threads = effective_threads(options);
    return std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  }
};

#ifdef TWOTIER_WITH_MPI

// Started by an MPI launcher: Open MPI's mpirun, Hydra (MPICH) or srun with PMI2/PMIx.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

// Initialises MPI once per process (only the calling thread talks to MPI: FUNNELED) and
// finalises it when the process exits normally.
class MpiSession {
 public:
  static MpiSession& get() {
    static MpiSession session;
    return session;
  }
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      int provided = 0;
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
      owns_ = true;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiSession() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (owns_ && !finalized) MPI_Finalize();
  }
  int rank_ = 0;
  int size_ = 1;
  bool owns_ = false;
};

// Replication k of a batch laid end to end: which job, and its index within that job.
struct BatchLayout {
  std::vector<std::int64_t> starts;  // starts[j]: the first k of job j; back() = total
  explicit BatchLayout(std::span<const ExperimentJob> jobs) {
    starts.push_back(0);
    for (const auto& job : jobs)
      starts.push_back(starts.back() + job.options.replications);
  }
  std::int64_t total() const { return starts.back(); }
  std::size_t job_of(std::int64_t k) const {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), k) -
                                    starts.begin() - 1);
  }
};

class MpiExecutor final : public ReplicationExecutor {
 public:
  explicit MpiExecutor(ResultDelivery delivery)
      : rank_(MpiSession::get().rank()), size_(MpiSession::get().size()), delivery_(delivery) {}

  ExperimentResult run(const ReplicationFunction& replicate,
                       const ExperimentOptions& options) override {
    // One rank (mpirun -np 1) is one process: checkpoints and journals work as without MPI.
    if (size_ == 1) return run_replications(replicate, options);
    const ExperimentJob job{replicate, options};
    return std::move(run_batch(std::span(&job, 1)).front());
  }

  std::vector<ExperimentResult> run_batch(std::span<const ExperimentJob> jobs) override {
    if (size_ == 1) return ReplicationExecutor::run_batch(jobs);  // run() each
    const auto started = std::chrono::steady_clock::now();
    if (jobs.empty()) return {};
    for (const auto& job : jobs) {
      if (!job.options.skip.empty() || job.options.on_replication_done)
        throw std::logic_error(
            "MPI executor: skipped replications and per-replication "
            "callbacks (checkpoints, journals) are not supported");
    }
    const BatchLayout layout(jobs);
    const std::int64_t begin = layout.total() * rank_ / size_;
    const std::int64_t end = layout.total() * (rank_ + 1) / size_;

    // This rank's message: a status byte, then its results or the error text.
    std::vector<std::byte> message{std::byte{0}};
    ExperimentOptions mine = jobs.front().options;
    mine.replications = static_cast<int>(end - begin);
    mine.first_replication = static_cast<std::uint64_t>(begin);
    mine.progress = mine.progress && rank_ == 0;
    // Position k of the batch -> replication of its job (its seed index).
    const auto replicate = [&jobs, &layout](std::uint64_t k) {
      const std::size_t j = layout.job_of(static_cast<std::int64_t>(k));
      const auto within =
          static_cast<std::uint64_t>(static_cast<std::int64_t>(k) - layout.starts[j]);
      return jobs[j].replicate(jobs[j].options.first_replication + within);
    };
    int threads = 0;
    if (end > begin) {
      try {
        const ExperimentResult local = run_replications(replicate, mine);
        threads = local.threads;
        for (const model::ReplicationResult& r : local.replications)
          encode_replication(r, message);
      } catch (const std::exception& e) {
        fail(message, e.what());
      } catch (...) {
        fail(message, "unknown error");
      }
    }
    if (message.size() > static_cast<std::size_t>(INT_MAX))
      fail(message, "rank " + std::to_string(rank_) +
                        ": results exceed 2 GB; use more ranks or fewer replications per run");

    // Rank 0 (kRoot) or every rank (kEveryRank) gathers every message, ranks in order, hence
    // batch positions in order. Every rank learns all lengths, so all agree on the total.
    const bool everyone = delivery_ == ResultDelivery::kEveryRank;
    const bool receives = everyone || rank_ == 0;
    const int length = static_cast<int>(message.size());
    std::vector<int> lengths(static_cast<std::size_t>(size_));
    MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD);
    std::vector<int> offsets(lengths.size(), 0);
    std::size_t total = 0;
    for (std::size_t r = 0; r < lengths.size(); ++r) {
      offsets[r] = static_cast<int>(std::min<std::size_t>(total, INT_MAX));
      total += static_cast<std::size_t>(lengths[r]);
    }
    if (total > static_cast<std::size_t>(INT_MAX))
      throw std::runtime_error("MPI gather: results of all ranks exceed 2 GB");
    std::vector<std::byte> all(receives ? total : 0);
    if (everyone) {
      MPI_Allgatherv(message.data(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(),
                     MPI_BYTE, MPI_COMM_WORLD);
    } else {
      MPI_Gatherv(message.data(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(),
                  MPI_BYTE, 0, MPI_COMM_WORLD);
    }

    std::vector<ExperimentResult> results(jobs.size());
    std::string error;
    if (receives) {
      for (std::size_t j = 0; j < jobs.size(); ++j)
        results[j].replications.reserve(static_cast<std::size_t>(jobs[j].options.replications));
      const std::span<const std::byte> bytes(all);
      std::int64_t k = 0;  // batch position of the next decoded result
      for (int r = 0; r < size_; ++r) {
        std::size_t at = static_cast<std::size_t>(offsets[r]);
        const std::size_t stop = at + static_cast<std::size_t>(lengths[r]);
        if (bytes[at++] != std::byte{0}) {  // the lowest failing rank's error wins
          error.assign(reinterpret_cast<const char*>(bytes.data() + at), stop - at);
          break;
        }
        for (; at < stop; ++k) {
          results[layout.job_of(k)].replications.push_back(
              decode_replication(bytes.subspan(0, stop), at));
        }
      }
    }
    // Everyone learns whether the run failed, so all ranks throw (or return) together.
    if (!everyone) {
      int error_length = static_cast<int>(error.size());
      MPI_Bcast(&error_length, 1, MPI_INT, 0, MPI_COMM_WORLD);
      error.resize(static_cast<std::size_t>(error_length));
      if (error_length > 0) MPI_Bcast(error.data(), error_length, MPI_CHAR, 0, MPI_COMM_WORLD);
    }
    if (!error.empty()) throw std::runtime_error(error);
    int most_threads = threads;
    MPI_Allreduce(&threads, &most_threads, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (auto& result : results) {
      result.threads = most_threads;
      result.finished.assign(result.replications.size(), true);
    }
    results.front().wall_seconds = wall;  // the batch's; 0 on the others, so sums add up
    return results;
  }

  int parallel_width(int threads) override {
    ExperimentOptions local;
    local.threads = threads;
    local.replications = 1 << 20;  // only to let effective_threads use every thread
    int width = effective_threads(local);
    MPI_Bcast(&width, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return width * size_;
  }

  bool is_root() const override { return rank_ == 0; }
  int processes() const override { return size_; }
  std::string describe(const ExperimentOptions& options) const override {
    ExperimentOptions per_rank = options;
    per_rank.replications = (options.replications + size_ - 1) / size_;
    const int threads = effective_threads(per_rank);
    return std::to_string(size_) + " MPI ranks x " + std::to_string(threads) +
           (threads == 1 ? " thread" : " threads");
  }

 private:
  static void fail(std::vector<std::byte>& message, const std::string& text) {
    message.assign(1, std::byte{1});
    const auto* p = reinterpret_cast<const std::byte*>(text.data());
    message.insert(message.end(), p, p + text.size());
  }

  int rank_;
  int size_;
  ResultDelivery delivery_;
};

#endif  // TWOTIER_WITH_MPI

}  // namespace

std::vector<ExperimentResult> ReplicationExecutor::run_batch(std::span<const ExperimentJob> jobs) {
  std::vector<ExperimentResult> results;
  results.reserve(jobs.size());
  for (const auto& job : jobs)
    results.push_back(run(job.replicate, job.options));
  return results;
}

int ReplicationExecutor::parallel_width(int threads) {
  ExperimentOptions local;
  local.threads = threads;
  local.replications = 1 << 20;  // only to let effective_threads use every thread
  return effective_threads(local);
}

std::unique_ptr<ReplicationExecutor> make_thread_executor() {
  return std::make_unique<ThreadExecutor>();
}

std::unique_ptr<ReplicationExecutor> make_executor(ResultDelivery delivery) {
#ifdef TWOTIER_WITH_MPI
  if (launched_by_mpi()) return std::make_unique<MpiExecutor>(delivery);
#else
  (void)delivery;
#endif
  return make_thread_executor();
}

bool mpi_available() {
#ifdef TWOTIER_WITH_MPI
  return true;
#else
  return false;
#endif
}

namespace {

// model::run_replication of `spec`, abandoned when *stop is set (nullptr: never).
// Counts simulated days on `days` when not null (the progress line).
ReplicationFunction replicate_spec(const model::ModelSpec& spec, const std::atomic<bool>* stop,
                                   std::atomic<std::int64_t>* days) {
  return [&spec, stop, days](std::uint64_t replication) {
    return model::run_replication(spec, replication, stop, days);
  };
}

ExperimentOptions with_days(const model::ModelSpec& spec, const ExperimentOptions& options) {
  ExperimentOptions counted = options;
  counted.days_each = replication_days(spec);
  return counted;
}

}  // namespace

ExperimentResult run_experiment(ReplicationExecutor& executor, const model::ModelSpec& spec,
                                const ExperimentOptions& options) {
  const std::atomic<bool>* stop = options.stop != nullptr ? options.stop : executor.stop_flag();
  return executor.run(replicate_spec(spec, stop, progress_days(options)), with_days(spec, options));
}

ExperimentResult run_experiment(ReplicationExecutor* executor, const model::ModelSpec& spec,
                                const ExperimentOptions& options) {
  if (executor == nullptr) return run_experiment(spec, options);
  return run_experiment(*executor, spec, options);
}

void run_experiments(ReplicationExecutor* executor, std::span<const model::ModelSpec> specs,
                     std::span<const ExperimentOptions> options,
                     const std::function<void(std::size_t k, ExperimentResult&& result)>& done) {
  assert(specs.size() == options.size());
  if (specs.empty()) return;
  if (executor == nullptr) {
    for (std::size_t k = 0; k < specs.size(); ++k)
      done(k, run_experiment(specs[k], options[k]));
    return;
  }
  if (executor->processes() == 1) {
    // One process runs a batch one experiment after the other anyway: hand out each result
    // as soon as it is there (progress lines, interruption between experiments).
    for (std::size_t k = 0; k < specs.size(); ++k)
      done(k, run_experiment(*executor, specs[k], options[k]));
    return;
  }
  // Batches of about kRoundsPerBatch replications per worker: the last round of a batch
  // leaves some workers idle, so more rounds lose less, but every rank holds a batch's
  // results. Capped so that a batch of province-year results stays well under the 2 GB of one
  // gather. The batches are balanced (equal shares of all replications), not greedy.
  constexpr std::int64_t kRoundsPerBatch = 4;
  constexpr std::int64_t kMostReplicationsPerBatch = 2048;
  const std::int64_t width = executor->parallel_width(options.front().threads);
  const std::int64_t target =
      std::min(kRoundsPerBatch * width, std::max(width, kMostReplicationsPerBatch));
  std::int64_t total = 0;
  for (const auto& o : options)
    total += o.replications;
  const std::int64_t batches = (total + target - 1) / target;
  std::int64_t batch = 1;  // the batch being filled
  std::int64_t done_replications = 0;
  std::vector<ExperimentJob> jobs;
  std::size_t first = 0;  // experiment of jobs.front()
  for (std::size_t k = 0; k < specs.size(); ++k) {
    const std::atomic<bool>* stop =
        options[k].stop != nullptr ? options[k].stop : executor->stop_flag();
    jobs.push_back({replicate_spec(specs[k], stop, progress_days(options[k])),
                    with_days(specs[k], options[k])});
    done_replications += options[k].replications;
    // Batch b ends with the experiment that reaches b / batches of all replications.
    if (done_replications * batches >= batch * total || k + 1 == specs.size()) {
      std::vector<ExperimentResult> results = executor->run_batch(jobs);
      for (std::size_t j = 0; j < results.size(); ++j)
        done(first + j, std::move(results[j]));
      first = k + 1;
      jobs.clear();
      while (batch < batches && done_replications * batches >= batch * total)
        ++batch;
    }
  }
}

std::vector<ExperimentResult> run_experiments(ReplicationExecutor* executor,
                                              std::span<const model::ModelSpec> specs,
                                              std::span<const ExperimentOptions> options) {
  std::vector<ExperimentResult> results(specs.size());
  run_experiments(executor, specs, options, [&results](std::size_t k, ExperimentResult&& result) {
    results[k] = std::move(result);
  });
  return results;
}

}  // namespace twotier::analysis
