// Offered load per unit and skill (see offered_load.hpp).
#include "models/offered_load.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/roster.hpp"  // effective_roster
#include "models/work_routing.hpp"
#include "sim/civil_date.hpp"

namespace twotier::model {
namespace {

double ratio(double demand, double capacity) {
  if (capacity > 0) return demand / capacity;
  return demand > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

// Working hours per week of a unit's calendar, averaged over the run (holidays included).
double working_hours_per_week(const ModelSpec& spec, const UnitSpec& unit) {
  const sim::Calendar& calendar = spec.calendars[static_cast<std::size_t>(unit.calendar)];
  const double weeks = (spec.end - spec.start).days() / 7.0;
  return calendar.working_time_between(spec.start, spec.end).hours() / weeks;
}

// Per position: the mean speed of the roster officers holding it (1 where none does). An
// officer works `speed` hours of catalogue effort per working hour (the runtime divides each
// effort by it), so a position's capacity in effort hours is officers x share x hours x speed;
// without it a calibrated speed far from 1 (Dong Nai's 2.938) misstates every rho.
std::vector<double> position_speeds(const ModelSpec& spec) {
  std::vector<double> sum(spec.positions.size(), 0.0), count(spec.positions.size(), 0.0);
  for (const OfficerSpec& officer : effective_roster(spec)) {
    for (const int p : officer.positions) {
      sum[static_cast<std::size_t>(p)] += officer.speed;
      count[static_cast<std::size_t>(p)] += 1.0;
    }
  }
  for (std::size_t p = 0; p < sum.size(); ++p)
    sum[p] = count[p] > 0 ? sum[p] / count[p] : 1.0;
  return sum;
}

// The unit that does `step` for a dossier filed at `filing_unit`, or -1.
int executing_unit(const ModelSpec& spec, const ProcedureSpec& procedure, const StepSpec& step,
                   int filing_unit) {
  if (step.tier == Tier::kCommune) return commune_step_unit(spec, procedure, step, filing_unit);
  return spec.province_unit_for_domain[static_cast<std::size_t>(procedure.domain)];
}

}  // namespace

std::vector<double> expected_step_visits(const ProcedureSpec& procedure) {
  std::vector<double> visits;
  double reach_clean = 1.0;          // r_j
  double supplemented_before = 0.0;  // sum_{k<j} r_k q_k
  const double resume = 1.0 - procedure.withdraw_probability;
  for (const StepSpec& step : procedure.steps) {
    const double q = step.incomplete_probability;
    visits.push_back(reach_clean + resume * (supplemented_before + reach_clean * q));
    supplemented_before += reach_clean * q;
    reach_clean *= 1.0 - q;
  }
  return visits;
}

std::vector<double> rework_factors(const ModelSpec& spec) {
  const std::size_t skills = spec.skills.size();
  std::vector<double> weight(spec.units.size() * skills, 0.0), errors(weight.size(), 0.0);
  for (const OfficerSpec& officer : effective_roster(spec)) {
    const double w = officer.dossier_share * officer.speed;
    for (const int p : officer.positions) {
      const PositionSpec& position = spec.positions[static_cast<std::size_t>(p)];
      for (const int skill : position.skills) {
        const std::size_t i =
            static_cast<std::size_t>(position.unit) * skills + static_cast<std::size_t>(skill);
        weight[i] += w;
        errors[i] += w * officer.error_probability;
      }
    }
  }
  std::vector<double> factors(weight.size(), 1.0);
  for (std::size_t i = 0; i < factors.size(); ++i)
    if (weight[i] > 0) factors[i] = 1.0 / (1.0 - std::min(errors[i] / weight[i], 0.95));
  return factors;
}

double mean_rate_factor(const ModelSpec& spec, const ProfileSpec& profile) {
  const auto first_day = static_cast<std::int64_t>(std::floor(spec.start.days()));
  const auto end_day = static_cast<std::int64_t>(std::ceil(spec.end.days()));
  if (end_day <= first_day) return 1.0;
  const std::int64_t epoch = sim::days_from_civil(spec.epoch_date);
  double total = 0.0;
  for (std::int64_t day = first_day; day < end_day; ++day) {
    const sim::CivilDate date = sim::civil_from_days(epoch + day);
    double factor = profile.month[static_cast<std::size_t>(date.month - 1)];
    factor *= std::pow(1.0 + profile.yearly_trend, static_cast<double>(day - first_day) / 365.25);
    for (const auto& surge : profile.surges) {
      if (surge.from <= date && date <= surge.to) factor *= surge.factor;
    }
    total += factor;
  }
  return total / static_cast<double>(end_day - first_day);
}

std::vector<double> arrivals_per_day(const ModelSpec& spec) {
  const std::size_t procedures = spec.procedures.size();
  std::vector<double> rate(spec.units.size() * procedures, 0.0);
  if (!spec.replay.empty()) {
    const double days = (spec.end - spec.start).days();
    for (const auto& a : spec.replay) {
      if (a.received < spec.start || a.received >= spec.end) continue;
      rate[static_cast<std::size_t>(a.unit) * procedures + static_cast<std::size_t>(a.procedure)] +=
          1.0 / days;
    }
    return rate;
  }
  std::vector<double> profile_factor;
  for (const auto& profile : spec.profiles)
    profile_factor.push_back(mean_rate_factor(spec, profile));
  for (const auto& stream : spec.arrivals) {
    rate[static_cast<std::size_t>(stream.unit) * procedures +
         static_cast<std::size_t>(stream.procedure)] +=
        stream.per_day * profile_factor[static_cast<std::size_t>(stream.profile)];
  }
  return rate;
}

std::vector<SkillLoad> offered_load(const ModelSpec& spec) {
  const std::size_t units = spec.units.size();
  const std::size_t skills = spec.skills.size();
  const std::size_t procedures = spec.procedures.size();
  std::vector<double> demand(units * skills, 0.0);
  const std::vector<double> rate = arrivals_per_day(spec);
  const std::vector<double> rework = rework_factors(spec);
  for (std::size_t p = 0; p < procedures; ++p) {
    const ProcedureSpec& procedure = spec.procedures[p];
    const std::vector<double> visits = expected_step_visits(procedure);
    for (std::size_t filing = 0; filing < units; ++filing) {
      const double per_week = rate[filing * procedures + p] * 7.0;
      if (per_week <= 0) continue;
      for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
        const StepSpec& step = procedure.steps[s];
        if (!needs_officer(step.kind)) continue;
        const int unit = executing_unit(spec, procedure, step, static_cast<int>(filing));
        if (unit < 0) continue;  // the loader rejects this; stay total anyway
        const std::size_t i =
            static_cast<std::size_t>(unit) * skills + static_cast<std::size_t>(step.skill);
        demand[i] += per_week * visits[s] * rework[i] * step.effort.hours.mean();
      }
    }
  }
  // Internal work (models/internal_work.hpp): the tasks issued over the run, per week.
  const double weeks = (spec.end - spec.start).days() / 7.0;
  for (const InternalStreamSpec& stream : spec.internal_work.streams) {
    const ProcedureSpec& procedure = spec.procedures[static_cast<std::size_t>(stream.procedure)];
    const StepSpec& step = procedure.steps.front();
    const double per_week = weeks > 0 ? static_cast<double>(stream.issue_days.size()) / weeks : 0.0;
    for (const int filing : stream.units) {
      const int unit = executing_unit(spec, procedure, step, filing);
      if (unit < 0) continue;
      const std::size_t i =
          static_cast<std::size_t>(unit) * skills + static_cast<std::size_t>(step.skill);
      demand[i] += per_week * rework[i] * step.effort.hours.mean();
    }
  }
  std::vector<double> capacity(units * skills, 0.0);
  std::vector<int> officers(units * skills, 0);
  std::vector<double> full_time(units, 0.0);
  for (std::size_t u = 0; u < units; ++u)
    full_time[u] = working_hours_per_week(spec, spec.units[u]);
  const std::vector<double> speed = position_speeds(spec);
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const PositionSpec& position = spec.positions[p];
    const std::size_t u = static_cast<std::size_t>(position.unit);
    for (const int skill : position.skills) {
      const std::size_t i = u * skills + static_cast<std::size_t>(skill);
      // Counted in full toward every skill the position covers (see the header).
      capacity[i] += position.officers * position.dossier_share * full_time[u] * speed[p];
      officers[i] += position.officers;
    }
  }
  std::vector<SkillLoad> loads;
  for (std::size_t u = 0; u < units; ++u) {
    for (std::size_t s = 0; s < skills; ++s) {
      const std::size_t i = u * skills + s;
      if (demand[i] <= 0 && capacity[i] <= 0) continue;
      loads.push_back({static_cast<int>(u), static_cast<int>(s), demand[i], capacity[i],
                       ratio(demand[i], capacity[i]), full_time[u], officers[i]});
    }
  }
  return loads;
}

std::vector<UnitLoad> offered_load_by_unit(const ModelSpec& spec) {
  std::vector<UnitLoad> loads(spec.units.size());
  for (std::size_t u = 0; u < loads.size(); ++u)
    loads[u].unit = static_cast<int>(u);
  for (const SkillLoad& load : offered_load(spec)) {
    loads[static_cast<std::size_t>(load.unit)].demand_hours_per_week += load.demand_hours_per_week;
  }
  const std::vector<double> speed = position_speeds(spec);
  for (std::size_t p = 0; p < spec.positions.size(); ++p) {
    const PositionSpec& position = spec.positions[p];
    const UnitSpec& unit = spec.units[static_cast<std::size_t>(position.unit)];
    loads[static_cast<std::size_t>(position.unit)].capacity_hours_per_week +=
        position.officers * position.dossier_share * working_hours_per_week(spec, unit) * speed[p];
  }
  for (UnitLoad& load : loads) {
    load.utilization = ratio(load.demand_hours_per_week, load.capacity_hours_per_week);
  }
  return loads;
}

}  // namespace twotier::model
