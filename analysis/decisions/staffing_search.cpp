// Staffing search by simulation (see staffing_search.hpp).
#include "analysis/decisions/staffing_search.hpp"

#include "models/roster.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <ostream>
#include <set>

#include "analysis/decisions/delegation_variants.hpp"  // receiving_units
#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/experiments/replication_executor.hpp"
#include "analysis/results/run_metadata.hpp"
#include "analysis/statistics/kpi_columns.hpp"
#include "analysis/statistics/paired_comparison.hpp"
#include "analysis/statistics/queueing_theory.hpp"
#include "models/count_text.hpp"
#include "models/offered_load.hpp"

namespace twotier::analysis {
namespace {

std::vector<int> officers_of(const model::ModelSpec& spec) {
  std::vector<int> officers;
  for (const auto& position : spec.positions)
    officers.push_back(position.officers);
  return officers;
}

std::string position_label(const model::ModelSpec& spec, int position) {
  const auto& p = spec.positions[static_cast<std::size_t>(position)];
  return spec.units[static_cast<std::size_t>(p.unit)].id + "/" + p.id;
}

std::string number(double value, int decimals = 3) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

int scope_index(const model::ReplicationResult& result, std::string_view scope) {
  for (std::size_t s = 0; s < result.scopes.size(); ++s)
    if (result.scopes[s] == scope) return static_cast<int>(s);
  return -1;
}

MeanEstimate estimate_of(const StaffingEvaluation& e, std::string_view scope,
                         model::Metric metric) {
  const SummaryRow* row = find_row(e.summary, scope, model::metric_name(metric));
  if (!row) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan, 0};
  }
  return row->estimate;
}

// Replications per staffing and block at most (the sequential decision's cap).
int replication_cap(const StaffingOptions& options) {
  return std::max(options.replications, options.max_replications > 0 ? options.max_replications
                                                                     : 4 * options.replications);
}

// The confidence of each look of the sequential decision: the looks (after n0, 2 n0, ... up to
// the cap) share the error 1 - confidence equally (Bonferroni), so that the chance that any
// look decides wrongly stays below 1 - confidence.
double look_confidence(const StaffingOptions& options) {
  const int cap = replication_cap(options);
  const int looks = (cap + options.replications - 1) / options.replications;
  return 1.0 - (1.0 - options.confidence) / looks;
}

// Mean utilisation of a position; +inf when undefined (no officers: it must be staffed first).
double utilization(const model::ModelSpec& spec, const StaffingEvaluation& e, int position) {
  const SummaryRow* row =
      find_row(e.summary, "position:" + position_label(spec, position), "utilization");
  if (!row || std::isnan(row->estimate.mean)) return std::numeric_limits<double>::infinity();
  return row->estimate.mean;
}

// How much one more officer shortens the mean wait at a position with `officers` officers at
// `utilisation`, in mean service times, by the M/M/c formula Wq = C(c, a) / (c - a) with the
// offered load a = utilisation x officers: a ranking of where an officer helps most, not a
// forecast. Saturated or unstaffed positions come first (+inf).
double wait_cut_of_one_more(int officers, double utilisation) {
  if (officers <= 0 || !std::isfinite(utilisation) || utilisation >= 1.0)
    return std::numeric_limits<double>::infinity();
  const double load = std::max(0.0, utilisation) * officers;
  auto wait = [&](int c) { return erlang_c(c, load) / (c - load); };
  return wait(officers) - wait(officers + 1);
}

// Mean over the evaluation's replications of the work a position left unstarted at the
// close of working days, in hours (ReplicationResult::position_overtime_hours).
double mean_overtime_hours(const StaffingEvaluation& e, int position) {
  double total = 0.0;
  int n = 0;
  for (const auto& r : e.replications) {
    if (static_cast<std::size_t>(position) >= r.position_overtime_hours.size()) continue;
    total += r.position_overtime_hours[static_cast<std::size_t>(position)];
    ++n;
  }
  return n == 0 ? 0.0 : total / n;
}

// Share of a provincial position's work that comes from each unit's dossiers: long-run
// arrivals x expected visits of the provincial work steps the position can do (its skills,
// in its department's domains), per unit, over all units. [position][unit]; empty rows for
// commune positions (their work is their own unit's).
std::vector<std::vector<double>> provincial_shares(const model::ModelSpec& spec) {
  const std::vector<double> per_day = model::arrivals_per_day(spec);
  const std::size_t procedures = spec.procedures.size();
  std::vector<std::vector<double>> shares(spec.positions.size());
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const auto& position = spec.positions[p];
    const auto& department = spec.units[static_cast<std::size_t>(position.unit)];
    if (department.tier() != model::Tier::kProvince) continue;
    std::vector<double>& share = shares[p];
    share.assign(spec.units.size(), 0.0);
    double total = 0.0;
    for (std::size_t k = 0; k < procedures; ++k) {
      const auto& procedure = spec.procedures[k];
      if (!department.domains.empty() &&
          std::find(department.domains.begin(), department.domains.end(), procedure.domain) ==
              department.domains.end())
        continue;
      const std::vector<double> visits = model::expected_step_visits(procedure);
      double visits_here = 0.0;
      for (std::size_t j = 0; j < procedure.steps.size(); ++j) {
        const auto& step = procedure.steps[j];
        if (step.kind == model::StepKind::kWork && step.tier == model::Tier::kProvince &&
            std::find(position.skills.begin(), position.skills.end(), step.skill) !=
                position.skills.end())
          visits_here += visits[j];
      }
      if (visits_here <= 0) continue;
      for (std::size_t u = 0; u < spec.units.size(); ++u) {
        const double work = per_day[u * procedures + k] * visits_here;
        share[u] += work;
        total += work;
      }
    }
    if (total > 0)
      for (double& x : share)
        x /= total;
  }
  return shares;
}

// One full-time officer's working hours over the measured run, approximately (five working
// days a week of the scenario's standard day; holidays and leave ignored): a ranking scale.
double working_hours_in_run(const model::ModelSpec& spec) {
  const double days = std::max(0.0, ((spec.end - spec.start) - spec.warmup).days());
  return days * 5.0 / 7.0 * spec.workday_hours;
}

// The search's state: the scenario (possibly cut at a date), its target groups, the replication
// block in use and the log.
class Search {
 public:
  Search(const model::ModelSpec& spec, const StaffingOptions& options)
      : spec_(spec),
        options_(options),
        groups_(target_groups(spec, options.scope)),
        provincial_share_(provincial_shares(spec)),
        officer_hours_(working_hours_in_run(spec)) {
    // The search's length is unknown; two evaluations (confirmation, the current staffing)
    // certainly follow whatever it tries, so the progress total is a lower bound.
    if (options_.progress) {
      progress_board().set_total_is_minimum(true);
      set_pending_evaluations(2);
    }
  }

  // Evaluations certain to follow the ones begun, on the progress board.
  void set_pending_evaluations(int evaluations) {
    if (!options_.progress) return;
    progress_board().set_pending(evaluations * options_.replications, replication_days(spec_));
  }

