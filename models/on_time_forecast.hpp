// A queueing forecast of the on-time rate, without simulation: what `twotier check` predicts
// per unit, unit × skill and procedure, to warn before a run when deadlines will be missed
// even though every rho < 1. The method (docs/decision-support.md, "What `check` predicts"):
//
// - Stations: within a unit, skills that share officers (a position covering several skills,
//   an officer with concurrent posts) form one pool served by all their officers: c servers
//   with capacity sum(dossier_share x speed x presence) working hours per working hour.
// - Load, hour by hour over the run: each arrival stream's rate (hour-of-week, month, trend,
//   surges; or the replayed log) times the work its procedure brings to each pool: every
//   officer step, its supplementation passes (expected_step_visits) and its rework
//   (rework_factors), effort over the pool's mean speed.
// - Waiting at a pool for a task arriving in hour k: a fluid backlog (work arrived minus work
//   the pool could do, carried over hours and days, never below 0) drained at the pool's
//   capacity, plus the stationary M/G/c wait of the Allen–Cunneen approximation at the
//   utilisation of the past working week (Erlang C x (1 + cs^2) / 2 / (c mu - lambda), Poisson
//   arrivals, cs^2 the pool's service-time SCV): zero with probability 1 - C, else
//   exponential.
// - A dossier's clock time in working hours: waits and services of every officer step
//   (times its visits), signing sessions, delays that do not pause the clock, transfers and
//   field checks (calendar lags converted at the calendar's working share of the week);
//   supplementation time with the citizen is excluded (the clock pauses or restarts). Its
//   mean and variance give a lognormal; the on-time probability is P(T <= D), D the working
//   time from receipt to the statutory appointment of a receipt in hour k (receipt cut-off,
//   holidays, the statutory calendar). Averaged over the arrivals after warm-up.
//
// Pure function of the spec; safe from any thread. Costs O(hours x (pools + routes)).
#pragma once

#include <vector>

#include "models/spec.hpp"

namespace twotier::model {

struct StationForecast {
  int unit = 0;                   // index into ModelSpec::units
  int skill = 0;                  // index into ModelSpec::skills
  int officers = 0;               // servers of the skill's pool (officers sharing the skills)
  double utilization = 0.0;       // the pool's work / capacity over the run (+inf: no capacity)
  double peak_utilization = 0.0;  // the highest week's utilisation of the pool
  double wait_hours_mean = 0.0;   // mean working hours a task waits at the pool (arrival-weighted)
  double on_time_rate = 0.0;      // predicted on-time rate of the dossiers with a step here
};

struct RouteForecast {
  int unit = 0;                   // filing unit
  int procedure = 0;              // index into ModelSpec::procedures
  double dossiers = 0.0;          // expected completions after warm-up (arrivals x (1 - withdrawn))
  double clock_hours_mean = 0.0;  // mean working hours on the statutory clock
  double on_time_rate = 0.0;
};

struct OnTimeForecast {
  double target = 0.9;                    // on_time_target(spec)
  std::vector<StationForecast> stations;  // unit × skill with work, by unit then skill
  std::vector<RouteForecast> routes;      // (filing unit, procedure) with dossiers
  std::vector<double> unit_on_time;       // per unit: its filed dossiers; NaN where none
};

OnTimeForecast forecast_on_time(const ModelSpec& spec);

// [scenario] on_time_target of the scenario (validated by the loader, 0 to 1; read from the
// resolved scenario text), 0.9 when absent.
double on_time_target(const ModelSpec& spec);

}  // namespace twotier::model
