// One replication of a synthetic province the size of Dong Nai (95 communes, 4 provincial
// departments, ~1.75 million dossiers a year, offered loads about 0.6-0.75) on office-hours
// calendars with Tết 2026. Measures wall time per simulated year; run by hand:
//   ./build/bin/bench_replication --benchmark_counters_tabular=true
#include <cmath>
#include <string>

#include <benchmark/benchmark.h>

#include "models/replication.hpp"
#include "models/spec.hpp"

namespace {

using namespace twotier;

model::DelaySpec delay(sim::Distribution d, bool working = true) {
  model::DelaySpec s;
  s.hours = std::move(d);
  s.working_time = working;
  return s;
}

model::StepSpec work(const char* name, int skill, sim::Distribution effort,
                     model::Tier tier = model::Tier::kCommune) {
  model::StepSpec s;
  s.name = name;
  s.skill = skill;
  s.tier = tier;
  s.effort = delay(std::move(effort));
  return s;
}

model::StepSpec transfer(const char* name) {
  model::StepSpec s;
  s.name = name;
  s.kind = model::StepKind::kTransfer;
  return s;
}

model::ModelSpec dong_nai_sized(int days) {
  model::ModelSpec spec;
  spec.name = "synthetic Dong Nai";
  spec.epoch_date = {2026, 1, 1};
  spec.end = sim::Instant{} + sim::Duration::from_days(days);
  std::vector<sim::CivilDate> holidays{{2026, 1, 1}, {2026, 4, 30}, {2026, 5, 1}, {2026, 9, 2}};
  for (int d = 14; d <= 22; ++d)
    holidays.push_back({2026, 2, d});
  spec.calendars.emplace_back(
      spec.epoch_date, days + 400,
      sim::WeeklySchedule::office(
          {sim::WorkingInterval::from_hours(7.5, 11.5), sim::WorkingInterval::from_hours(13, 17)}),
      holidays);
  spec.skills = {"one_stop", "specialist", "leader", "department"};
  const model::Domain commune_domains[8] = {model::Domain::kCivilStatusJustice,
                                            model::Domain::kCertification,
                                            model::Domain::kHouseholdBusiness,
                                            model::Domain::kSocialLabour,
                                            model::Domain::kOther,
                                            model::Domain::kLand,
                                            model::Domain::kConstruction,
                                            model::Domain::kFinanceBudget};
  for (int p = 0; p < 8; ++p) {
    model::ProcedureSpec proc;
    proc.id = "C" + std::to_string(p);
    proc.domain = commune_domains[p];
    proc.deadline_workdays = 3 + p;
    proc.steps = {work("reception", 0, sim::Distribution::exponential(0.25)),
                  work("appraisal", 1, sim::Distribution::lognormal(1.0, 0.8)),
                  work("signature", 2, sim::Distribution::exponential(0.05)),
                  work("return", 0, sim::Distribution::exponential(0.1))};
    proc.steps[0].incomplete_probability = 0.1;
    proc.steps[1].field_check_probability = 0.1;
    proc.steps[1].field_check = delay(sim::Distribution::uniform(2, 8));
    proc.citizen_response = delay(sim::Distribution::exponential(72), false);
    proc.withdraw_probability = 0.2;
    proc.channel_mix = {0.55, 0.4, 0.05};
    spec.procedures.push_back(proc);
  }
  const model::Domain province_domains[4] = {model::Domain::kLand, model::Domain::kConstruction,
                                             model::Domain::kInvestment,
                                             model::Domain::kFinanceBudget};
  for (int p = 0; p < 4; ++p) {
    model::ProcedureSpec proc;
    proc.id = "P" + std::to_string(p);
    proc.domain = province_domains[p];
    proc.authority = model::Tier::kProvince;
    proc.deadline_workdays = 15;
    proc.steps = {
        work("reception", 0, sim::Distribution::exponential(0.25)), transfer("transfer_up"),
        work("appraisal", 3, sim::Distribution::gamma(2.0, 0.7), model::Tier::kProvince),
        transfer("transfer_down"), work("return", 0, sim::Distribution::exponential(0.1))};
    proc.citizen_response = delay(sim::Distribution::exponential(72), false);
    spec.procedures.push_back(proc);
  }
  model::ProfileSpec profile;
  profile.id = "office";
  profile.month.fill(1.0);
  for (int day = 0; day < 5; ++day)
    for (int hour = 7; hour < 17; ++hour)
      profile.week[day * 24 + hour] = 168.0 / 50;
  spec.profiles.push_back(profile);
  spec.province_unit_for_domain.fill(-1);
  const int communes = 95;
  for (int u = 0; u < communes; ++u) {
    model::UnitSpec unit;
    unit.id = "X" + std::to_string(u);
    unit.transfer_to_province = delay(sim::Distribution::exponential(4));
    unit.transfer_from_province = delay(sim::Distribution::exponential(4));
    spec.units.push_back(unit);
    spec.positions.push_back({u, "one_stop", 5, {0}, 1.0, {}});
    spec.positions.push_back({u, "specialists", 9, {1}, 1.0, {}});
    spec.positions.push_back({u, "leaders", 2, {2}, 0.5, {}});
    // 50 dossiers per calendar day per commune: 75% decided at the commune.
    for (int p = 0; p < 8; ++p)
      spec.arrivals.push_back({u, p, 37.5 / 8, 0});
    for (int p = 0; p < 4; ++p)
      spec.arrivals.push_back({u, 8 + p, 12.5 / 4, 0});
  }
  for (int p = 0; p < 4; ++p) {
    model::UnitSpec department;
    department.id = "SO" + std::to_string(p);
    department.kind = model::UnitKind::kDepartment;
    department.domains = {province_domains[p]};
    spec.province_unit_for_domain[static_cast<int>(province_domains[p])] =
        static_cast<int>(spec.units.size());
    spec.positions.push_back(
        {static_cast<int>(spec.units.size()), "appraisers", 150, {3}, 1.0, {}});
    spec.units.push_back(department);
  }
  return spec;
}

void BM_DongNaiYear(benchmark::State& state) {
  const model::ModelSpec spec = dong_nai_sized(365);
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const model::ReplicationResult r = model::run_replication(spec, replication++);
    state.counters["dossiers"] = static_cast<double>(r.dossiers);
    state.counters["events"] = static_cast<double>(r.events);
    state.counters["on_time"] = r.kpis[0][static_cast<int>(model::Metric::kOnTimeRate)];
  }
}
BENCHMARK(BM_DongNaiYear)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