  const model::ModelSpec& spec() const { return spec_; }
  model::ModelSpec& mutable_spec() { return spec_; }
  const std::vector<TargetGroup>& groups() const { return groups_; }
  // Moves to another block of replications. Stalls counted on the old block say nothing
  // about the new one (a target can fail there for a reason officers fix), so they restart;
  // the officers already added still count toward --max-added.
  void use_block(std::uint64_t block) {
    block_ = block;
    stalled_.clear();
  }
  std::uint64_t block_start() const {
    return block_ * static_cast<std::uint64_t>(replication_cap(options_));
  }
  int evaluations() const { return evaluations_; }
  std::vector<std::string>& log() { return log_; }

  // `officers` on the first `n` replications of the block in use (0: options.replications).
  StaffingEvaluation evaluate(const std::vector<int>& officers, int n = 0,
                              bool keep_series = false) {
    return std::move(evaluate_many({officers}, n, keep_series).front());
  }

  std::vector<StaffingEvaluation> evaluate_many(const std::vector<std::vector<int>>& officers,
                                                int n = 0, bool keep_series = false) {
    evaluations_ += static_cast<int>(officers.size());
    StaffingOptions options = options_;
    options.replications = n > 0 ? n : options_.replications;
    return evaluate_staffings(spec_, officers, options, block_start(), keep_series);
  }

  // Adds up to `more` replications to every evaluation (all of the same staffing block and
  // length, so that they stay paired), at most up to the cap.
  void extend(const std::vector<StaffingEvaluation*>& evaluations, int more, bool keep_series) {
    if (evaluations.empty()) return;
    const auto have = static_cast<int>(evaluations.front()->replications.size());
    more = std::min(more, replication_cap(options_) - have);
    if (more <= 0) return;
    std::vector<std::vector<int>> officers;
    for (const auto* e : evaluations)
      officers.push_back(e->officers);
    evaluations_ += static_cast<int>(officers.size());
    StaffingOptions options = options_;
    options.replications = more;
    std::vector<StaffingEvaluation> added = evaluate_staffings(
        spec_, officers, options, evaluations.front()->first_replication + have, keep_series);
    for (std::size_t k = 0; k < evaluations.size(); ++k) {
      for (auto& r : added[k].replications)
        evaluations[k]->replications.push_back(std::move(r));
      rejudge(spec_, options_, *evaluations[k]);
    }
  }

  // The sequential decision: verdicts of `scopes` on every evaluation, adding replications
  // (options.replications at a time, to all evaluations together) while any is undecided and
  // the cap allows. A verdict, once reached at a look, is kept. [evaluation][scope]
  std::vector<std::map<std::string, Verdict>> decide(
      const std::vector<StaffingEvaluation*>& evaluations, const std::vector<std::string>& scopes,
      bool keep_series = false) {
    const double level = look_confidence(options_);
    std::vector<std::map<std::string, Verdict>> verdicts(evaluations.size());
    while (true) {
      bool open = false;
      for (std::size_t k = 0; k < evaluations.size(); ++k) {
        for (const auto& scope : scopes) {
          auto it = verdicts[k].find(scope);
          if (it != verdicts[k].end() && it->second != Verdict::kUndecided) continue;
          const Verdict v = group_verdict(*evaluations[k], scope, level);
          verdicts[k][scope] = v;
          open = open || v == Verdict::kUndecided;
        }
      }
      if (!open || evaluations.empty() ||
          static_cast<int>(evaluations.front()->replications.size()) >= replication_cap(options_))
        break;
      extend(evaluations, options_.replications, keep_series);
      say("undecided: " + std::to_string(evaluations.front()->replications.size()) +
          " replications now");
    }
    return verdicts;
  }

  void say(const std::string& line) {
    log_.push_back(line);
    if (options_.log) *options_.log << "  " << line << std::endl;
  }

  // How far `trial` moved the means of the targets `base` misses in `scope` toward them
  // (relative to each target's value, summed). Candidates are compared on means, which common
  // random numbers make precise; the confidence bound, which also moves with the spread of a
  // few replications, only judges whether a target holds.
  double mean_progress(const StaffingEvaluation& base, const StaffingEvaluation& trial,
                       const std::string& scope) const {
    double total = 0.0;
    for (std::size_t c = 0; c < base.checks.size() && c < trial.checks.size(); ++c) {
      const TargetCheck& before = base.checks[c];
      if (before.scope != scope || before.met) continue;
      const double change = trial.checks[c].estimate.mean - before.estimate.mean;
      if (std::isnan(change)) continue;
      const double toward = before.target.sense == TargetSense::kAtLeast ? change : -change;
      total += toward / std::max(std::abs(before.target.value), 1e-3);
    }
    return total;
  }

  std::string first_target_text(const StaffingEvaluation& e, const std::string& scope) const {
    const Target& t = options_.targets.front();
    const MeanEstimate m = estimate_of(e, scope, t.metric);
    const std::string metric = model::metric_name(t.metric);
    // Fractions as percentages, as everywhere on the terminal (CSVs keep fractions).
    auto shown = [&](double v) { return is_fraction_metric(metric) ? percent_text(v) : number(v); };
    return scope + " " + metric + " " + shown(m.mean) + " [" + shown(m.ci_low) + ", " +
           shown(m.ci_high) + "]";
  }

  // Candidates of a group, where one more officer should help its dossiers most first, at
  // most `limit`. The measure is the work a position left unstarted at the day's close (the
  // overtime it would have needed, summed over the run): it sees the morning and post-holiday
  // peaks that mean utilisation averages away. A provincial position's backlog is shared by
  // every commune, so for one commune it counts in proportion to the commune's share of that
  // position's work, and one officer absorbs at most a working year's worth (of the run)
  // of it, so hundreds of provincial officers' backlog does not outweigh a commune's own
  // desk. Ties (no backlog anywhere) go to the largest M/M/c cut in waiting.
  // Ranking by utilisation alone sent a commune's search to the busiest provincial
  // department, where one officer among hundreds changes nothing for the commune, while the
  // commune's own one-stop desk, where its same-day certificates were late, was never tried.
  std::vector<int> ranked(const StaffingEvaluation& e, const TargetGroup& group,
                          std::size_t limit) const {
    struct Score {
      double carried_over_hours;
      double wait_cut;
      int position;
    };
    std::vector<Score> order;
    for (int p : group.positions) {
      const auto& position = spec_.positions[static_cast<std::size_t>(p)];
      const auto& shares = provincial_share_[static_cast<std::size_t>(p)];
      const bool own = group.unit < 0 || position.unit == group.unit || shares.empty();
      const double share = own ? 1.0 : shares[static_cast<std::size_t>(group.unit)];
      const double u = utilization(spec_, e, p);
      // One officer can take at most their own working hours of the carried-over work.
      const double absorbable =
          std::min(mean_overtime_hours(e, p), officer_hours_ * position.dossier_share);
      order.push_back(
          {std::isfinite(u) ? share * absorbable : std::numeric_limits<double>::infinity(),
           wait_cut_of_one_more(e.officers[static_cast<std::size_t>(p)], u), p});
    }
    std::stable_sort(order.begin(), order.end(), [](const Score& a, const Score& b) {
      if (a.carried_over_hours != b.carried_over_hours)
        return a.carried_over_hours > b.carried_over_hours;
      return a.wait_cut > b.wait_cut;
    });
    std::vector<int> result;
    for (const auto& score : order) {
      if (result.size() >= limit) break;
      result.push_back(score.position);
    }
    return result;
  }

