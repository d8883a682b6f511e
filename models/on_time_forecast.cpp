// The on-time forecast of `twotier check` (see on_time_forecast.hpp for the method).
#include "models/on_time_forecast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "models/offered_load.hpp"  // expected_step_visits, rework_factors
#include "models/roster.hpp"        // effective_roster
#include "models/work_routing.hpp"
#include "sim/civil_date.hpp"

#include <toml++/toml.h>

namespace twotier::model {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHour = sim::kSecondsPerHour;
// The stationary (Allen–Cunneen) part is evaluated at most at this utilisation; above it the
// fluid backlog carries the overload.
constexpr double kStationaryRhoCap = 0.98;
// Weight of one hour in the running week used for the stationary utilisation.
constexpr double kWeekSmoothing = 1.0 / 168.0;

// Probability that an arrival waits in M/M/c with offered load a (erlangs) and c servers:
// Erlang B by its stable recursion, then C = c B / (c - a (1 - B)). REQUIRES a < c.
double probability_of_waiting(int servers, double offered) {
  double blocking = 1.0;
  for (int k = 1; k <= servers; ++k)
    blocking = offered * blocking / (k + offered * blocking);
  return servers * blocking / (servers - offered * (1.0 - blocking));
}

// P(T <= d) for T lognormal with the given mean and variance (a point mass when var == 0).
double lognormal_within(double mean, double variance, double d) {
  if (!(d >= 0.0) || std::isinf(mean)) return 0.0;
  if (mean <= 0.0) return 1.0;
  if (variance <= 1e-12 * mean * mean) return mean <= d ? 1.0 : 0.0;
  if (d <= 0.0) return 0.0;
  const double s2 = std::log1p(variance / (mean * mean));
  const double mu = std::log(mean) - 0.5 * s2;
  return 0.5 * std::erfc(-(std::log(d) - mu) / std::sqrt(2.0 * s2));
}

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
  void add(const Moments& m) {
    mean += m.mean;
    variance += m.variance;
  }
};

// A lag in working hours: calendar lags scaled by the calendar's working share of the time.
Moments working_hours(const DelaySpec& delay, double working_share) {
  const double k = delay.working_time ? 1.0 : working_share;
  return {k * delay.hours.mean(), k * k * delay.hours.variance()};
}

struct Pool {
  int unit = 0;
  int servers = 0;              // officers (rounded active headcount)
  double capacity = 0.0;        // officers present on average (servers x presence)
  double speed = 1.0;           // mean dossier_share x speed of its officers (service = e / speed)
  double tasks = 0.0;           // accumulated over the run (for the pooled service moments)
  double service_sum = 0.0;     // sum of tasks x service mean
  double service_square = 0.0;  // sum of tasks x E[S^2]
  // Running state over the hours.
  double backlog = 0.0;  // officer-hours of work waiting beyond what the pool could do
  double work_smoothed = 0.0, capacity_smoothed = 0.0;
  double work_total = 0.0, capacity_total = 0.0, peak = 0.0;
  double week_work = 0.0, week_capacity = 0.0;
  double wait_weighted = 0.0, wait_weight = 0.0;
  // This hour's wait of a task arriving at the pool.
  Moments wait;
};

struct OfficerStep {
  int pool = 0;
  double visits = 0.0;  // supplementation passes x rework
  Moments service;      // working hours at the pool's speed
};

struct Route {
  int unit = 0;
  int procedure = 0;
  int calendar = 0;
  double completion = 1.0;                      // share of arrivals that are not withdrawn
  std::vector<std::pair<int, double>> streams;  // (profile, per_day)
  std::vector<double> replayed;                 // per hour, replay scenarios only
  std::vector<OfficerStep> steps;
  Moments fixed;              // signing, delays, transfers, field checks
  std::vector<int> stations;  // unit * skills + skill of its officer steps (distinct)
  double weighted_on_time = 0.0, weight = 0.0, weighted_hours = 0.0;
};

