// Thread and MPI executors; see replication_executor.hpp for the guarantees.
#include "analysis/replication_executor.hpp"

#include <chrono>
#include <cstdlib>  // std::getenv
#include <stdexcept>

#include "models/replication.hpp"

#ifdef TWOTIER_WITH_MPI
#include <mpi.h>

#include <climits>  // INT_MAX
#include <cstdint>
#include <vector>

#include "analysis/replication_codec.hpp"
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
    return std::to_string(effective_threads(options)) + " threads";
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

class MpiExecutor final : public ReplicationExecutor {
 public:
  MpiExecutor() : rank_(MpiSession::get().rank()), size_(MpiSession::get().size()) {}

  ExperimentResult run(const ReplicationFunction& replicate,
                       const ExperimentOptions& options) override {
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t n = options.replications;
    const std::int64_t begin = n * rank_ / size_;
    const std::int64_t end = n * (rank_ + 1) / size_;

    // This rank's message: a status byte, then its results or the error text.
    std::vector<std::byte> message{std::byte{0}};
    ExperimentOptions mine = options;
    mine.replications = static_cast<int>(end - begin);
    mine.first_replication = options.first_replication + static_cast<std::uint64_t>(begin);
    mine.progress = options.progress && rank_ == 0;
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

    // Rank 0 gathers every message (ranks in order, hence indices in order).
    const int length = static_cast<int>(message.size());
    std::vector<int> lengths(rank_ == 0 ? size_ : 0);
    MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(lengths.size(), 0);
    std::size_t total = 0;
    for (std::size_t r = 0; r < lengths.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += static_cast<std::size_t>(lengths[r]);
    }
    if (total > static_cast<std::size_t>(INT_MAX))
      throw std::runtime_error("MPI gather: results of all ranks exceed 2 GB");
    std::vector<std::byte> all(total);
    MPI_Gatherv(message.data(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(),
                MPI_BYTE, 0, MPI_COMM_WORLD);

    ExperimentResult result;
    std::string error;
    if (rank_ == 0) {
      result.replications.reserve(static_cast<std::size_t>(n));
      const std::span<const std::byte> bytes(all);
      for (int r = 0; r < size_ && error.empty(); ++r) {
        std::size_t at = static_cast<std::size_t>(offsets[r]);
        const std::size_t stop = at + static_cast<std::size_t>(lengths[r]);
        if (bytes[at++] != std::byte{0}) {  // the lowest failing rank's error wins
          error.assign(reinterpret_cast<const char*>(bytes.data() + at), stop - at);
          break;
        }
        while (at < stop)
          result.replications.push_back(decode_replication(bytes.subspan(0, stop), at));
      }
    }
    // Everyone learns whether the run failed, so all ranks throw (or return) together.
    int error_length = static_cast<int>(error.size());
    MPI_Bcast(&error_length, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (error_length > 0) {
      error.resize(static_cast<std::size_t>(error_length));
      MPI_Bcast(error.data(), error_length, MPI_CHAR, 0, MPI_COMM_WORLD);
      throw std::runtime_error(error);
    }
    int most_threads = threads;
    MPI_Reduce(&threads, &most_threads, 1, MPI_INT, MPI_MAX, 0, MPI_COMM_WORLD);
    result.threads = most_threads;
    result.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }

  bool is_root() const override { return rank_ == 0; }
  int processes() const override { return size_; }
  std::string describe(const ExperimentOptions& options) const override {
    ExperimentOptions per_rank = options;
    per_rank.replications = (options.replications + size_ - 1) / size_;
    return std::to_string(size_) + " MPI ranks x " + std::to_string(effective_threads(per_rank)) +
           " threads";
  }

 private:
  static void fail(std::vector<std::byte>& message, const std::string& text) {
    message.assign(1, std::byte{1});
    const auto* p = reinterpret_cast<const std::byte*>(text.data());
    message.insert(message.end(), p, p + text.size());
  }

  int rank_;
  int size_;
};

#endif  // TWOTIER_WITH_MPI

}  // namespace

std::unique_ptr<ReplicationExecutor> make_thread_executor() {
  return std::make_unique<ThreadExecutor>();
}

std::unique_ptr<ReplicationExecutor> make_executor() {
#ifdef TWOTIER_WITH_MPI
  if (launched_by_mpi()) return std::make_unique<MpiExecutor>();
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

ExperimentResult run_experiment(ReplicationExecutor& executor, const model::ModelSpec& spec,
                                const ExperimentOptions& options) {
  const std::atomic<bool>* stop = options.stop != nullptr ? options.stop : executor.stop_flag();
  if (stop != nullptr) {
    return executor.run(
        [&spec, stop](std::uint64_t replication) {
          return model::run_replication(spec, replication, *stop);
        },
        options);
  }
  return executor.run(
      [&spec](std::uint64_t replication) { return model::run_replication(spec, replication); },
      options);
}

ExperimentResult run_experiment(ReplicationExecutor* executor, const model::ModelSpec& spec,
                                const ExperimentOptions& options) {
  if (executor == nullptr) return run_experiment(spec, options);
  return run_experiment(*executor, spec, options);
}

}  // namespace twotier::analysis