  // Greedy marginal allocation for the groups `active` names (those the current staffing
  // misses) until each is judged met (sequentially, on the search's block), stops improving
  // or has had max_added officers. Returns false when some group stopped unmet.
  bool add_until_met(std::vector<int>& officers, StaffingEvaluation& e,
                     const std::vector<std::string>& active) {
    const auto limit = static_cast<std::size_t>(std::max(1, options_.candidates_per_step));
    while (true) {
      const std::map<std::string, Verdict> verdicts = decide({&e}, active).front();
      std::vector<const TargetGroup*> failing;
      std::vector<std::vector<int>> candidates;
      std::size_t tries = 0;
      bool all_met = true;
      for (const auto& group : groups_) {
        const auto v = verdicts.find(group.scope);
        if (v == verdicts.end() || v->second == Verdict::kMet) continue;
        all_met = false;
        if (group.positions.empty()) continue;
        if (stalled_[group.scope] >= kStallSteps) continue;  // staffing no longer helps
        if (added_[group.scope] >= options_.max_added) continue;
        failing.push_back(&group);
        candidates.push_back(ranked(e, group, limit));
        tries = std::max(tries, candidates.back().size());
      }
      if (all_met) return true;
      if (failing.empty()) {  // unmet targets that no candidate officer improves
        say("stopped: more officers no longer improve the unmet targets (or --max-added reached)");
        return false;
      }
      std::vector<std::vector<int>> staffings;
      for (std::size_t j = 0; j < tries; ++j) {
        std::vector<int> trial = officers;
        for (std::size_t g = 0; g < failing.size(); ++g)
          if (j < candidates[g].size()) ++trial[static_cast<std::size_t>(candidates[g][j])];
        staffings.push_back(std::move(trial));
      }
      const auto n = static_cast<int>(e.replications.size());
      std::vector<StaffingEvaluation> trials = evaluate_many(staffings, n);
      for (std::size_t g = 0; g < failing.size(); ++g) {
        std::size_t best = 0;
        double best_gain = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < candidates[g].size(); ++j) {
          const double gain = mean_progress(e, trials[j], failing[g]->scope);
          if (gain > best_gain + 1e-12) {
            best_gain = gain;
            best = j;
          }
        }
        // Officers that move nothing (the rest of the gap is not staffing: citizens'
        // supplementation, joint processing) are still added once more in case of noise;
        // after kStallSteps such steps the group is left unmet.
        stalled_[failing[g]->scope] =
            best_gain > kNegligibleGain ? 0 : stalled_[failing[g]->scope] + 1;
        const int position = candidates[g][best];
        ++officers[static_cast<std::size_t>(position)];
        ++added_[failing[g]->scope];
        say("+1 " + position_label(spec_, position) + " (" +
            model::count_of(officers[static_cast<std::size_t>(position)], "officer") +
            "): " + first_target_text(trials[best], failing[g]->scope));
      }
      auto same = std::find_if(trials.begin(), trials.end(),
                               [&](const auto& t) { return t.officers == officers; });
      e = same != trials.end() ? std::move(*same) : evaluate(officers, n);
    }
  }

  // The officers added above `floor` in a group, in the order a path from `floor` to
  // `officers` adds them: at every length each position holds its share of the group's
  // additions (the largest remaining share goes first, on ties the position given the most),
  // so the path only ever adds.
  std::vector<int> addition_path(const std::vector<int>& officers, const std::vector<int>& floor,
                                 const TargetGroup& group) const {
    std::vector<std::pair<int, int>> added;  // position, officers added
    int total = 0;
    for (int p : group.positions) {
      const int extra = officers[static_cast<std::size_t>(p)] - floor[static_cast<std::size_t>(p)];
      if (extra <= 0) continue;
      added.emplace_back(p, extra);
      total += extra;
    }
    std::vector<int> taken(added.size(), 0);
    std::vector<int> path;
    for (int k = 0; k < total; ++k) {
      std::size_t best = 0;
      double best_left = -1.0;
      for (std::size_t i = 0; i < added.size(); ++i) {
        const double left = static_cast<double>(added[i].second - taken[i]) / added[i].second;
        // Ties go to the position given the most (the analytic start's largest gap first).
        if (left > best_left + 1e-12 ||
            (left > best_left - 1e-12 && added[i].second > added[best].second)) {
          best_left = left;
          best = i;
        }
      }
      ++taken[best];
      path.push_back(added[best].first);
    }
    return path;
  }

  // How far the means of `scope`'s targets lie on the good side of them in `e` (relative to
  // each target's value, summed): the margin a staffing keeps.
  double mean_margin(const StaffingEvaluation& e, const std::string& scope) const {
    double total = 0.0;
    for (const TargetCheck& check : e.checks) {
      if (check.scope != scope || std::isnan(check.estimate.mean)) continue;
      const double over = check.estimate.mean - check.target.value;
      total += (check.target.sense == TargetSense::kAtLeast ? over : -over) /
               std::max(std::abs(check.target.value), 1e-3);
    }
    return total;
  }

  // The fewest officers above `floor` with which each group of `active` is still judged met
  // (sequentially, on the search's block). The analytic start and the greedy steps overshoot:
  // Erlang C is pessimistic for long deadlines, and an officer added early where it helped
  // little stays. First a bisection over the number of added officers along each group's
  // addition path (all groups in one simulation per step: a commune's officers barely affect
  // another commune), then officers are taken off one at a time, where the means keep the most
  // margin, until removing any one more officer of the group makes it miss or undecided:
  // the answer is the smallest judged-met staffing within one officer per position. An
  // undecided staffing counts as not met (a need must be confirmed). Returns true when
  // `officers` changed; `e` is then re-evaluated on the same replications.
  bool minimise(std::vector<int>& officers, StaffingEvaluation& e,
                const std::vector<std::string>& active, const std::vector<int>& floor) {
    const auto n = static_cast<int>(e.replications.size());
    rung_ = officers;
    const std::map<std::string, Verdict> now = decide({&e}, active).front();
    struct Bisection {
      const TargetGroup* group;
      std::vector<int> path;
      int low;    // added officers known to miss (0: the floor, which the search saw miss)
      int high;   // added officers judged met
      int above;  // the met number of added officers before `high` (the rung above)
    };
    std::vector<Bisection> open;
    for (const auto& group : groups_) {
      const auto v = now.find(group.scope);
      if (v == now.end() || v->second != Verdict::kMet) continue;
      std::vector<int> path = addition_path(officers, floor, group);
      if (path.empty()) continue;
      const int added = static_cast<int>(path.size());
      open.push_back({&group, std::move(path), 0, added, added});
    }
    if (open.empty()) return false;
    const std::vector<int> before = officers;
    std::vector<StaffingEvaluation> seen;  // every staffing simulated here (one may be the answer)
    auto staffing_at = [&](std::vector<int>& staffing, const Bisection& b, int k) {
      for (int p : b.group->positions)
        staffing[static_cast<std::size_t>(p)] = floor[static_cast<std::size_t>(p)];
      for (int i = 0; i < k; ++i)
        ++staffing[static_cast<std::size_t>(b.path[static_cast<std::size_t>(i)])];
    };
    // Bisection: O(log added) simulations.
    while (true) {
      std::vector<Bisection*> step;
      std::vector<std::string> scopes;
      std::vector<int> trial = officers;
      for (auto& b : open) {
        if (b.high - b.low <= 1) continue;
        staffing_at(trial, b, (b.low + b.high) / 2);
        step.push_back(&b);
        scopes.push_back(b.group->scope);
      }
      if (step.empty()) break;
      StaffingEvaluation& t = seen.emplace_back(evaluate(trial, n));
      const std::map<std::string, Verdict> verdicts = decide({&t}, scopes).front();
      for (Bisection* b : step) {
        const int mid = (b->low + b->high) / 2;
        const bool met = verdicts.at(b->group->scope) == Verdict::kMet;
        if (met) b->above = b->high;
        (met ? b->high : b->low) = mid;
        say("fewest officers: " + b->group->scope + " with " + std::to_string(mid) + " of the " +
            std::to_string(b->path.size()) +
            " added: " + verdict_name(verdicts.at(b->group->scope)) + " (" +
            first_target_text(t, b->group->scope) + ")");
      }
    }
    for (const auto& b : open) {
      staffing_at(officers, b, b.high);
      staffing_at(rung_, b, b.above);
    }
    // One officer at a time, from any position of the group above its floor.
    const auto limit = static_cast<std::size_t>(std::max(3, options_.candidates_per_step));
    std::vector<const TargetGroup*> shrinking;
    for (const auto& b : open)
      shrinking.push_back(b.group);
    while (!shrinking.empty()) {
      std::vector<std::vector<int>> candidates;
      std::size_t tries = 0;
      for (const TargetGroup* group : shrinking) {
        std::vector<std::pair<int, int>> above;  // officers above the floor, position
        int extra = 0;
        for (int p : group->positions) {
          const auto i = static_cast<std::size_t>(p);
          if (officers[i] > floor[i]) above.emplace_back(officers[i] - floor[i], p);
          extra += std::max(0, officers[i] - floor[i]);
        }
        if (extra <= 1) above.clear();  // one fewer is the floor, which the search saw miss
        std::stable_sort(above.begin(), above.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<int>& list = candidates.emplace_back();
        for (const auto& [extra, p] : above)
          if (list.size() < limit) list.push_back(p);
        tries = std::max(tries, list.size());
      }
      if (tries == 0) break;
      std::vector<std::vector<int>> staffings;
      for (std::size_t j = 0; j < tries; ++j) {
        std::vector<int> trial = officers;
        for (std::size_t g = 0; g < shrinking.size(); ++g)
          if (j < candidates[g].size()) --trial[static_cast<std::size_t>(candidates[g][j])];
        staffings.push_back(std::move(trial));
      }
      std::vector<StaffingEvaluation> trials = evaluate_many(staffings, n);
      std::vector<StaffingEvaluation*> pointers;
      for (auto& t : trials)
        pointers.push_back(&t);
      std::vector<std::string> scopes;
      for (const TargetGroup* group : shrinking)
        scopes.push_back(group->scope);
      const auto verdicts = decide(pointers, scopes);
      std::vector<const TargetGroup*> still;
      for (std::size_t g = 0; g < shrinking.size(); ++g) {
        const std::string& scope = shrinking[g]->scope;
        int best = -1;
        double best_margin = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < candidates[g].size(); ++j) {
          if (verdicts[j].at(scope) != Verdict::kMet) continue;
          const double margin = mean_margin(trials[j], scope);
          if (margin > best_margin + 1e-12) {
            best_margin = margin;
            best = static_cast<int>(j);
          }
        }
        if (best < 0) {
          say("fewest officers: " + scope +
              " is judged met with none of its added officers fewer (" +
              std::to_string(candidates[g].size()) + " tried)");
          continue;
        }
        const int position = candidates[g][static_cast<std::size_t>(best)];
        for (int p : shrinking[g]->positions)
          rung_[static_cast<std::size_t>(p)] = officers[static_cast<std::size_t>(p)];
        --officers[static_cast<std::size_t>(position)];
        say("-1 " + position_label(spec_, position) + " (" +
            model::count_of(officers[static_cast<std::size_t>(position)], "officer") +
            "): still met, " + first_target_text(trials[static_cast<std::size_t>(best)], scope));
        still.push_back(shrinking[g]);
      }
      shrinking = std::move(still);
      for (auto& t : trials)
        seen.push_back(std::move(t));
    }
    if (officers == before) return false;
    auto same = std::find_if(seen.begin(), seen.end(),
                             [&](const StaffingEvaluation& t) { return t.officers == officers; });
    e = same != seen.end() ? std::move(*same) : evaluate(officers, n);
    return true;
  }

  // After minimise: per group cut back, the staffing judged met just before its last cut
  // (the rung above the fewest); elsewhere the staffing minimise returned.
  const std::vector<int>& rung() const { return rung_; }

  // Whether trimming may remove officers of position `p`: not a required one unless named.
  bool trimmable(int p) const {
    const auto& position = spec_.positions[static_cast<std::size_t>(p)];
    return !position.required ||
           std::find(options_.trim_required.begin(), options_.trim_required.end(), position.id) !=
               options_.trim_required.end();
  }

  // Removes officers (never below `floor` per position) from groups judged met where they stay
  // judged met, least utilised first, one candidate per group and simulation, within
  // max_trim_trials: the opt-in --trim, whose floor is below the scenario's officers (officers
  // the search added beyond need are taken back by minimise).
  void trim(std::vector<int>& officers, StaffingEvaluation& e, const std::vector<int>& floor,
            const std::vector<int>& current) {
    std::set<int> tried;
    const double level = look_confidence(options_);
    for (int trial = 0; trial < options_.max_trim_trials; ++trial) {
      std::vector<std::pair<const TargetGroup*, int>> batch;
      std::set<int> in_batch;
      for (const auto& group : groups_) {
        if (group_verdict(e, group.scope, level) != Verdict::kMet) continue;
        int pick = -1;
        double lowest = std::numeric_limits<double>::infinity();
        for (int p : group.positions) {
          const auto i = static_cast<std::size_t>(p);
          if (officers[i] <= floor[i] || tried.count(p) || in_batch.count(p)) continue;
          // A commune's targets say nothing about the other communes a provincial officer
          // also serves: only the unit's own officers may be removed on its evidence (or
          // officers the search itself added).
          if (officers[i] <= current[i] && group.unit >= 0 && spec_.positions[i].unit != group.unit)
            continue;
          const double u = utilization(spec_, e, p);
          if (u < lowest) {
            lowest = u;
            pick = p;
          }
        }
        if (pick >= 0) {
          batch.emplace_back(&group, pick);
          in_batch.insert(pick);
        }
      }
      if (batch.empty()) return;
      std::vector<int> fewer = officers;
      for (const auto& [group, p] : batch)
        --fewer[static_cast<std::size_t>(p)];
      const auto n = static_cast<int>(e.replications.size());
      StaffingEvaluation t = evaluate(fewer, n);
      bool all_accepted = true;
      bool any_accepted = false;
      for (const auto& [group, p] : batch) {
        // A removal counts only if the group is still clearly met; a provincial officer serves
        // every group, so in the province scope every group must be.
        bool ok = group_verdict(t, group->scope, level) == Verdict::kMet;
        if (group->unit < 0)
          for (const auto& g : groups_)
            ok = ok && group_verdict(t, g.scope, level) == Verdict::kMet;
        if (ok) {
          --officers[static_cast<std::size_t>(p)];
          any_accepted = true;
          say("-1 " + position_label(spec_, p) + " (" +
              model::count_of(officers[static_cast<std::size_t>(p)], "officer") +
              ") still meets the targets: " + first_target_text(t, group->scope));
        } else {
          all_accepted = false;
          tried.insert(p);
        }
      }
      if (all_accepted) {
        e = std::move(t);
      } else if (any_accepted) {
        e = evaluate(officers, n);
      }
    }
  }

 private:
  model::ModelSpec spec_;
  const StaffingOptions& options_;
  std::vector<TargetGroup> groups_;
  // [position][unit]: the unit's share of a provincial position's work (empty for communes)
  std::vector<std::vector<double>> provincial_share_;
  double officer_hours_;  // one full-time officer's working hours over the run
  static constexpr int kStallSteps = 2;
  // A step that moves the targets' means by less than 0.1% of their values (0.1 points of an
  // on-time rate of 98%) is noise between candidates, not progress.
  static constexpr double kNegligibleGain = 1e-3;
  std::map<std::string, int> stalled_;  // consecutive steps without gain, per group scope
  std::map<std::string, int> added_;    // officers added by the greedy steps, per group scope
  std::uint64_t block_ = 0;
  std::vector<int> rung_;  // see rung()
  int evaluations_ = 0;
  std::vector<std::string> log_;
};

