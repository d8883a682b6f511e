// The delegation explorer (see delegation_explorer.hpp).
#include "analysis/decisions/delegation_explorer.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <memory>

#include "analysis/decisions/analytic_staffing.hpp"
#include "analysis/experiments/auto_warmup.hpp"
#include "analysis/experiments/checkpointing_executor.hpp"  // ExperimentInterrupted
#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/statistics/kpi_columns.hpp"  // metric_range
#include "models/replication.hpp"

namespace twotier::analysis {
namespace {

using model::Domain;
using model::ModelSpec;

// Counts, per domain, transfer steps begun after the warm-up and dossiers received after it.
// One per replication (not thread-safe).
class TransferCounter : public model::DossierRecordSink {
 public:
  explicit TransferCounter(const ModelSpec& spec) : spec_(spec), from_(spec.start + spec.warmup) {}
  void on_step(const model::StepRecord& r) override {
    if (r.started < from_) return;
    const auto& procedure = spec_.procedures[static_cast<std::size_t>(r.procedure)];
    if (procedure.steps[static_cast<std::size_t>(r.step)].kind == model::StepKind::kTransfer)
      ++transfers_[static_cast<int>(procedure.domain)];
  }
  void on_dossier(const model::DossierRecord& r) override {
    if (r.received >= from_)
      ++dossiers_[static_cast<int>(spec_.procedures[static_cast<std::size_t>(r.procedure)].domain)];
  }
  double per_dossier(Domain domain) const {
    const int d = static_cast<int>(domain);
    return dossiers_[d] > 0 ? static_cast<double>(transfers_[d]) / static_cast<double>(dossiers_[d])
                            : std::nan("");
  }

