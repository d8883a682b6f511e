// Analytic staffing estimates per position, the starting point of the simulation search.
//
// Each position is treated as an M/M/c queue of step visits: arrival rate lambda (visits per
// working hour, from the long-run arrival rates and the visit ratios of models/offered_load),
// effective service time S / dossier_share (an officer spends only that share on dossiers),
// and an allowed wait T per visit (the statutory deadline spread over the procedure's work
// steps, half a working day for same-day services). Erlang C gives the fewest officers c with
// P(wait > T) <= 1 - level. The seasonal estimate uses the busiest week's rate instead of the
// mean (the modified offered load, which for service times of hours and rates changing over
// weeks equals lambda(t) E[S]). A skill shared by several positions is split among them in
// proportion to their dossier capacity. Pure functions; thread-safe.
#pragma once

#include <vector>

#include "models/spec.hpp"

namespace twotier::analysis {

struct PositionLoad {
  int position = 0;                   // index into ModelSpec::positions
  double visits_per_hour = 0.0;       // lambda per working hour (mean over the run)
  double peak_visits_per_hour = 0.0;  // lambda in the busiest week of the run
  double service_hours = 0.0;         // mean working effort per visit, E[S]
  double offered_load = 0.0;          // a = lambda E[S] / dossier_share, in officers
  double peak_offered_load = 0.0;     // a in the busiest week (modified offered load)
  double allowed_wait_hours = 0.0;    // T, visit-weighted over the steps served
};

struct AnalyticStaffing {
  PositionLoad load;
  int current = 0;        // officers in the scenario
  int erlang_c = 0;       // fewest officers with P(W > T) <= 1 - level at the mean load
  int erlang_c_peak = 0;  // the same at the busiest week's load
  int square_root = 0;    // rule of thumb a + sqrt(a) (beta = 1), rounded up
};

// Smallest c >= 1 with c > a and ErlangC(c, a) exp(-(c - a) T / S) <= 1 - level; 0 when a = 0.
// REQUIRES: offered_load >= 0, service_hours > 0 when offered_load > 0, allowed_wait >= 0,
// 0 < level < 1.
int erlang_c_staffing(double offered_load, double service_hours, double allowed_wait_hours,
                      double level);

// ceil(a + beta sqrt(a)), at least 1 when a > 0. REQUIRES: a >= 0, beta >= 0.
int square_root_staffing(double offered_load, double beta);

// The Halfin-Whitt beta whose delay probability 1 / (1 + beta Phi(beta) / phi(beta)) equals
// `delay_probability`. REQUIRES: 0 < delay_probability < 1.
double halfin_whitt_beta(double delay_probability);

// Loads of every position (in ModelSpec::positions order).
std::vector<PositionLoad> position_loads(const model::ModelSpec& spec);

// Loads and the three estimates for every position, at service level `level` (e.g. 0.98).
std::vector<AnalyticStaffing> analytic_staffing(const model::ModelSpec& spec, double level);

}  // namespace twotier::analysis
