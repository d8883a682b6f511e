#include "models/it_platform.hpp"

#include <algorithm>  // std::max, std::min, std::fill

namespace twotier::model {

ItPlatform::ItPlatform(const ModelSpec& spec, std::uint64_t replication, sim::Kernel& kernel,
                       OutageListener& listener)
    : spec_(spec),
      kernel_(kernel),
      listener_(listener),
      province_rng_(spec.seed, replication, "outage/province"),
      unit_down_(spec.units.size(), 0),
      down_since_(spec.units.size()),
      down_work_seconds_(spec.units.size(), 0.0),
      window_start_(spec.start) {
  handler_ = kernel_.add_handler(*this);
  if (spec.levers.outages.per_unit) {
    unit_rng_.reserve(spec.units.size());
    for (const UnitSpec& unit : spec.units)
      unit_rng_.emplace_back(spec.seed, replication, "outage/unit/" + unit.id);
  }
}

void ItPlatform::schedule(sim::Instant at, Kind kind, std::uint32_t index) {
  if (at > spec_.end) return;
  kernel_.schedule(at, handler_, (static_cast<std::uint64_t>(kind) << 32) | index);
}

void ItPlatform::start() {
  const OutageSpec& o = spec_.levers.outages;
  const sim::Instant now = kernel_.now();
  auto hours = [](double h) { return sim::Duration{std::max(0.0, h) * sim::kSecondsPerHour}; };
  if (o.province)
    schedule(now + hours(o.province_between.sample(province_rng_)), Kind::kProvinceFail, 0);
  if (o.per_unit) {
    for (std::uint32_t u = 0; u < spec_.units.size(); ++u)
      schedule(now + hours(o.unit_between.sample(unit_rng_[u])), Kind::kUnitFail, u);
  }
  for (std::uint32_t w = 0; w < o.maintenance.size(); ++w) {
    if (o.maintenance[w].to <= now) continue;
    schedule(std::max(now, o.maintenance[w].from), Kind::kMaintenanceStart, w);
  }
}

void ItPlatform::handle(const sim::Event& event) {
  const OutageSpec& o = spec_.levers.outages;
  const auto kind = static_cast<Kind>(event.payload >> 32);
  const auto index = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
  const sim::Instant now = kernel_.now();
  auto hours = [](double h) { return sim::Duration{std::max(0.0, h) * sim::kSecondsPerHour}; };
  switch (kind) {
    case Kind::kProvinceFail:
      schedule(now + hours(o.province_repair.sample(province_rng_)), Kind::kProvinceRepair, 0);
      change_province(+1);
      break;
    case Kind::kProvinceRepair:
      schedule(now + hours(o.province_between.sample(province_rng_)), Kind::kProvinceFail, 0);
      change_province(-1);
      break;
    case Kind::kUnitFail:
      schedule(now + hours(o.unit_repair.sample(unit_rng_[index])), Kind::kUnitRepair, index);
      change_unit(static_cast<int>(index), true);
      break;
    case Kind::kUnitRepair:
      schedule(now + hours(o.unit_between.sample(unit_rng_[index])), Kind::kUnitFail, index);
      change_unit(static_cast<int>(index), false);
      break;
    case Kind::kMaintenanceStart:
      schedule(o.maintenance[index].to, Kind::kMaintenanceEnd, index);
      change_province(+1);
      break;
    case Kind::kMaintenanceEnd:
      change_province(-1);
      break;
  }
}

void ItPlatform::change_province(int delta) {
  const bool was = province_down_ > 0;
  province_down_ += delta;
  if (was == (province_down_ > 0)) return;
  for (std::size_t u = 0; u < unit_down_.size(); ++u)
    if (!unit_down_[u]) note_state(static_cast<int>(u), was);
  listener_.on_platform_change(-1);
}

void ItPlatform::change_unit(int unit, bool down) {
  const bool was = this->down(unit);
  unit_down_[unit] = down ? 1 : 0;
  if (was == this->down(unit)) return;
  note_state(unit, was);
  listener_.on_platform_change(unit);
}

void ItPlatform::note_state(int unit, bool was_down) {
  const sim::Instant now = kernel_.now();
  if (!was_down) {
    down_since_[unit] = now;
  } else {
    down_work_seconds_[unit] += down_seconds(unit, down_since_[unit], now);
  }
}

double ItPlatform::down_seconds(int unit, sim::Instant from, sim::Instant to) const {
  const sim::Calendar& cal = spec_.calendars[spec_.units[unit].calendar];
  const sim::Instant a = std::max(from, window_start_);
  const sim::Instant b = std::min(to, cal.end());
  if (!(a < b)) return 0.0;
  return cal.working_time_between(a, b).seconds;
}

std::vector<double> ItPlatform::outage_hours(sim::Instant end) const {
  std::vector<double> hours(unit_down_.size(), 0.0);
  for (std::size_t u = 0; u < hours.size(); ++u) {
    double seconds = down_work_seconds_[u];
    if (down(static_cast<int>(u)))
      seconds += down_seconds(static_cast<int>(u), down_since_[u], end);
    hours[u] = seconds / sim::kSecondsPerHour;
  }
  return hours;
}

}  // namespace twotier::model