 private:
  const ModelSpec& spec_;
  const sim::Instant from_;
  std::array<long long, model::kDomainCount> transfers_{};
  std::array<long long, model::kDomainCount> dossiers_{};
};

double kpi(const model::ReplicationResult& r, const std::string& scope, model::Metric metric) {
  const auto it = std::find(r.scopes.begin(), r.scopes.end(), scope);
  if (it == r.scopes.end()) return std::nan("");
  return r.kpis[static_cast<std::size_t>(it - r.scopes.begin())][static_cast<int>(metric)];
}

// Officer-weighted mean utilisation of the positions of one tier.
double tier_utilization(const ModelSpec& spec, const model::ReplicationResult& r,
                        model::Tier tier) {
  double busy = 0, officers = 0;
  for (std::size_t p = 0; p < spec.positions.size() && p < r.position_utilization.size(); ++p) {
    const auto& position = spec.positions[p];
    const double u = r.position_utilization[p];
    if (position.officers <= 0 || std::isnan(u)) continue;
    if (spec.units[static_cast<std::size_t>(position.unit)].tier() != tier) continue;
    busy += u * position.officers;
    officers += position.officers;
  }
  return officers > 0 ? busy / officers : std::nan("");
}

std::optional<DelegationMetric> domain_metric_of(model::Metric metric) {
  if (metric == model::Metric::kOnTimeRate) return DelegationMetric::kOnTimeRate;
  if (metric == model::Metric::kProcessingWorkdaysMean)
    return DelegationMetric::kProcessingWorkdays;
  return std::nullopt;
}

// Officers of the scenario: every position's, plus the mobile teams' (0 in their positions).
int total_officers(const ModelSpec& spec) {
  int n = 0;
  for (const model::PositionSpec& p : spec.positions)
    n += p.officers;
  if (spec.levers.mobile.enabled) n += spec.levers.mobile.teams * spec.levers.mobile.officers;
  return n;
}

struct PendingRun {
  std::size_t domain;   // index into exploration.domains
  std::size_t outcome;  // index into its outcomes
  const ModelSpec* spec;
};

}  // namespace

const char* metric_name(DelegationMetric metric) {
  switch (metric) {
    case DelegationMetric::kOnTimeRate:
      return "on_time_rate";
    case DelegationMetric::kProcessingWorkdays:
      return "processing_workdays_mean";
    case DelegationMetric::kTransfersPerDossier:
      return "transfers_per_dossier";
    case DelegationMetric::kTransferDays:
      return "transfer_days_mean";
    case DelegationMetric::kUtilizationCommune:
      return "utilization_commune";
    case DelegationMetric::kUtilizationProvince:
      return "utilization_province";
    case DelegationMetric::kProvinceOnTimeRate:
      return "province_on_time_rate";
  }
  return "?";
}

double staffing_level_for(const Target& target) {
  if (target.metric == model::Metric::kOnTimeRate && target.value > 0 && target.value < 1)
    return target.value;
  return 0.98;
}

std::vector<DelegationValues> delegation_values(const ModelSpec& spec,
                                                std::span<const Domain> domains,
                                                std::uint64_t replication) {
  TransferCounter transfers(spec);
  const model::ReplicationResult r = model::run_replication(spec, replication, nullptr, &transfers);
  const double commune = tier_utilization(spec, r, model::Tier::kCommune);
  const double province = tier_utilization(spec, r, model::Tier::kProvince);
  const double province_on_time = kpi(r, "province", model::Metric::kOnTimeRate);
  std::vector<DelegationValues> out;
  for (Domain domain : domains) {
    const std::string scope = std::string("domain:") + model::to_string(domain);
    DelegationValues v{};
    v[static_cast<int>(DelegationMetric::kOnTimeRate)] = kpi(r, scope, model::Metric::kOnTimeRate);
    v[static_cast<int>(DelegationMetric::kProcessingWorkdays)] =
        kpi(r, scope, model::Metric::kProcessingWorkdaysMean);
    v[static_cast<int>(DelegationMetric::kTransfersPerDossier)] = transfers.per_dossier(domain);
    v[static_cast<int>(DelegationMetric::kTransferDays)] =
        kpi(r, scope, model::Metric::kTransferDaysMean);
    v[static_cast<int>(DelegationMetric::kUtilizationCommune)] = commune;
    v[static_cast<int>(DelegationMetric::kUtilizationProvince)] = province;
    v[static_cast<int>(DelegationMetric::kProvinceOnTimeRate)] = province_on_time;
    out.push_back(v);
  }
  return out;
}

std::array<TierOfficers, model::kTierCount> officers_by_tier(const ModelSpec& spec, double level) {
  std::array<TierOfficers, model::kTierCount> tiers{};
  const std::vector<AnalyticStaffing> staffing = analytic_staffing(spec, level);
  for (std::size_t p = 0; p < staffing.size(); ++p) {
    const auto& position = spec.positions[static_cast<std::size_t>(staffing[p].load.position)];
    TierOfficers& t =
        tiers[static_cast<int>(spec.units[static_cast<std::size_t>(position.unit)].tier())];
    t.current += staffing[p].current;
    t.erlang_c += staffing[p].erlang_c;
    t.erlang_c_peak += staffing[p].erlang_c_peak;
    t.square_root += staffing[p].square_root;
  }
  return tiers;
}

StaffingOptions need_search_options(const DelegationRequest& request, Domain domain) {
  assert(request.need);
  StaffingOptions options;
  options.targets = {*request.need};
  options.scope.kind = TargetScope::Kind::kDomain;
  options.scope.domain = domain;
  options.replications = request.replications;
  options.threads = request.threads;
  options.confidence = request.confidence;
  options.max_added = request.need_max_added;
  options.max_replications = request.need_max_replications;
  return options;
}

namespace {

// The staffing search on one option (see DelegationNeed).
DelegationNeed find_need(const ModelSpec& spec, const StaffingOptions& options) {
  const StaffingRecommendation rec = recommend_staffing(spec, options);
  DelegationNeed need;
  const GroupResult& group = rec.groups.front();  // the domain's single group
  const TargetGroup searched = target_groups(spec, options.scope).front();
  need.outcome = group.outcome;
  need.positions = static_cast<int>(searched.positions.size());
  for (int p : searched.positions) {
    const auto i = static_cast<std::size_t>(p);
    need.officers_now += rec.current[i];
    need.officers_added += rec.recommended[i] - rec.current[i];
    need.officers_tried += rec.found[i] - rec.current[i];
    if (rec.recommended[i] > rec.current[i]) {
      const model::PositionSpec& position = spec.positions[i];
      if (!need.added_at.empty()) need.added_at += ';';
      need.added_at += spec.units[static_cast<std::size_t>(position.unit)].id;
      need.added_at += '/';
      need.added_at += position.id;
      need.added_at += '+';
      need.added_at += std::to_string(rec.recommended[i] - rec.current[i]);
    }
  }
  const Target& target = options.targets.front();
  auto estimate = [&](const StaffingEvaluation& e) {
    const SummaryRow* row = find_row(e.summary, group.scope, model::metric_name(target.metric));
    return row ? row->estimate : need.now;
  };
  need.now = estimate(rec.before);
  need.with = group.outcome == GroupOutcome::kNeeds ? estimate(rec.after) : need.now;
  need.replications = group.replications;
  need.exhausted = rec.search_exhausted;
  if (need.officers_added > 0)
    need.yearly_cost = model::staffing_change_cost(spec, rec.current, rec.recommended);
  need.evaluations = rec.evaluations;
  need.wall_seconds = rec.wall_seconds;
  return need;
}

}  // namespace

DelegationExploration explore_delegation(const DelegationRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  const auto judged = domain_metric_of(request.target.metric);
  if (!judged) {
    throw TargetError("delegation: target '" + request.target.text +
                      "' is judged on each domain's KPIs (allowed metrics: on_time_rate, "
                      "processing_workdays_mean)");
  }
  ModelSpec base = model::load_scenario(request.scenario, request.load);
  ExperimentOptions experiment;
  experiment.replications = request.replications;
  experiment.threads = request.threads;
  experiment.progress = request.progress;
  experiment.stop = request.stop;
  // An automatic warm-up is chosen once, on the scenario as it is, and used by every variant,
  // so that paired KPIs cover the same window.
  const WarmupChoice warmup = resolve_auto_warmup(base, experiment);

  DelegationExploration out;
  out.scenario_name = base.name;
  out.seed = base.seed;
  out.replications = request.replications;
  out.confidence = request.confidence;
  out.target = request.target;
  out.staffing_level = staffing_level_for(request.target);

  const double base_cost = model::total_yearly_cost(base);
  const std::vector<Domain> active = active_domains(base);
  std::vector<Domain> domains = request.domains.empty() ? active : request.domains;
  for (Domain d : domains) {
    if (std::find(active.begin(), active.end(), d) == active.end()) {
      std::string allowed;
      for (Domain a : active)
        allowed += (allowed.empty() ? "" : ", ") + std::string(model::to_string(a));
      throw TargetError(std::string("delegation: the scenario has no dossiers of domain '") +
                        model::to_string(d) + "' (allowed: " + allowed + ")");
    }
  }

  // Build every variant first (to count them for the log), then run.
  std::vector<std::unique_ptr<ModelSpec>> specs;  // stable addresses for PendingRun
  std::vector<PendingRun> runs;
  for (Domain d : domains) {
    DomainExploration domain;
    domain.domain = d;
    domain.current = current_authority(base, d);
    DelegationOutcome reference;
    reference.option = domain.current == "mixed" ? "current" : domain.current;
    reference.is_current = true;
    domain.outcomes.push_back(std::move(reference));
    for (DelegationOption option : request.options) {
      if (domain.current == to_string(option)) continue;  // the reference is that option
      bool left_out = false;  // the option cannot be expressed: its staff twins neither
      for (const std::string_view staff : {"", "follow", "pool"}) {
        const bool wanted = staff.empty()       ? request.staff_stay
                            : staff == "follow" ? request.staff_follow
                                                : request.staff_pool;
        if (staff.empty() ? !wanted && option != DelegationOption::kPool
                          : !wanted || option == DelegationOption::kPool || left_out)
          continue;
        DelegationVariant variant =
            build_delegation_variant(request.scenario, request.load, base, d, option,
                                     request.pool_folder, request.pools, staff);
        if (!variant.spec) {
          domain.unavailable.push_back(variant.unavailable);
          left_out = true;
          continue;
        }
        if (warmup.days >= 0) set_warmup_days(*variant.spec, warmup.days);
        DelegationOutcome outcome;
        outcome.option = std::string(to_string(option)) + (staff.empty()       ? ""
                                                           : staff == "follow" ? "+staff"
                                                                               : "+pool");
        outcome.overrides = variant.overrides;
        outcome.pool_officers = variant.pool_officers;
        outcome.staff_follow = staff == "follow";
        outcome.staff_pool = staff == "pool";
        for (const model::StaffMove& m : variant.spec->levers.staff_moves)
          outcome.officers_moved += m.officers;
        outcome.officers_added = total_officers(*variant.spec) - total_officers(base);
        outcome.yearly_cost = model::total_yearly_cost(*variant.spec) - base_cost;
        specs.push_back(std::make_unique<ModelSpec>(std::move(*variant.spec)));
        domain.outcomes.push_back(std::move(outcome));
      }
    }
    // A domain picked by default is shown only when it has somewhere to move.
    if (request.domains.empty() && domain.outcomes.size() < 2) {
      std::string why = std::string(model::to_string(d)) + " (now " + domain.current +
                        "): no option can be expressed";
      for (const auto& reason : domain.unavailable)
        why += "\n    " + reason;
      out.skipped.push_back(why);
      continue;
    }
    out.domains.push_back(std::move(domain));
  }
  std::size_t next_spec = 0;
  for (std::size_t d = 0; d < out.domains.size(); ++d) {
    runs.push_back({d, 0, &base});
    for (std::size_t o = 1; o < out.domains[d].outcomes.size(); ++o)
      runs.push_back({d, o, specs[next_spec++].get()});
  }

  // The reference runs once for every domain: one replication gives every domain's values.
  std::vector<std::vector<DelegationValues>> reference_values(out.domains.size());
  const auto n = static_cast<std::size_t>(request.replications);
  for (auto& v : reference_values)
    v.resize(n);
  std::size_t done = 0;
  const std::size_t total = runs.size() - out.domains.size() + (out.domains.empty() ? 0 : 1);
  // Overall progress in replications (one each: delegation_values counts no days).
  if (request.progress) progress_board().expect(static_cast<int>(total * n), 1.0);
  std::vector<Domain> shown;
  for (const auto& d : out.domains)
    shown.push_back(d.domain);
  if (!out.domains.empty()) {
    if (request.log) *request.log << "delegation: [1/" << total << "] the scenario as it is\n";
    const ExperimentResult reference_run = run_replications(
        [&](std::uint64_t i) {
          const auto values = delegation_values(base, shown, i);
          for (std::size_t d = 0; d < shown.size(); ++d)
            reference_values[d][i] = values[d];
          return model::ReplicationResult{};
        },
        experiment);
    if (reference_run.interrupted) throw ExperimentInterrupted();
    ++done;
  }
  for (const PendingRun& run : runs) {
    DomainExploration& domain = out.domains[run.domain];
    DelegationOutcome& outcome = domain.outcomes[run.outcome];
    if (run.outcome == 0) {
      outcome.replications = reference_values[run.domain];
    } else {
      if (request.log) {
        *request.log << "delegation: [" << ++done << "/" << total << "] "
                     << model::to_string(domain.domain) << " -> " << outcome.option << "\n";
      }
      outcome.replications.resize(n);
      const ExperimentResult variant_run = run_replications(
          [&](std::uint64_t i) {
            outcome.replications[i] = delegation_values(*run.spec, {&domain.domain, 1}, i).front();
            return model::ReplicationResult{};
          },
          experiment);
      if (variant_run.interrupted) throw ExperimentInterrupted();
    }
    outcome.officers = officers_by_tier(*run.spec, out.staffing_level);
  }

  // The officers each option needs, by simulation (--need): the staffing search per option.
  if (request.need) {
    out.need = request.need;
    out.need_max_added = request.need_max_added;
    const auto need_started = std::chrono::steady_clock::now();
    std::size_t searched = 0;
    for (const PendingRun& run : runs) {
      if (request.stop && request.stop->load()) throw ExperimentInterrupted();
      DomainExploration& domain = out.domains[run.domain];
      DelegationOutcome& outcome = domain.outcomes[run.outcome];
      if (request.log) {
        *request.log << "delegation: need [" << ++searched << "/" << runs.size() << "] "
                     << model::to_string(domain.domain) << " -> " << outcome.option << " ("
                     << describe(*request.need) << ", staffing search)\n";
      }
      StaffingOptions search = need_search_options(request, domain.domain);
      search.log = request.log;  // the search's steps, as `twotier staff` prints them
      outcome.need = find_need(*run.spec, search);
    }
    out.need_wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - need_started).count();
  }

