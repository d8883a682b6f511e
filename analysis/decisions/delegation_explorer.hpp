// `twotier delegation`: for each domain, the scenario as it is (the reference) and each
// authority option (analysis/decisions/delegation_variants.hpp), run over the same replication
// indices and seed (common random numbers), with KPIs per replication, Student-t intervals, paired
// differences from the reference (Bonferroni over the domain's options) and the officers each
// option needs by the analytic recommender (analysis/decisions/analytic_staffing.hpp, Erlang C per
// position: an estimate, not simulated). With a need target (DelegationRequest::need, `--need`)
// each option also gets the officers it needs by simulation: the staffing search of `twotier
// staff` (analysis/decisions/staffing_search.hpp, recommend_staffing: greedy additions, cut back
// to the fewest, confirmed on fresh replications) on the option's scenario, scope
// "domain:<name>", searching only the positions the domain's work concerns (domain_positions:
// the receiving communes' positions of the moved skills and the department's). Results are
// bit-identical for any thread count. Call from one thread.
#pragma once

#include <array>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "analysis/decisions/delegation_variants.hpp"
#include "analysis/decisions/staffing_search.hpp"
#include "analysis/decisions/staffing_target.hpp"
#include "analysis/statistics/paired_comparison.hpp"
#include "analysis/statistics/summary.hpp"
#include "models/costs.hpp"
#include "models/replication_result.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::analysis {

// KPIs of one option, in this order in every array below.
enum class DelegationMetric : std::uint8_t {
  kOnTimeRate,           // the domain's dossiers completed on time / completed
  kProcessingWorkdays,   // the domain's mean processing time, working days
  kTransfersPerDossier,  // transfer steps begun after warm-up / the domain's dossiers received
  kTransferDays,         // the domain's calendar days in transfer per completed dossier
  kUtilizationCommune,   // officer-weighted utilisation of commune-level positions
  kUtilizationProvince,  // officer-weighted utilisation of provincial positions
  kProvinceOnTimeRate,   // every domain's dossiers together (side effects on shared officers)
};
inline constexpr int kDelegationMetricCount = 7;
const char* metric_name(DelegationMetric metric);
using DelegationValues = std::array<double, kDelegationMetricCount>;

// Officers of one tier: as staffed, and as the analytic recommender sizes them for `level`.
struct TierOfficers {
  int current = 0;
  int erlang_c = 0;       // Erlang C at the mean load: the "needed" figure
  int erlang_c_peak = 0;  // Erlang C at the busiest week's load (seasonal peaks)
  int square_root = 0;    // a + sqrt(a)
};

// The officers an option needs for the need target, as the staffing search confirmed them on
// the option's scenario (the same answer `twotier staff SCENARIO --set <overrides> --scope
// domain:<name> --target <need>` gives with the same replications, confidence and --max-added).
struct DelegationNeed {
  // kAlreadyMet: 0 more; kNeeds: `officers_added` more, confirmed; kNotReached: no staffing the
  // search tried (its Erlang C start plus up to `max_added` greedy additions; `officers_tried`)
  // was judged met by the confirmation; kUndecided: the option as
  // staffed could not be judged within the sequential cap.
  GroupOutcome outcome = GroupOutcome::kUndecided;
  int positions = 0;       // positions searched (domain_positions)
  int officers_now = 0;    // officers at them in the option
  int officers_added = 0;  // the confirmed addition (kNeeds), else 0
  int officers_tried = 0;  // officers the best staffing tried added (kNotReached, kNeeds)
  // Where the confirmed officers go: "unit/position+k" separated by ';' (empty unless kNeeds).
  std::string added_at;
  // The need's metric on the domain (confirmation replications): the option as staffed, and
  // with the confirmed officers (the same as `now` unless kNeeds).
  MeanEstimate now{std::nan(""), std::nan(""), std::nan(""), 0};
  MeanEstimate with{std::nan(""), std::nan(""), std::nan(""), 0};
  int replications = 0;               // confirmation replications the verdicts rest on
  bool exhausted = false;             // stopped (max_added or no gain) before the target held
  double yearly_cost = std::nan("");  // of the added officers, VND (NaN without [costs])
  int evaluations = 0;                // staffings simulated
  double wall_seconds = 0.0;
};

