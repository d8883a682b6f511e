// Staffing recommendations by simulation: the fewest added officers per position for targets
// to hold, where officers could be removed, the best use of a budget of K officers, and the
// temporary capacity that clears a backlog by a date.
//
// Every candidate is the scenario's ModelSpec with changed PositionSpec::officers, run with
// the scenario seed, so all candidates of one search share replication streams (common random
// numbers). Each judged group (the province, one unit, or each commune) gets a verdict: met,
// not met or undecided, decided sequentially (replications added in blocks until the interval
// is clear of the target on one side, at most `max_replications`; each look at a Bonferroni
// share of the error, docs/decision-support.md). Only groups the current staffing clearly
// misses are searched: from the analytic Erlang C estimate (analysis/analytic_staffing.hpp),
// officers are added greedily where they move the failing targets' means most, until the
// group is judged met; then the added officers are cut back (a bisection over their number,
// then one at a time) to the fewest with which the group is still judged met, so that a need
// is minimal within one officer per position. Trimming (officers that could go) is a separate,
// opt-in step that never touches positions marked `required` unless named. Units judged separately
// (scope "units") are searched in parallel inside one simulation per step, because a commune's
// officers barely affect another commune. Everything is then confirmed on fresh replications (a
// block the search never saw): a group "needs" officers only when the confirmation shows the
// current staffing missing the target and the found staffing meeting it.
// Functions run replications on threads; call them from one thread.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "analysis/decisions/analytic_staffing.hpp"
#include "analysis/decisions/staffing_target.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/costs.hpp"
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
  int max_trim_trials = 12;  // simulations spent looking for officers to remove (with trim)
  // Cap of the sequential decision: replications per staffing and block (0: 4 x replications).
  int max_replications = 0;
  bool trim = false;  // look for officers that could be removed (opt-in)
  // Positions marked `required` that trimming may still touch (position ids, e.g. "leader").
  std::vector<std::string> trim_required;
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

// The scope names the targets are judged in ("province", "unit:<id>"...), one per group of
// positions that can fix them, and the candidate positions of each group.
struct TargetGroup {
  std::string scope;
  int unit = -1;               // -1 for the province
  std::vector<int> positions;  // candidates, indices into ModelSpec::positions
};
std::vector<TargetGroup> target_groups(const model::ModelSpec& spec, const TargetScope& scope);

// The positions a domain's work concerns (the candidates of a "domain:<name>" scope): staffed
// positions with a skill of the domain's work steps (any tier; the front office only when the
// domain has no other), at a commune-level unit that receives the domain's dossiers or is a
// pool's home, or at a provincial body that serves the domain (its `domains` name it or are
// empty). For a delegation option: the receiving communes' positions of the moved skills and
// the department's. Indices into ModelSpec::positions, in order.
std::vector<int> domain_positions(const model::ModelSpec& spec, model::Domain domain);

// A group's verdict on an evaluation: the judged (pessimistic) bound meets every target, the
// optimistic bound misses one, or neither at the cap.
enum class Verdict : std::uint8_t { kMet, kNotMet, kUndecided };
const char* verdict_name(Verdict verdict);  // "met", "not_met", "undecided"

// What the search concludes for one judged group (confirmation on fresh replications).
enum class GroupOutcome : std::uint8_t {
  kAlreadyMet,  // the current staffing meets the targets: nothing is needed
  kUndecided,   // the current staffing could not be judged within the cap
  kNeeds,       // the current staffing misses, the found one meets: a confirmed need
  kNotReached,  // the current staffing misses and no staffing found meets the targets
};
const char* outcome_name(GroupOutcome outcome);  // "already_met", "undecided", ...

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

struct GroupResult {
  std::string scope;                             // "province" or "unit:<id>"
  int unit = -1;                                 // -1 for the province
  Verdict search_verdict = Verdict::kUndecided;  // the current staffing on the search's block
  Verdict current = Verdict::kUndecided;         // the current staffing, confirmation
  Verdict found = Verdict::kUndecided;           // the staffing found, confirmation
  GroupOutcome outcome = GroupOutcome::kUndecided;
  int replications = 0;  // confirmation replications the verdicts rest on
  bool trimmed = false;  // the found staffing removes officers (--trim) and still meets
};

struct StaffingRecommendation {
  enum class Mode : std::uint8_t { kTargets, kBudget, kByDate };
  Mode mode = Mode::kTargets;
  std::vector<Target> targets;
  TargetScope scope;
  std::vector<int> current;  // officers per position in the scenario
  // Officers per position recommended: only what the confirmation supports (confirmed needs
  // and confirmed trims); the current count elsewhere.
  std::vector<int> recommended;
  // The best staffing the search found, confirmed or not (for groups not reached: what was
  // tried).
  std::vector<int> found;
  // Confirmation on fresh replications, same block: the current staffing, the recommended one
  // and the one found (the same evaluation as `after` when found == recommended).
  StaffingEvaluation before;
  StaffingEvaluation after;
  StaffingEvaluation best;
  std::vector<GroupResult> groups;  // per judged group, in target_groups order
  double confidence = 0.95;         // the overall level of the verdicts
  double look_confidence = 0.95;    // the level of each sequential look
  int max_replications = 0;         // the sequential cap
  bool confirmed = false;  // every target met by the recommended staffing in the confirmation
  bool search_exhausted = false;  // stopped (no gain, or max_added) before the targets held
  std::vector<AnalyticStaffing> analytic;
  std::vector<MarginalOfficer> marginal;  // budget mode: in the order given
  // By-date mode: the date, the extra officers kept until then and the officer-days they add.
  std::optional<sim::CivilDate> by;
  double officer_days = 0.0;
  int evaluations = 0;  // simulations of a staffing (each `replications` replications)
  double wall_seconds = 0.0;
  int threads = 0;               // the threads the replications ran on (for the outputs' metadata)
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

// Per-replication values of one KPI in `e` (NaN where undefined or the scope is missing).
std::vector<double> kpi_values(const StaffingEvaluation& e, std::string_view scope,
                               model::Metric metric);

// What a group's change of staffing (`to` against rec.current, over the group's positions)
// does on the confirmation's replications and what it costs a year.
struct StaffingEffect {
  int added = 0;             // officers added over the group's positions
  int removed = 0;           // officers removed
  double yearly_cost = 0.0;  // VND a year (model::staffing_change_cost); NaN without costs
  // The first target's metric, `to_eval` - rec.before, paired over the same replications,
  // signed so that an improvement is positive; percentage points for rates.
  double gain = 0.0;
  double gain_low = 0.0;
  double gain_high = 0.0;
  model::CostPerPoint per_point{};  // VND a year per point (per unit for counts) gained
};
StaffingEffect staffing_effect(const model::ModelSpec& spec, const StaffingRecommendation& rec,
                               const std::vector<int>& to, const StaffingEvaluation& to_eval,
                               const TargetGroup& group, double confidence);

// Recomputes `e`'s summary and target checks from its replications (after adding some).
void rejudge(const model::ModelSpec& spec, const StaffingOptions& options, StaffingEvaluation& e);

// The verdict of `scope`'s targets in `e` at `level` (met / not met / undecided).
Verdict group_verdict(const StaffingEvaluation& e, const std::string& scope, double level);

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

}  // namespace twotier::analysis