  // Intervals and paired differences.
  for (DomainExploration& domain : out.domains) {
    const int alternatives = std::max<int>(1, static_cast<int>(domain.outcomes.size()) - 1);
    const DelegationOutcome& reference = domain.outcomes.front();
    for (DelegationOutcome& outcome : domain.outcomes) {
      for (int m = 0; m < kDelegationMetricCount; ++m) {
        std::vector<double> values, base_values;
        for (std::size_t i = 0; i < n; ++i) {
          values.push_back(outcome.replications[i][m]);
          base_values.push_back(reference.replications[i][m]);
        }
        outcome.estimate[m] =
            estimate_mean(values, request.confidence,
                          metric_range(metric_name(static_cast<DelegationMetric>(m))));
        if (!outcome.is_current)
          outcome.difference[m] =
              compare_paired(base_values, values, request.confidence, alternatives);
      }
      outcome.target_met = target_met(request.target, outcome.estimate[static_cast<int>(*judged)]);
      if (outcome.is_current) {
        outcome.yearly_cost = 0.0;
      } else if (const auto& gain =
                     outcome.difference[static_cast<int>(DelegationMetric::kOnTimeRate)]) {
        outcome.cost_per_point =
            model::cost_per_point(outcome.yearly_cost, 100.0 * gain->difference.mean,
                                  100.0 * gain->difference.low, 100.0 * gain->difference.high);
      }
    }
  }
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace twotier::analysis