double service_level(const StaffingOptions& options) {
  for (const auto& t : options.targets)
    if (t.metric == model::Metric::kOnTimeRate && t.sense == TargetSense::kAtLeast)
      return std::clamp(t.value, 0.5, 0.999);
  return 0.95;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> scopes_of(const std::vector<TargetGroup>& groups) {
  std::vector<std::string> scopes;
  for (const auto& g : groups)
    scopes.push_back(g.scope);
  return scopes;
}

// The current staffing's verdicts on the search's block (sequential): the groups it clearly
// misses are the ones searched.
std::vector<std::string> groups_to_search(Search& search, StaffingEvaluation& e,
                                          std::map<std::string, Verdict>& verdicts) {
  verdicts = search.decide({&e}, scopes_of(search.groups())).front();
  std::vector<std::string> failing;
  for (const auto& [scope, verdict] : verdicts) {
    if (verdict == Verdict::kNotMet) failing.push_back(scope);
    if (verdict != Verdict::kNotMet)
      search.say(scope + ": " + verdict_name(verdict) + " with the current staffing (" +
                 std::to_string(e.replications.size()) + " replications): not searched");
  }
  return failing;
}

// Confirms the staffing found (`found`) against the current one on a fresh block, both
// decided sequentially on the same replications (common random numbers), and keeps as the
// recommendation only what the confirmation supports: a group's added officers when the
// current staffing misses its targets and the found one meets them; its removed officers when
// the found one still meets them. `rung` (Search::rung(): per group cut back to the fewest
// officers, the staffing judged met just before the last cut) is confirmed on the same block
// first: the fewest is claimed only when the rung above is met too, else the rung is claimed
// when met (a fixed-sequence test, larger staffing first, so the two verdicts together keep
// the stated level). The fewest sits close to the target by construction, and its
// confirmation alone was often undecided (Tran Bien, 30 days, 3 replications: +1 one-stop
// officer, 92.5% with the interval reaching below 90%). Fills
// before/after/best/groups/recommended/found/confirmed.
void confirm(Search& search, StaffingRecommendation& rec, const std::vector<int>& found,
             const StaffingOptions& options, const std::map<std::string, Verdict>& search_verdicts,
             const std::vector<int>& rung = {}) {
  search.use_block(1);
  rec.found = found;
  const bool has_rung = !rung.empty() && rung != found;
  std::vector<std::vector<int>> staffings = {rec.current, found};
  if (has_rung) staffings.push_back(rung);
  std::vector<StaffingEvaluation> runs = search.evaluate_many(staffings, 0, true);
  const std::vector<std::string> scopes = scopes_of(search.groups());
  std::vector<StaffingEvaluation*> pointers;
  for (auto& run : runs)
    pointers.push_back(&run);
  const auto verdicts = search.decide(pointers, scopes, true);
  const auto n = static_cast<int>(runs[0].replications.size());
  search.say("confirmation on replications " + std::to_string(runs[0].first_replication) + "-" +
             std::to_string(runs[0].first_replication + static_cast<std::uint64_t>(n) - 1));
  rec.recommended = rec.current;
  rec.confirmed = true;
  for (const auto& group : search.groups()) {
    GroupResult g;
    g.scope = group.scope;
    g.unit = group.unit;
    const auto sv = search_verdicts.find(group.scope);
    g.search_verdict = sv == search_verdicts.end() ? Verdict::kUndecided : sv->second;
    g.current = verdicts[0].at(group.scope);
    g.found = verdicts[1].at(group.scope);
    g.replications = n;
    bool added = false, removed = false, group_rung = false;
    for (int p : group.positions) {
      const auto i = static_cast<std::size_t>(p);
      added = added || found[i] > rec.current[i];
      removed = removed || found[i] < rec.current[i];
      group_rung = group_rung || (has_rung && rung[i] != found[i]);
    }
    // The staffing this group's claim rests on: the fewest, or the rung above it.
    const std::vector<int>* chosen = &found;
    if (rec.mode == StaffingRecommendation::Mode::kBudget) {
      g.outcome = g.found == Verdict::kMet ? (g.current == Verdict::kMet ? GroupOutcome::kAlreadyMet
                                                                         : GroupOutcome::kNeeds)
                                           : GroupOutcome::kNotReached;
    } else if (g.current == Verdict::kMet) {
      g.outcome = GroupOutcome::kAlreadyMet;
    } else if (g.current == Verdict::kUndecided) {
      g.outcome = GroupOutcome::kUndecided;
    } else if (!added) {
      g.outcome = GroupOutcome::kNotReached;
    } else if (group_rung) {
      const Verdict above = verdicts[2].at(group.scope);
      g.outcome = above == Verdict::kMet ? GroupOutcome::kNeeds : GroupOutcome::kNotReached;
      if (above == Verdict::kMet && g.found != Verdict::kMet) {
        chosen = &rung;
        g.found = above;
        search.say(group.scope + ": the fewest found is " +
                   verdict_name(verdicts[1].at(group.scope)) +
                   ", the rung above it is met: that is the recommendation");
      }
    } else {
      g.outcome = g.found == Verdict::kMet ? GroupOutcome::kNeeds : GroupOutcome::kNotReached;
    }
    const bool apply =
        rec.mode == StaffingRecommendation::Mode::kBudget || g.outcome == GroupOutcome::kNeeds ||
        (removed && !added && g.outcome == GroupOutcome::kAlreadyMet && g.found == Verdict::kMet);
    g.trimmed = apply && removed;
    if (apply) {
      for (int p : group.positions) {
        const auto i = static_cast<std::size_t>(p);
        rec.recommended[i] = (*chosen)[i];
        rec.found[i] = (*chosen)[i];
      }
    }
    rec.confirmed = rec.confirmed &&
                    (g.outcome == GroupOutcome::kAlreadyMet || g.outcome == GroupOutcome::kNeeds);
    search.say(group.scope + ": current " + verdict_name(g.current) + ", found " +
               verdict_name(g.found) + " -> " + outcome_name(g.outcome));
    rec.groups.push_back(std::move(g));
  }
  rec.before = std::move(runs[0]);
  rec.best = std::move(runs[1]);
  if (rec.recommended == found) {
    rec.after = rec.best;
  } else if (rec.recommended == rec.current) {
    rec.after = rec.before;
  } else if (has_rung && rec.recommended == rung) {
    rec.after = std::move(runs[2]);
  } else {
    rec.after = search.evaluate(rec.recommended, n, true);
  }
  if (has_rung && rec.found == rung && rec.recommended == rung) rec.best = rec.after;
  rec.confidence = options.confidence;
  rec.look_confidence = look_confidence(options);
  rec.max_replications = replication_cap(options);
}

}  // namespace