class Forecaster {
 public:
  explicit Forecaster(const ModelSpec& spec) : spec_(spec) {}

  OnTimeForecast run() {
    hours_ =
        std::max<int>(1, static_cast<int>(std::ceil((spec_.end - spec_.start).seconds / kHour)));
    warmup_hours_ = static_cast<int>(std::floor(spec_.warmup.seconds / kHour));
    tabulate_calendars();
    build_pools();
    build_routes();
    tabulate_profiles();
    accumulate_service_moments();
    for (int k = 0; k < hours_; ++k)
      step_hour(k);
    return summarize();
  }

 private:
  double hour_rate(const Route& route, int k) const {
    if (!spec_.replay.empty()) return route.replayed[static_cast<std::size_t>(k)];
    double rate = 0.0;
    for (const auto& [profile, per_day] : route.streams)
      rate += per_day / 24.0 * profile_factor_[static_cast<std::size_t>(profile)][k];
    return rate;
  }

  sim::Instant hour_start(int k) const { return spec_.start + sim::Duration::from_hours(k); }

  void tabulate_calendars() {
    working_.assign(spec_.calendars.size(), std::vector<double>(static_cast<std::size_t>(hours_)));
    working_share_.assign(spec_.calendars.size(), 0.0);
    for (std::size_t c = 0; c < spec_.calendars.size(); ++c) {
      double total = 0.0;
      for (int k = 0; k < hours_; ++k) {
        const sim::Instant from = hour_start(k);
        const sim::Instant to = std::min(spec_.end, from + sim::Duration::from_hours(1));
        const double h = to > from ? spec_.calendars[c].working_time_between(from, to).hours() : 0;
        working_[c][static_cast<std::size_t>(k)] = h;
        total += h;
      }
      working_share_[c] = total / hours_;
    }
  }

