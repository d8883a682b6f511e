// `warmup = "auto"`: the warm-up chosen by MSER-5 on the daily province backlog.
//
// Choice (documented in docs/output-format.md): a pilot of the first P replications (indices
// 0..P-1, warm-up 0) is run; their daily backlog summed over units is averaged across the
// pilot replications day by day (averaging removes most noise, as White et al. recommend), and
// MSER-5 on that one series gives d* days. One truncation for every replication keeps the
// replications identically distributed, so their KPIs stay i.i.d. for the t intervals. The
// daily series do not depend on the warm-up (it only resets the KPI window), so the pilot is
// the same as the first P replications of the real run. Deterministic for any thread count.
#pragma once

#include <span>
#include <vector>

#include "analysis/experiments/experiment.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"

namespace twotier::analysis {

class ReplicationExecutor;

inline constexpr int kDefaultWarmupPilotReplications = 5;

struct WarmupChoice {
  int days = 0;                  // truncation d* (whole days of the daily series)
  int pilot_replications = 0;    // P
  int series_days = 0;           // length of the series MSER-5 saw
  bool at_search_limit = false;  // d* hit half the run: lengthen the horizon
};

// Day-by-day mean over `results` of the backlog summed over units.
// REQUIRES: !results.empty(), all with the same daily shape.
std::vector<double> mean_province_backlog(std::span<const model::ReplicationResult> results);

// MSER-5 on mean_province_backlog(results). Throws std::invalid_argument when the series is
// shorter than 20 days (MSER-5 needs 4 batches of 5).
WarmupChoice choose_warmup(std::span<const model::ReplicationResult> pilot);

// When spec.warmup_auto: runs the pilot (min(P, pilot.replications) replications on
// pilot.threads), sets spec.warmup to the choice (capped below the horizon) and clears
// warmup_auto. Returns the choice, or days = -1 when the warm-up was not automatic.
WarmupChoice resolve_auto_warmup(model::ModelSpec& spec, const ExperimentOptions& pilot);
// The same with the pilot run on `executor` (nullptr: threads here).
WarmupChoice resolve_auto_warmup(ReplicationExecutor* executor, model::ModelSpec& spec,
                                 const ExperimentOptions& pilot);

// spec.warmup = `days` days, capped at half the run (as resolve_auto_warmup does). Used by
// compare and sweep to give every automatic scenario the longest proposed warm-up.
void set_warmup_days(model::ModelSpec& spec, int days);

}  // namespace twotier::analysis