bool StaffingEvaluation::all_met() const {
  return std::all_of(checks.begin(), checks.end(), [](const auto& c) { return c.met; });
}

std::vector<int> domain_positions(const model::ModelSpec& spec, model::Domain domain) {
  // The skills of the domain's work steps, at any tier; the front office only when it is all.
  std::set<int> skills, front;
  for (const model::ProcedureSpec& procedure : spec.procedures) {
    if (procedure.domain != domain) continue;
    for (const model::StepSpec& step : procedure.steps) {
      if (step.kind != model::StepKind::kWork || step.skill < 0) continue;
      (step.skill == spec.levers.front_office_skill ? front : skills).insert(step.skill);
    }
  }
  if (skills.empty()) skills = front;
  const std::vector<int> receiving = receiving_units(spec, domain);
  std::set<int> units(receiving.begin(), receiving.end());
  for (const model::PoolSpec& pool : spec.levers.pools)
    units.insert(pool.home);
  std::vector<int> positions;
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const model::PositionSpec& position = spec.positions[p];
    const model::UnitSpec& unit = spec.units[static_cast<std::size_t>(position.unit)];
    const bool serves =
        unit.tier() == model::Tier::kCommune
            ? units.count(position.unit) > 0
            : unit.domains.empty() ||
                  std::find(unit.domains.begin(), unit.domains.end(), domain) != unit.domains.end();
    const bool skilled = std::any_of(position.skills.begin(), position.skills.end(),
                                     [&](int s) { return skills.count(s) > 0; });
    if (serves && skilled) positions.push_back(static_cast<int>(p));
  }
  return positions;
}