  // Pools: a union-find over each unit's skills, joined by positions and concurrent posts.
  void build_pools() {
    const std::size_t skills = spec_.skills.size();
    std::vector<std::size_t> parent(spec_.units.size() * skills);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&](std::size_t i) {
      while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
      return i;
    };
    auto key = [&](int unit, int skill) {
      return static_cast<std::size_t>(unit) * skills + static_cast<std::size_t>(skill);
    };
    const std::vector<OfficerSpec> roster = effective_roster(spec_);
    for (const OfficerSpec& officer : roster) {
      int first = -1;
      for (const int p : officer.positions)
        for (const int skill : spec_.positions[static_cast<std::size_t>(p)].skills) {
          const std::size_t i = find(key(officer.unit, skill));
          if (first < 0)
            first = static_cast<int>(i);
          else
            parent[i] = find(static_cast<std::size_t>(first));
        }
    }
    pool_of_.assign(parent.size(), -1);
    std::map<std::size_t, int> root_pool;
    for (std::size_t i = 0; i < parent.size(); ++i) {
      const std::size_t root = find(i);
      auto [it, added] = root_pool.emplace(root, static_cast<int>(pools_.size()));
      if (added) {
        pools_.emplace_back();
        pools_.back().unit = static_cast<int>(i / skills);
      }
      pool_of_[i] = it->second;
    }
    const double first_day = std::floor(spec_.start.days()), last_day = std::ceil(spec_.end.days());
    const double days = std::max(1.0, last_day - first_day);
    std::vector<double> active(pools_.size(), 0.0), speed(pools_.size(), 0.0);
    for (const OfficerSpec& officer : roster) {
      if (officer.positions.empty()) continue;
      const auto& position = spec_.positions[static_cast<std::size_t>(officer.positions.front())];
      if (position.skills.empty()) continue;
      const int pool = pool_of_[key(officer.unit, position.skills.front())];
      const double from = std::max<double>(first_day, officer.from_day);
      const double until = std::min<double>(last_day, officer.until_day);
      const double in_post = std::max(0.0, until - from) / days;
      const double presence =
          (1.0 - officer.sick_rate) * std::max(0.0, 1.0 - officer.leave_days_per_year / 250.0);
      const double rate = officer.dossier_share * officer.speed;
      Pool& p = pools_[static_cast<std::size_t>(pool)];
      p.capacity += in_post * presence;
      active[static_cast<std::size_t>(pool)] += in_post;
      speed[static_cast<std::size_t>(pool)] += in_post * rate;
    }
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      pools_[p].servers = static_cast<int>(std::lround(active[p]));
      if (pools_[p].servers == 0 && active[p] > 0) pools_[p].servers = 1;
      pools_[p].speed = active[p] > 0 ? speed[p] / active[p] : 1.0;
    }
  }

  void build_routes() {
    const std::size_t procedures = spec_.procedures.size();
    const std::size_t skills = spec_.skills.size();
    const std::vector<double> rework = rework_factors(spec_);
    std::map<std::pair<int, int>, std::size_t> index;
    auto route_of = [&](int unit, int procedure) -> Route& {
      auto [it, added] = index.emplace(std::make_pair(unit, procedure), routes_.size());
      if (added) {
        routes_.emplace_back();
        routes_.back().unit = unit;
        routes_.back().procedure = procedure;
      }
      return routes_[it->second];
    };
    if (spec_.replay.empty()) {
      for (const auto& stream : spec_.arrivals)
        if (stream.per_day > 0)
          route_of(stream.unit, stream.procedure)
              .streams.emplace_back(stream.profile, stream.per_day);
    } else {
      for (const auto& a : spec_.replay) {
        const int k = static_cast<int>(std::floor((a.received - spec_.start).seconds / kHour));
        if (k < 0 || k >= hours_) continue;
        Route& route = route_of(a.unit, a.procedure);
        route.replayed.resize(static_cast<std::size_t>(hours_), 0.0);
        route.replayed[static_cast<std::size_t>(k)] += 1.0;
      }
    }
    (void)procedures;
    for (Route& route : routes_) {
      const ProcedureSpec& procedure = spec_.procedures[static_cast<std::size_t>(route.procedure)];
      const UnitSpec& filing = spec_.units[static_cast<std::size_t>(route.unit)];
      route.calendar = filing.calendar;
      const double share = working_share_[static_cast<std::size_t>(filing.calendar)];
      double clean = 1.0;
      for (const StepSpec& step : procedure.steps)
        clean *= 1.0 - step.incomplete_probability;
      route.completion = 1.0 - procedure.withdraw_probability * (1.0 - clean);
      const std::vector<double> visits = expected_step_visits(procedure);
      for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
        const StepSpec& step = procedure.steps[s];
        if (step.field_check_probability > 0) {
          const Moments check = working_hours(step.field_check, share);
          const double q = step.field_check_probability;
          route.fixed.add({q * check.mean, q * (check.variance + check.mean * check.mean) -
                                               q * q * check.mean * check.mean});
        }
        if (step.kind == StepKind::kDelay) {
          if (!step.pauses_clock) route.fixed.add(working_hours(step.effort, share));
          continue;
        }
        if (step.kind == StepKind::kTransfer) {
          route.fixed.add(working_hours(step.tier == Tier::kProvince
                                            ? filing.transfer_to_province
                                            : filing.transfer_from_province,
                                        share));
          continue;
        }
        if (!needs_officer(step.kind)) continue;
        const int unit =
            step.tier == Tier::kCommune
                ? commune_step_unit(spec_, procedure, step, route.unit)
                : spec_.province_unit_for_domain[static_cast<std::size_t>(procedure.domain)];
        if (unit < 0) continue;
        const std::size_t station =
            static_cast<std::size_t>(unit) * skills + static_cast<std::size_t>(step.skill);
        const Pool& pool = pools_[static_cast<std::size_t>(pool_of_[station])];
        const double speed = pool.speed > 0 ? pool.speed : 1.0;
        route.steps.push_back(
            {pool_of_[station],
             visits[s] * rework[station],
             {step.effort.hours.mean() / speed, step.effort.hours.variance() / (speed * speed)}});
        if (std::find(route.stations.begin(), route.stations.end(), static_cast<int>(station)) ==
            route.stations.end())
          route.stations.push_back(static_cast<int>(station));
        signing_wait(unit, step, route.steps.back().visits, route.fixed);
      }
    }
  }

  // A signature step at a unit with signing sessions waits for the next one: uniform over
  // the gap between sessions (the working day split evenly).
  void signing_wait(int unit, const StepSpec& step, double visits, Moments& fixed) const {
    if (step.kind != StepKind::kSignature || spec_.staff.units.empty()) return;
    const auto& sessions = spec_.staff.units[static_cast<std::size_t>(unit)].signing_seconds_of_day;
    if (sessions.empty()) return;
    const double gap = spec_.workday_hours / static_cast<double>(sessions.size());
    fixed.add({visits * gap / 2.0, visits * gap * gap / 12.0});
  }

  void tabulate_profiles() {
    if (!spec_.replay.empty()) return;
    const std::int64_t epoch = sim::days_from_civil(spec_.epoch_date);
    const auto first_day = static_cast<std::int64_t>(std::floor(spec_.start.days()));
    profile_factor_.assign(spec_.profiles.size(),
                           std::vector<double>(static_cast<std::size_t>(hours_)));
    for (int k = 0; k < hours_; ++k) {
      const double seconds = hour_start(k).seconds;
      const auto day = static_cast<std::int64_t>(std::floor(seconds / sim::kSecondsPerDay));
      const int hour =
          static_cast<int>((seconds - static_cast<double>(day) * sim::kSecondsPerDay) / kHour);
      const sim::CivilDate date = sim::civil_from_days(epoch + day);
      const int how = sim::weekday(date) * 24 + std::clamp(hour, 0, 23);
      for (std::size_t p = 0; p < spec_.profiles.size(); ++p) {
        const ProfileSpec& profile = spec_.profiles[p];
        double factor =
            profile.week[static_cast<std::size_t>(how)] *
            profile.month[static_cast<std::size_t>(date.month - 1)] *
            std::pow(1.0 + profile.yearly_trend, static_cast<double>(day - first_day) / 365.25);
        for (const auto& surge : profile.surges)
          if (surge.from <= date && date <= surge.to) factor *= surge.factor;
        profile_factor_[p][static_cast<std::size_t>(k)] = factor;
      }
    }
  }

  // The pooled service-time moments of each pool, weighted by the tasks over the run.
  void accumulate_service_moments() {
    for (const Route& route : routes_) {
      double arrivals = 0.0;
      for (int k = 0; k < hours_; ++k)
        arrivals += hour_rate(route, k);
      for (const OfficerStep& step : route.steps) {
        Pool& pool = pools_[static_cast<std::size_t>(step.pool)];
        const double tasks = arrivals * step.visits;
        pool.tasks += tasks;
        pool.service_sum += tasks * step.service.mean;
        pool.service_square +=
            tasks * (step.service.variance + step.service.mean * step.service.mean);
      }
    }
  }

  void step_hour(int k) {
    const auto kk = static_cast<std::size_t>(k);
    // Waits seen by this hour's arrivals, from the state the past hours left.
    for (Pool& pool : pools_) {
      pool.wait = {};
      if (pool.tasks <= 0) continue;
      if (pool.capacity <= 0 || pool.servers <= 0) {
        pool.wait = {kInfinity, 0.0};
        continue;
      }
      const double mean_service = pool.service_sum / pool.tasks;
      const double scv =
          std::max(0.0, pool.service_square / pool.tasks / (mean_service * mean_service) - 1.0);
      pool.wait.mean = pool.backlog / pool.capacity;  // the fluid backlog, drained at capacity
      const double rho =
          pool.capacity_smoothed > 0
              ? std::min(kStationaryRhoCap, pool.work_smoothed / pool.capacity_smoothed)
              : 0.0;
      if (rho > 0) {
        const int c = pool.servers;
        const double waiting = probability_of_waiting(c, rho * c);
        // Allen–Cunneen: Wq = C / (c mu (1 - rho)) x (ca^2 + cs^2) / 2 with ca^2 = 1; service
        // times are stretched by the pool's presence (capacity / (servers x speed)).
        const double stretch = pool.servers / pool.capacity;
        const double service = mean_service * stretch;
        double wq = waiting * service * (1.0 + scv) / (2.0 * c * (1.0 - rho));
        // Near rho = 1 the stationary queue needs far longer than a week to build up: cap it at
        // the mean of a reflected Brownian motion of the work (variance rate lambda E[S^2])
        // after one week of working time, drained by c servers. The fluid backlog carries
        // any sustained overload.
        const double week = 168.0 * working_share_[static_cast<std::size_t>(
                                        spec_.units[static_cast<std::size_t>(pool.unit)].calendar)];
        const double variance_rate = rho * c * service * (1.0 + scv);
        wq = std::min(wq, std::sqrt(2.0 * variance_rate * week / std::numbers::pi) / c);
        const double theta = wq / waiting;  // mean wait of those who wait (exponential)
        pool.wait.mean += wq;
        pool.wait.variance += 2.0 * waiting * theta * theta - wq * wq;
      }
    }
    // This hour's arrivals: their on-time probability, and the work they bring.
    std::vector<double> work(pools_.size(), 0.0);
    for (Route& route : routes_) {
      const double rate = hour_rate(route, k);
      if (rate <= 0) continue;
      Moments clock = route.fixed;
      for (const OfficerStep& step : route.steps) {
        const Pool& pool = pools_[static_cast<std::size_t>(step.pool)];
        work[static_cast<std::size_t>(step.pool)] += rate * step.visits * step.service.mean;
        clock.add({step.visits * (pool.wait.mean + step.service.mean),
                   step.visits * (pool.wait.variance + step.service.variance)});
      }
      if (k < warmup_hours_) continue;
      const double deadline = deadline_hours(route, k);
      if (std::isnan(deadline)) continue;
      const double weight = rate * route.completion;
      route.weighted_on_time += weight * lognormal_within(clock.mean, clock.variance, deadline);
      route.weight += weight;
      route.weighted_hours += weight * clock.mean;
      for (const OfficerStep& step : route.steps) {
        Pool& pool = pools_[static_cast<std::size_t>(step.pool)];
        pool.wait_weighted += rate * step.visits * pool.wait.mean;
        pool.wait_weight += rate * step.visits;
      }
    }
    // The pools work through the hour.
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      Pool& pool = pools_[p];
      const double capacity =
          pool.capacity * working_[static_cast<std::size_t>(
                              spec_.units[static_cast<std::size_t>(pool.unit)].calendar)][kk];
      pool.backlog = std::max(0.0, pool.backlog + work[p] - capacity);
      pool.work_smoothed += kWeekSmoothing * (work[p] - pool.work_smoothed);
      pool.capacity_smoothed += kWeekSmoothing * (capacity - pool.capacity_smoothed);
      if (k >= warmup_hours_) {
        pool.work_total += work[p];
        pool.capacity_total += capacity;
      }
      pool.week_work += work[p];
      pool.week_capacity += capacity;
      if ((k + 1) % 168 == 0 || k + 1 == hours_) {
        // Weeks the office is closed throughout (Tết) carry their work to the next week.
        if (pool.week_capacity > 0) {
          pool.peak = std::max(pool.peak, pool.week_work / pool.week_capacity);
          pool.week_work = 0.0;
        }
        pool.week_capacity = 0.0;
      }
    }
  }

  // Working hours (filing unit's calendar) from a receipt in the middle of hour k to its
  // statutory appointment; NaN when the appointment is past the calendar's range.
  double deadline_hours(const Route& route, int k) {
    const int days = spec_.procedures[static_cast<std::size_t>(route.procedure)].deadline_workdays;
    const auto cache_key = std::make_tuple(k, days, route.calendar);
    if (auto it = deadlines_.find(cache_key); it != deadlines_.end()) return it->second;
    const sim::Instant receipt = hour_start(k) + sim::Duration::from_hours(0.5);
    double hours = kNaN;
    try {
      const sim::Instant due =
          spec_.calendars[static_cast<std::size_t>(spec_.staff.statutory_calendar)].deadline_after(
              receipt, days, spec_.deadline_rule);
      hours = spec_.calendars[static_cast<std::size_t>(route.calendar)]
                  .working_time_between(receipt, std::max(receipt, due))
                  .hours();
    } catch (const std::out_of_range&) {
    }
    deadlines_.emplace(cache_key, hours);
    return hours;
  }

  OnTimeForecast summarize() const {
    OnTimeForecast out;
    out.target = on_time_target(spec_);
    const std::size_t skills = spec_.skills.size();
    std::vector<double> station_on_time(spec_.units.size() * skills, 0.0);
    std::vector<double> station_weight(station_on_time.size(), 0.0);
    std::vector<double> unit_on_time(spec_.units.size(), 0.0), unit_weight(spec_.units.size(), 0.0);
    for (const Route& route : routes_) {
      if (route.weight <= 0) continue;
      out.routes.push_back({route.unit, route.procedure, route.weight * 1.0,
                            route.weighted_hours / route.weight,
                            route.weighted_on_time / route.weight});
      unit_on_time[static_cast<std::size_t>(route.unit)] += route.weighted_on_time;
      unit_weight[static_cast<std::size_t>(route.unit)] += route.weight;
      for (const int station : route.stations) {
        station_on_time[static_cast<std::size_t>(station)] += route.weighted_on_time;
        station_weight[static_cast<std::size_t>(station)] += route.weight;
      }
    }
    for (std::size_t u = 0; u < spec_.units.size(); ++u)
      out.unit_on_time.push_back(unit_weight[u] > 0 ? unit_on_time[u] / unit_weight[u] : kNaN);
    for (std::size_t i = 0; i < station_weight.size(); ++i) {
      if (station_weight[i] <= 0) continue;
      const Pool& pool = pools_[static_cast<std::size_t>(pool_of_[i])];
      StationForecast station;
      station.unit = static_cast<int>(i / skills);
      station.skill = static_cast<int>(i % skills);
      station.officers = pool.servers;
      station.utilization = pool.capacity_total > 0 ? pool.work_total / pool.capacity_total
                                                    : (pool.work_total > 0 ? kInfinity : 0.0);
      station.peak_utilization = pool.peak;
      station.wait_hours_mean = pool.wait_weight > 0 ? pool.wait_weighted / pool.wait_weight : 0.0;
      station.on_time_rate = station_on_time[i] / station_weight[i];
      out.stations.push_back(station);
    }
    return out;
  }

  const ModelSpec& spec_;
  int hours_ = 0;
  int warmup_hours_ = 0;
  std::vector<std::vector<double>> working_;         // [calendar][hour] working hours in the hour
  std::vector<double> working_share_;                // [calendar] working hours / calendar hours
  std::vector<std::vector<double>> profile_factor_;  // [profile][hour]
  std::vector<int> pool_of_;                         // [unit * skills + skill]
  std::vector<Pool> pools_;
  std::vector<Route> routes_;
  std::map<std::tuple<int, int, int>, double> deadlines_;
};

}  // namespace

double on_time_target(const ModelSpec& spec) {
  constexpr double kDefault = 0.9;
  if (spec.source_text.empty()) return kDefault;
  try {
    const toml::table root = toml::parse(spec.source_text);
    return root["scenario"]["on_time_target"].value<double>().value_or(kDefault);
  } catch (const toml::parse_error&) {
    return kDefault;
  }
}

OnTimeForecast forecast_on_time(const ModelSpec& spec) {
  return Forecaster(spec).run();
}

}  // namespace twotier::model
