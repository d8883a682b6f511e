// Analytic staffing estimates (see analytic_staffing.hpp).
#include "analysis/decisions/analytic_staffing.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "analysis/statistics/queueing_theory.hpp"
#include "models/offered_load.hpp"
#include "sim/civil_date.hpp"

namespace twotier::analysis {
namespace {

// Rate factor of `profile` on each day of the run (month shape, yearly trend, surges); the
// hour-of-week shape averages to 1 over a week and is left out.
std::vector<double> daily_factors(const model::ModelSpec& spec, const model::ProfileSpec& profile) {
  const auto first_day = static_cast<std::int64_t>(std::floor(spec.start.days()));
  const auto end_day = static_cast<std::int64_t>(std::ceil(spec.end.days()));
  const std::int64_t epoch = sim::days_from_civil(spec.epoch_date);
  std::vector<double> factors;
  for (std::int64_t day = first_day; day < end_day; ++day) {
    const sim::CivilDate date = sim::civil_from_days(epoch + day);
    double factor = profile.month[static_cast<std::size_t>(date.month - 1)];
    factor *= std::pow(1.0 + profile.yearly_trend, static_cast<double>(day - first_day) / 365.25);
    for (const auto& surge : profile.surges) {
      if (surge.from <= date && date <= surge.to) factor *= surge.factor;
    }
    factors.push_back(factor);
  }
  return factors;
}

// Mean factor of each whole or partial 7-day week of the run.
std::vector<double> weekly_means(const std::vector<double>& daily) {
  std::vector<double> weeks;
  for (std::size_t first = 0; first < daily.size(); first += 7) {
    const std::size_t last = std::min(daily.size(), first + 7);
    double sum = 0.0;
    for (std::size_t d = first; d < last; ++d)
      sum += daily[d];
    weeks.push_back(sum / static_cast<double>(last - first));
  }
  return weeks;
}

double normal_pdf(double x) {
  return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI);
}
double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

}  // namespace

int erlang_c_staffing(double offered_load, double service_hours, double allowed_wait_hours,
                      double level) {
  assert(offered_load >= 0 && allowed_wait_hours >= 0 && level > 0 && level < 1);
  if (offered_load <= 0) return 0;
  assert(service_hours > 0);
  int c = std::max(1, static_cast<int>(std::floor(offered_load)) + 1);
  for (;; ++c) {
    const double late = erlang_c(c, offered_load) *
                        std::exp(-(c - offered_load) * allowed_wait_hours / service_hours);
    if (late <= 1.0 - level) return c;
  }
}

int square_root_staffing(double offered_load, double beta) {
  assert(offered_load >= 0 && beta >= 0);
  if (offered_load <= 0) return 0;
  return std::max(
      1, static_cast<int>(std::ceil(offered_load + beta * std::sqrt(offered_load) - 1e-9)));
}