std::vector<TargetGroup> target_groups(const model::ModelSpec& spec, const TargetScope& scope) {
  auto staffed = [&](int p) { return !spec.positions[static_cast<std::size_t>(p)].skills.empty(); };
  std::vector<TargetGroup> groups;
  const int positions = static_cast<int>(spec.positions.size());
  switch (scope.kind) {
    case TargetScope::Kind::kProvince: {
      TargetGroup g{"province", -1, {}};
      for (int p = 0; p < positions; ++p)
        if (staffed(p)) g.positions.push_back(p);
      groups.push_back(std::move(g));
      break;
    }
    case TargetScope::Kind::kUnit: {
      TargetGroup g{"unit:" + spec.units[static_cast<std::size_t>(scope.unit)].id, scope.unit, {}};
      // The unit's own positions, and provincial ones (they do its provincial steps) unless
      // the run is focused on the unit: the provincial bodies are then an aggregate of the
      // baseline, which their officers do not change (models/focus.hpp).
      for (int p = 0; p < positions; ++p) {
        const auto& position = spec.positions[static_cast<std::size_t>(p)];
        const bool provincial =
            spec.focus.unit < 0 &&
            spec.units[static_cast<std::size_t>(position.unit)].tier() == model::Tier::kProvince;
        if (staffed(p) && (position.unit == scope.unit || provincial)) g.positions.push_back(p);
      }
      groups.push_back(std::move(g));
      break;
    }
    case TargetScope::Kind::kDomain:
      groups.push_back({scope_text(scope, spec), -1, domain_positions(spec, scope.domain)});
      break;
    case TargetScope::Kind::kEveryCommune: {
      const std::vector<double> per_day = model::arrivals_per_day(spec);
      const std::size_t procedures = spec.procedures.size();
      for (std::size_t u = 0; u < spec.units.size(); ++u) {
        if (spec.units[u].tier() != model::Tier::kCommune) continue;
        double rate = 0.0;
        for (std::size_t p = 0; p < procedures; ++p)
          rate += per_day[u * procedures + p];
        if (rate <= 0) continue;  // files nothing: no KPI to judge
        TargetGroup g{"unit:" + spec.units[u].id, static_cast<int>(u), {}};
        for (int p = 0; p < positions; ++p)
          if (staffed(p) && spec.positions[static_cast<std::size_t>(p)].unit == static_cast<int>(u))
            g.positions.push_back(p);
        groups.push_back(std::move(g));
      }
      break;
    }
  }
  return groups;
}

StaffingEvaluation evaluate_staffing(const model::ModelSpec& spec, const std::vector<int>& officers,
                                     const StaffingOptions& options,
                                     std::uint64_t first_replication, bool keep_series) {
  return std::move(
      evaluate_staffings(spec, {officers}, options, first_replication, keep_series).front());
}

// The threads a search's replications run on (for the outputs' metadata).
static int threads_used(const StaffingOptions& options) {
  ExperimentOptions experiment;
  experiment.replications = options.replications;
  experiment.threads = options.threads;
  return effective_threads(experiment);
}

