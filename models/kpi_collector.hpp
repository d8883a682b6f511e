// KPI accumulators of one replication, per scope: province, tier:<authority>, unit:<filing
// unit>, domain:<name>, procedure:<id> (each dossier counts in exactly five scopes). Internal
// work (models/internal_work.hpp) counts in five scopes of its own instead: internal,
// internal_task:<task>, internal_agency:<agency>, internal_unit:<unit>, internal:<task>/<agency>.
//
// Window convention: every count and mean covers events in [measure_from, end], where
// measure_from = start + warm-up (reset() clears everything at that instant): arrivals are
// receipts in the window, completions/withdrawals/slips/requests happen in the window (the
// dossier may have arrived earlier), backlog_mean is the time-average over the window, the
// *_end metrics are states at the horizon. Written only by one replication's event loop.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/dossier_pool.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"
#include "sim/statistics.hpp"

namespace twotier::model {

inline constexpr int kScopesPerDossier = 5;
using ScopeSet = std::array<std::int32_t, kScopesPerDossier>;

// What the collector needs of a finished dossier.
struct Departure {
  double time_in_system_days = 0.0;  // receipt to departure, calendar days
  bool completed = false;            // false: withdrawn
  bool on_time = false;
  double processing_workdays = 0.0;
  const double* phase_seconds = nullptr;  // kPhaseCount entries
};

class KpiCollector {
 public:
  KpiCollector(const ModelSpec& spec, sim::Instant start);

  const std::vector<std::string>& scope_names() const { return names_; }
  ScopeSet scopes_of(int unit, int procedure) const;

  // Clears all counts and restarts the time averages at t (end of warm-up).
  void reset(sim::Instant t);
  void on_receive(const ScopeSet& scopes, sim::Instant t, bool counts_as_arrival);
  void on_departure(const ScopeSet& scopes, sim::Instant t, const Departure& departure);
  void on_supplementation(const ScopeSet& scopes);
  void on_apology_slip(const ScopeSet& scopes);
  // At the horizon: an open dossier (call once for each), then finish().
  void on_open_at_end(const ScopeSet& scopes, bool overdue);
  std::vector<KpiRow> finish(sim::Instant end);

 private:
  // Laid out by use, 256 bytes on four whole lines: a receipt touches line 0 only (backlog,
  // arrivals); a departure the four; the counts of dossiers open at the end are apart
  // (written once per open dossier at the horizon).
  struct alignas(64) Scope {
    sim::TimeWeighted backlog{sim::Instant{}, 0.0};
    std::int64_t arrivals = 0;
    std::int64_t completed = 0;
    std::int64_t departures = 0;  // completed + withdrawn, for Little's law
    std::int64_t on_time = 0;
    std::int64_t withdrawn = 0;
    double time_in_system_days = 0.0;  // sums over completed dossiers
    double processing_workdays = 0.0;
    double departure_days = 0.0;
    std::array<double, kPhaseCount> phase_days{};
    sim::QuantileSketch processing{0.005};  // relative error of the quantiles
    std::int64_t apology_slips = 0;
    std::int64_t supplementation_requests = 0;
  };
  static_assert(sizeof(Scope) == 256, "four whole lines");
  struct OpenAtEnd {
    std::int64_t open = 0;
    std::int64_t overdue = 0;
  };

  // Constant after construction.
  std::vector<std::string> names_;
  std::vector<std::int32_t> domain_scope_;  // by Domain, -1 when no procedure has it
  std::int32_t first_unit_scope_ = 0;
  std::int32_t first_procedure_scope_ = 0;
  std::vector<std::int32_t> procedure_tier_;  // authority of each procedure
  std::vector<std::int32_t> procedure_domain_;
  // Internal work (models/internal_work.hpp), empty when off: per procedure its
  // internal:<task>/<agency> scope (or -1), task and agency; the first scopes of each kind.
  std::vector<std::int32_t> internal_stream_of_procedure_;
  std::vector<std::int32_t> internal_task_of_procedure_;
  std::vector<std::int32_t> internal_agency_of_procedure_;
  std::int32_t first_internal_scope_ = 0;
  std::int32_t first_agency_scope_ = 0;
  std::int32_t first_internal_unit_scope_ = 0;
  // Adds the deferred bucket counts to their sketches (see deferred_).
  void count_deferred();

  // Written by the event loop.
  std::vector<Scope> scopes_;
  // Bucket counts of processing times reserved in their scope's sketch but not yet added:
  // the counter of a rarely used scope's bucket is a cache miss, and a batch of independent
  // increments overlaps those misses (the sketch's state is the same: counts commute).
  struct DeferredCount {
    std::int32_t scope;
    std::int32_t bucket;
  };
  static constexpr int kDeferredCounts = 512;
  std::array<DeferredCount, kDeferredCounts> deferred_{};
  int deferred_count_ = 0;
  std::vector<OpenAtEnd> open_at_end_;  // per scope
  sim::Instant window_start_;
};

}  // namespace twotier::model
