// ModelSpec values built in C++ for runtime tests (no scenario files): a 24x7 single unit
// (textbook queues), an office-hours calendar with optional holidays, and a two-tier
// procedure (commune reception, transfer, provincial appraisal, transfer back, return).
// Plus a TraceSink that keeps the records as strings. Test-only helpers.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "models/replication_result.hpp"
#include "models/spec.hpp"
#include "models/trace.hpp"
#include "sim/calendar.hpp"
#include "sim/civil_date.hpp"
#include "sim/distribution.hpp"

namespace twotier::test {

// 2026-01-05 is a Monday: day 0 of every fixture.
inline constexpr sim::CivilDate kEpoch{2026, 1, 5};

inline sim::Instant at_day_hour(double day, double hour) {
  return {day * sim::kSecondsPerDay + hour * sim::kSecondsPerHour};
}

// Monday to Friday, 08:00-12:00 and 13:00-17:00 (8 working hours), from kEpoch.
inline sim::Calendar office_calendar(int days, const std::vector<sim::CivilDate>& holidays = {}) {
  return sim::Calendar(kEpoch, days,
                       sim::WeeklySchedule::office({sim::WorkingInterval::from_hours(8, 12),
                                                    sim::WorkingInterval::from_hours(13, 17)}),
                       holidays);
}

// Tết 2026 for civil servants: 14-22 February.
inline std::vector<sim::CivilDate> tet_2026() {
  std::vector<sim::CivilDate> days;
  for (int d = 14; d <= 22; ++d)
    days.push_back({2026, 2, d});
  return days;
}

inline model::ProfileSpec flat_profile() {
  model::ProfileSpec profile;
  profile.id = "flat";
  profile.week.fill(1.0);
  profile.month.fill(1.0);
  return profile;
}

inline model::DelaySpec hours(sim::Distribution d, bool working_time = true) {
  model::DelaySpec delay;
  delay.hours = std::move(d);
  delay.working_time = working_time;
  return delay;
}

inline model::StepSpec work_step(std::string name, int skill, sim::Distribution effort,
                                 model::Tier tier = model::Tier::kCommune) {
  model::StepSpec step;
  step.name = std::move(name);
  step.kind = model::StepKind::kWork;
  step.tier = tier;
  step.skill = skill;
  step.effort = hours(std::move(effort));
  return step;
}

inline model::StepSpec transfer_step(std::string name) {
  model::StepSpec step;
  step.name = std::move(name);
  step.kind = model::StepKind::kTransfer;
  step.tier = model::Tier::kCommune;
  return step;
}

// One unit "U" on a 24x7 calendar, one procedure "P" with one work step (skill "clerk"),
// `officers` officers, Poisson arrivals at `per_day`, efforts `effort` (hours).
inline model::ModelSpec single_unit_24x7(double per_day, sim::Distribution effort, int officers,
                                         double days, double warmup_days = 0.0) {
  model::ModelSpec spec;
  spec.name = "single unit 24x7";
  spec.seed = 20260105;
  spec.epoch_date = kEpoch;
  spec.start = {0.0};
  spec.end = sim::Instant{} + sim::Duration::from_days(days);
  spec.warmup = sim::Duration::from_days(warmup_days);
  spec.calendars.emplace_back(kEpoch, static_cast<int>(days) + 400, sim::WeeklySchedule::always());
  spec.skills = {"clerk"};
  model::UnitSpec unit;
  unit.id = "U";
  unit.name = "Phường Một";
  spec.units.push_back(unit);
  model::ProcedureSpec procedure;
  procedure.id = "P";
  procedure.deadline_workdays = 1;
  procedure.steps.push_back(work_step("serve", 0, std::move(effort)));
  spec.procedures.push_back(procedure);
  model::PositionSpec position;
  position.unit = 0;
  position.id = "clerks";
  position.officers = officers;
  position.skills = {0};
  spec.positions.push_back(position);
  spec.profiles.push_back(flat_profile());
  spec.arrivals.push_back({0, 0, per_day, 0});
  spec.province_unit_for_domain.fill(-1);
  return spec;
}

// Commune "C1" (one-stop clerk) and the provincial land department "SO_TNMT" (land
// specialist), both on office hours (with `holidays`). Procedure "LAND" (land domain,
// province authority, 10 working days): reception 1 wh at the commune -> transfer up (24 h
// calendar) -> appraisal 4 wh at the department -> transfer down (2 wh) -> return 0.5 wh.
// Procedure "CERT" (certification, commune authority, `cert_deadline` working days): one
// 1 wh step at the commune. No arrival streams: tests replay arrivals.
inline model::ModelSpec two_tier(int days = 120, const std::vector<sim::CivilDate>& holidays = {},
                                 int cert_deadline = 3) {
  model::ModelSpec spec;
  spec.name = "two tier";
  spec.seed = 7;
  spec.epoch_date = kEpoch;
  spec.start = {0.0};
  spec.end = sim::Instant{} + sim::Duration::from_days(days);
  spec.calendars.push_back(office_calendar(days + 400, holidays));
  spec.skills = {"one_stop", "land"};
  model::UnitSpec commune;
  commune.id = "C1";
  commune.name = "Xã Xuân Hòa";
  commune.kind = model::UnitKind::kCommune;
  commune.transfer_to_province = hours(sim::Distribution::deterministic(24), false);
  commune.transfer_from_province = hours(sim::Distribution::deterministic(2), true);
  spec.units.push_back(commune);
  model::UnitSpec department;
  department.id = "SO_TNMT";
  department.name = "Sở Nông nghiệp và Môi trường";
  department.kind = model::UnitKind::kDepartment;
  department.domains = {model::Domain::kLand};
  spec.units.push_back(department);

  model::ProcedureSpec land;
  land.id = "LAND";
  land.domain = model::Domain::kLand;
  land.authority = model::Tier::kProvince;
  land.deadline_workdays = 10;
  land.steps.push_back(work_step("reception", 0, sim::Distribution::deterministic(1)));
  land.steps.push_back(transfer_step("transfer_up"));
  land.steps.push_back(
      work_step("appraisal", 1, sim::Distribution::deterministic(4), model::Tier::kProvince));
  land.steps.push_back(transfer_step("transfer_down"));
  land.steps.push_back(work_step("return", 0, sim::Distribution::deterministic(0.5)));
  land.citizen_response = hours(sim::Distribution::deterministic(48), false);
  spec.procedures.push_back(land);

  model::ProcedureSpec cert;
  cert.id = "CERT";
  cert.domain = model::Domain::kCertification;
  cert.authority = model::Tier::kCommune;
  cert.deadline_workdays = cert_deadline;
  cert.steps.push_back(work_step("certify", 0, sim::Distribution::deterministic(1)));
  spec.procedures.push_back(cert);

  model::PositionSpec clerk;
  clerk.unit = 0;
  clerk.id = "one_stop";
  clerk.officers = 1;
  clerk.skills = {0};
  spec.positions.push_back(clerk);
  model::PositionSpec specialist;
  specialist.unit = 1;
  specialist.id = "land";
  specialist.officers = 1;
  specialist.skills = {1};
  spec.positions.push_back(specialist);
  spec.profiles.push_back(flat_profile());
  spec.province_unit_for_domain.fill(-1);
  spec.province_unit_for_domain[static_cast<int>(model::Domain::kLand)] = 1;
  return spec;
}

struct TraceLine {
  std::string dossier;
  std::string event;
  double time_seconds = 0.0;
  bool operator==(const TraceLine&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const TraceLine& line) {
  return os << "{" << line.dossier << ", " << line.event << ", day "
            << line.time_seconds / sim::kSecondsPerDay << "}";
}

struct CollectingTrace : model::TraceSink {
  std::vector<TraceLine> lines;
  void record(const model::TraceRecord& r) override {
    lines.push_back({std::string(r.dossier), std::string(r.event), r.time.seconds});
  }
  std::vector<TraceLine> of(const std::string& dossier) const {
    std::vector<TraceLine> out;
    for (const TraceLine& line : lines)
      if (line.dossier == dossier) out.push_back(line);
    return out;
  }
};

inline TraceLine line(std::string dossier, std::string event, double day, double hour) {
  return {std::move(dossier), std::move(event), at_day_hour(day, hour).seconds};
}

inline double kpi(const model::ReplicationResult& r, const std::string& scope, model::Metric m) {
  for (std::size_t s = 0; s < r.scopes.size(); ++s)
    if (r.scopes[s] == scope) return r.kpis[s][static_cast<int>(m)];
  throw std::invalid_argument("no scope " + scope);
}

}  // namespace twotier::test