std::vector<StaffingEvaluation> evaluate_staffings(const model::ModelSpec& spec,
                                                   const std::vector<std::vector<int>>& officers,
                                                   const StaffingOptions& options,
                                                   std::uint64_t first_replication,
                                                   bool keep_series) {
  std::vector<model::ModelSpec> candidates;
  std::vector<ExperimentOptions> experiments;
  for (const auto& staffing : officers) {
    assert(staffing.size() == spec.positions.size());
    model::ModelSpec& candidate = candidates.emplace_back(spec);
    for (std::size_t p = 0; p < staffing.size(); ++p)
      model::set_position_headcount(candidate, static_cast<int>(p), staffing[p]);
    ExperimentOptions& experiment = experiments.emplace_back();
    experiment.replications = options.replications;
    experiment.threads = options.threads;
    experiment.first_replication = first_replication;
    experiment.progress = options.progress;
    experiment.label = "staffing";
    for (std::size_t p = 0; p < staffing.size(); ++p) {
      experiment.label += p == 0 ? ' ' : ',';  // appended in pieces: no GCC 12 -Wrestrict
      experiment.label += std::to_string(staffing[p]);
    }
  }
  std::vector<ExperimentResult> runs = run_experiments(options.executor, candidates, experiments);
  std::vector<StaffingEvaluation> evaluations;
  for (std::size_t k = 0; k < officers.size(); ++k) {
    StaffingEvaluation& e = evaluations.emplace_back();
    e.officers = officers[k];
    e.first_replication = first_replication;
    e.replications = std::move(runs[k].replications);
    if (!keep_series) {
      for (auto& r : e.replications) {
        r.daily = {};
        r.monthly_report.clear();
        r.monthly_report.shrink_to_fit();
      }
    }
    rejudge(spec, options, e);
  }
  return evaluations;
}

std::vector<double> kpi_values(const StaffingEvaluation& e, std::string_view scope,
                               model::Metric metric) {
  std::vector<double> values;
  for (const auto& r : e.replications) {
    const int s = scope_index(r, scope);
    values.push_back(s < 0 ? std::numeric_limits<double>::quiet_NaN()
                           : r.kpis[static_cast<std::size_t>(s)][static_cast<std::size_t>(metric)]);
  }
  return values;
}

StaffingEffect staffing_effect(const model::ModelSpec& spec, const StaffingRecommendation& rec,
                               const std::vector<int>& to, const StaffingEvaluation& to_eval,
                               const TargetGroup& group, double confidence) {
  StaffingEffect effect;
  std::vector<int> changed = rec.current;
  for (int p : group.positions) {
    const auto i = static_cast<std::size_t>(p);
    changed[i] = to[i];
    effect.added += std::max(0, to[i] - rec.current[i]);
    effect.removed += std::max(0, rec.current[i] - to[i]);
  }
  effect.yearly_cost = model::staffing_change_cost(spec, rec.current, changed);
  const Target& target = rec.targets.front();
  const double sign = target.sense == TargetSense::kAtLeast ? 1.0 : -1.0;
  const double scale = is_fraction_metric(model::metric_name(target.metric)) ? 100.0 : 1.0;
  const PairedComparison paired =
      compare_paired(kpi_values(rec.before, group.scope, target.metric),
                     kpi_values(to_eval, group.scope, target.metric), confidence);
  effect.gain = sign * scale * paired.difference.mean;
  effect.gain_low = scale * (sign > 0 ? paired.difference.low : -paired.difference.high);
  effect.gain_high = scale * (sign > 0 ? paired.difference.high : -paired.difference.low);
  effect.per_point =
      model::cost_per_point(effect.yearly_cost, effect.gain, effect.gain_low, effect.gain_high);
  return effect;
}

void rejudge(const model::ModelSpec& spec, const StaffingOptions& options, StaffingEvaluation& e) {
  e.summary = summarize(e.replications, describe_run(spec).position_labels, options.confidence);
  e.checks.clear();
  for (const auto& group : target_groups(spec, options.scope)) {
    for (const auto& target : options.targets) {
      TargetCheck check{group.scope, target, estimate_of(e, group.scope, target.metric), false};
      check.met = target_met(target, check.estimate);
      e.checks.push_back(std::move(check));
    }
  }
}

Verdict group_verdict(const StaffingEvaluation& e, const std::string& scope, double level) {
  bool all_met = true;
  for (const auto& check : e.checks) {
    if (check.scope != scope) continue;
    const std::vector<double> values = kpi_values(e, scope, check.target.metric);
    const MeanEstimate m = estimate_mean(values, level, metric_range(check.target.metric));
    if (m.n < 2 || std::isnan(m.mean)) {
      all_met = false;
      continue;
    }
    const bool at_least = check.target.sense == TargetSense::kAtLeast;
    const double pessimistic = at_least ? m.ci_low : m.ci_high;
    const double optimistic = at_least ? m.ci_high : m.ci_low;
    const bool met =
        at_least ? pessimistic >= check.target.value : pessimistic <= check.target.value;
    const bool missed =
        at_least ? optimistic < check.target.value : optimistic > check.target.value;
    if (missed) return Verdict::kNotMet;
    all_met = all_met && met;
  }
  return all_met ? Verdict::kMet : Verdict::kUndecided;
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "met";
    case Verdict::kNotMet:
      return "not_met";
    case Verdict::kUndecided:
      break;
  }
  return "undecided";
}

const char* outcome_name(GroupOutcome outcome) {
  switch (outcome) {
    case GroupOutcome::kAlreadyMet:
      return "already_met";
    case GroupOutcome::kNeeds:
      return "needs";
    case GroupOutcome::kNotReached:
      return "not_reached";
    case GroupOutcome::kUndecided:
      break;
  }
  return "undecided";
}

StaffingRecommendation recommend_staffing(const model::ModelSpec& spec,
                                          const StaffingOptions& options) {
  assert(!options.targets.empty() && options.replications >= 2);
  const auto started = std::chrono::steady_clock::now();
  Search search(spec, options);
  StaffingRecommendation rec;
  rec.mode = StaffingRecommendation::Mode::kTargets;
  rec.targets = options.targets;
  rec.scope = options.scope;
  rec.current = officers_of(spec);
  rec.analytic = analytic_staffing(spec, service_level(options));

  std::vector<int> officers = rec.current;
  StaffingEvaluation e = search.evaluate(officers);
  std::map<std::string, Verdict> verdicts;
  const std::vector<std::string> failing = groups_to_search(search, e, verdicts);
  if (options.use_analytic_start) {
    bool changed = false;
    for (const auto& group : search.groups()) {
      if (std::find(failing.begin(), failing.end(), group.scope) == failing.end()) continue;
      for (int p : group.positions) {
        const auto i = static_cast<std::size_t>(p);
        if (rec.analytic[i].erlang_c > officers[i]) {
          search.say("analytic start: " + position_label(spec, p) + " " +
                     std::to_string(officers[i]) + " -> " +
                     std::to_string(rec.analytic[i].erlang_c) + " (offered load " +
                     number(rec.analytic[i].load.offered_load, 2) + " officers, Erlang C)");
          officers[i] = rec.analytic[i].erlang_c;
          changed = true;
        }
      }
    }
    if (changed) e = search.evaluate(officers);
  }
  std::vector<int> rung;  // the rung above the fewest (confirm)
  if (!failing.empty()) {
    if (!search.add_until_met(officers, e, failing)) rec.search_exhausted = true;
    // Officers the analytic start or the greedy steps added beyond what the targets need.
    search.minimise(officers, e, failing, rec.current);
    rung = search.rung();
  }
  if (options.trim) {
    std::vector<int> floor = rec.current;
    for (std::size_t p = 0; p < floor.size(); ++p)
      if (search.trimmable(static_cast<int>(p))) floor[p] = std::min(floor[p], 1);
    search.trim(officers, e, floor, rec.current);
    rung.clear();  // the trimmed staffing has no rung above it
  }
  confirm(search, rec, officers, options, verdicts, rung);
  rec.evaluations = search.evaluations();
  rec.log = std::move(search.log());
  rec.wall_seconds = seconds_since(started);
  rec.threads = threads_used(options);
  return rec;
}

