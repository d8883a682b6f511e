// Staff who follow delegated work (see delegation_staff.hpp).
#include "models/delegation_staff.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/costs.hpp"  // weighted_pay
#include "models/offered_load.hpp"
#include "models/roster.hpp"  // set_position_headcount

namespace twotier::model {
namespace {

// Demand hours per week, flattened [unit * skills + skill].
std::vector<double> demand_of(const ModelSpec& spec) {
  std::vector<double> demand(spec.units.size() * spec.skills.size(), 0.0);
  for (const SkillLoad& l : offered_load(spec))
    demand[static_cast<std::size_t>(l.unit) * spec.skills.size() +
           static_cast<std::size_t>(l.skill)] = l.demand_hours_per_week;
  return demand;
}

// A position losing work of one skill, and the officer-equivalents of that work.
struct Giver {
  int position = 0;
  double equivalents = 0.0;
};

// Demand below this (hours a week) is rounding noise of the offered-load sums.
bool moved(double from, double to) {
  return std::abs(to - from) > 1e-9 * (1.0 + std::abs(from));
}

// Per skill, the positions of `before` that lose demand of it, with officer-equivalents.
std::vector<std::vector<Giver>> givers_of(const ModelSpec& before, const std::vector<double>& d0,
                                          const std::vector<double>& d1) {
  const std::size_t skills = before.skills.size();
  // Each position's demand before: its capacity share of every skill it covers.
  std::vector<double> covering(d0.size(), 0.0);  // officers x dossier share per (unit, skill)
  for (const PositionSpec& p : before.positions)
    for (const int s : p.skills)
      covering[static_cast<std::size_t>(p.unit) * skills + static_cast<std::size_t>(s)] +=
          p.officers * p.dossier_share;
  auto share_of = [&](const PositionSpec& p, int s) {
    const double c =
        covering[static_cast<std::size_t>(p.unit) * skills + static_cast<std::size_t>(s)];
    return c > 0 ? p.officers * p.dossier_share / c : 0.0;
  };
  std::vector<std::vector<Giver>> out(skills);
  for (std::size_t i = 0; i < before.positions.size(); ++i) {
    const PositionSpec& p = before.positions[i];
    if (p.officers <= 0) continue;
    double demand = 0.0;
    for (const int s : p.skills)
      demand += d0[static_cast<std::size_t>(p.unit) * skills + static_cast<std::size_t>(s)] *
                share_of(p, s);
    if (demand <= 0) continue;
    for (const int s : p.skills) {
      const std::size_t k = static_cast<std::size_t>(p.unit) * skills + static_cast<std::size_t>(s);
      if (!moved(d0[k], d1[k]) || d1[k] > d0[k]) continue;
      const double lost = (d0[k] - d1[k]) * share_of(p, s);
      out[static_cast<std::size_t>(s)].push_back({static_cast<int>(i), p.officers * lost / demand});
    }
  }
  return out;
}

// Splits `total` whole units over `weights` by largest remainder, each at most `cap[i]`
// (what the cap refuses goes to the next largest remainders; ties: the lower index).
std::vector<int> largest_remainder(int total, const std::vector<double>& weights,
                                   const std::vector<int>& cap) {
  std::vector<int> out(weights.size(), 0);
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (total <= 0 || sum <= 0) return out;
  std::vector<double> exact(weights.size());
  int given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    exact[i] = total * weights[i] / sum;
    out[i] = std::min(cap[i], static_cast<int>(std::floor(exact[i])));
    given += out[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return exact[a] - out[a] > exact[b] - out[b];
  });
  while (given < total) {
    bool any = false;
    for (const std::size_t i : order) {
      if (given >= total) break;
      if (out[i] >= cap[i]) continue;
      ++out[i];
      ++given;
      any = true;
    }
    if (!any) break;  // every giver at its cap: fewer officers move
  }
  return out;
}

}  // namespace

std::vector<double> moved_officer_equivalents(const ModelSpec& before, const ModelSpec& after) {
  const std::vector<std::vector<Giver>> givers =
      givers_of(before, demand_of(before), demand_of(after));
  std::vector<double> out(before.skills.size(), 0.0);
  for (std::size_t s = 0; s < givers.size(); ++s)
    for (const Giver& g : givers[s])
      out[s] += g.equivalents;
  return out;
}