double halfin_whitt_beta(double delay_probability) {
  assert(delay_probability > 0 && delay_probability < 1);
  // The delay probability falls from 1 at beta = 0 towards 0; bisect on [0, 10].
  auto delay = [](double beta) { return 1.0 / (1.0 + beta * normal_cdf(beta) / normal_pdf(beta)); };
  double low = 0.0, high = 10.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (low + high);
    (delay(mid) > delay_probability ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

std::vector<PositionLoad> position_loads(const model::ModelSpec& spec) {
  const std::size_t units = spec.units.size();
  const std::size_t skills = spec.skills.size();
  const std::size_t procedures = spec.procedures.size();
  const std::size_t profiles = spec.profiles.size();

  // Per (unit, skill): visits and effort hours per calendar day, allowance-weighted visits,
  // and per profile visits (for the busiest week).
  std::vector<double> visits(units * skills, 0.0), hours(units * skills, 0.0),
      allowance(units * skills, 0.0);
  std::vector<double> visits_by_profile(units * skills * std::max<std::size_t>(profiles, 1), 0.0);
  std::vector<double> profile_mean(profiles, 1.0);
  std::vector<std::vector<double>> profile_weeks(profiles);
  for (std::size_t f = 0; f < profiles; ++f) {
    const auto daily = daily_factors(spec, spec.profiles[f]);
    double sum = 0.0;
    for (double x : daily)
      sum += x;
    profile_mean[f] = daily.empty() ? 1.0 : sum / static_cast<double>(daily.size());
    profile_weeks[f] = weekly_means(daily);
  }
  // Rates per (unit, procedure, profile): from the streams (or the replayed log, profile 0).
  std::vector<double> rate(units * procedures * std::max<std::size_t>(profiles, 1), 0.0);
  if (spec.replay.empty()) {
    for (const auto& stream : spec.arrivals) {
      const auto f = static_cast<std::size_t>(stream.profile);
      rate[(static_cast<std::size_t>(stream.unit) * procedures +
            static_cast<std::size_t>(stream.procedure)) *
               std::max<std::size_t>(profiles, 1) +
           f] += stream.per_day * profile_mean[f];
    }
  } else {
    const std::vector<double> per_day = model::arrivals_per_day(spec);
    for (std::size_t i = 0; i < per_day.size(); ++i)
      rate[i * std::max<std::size_t>(profiles, 1)] += per_day[i];
  }
  for (std::size_t p = 0; p < procedures; ++p) {
    const model::ProcedureSpec& procedure = spec.procedures[p];
    const std::vector<double> step_visits = model::expected_step_visits(procedure);
    int work_steps = 0;
    for (const auto& step : procedure.steps)
      work_steps += step.kind == model::StepKind::kWork;
    const double budget_hours = std::max(0.5, static_cast<double>(procedure.deadline_workdays)) *
                                spec.workday_hours / std::max(1, work_steps);
    for (std::size_t filing = 0; filing < units; ++filing) {
      for (std::size_t f = 0; f < std::max<std::size_t>(profiles, 1); ++f) {
        const double per_day =
            rate[(filing * procedures + p) * std::max<std::size_t>(profiles, 1) + f];
        if (per_day <= 0) continue;
        for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
          const model::StepSpec& step = procedure.steps[s];
          if (step.kind != model::StepKind::kWork) continue;
          const int unit =
              step.tier == model::Tier::kCommune
                  ? static_cast<int>(filing)
                  : spec.province_unit_for_domain[static_cast<std::size_t>(procedure.domain)];
          if (unit < 0) continue;
          const std::size_t i =
              static_cast<std::size_t>(unit) * skills + static_cast<std::size_t>(step.skill);
          const double v = per_day * step_visits[s];
          visits[i] += v;
          hours[i] += v * step.effort.hours.mean();
          allowance[i] += v * budget_hours;
          visits_by_profile[i * std::max<std::size_t>(profiles, 1) + f] += v;
        }
      }
    }
  }

  // Working hours per calendar day of each unit, averaged over the run.
  std::vector<double> work_hours_per_day(units, 0.0);
  const double days = (spec.end - spec.start).days();
  for (std::size_t u = 0; u < units; ++u) {
    const auto& calendar = spec.calendars[static_cast<std::size_t>(spec.units[u].calendar)];
    work_hours_per_day[u] = calendar.working_time_between(spec.start, spec.end).hours() / days;
  }

  // Split each (unit, skill) among the positions covering it, by dossier capacity.
  std::vector<double> cover(units * skills, 0.0);
  auto weight = [](const model::PositionSpec& p) {
    return std::max(p.officers, 1) * p.dossier_share;
  };
  for (const auto& position : spec.positions)
    for (int skill : position.skills)
      cover[static_cast<std::size_t>(position.unit) * skills + static_cast<std::size_t>(skill)] +=
          weight(position);

  std::vector<PositionLoad> loads;
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const model::PositionSpec& position = spec.positions[p];
    const auto u = static_cast<std::size_t>(position.unit);
    PositionLoad load;
    load.position = static_cast<int>(p);
    double v_day = 0.0, h_day = 0.0, allow = 0.0;
    // Peak: the busiest week of the position's visits summed over its skills and profiles.
    std::size_t weeks = 0;
    for (const auto& w : profile_weeks)
      weeks = std::max(weeks, w.size());
    std::vector<double> weekly(weeks, 0.0);
    for (int skill : position.skills) {
      const std::size_t i = u * skills + static_cast<std::size_t>(skill);
      if (cover[i] <= 0) continue;
      const double share = weight(position) / cover[i];
      v_day += share * visits[i];
      h_day += share * hours[i];
      allow += share * allowance[i];
      for (std::size_t f = 0; f < profiles; ++f) {
        const double base = share * visits_by_profile[i * profiles + f] / profile_mean[f];
        for (std::size_t w = 0; w < profile_weeks[f].size(); ++w)
          weekly[w] += base * profile_weeks[f][w];
      }
    }
    const double peak_day =
        weekly.empty() ? v_day : *std::max_element(weekly.begin(), weekly.end());
    if (work_hours_per_day[u] > 0 && v_day > 0) {
      load.visits_per_hour = v_day / work_hours_per_day[u];
      load.peak_visits_per_hour = std::max(peak_day, v_day) / work_hours_per_day[u];
      load.service_hours = h_day / v_day;
      load.offered_load = load.visits_per_hour * load.service_hours / position.dossier_share;
      load.peak_offered_load =
          load.peak_visits_per_hour * load.service_hours / position.dossier_share;
      load.allowed_wait_hours = allow / v_day;
    }
    loads.push_back(load);
  }
  return loads;
}

std::vector<AnalyticStaffing> analytic_staffing(const model::ModelSpec& spec, double level) {
  std::vector<AnalyticStaffing> result;
  for (const PositionLoad& load : position_loads(spec)) {
    const model::PositionSpec& position = spec.positions[static_cast<std::size_t>(load.position)];
    AnalyticStaffing a;
    a.load = load;
    a.current = position.officers;
    const double effective_service = load.service_hours / position.dossier_share;
    a.erlang_c =
        erlang_c_staffing(load.offered_load, effective_service, load.allowed_wait_hours, level);
    a.erlang_c_peak = erlang_c_staffing(load.peak_offered_load, effective_service,
                                        load.allowed_wait_hours, level);
    a.square_root = square_root_staffing(load.offered_load, 1.0);
    result.push_back(a);
  }
  return result;
}

}  // namespace twotier::analysis