StaffingRecommendation allocate_budget(const model::ModelSpec& spec, const StaffingOptions& options,
                                       int budget) {
  assert(budget >= 1 && !options.targets.empty() && options.replications >= 2);
  const auto started = std::chrono::steady_clock::now();
  Search search(spec, options);
  StaffingRecommendation rec;
  rec.mode = StaffingRecommendation::Mode::kBudget;
  rec.targets = options.targets;
  rec.scope = options.scope;
  rec.current = officers_of(spec);
  rec.analytic = analytic_staffing(spec, service_level(options));
  const Target& objective = options.targets.front();
  const double sign = objective.sense == TargetSense::kAtLeast ? 1.0 : -1.0;
  const std::string scope = options.scope.kind == TargetScope::Kind::kUnit ||
                                    options.scope.kind == TargetScope::Kind::kDomain
                                ? search.groups().front().scope
                                : std::string("province");
  TargetGroup all{scope, -1, {}};
  std::set<int> seen;
  for (const auto& g : search.groups())
    for (int p : g.positions)
      if (seen.insert(p).second) all.positions.push_back(p);

  std::vector<int> officers = rec.current;
  StaffingEvaluation e = search.evaluate(officers);
  const auto limit = static_cast<std::size_t>(std::max(3, options.candidates_per_step + 1));
  for (int k = 0; k < budget; ++k) {
    const std::vector<int> candidates = search.ranked(e, all, limit);
    if (candidates.empty()) break;
    std::vector<std::vector<int>> staffings;
    for (int candidate : candidates) {
      staffings.push_back(officers);
      ++staffings.back()[static_cast<std::size_t>(candidate)];
    }
    std::vector<StaffingEvaluation> trials = search.evaluate_many(staffings);
    std::size_t best = 0;
    double best_gain = -std::numeric_limits<double>::infinity();
    const double base = estimate_of(e, scope, objective.metric).mean;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      const double gain = sign * (estimate_of(trials[j], scope, objective.metric).mean - base);
      if (gain > best_gain + 1e-12) {
        best_gain = gain;
        best = j;
      }
    }
    const std::vector<double> before = kpi_values(e, scope, objective.metric);
    const std::vector<double> after = kpi_values(trials[best], scope, objective.metric);
    const PairedComparison paired = compare_paired(before, after, options.confidence);
    MarginalOfficer m;
    m.position = candidates[best];
    m.kpi_before = base;
    m.kpi_after = estimate_of(trials[best], scope, objective.metric).mean;
    m.gain = sign * paired.difference.mean;
    m.gain_low = sign > 0 ? paired.difference.low : -paired.difference.high;
    m.gain_high = sign > 0 ? paired.difference.high : -paired.difference.low;
    rec.marginal.push_back(m);
    ++officers[static_cast<std::size_t>(m.position)];
    search.say("officer " + std::to_string(k + 1) + " -> " + position_label(spec, m.position) +
               ": " + scope + " " + model::metric_name(objective.metric) + " " +
               number(m.kpi_before) + " -> " + number(m.kpi_after) + " (gain " + number(m.gain, 4) +
               ", CI " + number(m.gain_low, 4) + " to " + number(m.gain_high, 4) + ")");
    e = std::move(trials[best]);
  }
  confirm(search, rec, officers, options, {});
  rec.evaluations = search.evaluations();
  rec.log = std::move(search.log());
  rec.wall_seconds = seconds_since(started);
  rec.threads = threads_used(options);
  return rec;
}

StaffingRecommendation temporary_capacity(const model::ModelSpec& spec,
                                          const StaffingOptions& options, sim::CivilDate by) {
  assert(!options.targets.empty() && options.replications >= 2);
  const auto started = std::chrono::steady_clock::now();
  const double day =
      static_cast<double>(sim::days_from_civil(by) - sim::days_from_civil(spec.epoch_date));
  // The run ends at the end of `by` (its whole working day counts).
  const sim::Instant cut{(day + 1.0) * sim::kSecondsPerDay};
  if (cut <= spec.start || cut > spec.end) {
    throw TargetError(
        "--by " + sim::to_string(by) + ": the date must fall inside the run (" +
        sim::to_string(sim::civil_from_days(sim::days_from_civil(spec.epoch_date) +
                                            static_cast<std::int64_t>(spec.start.days()))) +
        " to the horizon)");
  }
  Search search(spec, options);
  search.mutable_spec().end = cut;
  StaffingRecommendation rec;
  rec.mode = StaffingRecommendation::Mode::kByDate;
  rec.by = by;
  rec.targets = options.targets;
  rec.scope = options.scope;
  rec.current = officers_of(spec);
  rec.analytic = analytic_staffing(search.spec(), service_level(options));
  std::vector<int> officers = rec.current;
  StaffingEvaluation e = search.evaluate(officers);
  std::map<std::string, Verdict> verdicts;
  const std::vector<std::string> failing = groups_to_search(search, e, verdicts);
  if (!failing.empty()) {
    if (!search.add_until_met(officers, e, failing)) rec.search_exhausted = true;
    search.minimise(officers, e, failing, rec.current);
  }
  confirm(search, rec, officers, options, verdicts,
          failing.empty() ? std::vector<int>{} : search.rung());
  for (std::size_t p = 0; p < officers.size(); ++p) {
    const int extra = rec.recommended[p] - rec.current[p];
    if (extra <= 0) continue;
    const auto& unit = spec.units[static_cast<std::size_t>(spec.positions[p].unit)];
    const auto& calendar = spec.calendars[static_cast<std::size_t>(unit.calendar)];
    const double workdays =
        calendar.working_time_between(spec.start, cut).hours() / spec.workday_hours;
    rec.officer_days += extra * workdays;
  }
  rec.evaluations = search.evaluations();
  rec.log = std::move(search.log());
  rec.wall_seconds = seconds_since(started);
  rec.threads = threads_used(options);
  return rec;
}

}  // namespace twotier::analysis