std::vector<StaffMove> move_staff_with_work(const ModelSpec& before, ModelSpec& spec,
                                            const StaffFollowRule& rule) {
  const std::size_t skills = spec.skills.size();
  const std::vector<double> d0 = demand_of(before);
  const std::vector<double> d1 = demand_of(spec);
  const std::vector<std::vector<Giver>> givers = givers_of(before, d0, d1);

  // Officers to move per skill.
  std::vector<double> equivalents(skills, 0.0);
  for (std::size_t s = 0; s < skills; ++s)
    for (const Giver& g : givers[s])
      equivalents[s] += g.equivalents;
  std::vector<int> target(skills, 0);
  if (rule.officers >= 0) {
    target = largest_remainder(rule.officers, equivalents, std::vector<int>(skills, rule.officers));
  } else {
    for (std::size_t s = 0; s < skills; ++s)
      target[s] = static_cast<int>(std::lround(rule.share * equivalents[s]));
  }

  // Officers a position may still give: anonymous roster officers holding only it, less one
  // while work of its skills stays at its unit.
  std::vector<int> removable(spec.positions.size(), 0);
  for (const OfficerSpec& o : spec.staff.roster)
    if (o.positions.size() == 1) ++removable[static_cast<std::size_t>(o.positions.front())];
  if (spec.staff.roster.empty())  // derived from the counts (specs built in code)
    for (std::size_t p = 0; p < spec.positions.size(); ++p)
      removable[p] = spec.positions[p].officers;
  for (std::size_t p = 0; p < before.positions.size(); ++p) {
    const PositionSpec& position = spec.positions[p];
    const bool work_left = std::any_of(position.skills.begin(), position.skills.end(), [&](int s) {
      return d1[static_cast<std::size_t>(position.unit) * skills + static_cast<std::size_t>(s)] > 0;
    });
    removable[p] = std::min(removable[p], position.officers - (work_left ? 1 : 0));
    removable[p] = std::max(removable[p], 0);
  }

  // Units whose demand of skill s rose, and by how much.
  auto receivers_of = [&](std::size_t s, std::vector<int>& units, std::vector<double>& gain) {
    for (std::size_t u = 0; u < spec.units.size(); ++u) {
      const std::size_t k = u * skills + s;
      if (d1[k] > d0[k] && moved(d0[k], d1[k])) {
        units.push_back(static_cast<int>(u));
        gain.push_back(d1[k] - d0[k]);
      }
    }
  };

  // Officers each giving position gives, per skill (by largest remainder of equivalents).
  std::vector<std::vector<int>> give(skills);
  std::vector<int> taken_from(spec.positions.size(), 0);
  int total_moved = 0;
  for (std::size_t s = 0; s < skills; ++s) {
    if (target[s] <= 0 || givers[s].empty()) continue;
    std::vector<double> weights;
    std::vector<int> cap;
    for (const Giver& g : givers[s]) {
      weights.push_back(g.equivalents);
      cap.push_back(removable[static_cast<std::size_t>(g.position)] -
                    taken_from[static_cast<std::size_t>(g.position)]);
    }
    std::vector<int> units;
    std::vector<double> gain;
    receivers_of(s, units, gain);
    if (units.empty()) continue;  // nobody gains the work: nobody moves
    give[s] = largest_remainder(target[s], weights, cap);
    for (std::size_t k = 0; k < give[s].size(); ++k) {
      taken_from[static_cast<std::size_t>(givers[s][k].position)] += give[s][k];
      total_moved += give[s][k];
    }
  }
  std::vector<StaffMove> moves;
  if (rule.destination == StaffDestination::kPool) {
    // The pool serves commune-level units: work moving up keeps its officers where they are.
    std::vector<std::uint8_t> eligible(spec.units.size(), 0);
    for (std::size_t s = 0; s < skills; ++s) {
      if (give[s].empty()) continue;
      std::vector<int> units;
      std::vector<double> gain;
      receivers_of(s, units, gain);
      bool commune = false;
      for (const int u : units)
        if (spec.units[static_cast<std::size_t>(u)].tier() == Tier::kCommune) {
          eligible[static_cast<std::size_t>(u)] = 1;
          commune = true;
        }
      if (commune) continue;
      for (std::size_t k = 0; k < give[s].size(); ++k) {
        taken_from[static_cast<std::size_t>(givers[s][k].position)] -= give[s][k];
        total_moved -= give[s][k];
      }
      give[s].clear();
    }
    // Whole teams only: the officers beyond the last full team stay (the last skills' givers).
    const int team = std::max(1, rule.pool_team);
    int excess = total_moved % team;
    for (std::size_t s = skills; s-- > 0 && excess > 0;)
      for (std::size_t k = give[s].size(); k-- > 0 && excess > 0;) {
        const int n = std::min(excess, give[s][k]);
        give[s][k] -= n;
        taken_from[static_cast<std::size_t>(givers[s][k].position)] -= n;
        excess -= n;
        total_moved -= n;
      }
    MobileTeamSpec& m = spec.levers.mobile;
    std::vector<int> pay_positions;
    std::vector<double> pay_weights;
    for (std::size_t s = 0; s < skills; ++s) {
      int n = 0;
      for (std::size_t k = 0; k < give[s].size(); ++k) {
        if (give[s][k] <= 0) continue;
        const int from = givers[s][k].position;
        moves.push_back(StaffMove{static_cast<int>(s),
                                  spec.positions[static_cast<std::size_t>(from)].unit, from, -1, -1,
                                  give[s][k]});
        pay_positions.push_back(from);
        pay_weights.push_back(give[s][k]);
        n += give[s][k];
      }
      if (n > 0) m.skills.push_back(static_cast<int>(s));
    }
    if (total_moved > 0) {
      m.enabled = true;
      m.teams = total_moved / team;
      m.officers = team;
      m.trigger = MobileTrigger::kQueued;
      m.threshold = rule.pool_threshold;
      m.period_days = rule.pool_period_days;
      const PositionPay pay =
          weighted_pay(spec, pay_positions, pay_weights, "the moved officers' mean pay");
      m.position_at_unit.assign(spec.units.size(), -1);
      for (std::size_t u = 0; u < spec.units.size(); ++u) {
        if (!eligible[u]) continue;
        m.position_at_unit[u] = static_cast<int>(spec.positions.size());
        spec.positions.push_back(
            PositionSpec{static_cast<int>(u), "delegated_pool", 0, m.skills, 1.0, {}});
        spec.positions.back().pay = pay;
      }
    } else {
      moves.clear();
      std::fill(taken_from.begin(), taken_from.end(), 0);
    }
  }
  for (std::size_t s = 0; s < skills && rule.destination == StaffDestination::kFollow; ++s) {
    const int total = std::accumulate(give[s].begin(), give[s].end(), 0);
    if (total <= 0) continue;
    // Receivers: units whose demand of the skill rose, by their share of the rise.
    std::vector<int> units;
    std::vector<double> gain;
    receivers_of(s, units, gain);
    const std::vector<int> get =
        largest_remainder(total, gain, std::vector<int>(units.size(), total));
    // The givers' mean dossier share and pay (officer-weighted) for the receiving positions.
    double share_sum = 0.0;
    std::vector<int> pay_positions;
    std::vector<double> pay_weights;
    for (std::size_t g = 0; g < give[s].size(); ++g) {
      const int from = givers[s][g].position;
      share_sum += give[s][g] * spec.positions[static_cast<std::size_t>(from)].dossier_share;
      pay_positions.push_back(from);
      pay_weights.push_back(give[s][g]);
    }
    const double dossier_share = share_sum / total;
    const PositionPay pay =
        weighted_pay(spec, pay_positions, pay_weights, "the moved officers' mean pay");
    // Pair givers with receivers in order (a transport plan), one StaffMove per block.
    std::size_t g = 0;
    int left_at_giver = give[s].empty() ? 0 : give[s][0];
    for (std::size_t r = 0; r < units.size(); ++r) {
      if (get[r] <= 0) continue;
      const int position = static_cast<int>(spec.positions.size());
      spec.positions.push_back(PositionSpec{
          units[r], "moved_" + spec.skills[s], get[r], {static_cast<int>(s)}, dossier_share, {}});
      spec.positions.back().pay = pay;
      int need = get[r];
      while (need > 0 && g < give[s].size()) {
        if (left_at_giver == 0) {
          left_at_giver = ++g < give[s].size() ? give[s][g] : 0;
          continue;
        }
        const int n = std::min(need, left_at_giver);
        const int from = givers[s][g].position;
        moves.push_back(StaffMove{static_cast<int>(s),
                                  spec.positions[static_cast<std::size_t>(from)].unit, from,
                                  units[r], position, n});
        need -= n;
        left_at_giver -= n;
      }
    }
  }

  // Take the officers off the givers: the position's count and its last single-duty officers
  // (removable[] counted only those, so this cannot throw).
  for (std::size_t p = 0; p < taken_from.size(); ++p)
    if (taken_from[p] > 0)
      set_position_headcount(spec, static_cast<int>(p), spec.positions[p].officers - taken_from[p]);
  spec.levers.staff_moves.insert(spec.levers.staff_moves.end(), moves.begin(), moves.end());
  return moves;
}

}  // namespace twotier::model
