// Staffing recommendations by simulation: the fewest added officers per position for targets
// to hold, where officers could be removed, the best use of a budget of K officers, and the
// temporary capacity that clears a backlog by a date.
//
// Every candidate is the scenario's ModelSpec with changed PositionSpec::officers, run with
// the scenario seed, so all candidates of one search share replication streams (common random
// numbers). The search starts from the analytic Erlang C estimate (analysis/
// analytic_staffing.hpp) and then adds officers greedily: at each step the failing targets'
// most utilised positions are tried and the one that most reduces the shortfall is kept.
// Units judged separately (scope "units") are searched in parallel inside one simulation per
// step, because a commune's officers barely affect another commune. The result is confirmed
// on fresh replications (a block not used by the search, so the selection is not flattered by
// its own noise). Functions run replications on threads; call them from one thread.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "analysis/decisions/analytic_staffing.hpp"
#include "analysis/decisions/staffing_target.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/replication_result.hpp"
#include "models/spec.hpp"
#include "sim/civil_date.hpp"

namespace twotier::analysis {

class ReplicationExecutor;

struct StaffingOptions {
  std::vector<Target> targets;  // at least one
  TargetScope scope;            // where the targets are measured
  int replications = 5;         // per evaluated candidate (and per confirmation block)
  int threads = 0;              // 0: all hardware threads
  double confidence = 0.95;     // level of the intervals the targets are judged on
  int candidates_per_step = 3;  // positions tried per greedy step
  int max_added = 30;        // greedy additions per judged unit (or the province) before giving up
  int max_trim_trials = 12;  // simulations spent looking for officers to remove
  bool use_analytic_start = true;  // start from max(current, Erlang C estimate)
  std::ostream* log = nullptr;     // one line per step, if given
  bool progress = false;           // overall progress on the board (progress_board.hpp)
  // Where the replications run (e.g. a checkpointing executor); nullptr: threads here.
  ReplicationExecutor* executor = nullptr;
};

// One target in one scope, judged on an evaluation.
struct TargetCheck {
  std::string scope;  // "province" or "unit:<id>"
  Target target;
  MeanEstimate estimate;
  bool met = false;
};

// A staffing and its simulated KPIs over replications [first_replication, + n).
struct StaffingEvaluation {
  std::vector<int> officers;  // per ModelSpec::positions entry
  std::uint64_t first_replication = 0;
  std::vector<model::ReplicationResult> replications;  // daily series dropped unless kept
  std::vector<SummaryRow> summary;
  std::vector<TargetCheck> checks;
  bool all_met() const;
};

struct MarginalOfficer {
  int position = 0;         // the officer's position
  double kpi_before = 0.0;  // objective before and after this officer (means)
  double kpi_after = 0.0;
  double gain = 0.0;      // paired mean difference after - before (signed to improve > 0)
  double gain_low = 0.0;  // its confidence interval (common random numbers)
  double gain_high = 0.0;
};

struct StaffingRecommendation {
  enum class Mode : std::uint8_t { kTargets, kBudget, kByDate };
  Mode mode = Mode::kTargets;
  std::vector<Target> targets;
  TargetScope scope;
  std::vector<int> current;      // officers per position in the scenario
  std::vector<int> recommended;  // officers per position recommended
  // Confirmation on fresh replications: the current and the recommended staffing, same block.
  StaffingEvaluation before;
  StaffingEvaluation after;
  bool confirmed = false;  // every target met by the recommended staffing in the confirmation
  bool search_exhausted = false;  // stopped (no gain, or max_added) before the targets held
  std::vector<AnalyticStaffing> analytic;
  std::vector<MarginalOfficer> marginal;  // budget mode: in the order given
  // By-date mode: the date, the extra officers kept until then and the officer-days they add.
  std::optional<sim::CivilDate> by;
  double officer_days = 0.0;
  int evaluations = 0;  // simulations of a staffing (each `replications` replications)
  double wall_seconds = 0.0;
  std::vector<std::string> log;  // the search steps in words
};

// Fewest added officers for every target to hold (judged on the confidence bound), then
// officers that could be removed without breaking them; confirmed on fresh replications.
// REQUIRES: !options.targets.empty(), options.replications >= 2.
StaffingRecommendation recommend_staffing(const model::ModelSpec& spec,
                                          const StaffingOptions& options);

// Where `budget` extra officers most improve the first target's metric in the scope (mean,
// in the target's direction), one at a time, with each officer's marginal gain.
// REQUIRES: budget >= 1, !options.targets.empty(), options.replications >= 2.
StaffingRecommendation allocate_budget(const model::ModelSpec& spec, const StaffingOptions& options,
                                       int budget);

// Temporary officers (a mobile team) from the start until `by` that make the targets hold at
// `by` (typically backlog_end<=X); the run is cut at `by`, so they count only until then.
// Throws TargetError when `by` is not inside (start, end] of the scenario.
StaffingRecommendation temporary_capacity(const model::ModelSpec& spec,
                                          const StaffingOptions& options, sim::CivilDate by);

// Simulates `officers` (per position) on replications [first, first + n). The daily series
// and monthly reports are kept only when `keep_series` (for writing run outputs).
StaffingEvaluation evaluate_staffing(const model::ModelSpec& spec, const std::vector<int>& officers,
                                     const StaffingOptions& options,
                                     std::uint64_t first_replication, bool keep_series = false);
// Several staffings on the same replications, as one batch of options.executor (under MPI
// their replications are spread over the ranks together); result k is what
// evaluate_staffing(spec, officers[k], ...) returns.
std::vector<StaffingEvaluation> evaluate_staffings(const model::ModelSpec& spec,
                                                   const std::vector<std::vector<int>>& officers,
                                                   const StaffingOptions& options,
                                                   std::uint64_t first_replication,
                                                   bool keep_series = false);

// The scope names the targets are judged in ("province", "unit:<id>"...), one per group of
// positions that can fix them, and the candidate positions of each group.
struct TargetGroup {
  std::string scope;
  int unit = -1;               // -1 for the province
  std::vector<int> positions;  // candidates, indices into ModelSpec::positions
};
std::vector<TargetGroup> target_groups(const model::ModelSpec& spec, const TargetScope& scope);

}  // namespace twotier::analysis