struct DelegationOutcome {
  std::string option;  // "commune", "province", "delegated", "pool", or "current" (mixed)
  bool is_current = false;
  std::vector<std::string> overrides;  // how the variant was made (empty for the reference)
  int pool_officers = 0;               // officers in the pools the option adds
  // "<option>+staff": officers follow the moved work ([delegation] staff = "follow");
  // "<option>+pool": they form the delegated-work pool (staff = "pool"); how many moved
  // (models/delegation_staff.hpp).
  bool staff_follow = false;
  bool staff_pool = false;
  int officers_moved = 0;
  // Officers the option adds to the scenario's (pool officers, negative when it removes
  // some): moved officers are not added.
  int officers_added = 0;
  // Yearly cost of the option against the scenario as it is (models/costs.hpp:
  // total_yearly_cost of the variant minus the reference's; NaN without [costs]), and the
  // cost per percentage point of the domain's on-time rate gained, with the interval the
  // gain's paired interval gives (NaN unless both cost and gain are positive).
  double yearly_cost = std::nan("");
  model::CostPerPoint cost_per_point{std::nan(""), std::nan(""), std::nan("")};
  std::vector<DelegationValues> replications;  // by replication index
  std::array<MeanEstimate, kDelegationMetricCount> estimate{};
  // Paired difference option - reference (absent on the reference itself).
  std::array<std::optional<PairedComparison>, kDelegationMetricCount> difference{};
  std::array<TierOfficers, model::kTierCount> officers{};  // by model::Tier
  bool target_met = false;  // the target holds on the domain's KPI (judged confidence bound)
  std::optional<DelegationNeed> need;  // with DelegationRequest::need
};

struct DomainExploration {
  model::Domain domain = model::Domain::kOther;
  std::string current;                      // current_authority() of the scenario
  std::vector<DelegationOutcome> outcomes;  // the reference first, then options in order
  std::vector<std::string> unavailable;     // options left out, each with its reason
};

struct DelegationRequest {
  std::filesystem::path scenario;
  model::LoadOptions load;             // --set overrides for every variant
  std::vector<model::Domain> domains;  // empty: every domain with an option to switch to
  std::vector<DelegationOption> options = {DelegationOption::kCommune, DelegationOption::kProvince,
                                           DelegationOption::kDelegated, DelegationOption::kPool};
  // Each authority option with officers staying with their unit, and/or with officers following
  // the moved work (the option again as "<option>+staff"); the pool option has no staff twin.
  bool staff_stay = true;
  bool staff_follow = true;
  bool staff_pool = false;  // "<option>+pool": [delegation] staff = "pool"
  Target target;            // default on_time_rate >= 0.98
  // The officers each option needs for this target, by the staffing search on the option
  // (DelegationNeed); none: only the Erlang C estimate (officers_by_tier).
  std::optional<Target> need;
  int need_max_added = 10;        // officers the search may add per option (StaffingOptions)
  int need_max_replications = 0;  // its sequential cap (0: 4 x replications)
  int replications = 5;
  int threads = 0;
  double confidence = 0.95;
  bool progress = false;              // per-variant progress line on a terminal
  std::ostream* log = nullptr;        // one line per variant, when given
  std::filesystem::path pool_folder;  // where pool tables are written
  PoolSettings pools;
  // Once *stop is true no further replication starts and explore_delegation throws
  // ExperimentInterrupted (nothing is journalled: an interrupted exploration is run again).
  const std::atomic<bool>* stop = nullptr;
};

struct DelegationExploration {
  std::string scenario_name;
  std::uint64_t seed = 0;
  int replications = 0;
  double confidence = 0.95;
  Target target;
  double staffing_level = 0.98;  // service level given to the analytic recommender
  std::optional<Target> need;    // the need target, when the search ran
  int need_max_added = 0;
  double need_wall_seconds = 0.0;  // of all the options' searches
  std::vector<DomainExploration> domains;
  // Domains left out because no option could be expressed ("household_business: ...").
  std::vector<std::string> skipped;
  double wall_seconds = 0.0;
};

// The staffing level the analytic recommender uses for `target`: its value for an on-time
// target, else 0.98.
double staffing_level_for(const Target& target);

// The staffing search the need of `domain` is found by (recommend_staffing on the option's
// ModelSpec): `request.need`, scope domain:<name>, the request's replications, threads,
// confidence, need_max_added and need_max_replications. REQUIRES: request.need.
StaffingOptions need_search_options(const DelegationRequest& request, model::Domain domain);

// Loads the scenario (ScenarioError propagates), builds and runs every variant.
// Throws TargetError for a requested domain the scenario has no dossiers of, and
// ExperimentInterrupted (analysis/experiments/checkpointing_executor.hpp) when request.stop
// was set before every variant finished.
DelegationExploration explore_delegation(const DelegationRequest& request);

// The KPIs of one replication of `spec` for each of `domains` (runs it once; thread-safe).
std::vector<DelegationValues> delegation_values(const model::ModelSpec& spec,
                                                std::span<const model::Domain> domains,
                                                std::uint64_t replication);

// Officers per tier as staffed and as sized by the analytic recommender at `level`.
std::array<TierOfficers, model::kTierCount> officers_by_tier(const model::ModelSpec& spec,
                                                             double level);

}  // namespace twotier::analysis
