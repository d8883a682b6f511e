#include "models/it_platform.hpp"

#include <algorithm>  // std::max, std::min, std::fill
#include <cmath>      // std::floor
#include <string>

namespace twotier::model {

ItPlatform::ItPlatform(const ModelSpec& spec, std::uint64_t replication, sim::Kernel& kernel,
                       OutageListener& listener)
    : spec_(spec),
      kernel_(kernel),
      listener_(listener),
      replication_(replication),
      unit_down_(spec.units.size(), 0),
      down_since_(spec.units.size()),
      down_work_seconds_(spec.units.size(), 0.0),
      window_start_(spec.start) {
  handler_ = kernel_.add_handler(*this);
  // Two chain slots per process; seeded when a chain starts.
  rngs_.assign(2 * (1 + spec.units.size()), sim::RandomStream(0));
}

void ItPlatform::schedule(sim::Instant at, Kind kind, int year, std::uint32_t index) {
  if (at > spec_.end) return;
  const auto y = static_cast<std::uint64_t>(static_cast<std::uint16_t>(year));
  kernel_.schedule(at, handler_, (static_cast<std::uint64_t>(kind) << 56) | (y << 32) | index);
}

sim::Instant ItPlatform::year_start(int year) const {
  return sim::Instant{
      static_cast<double>(sim::days_between(spec_.epoch_date, sim::CivilDate{year, 1, 1})) *
      sim::kSecondsPerDay};
}

namespace {

sim::Duration hours(double h) {
  return sim::Duration{std::max(0.0, h) * sim::kSecondsPerHour};
}

}  // namespace

void ItPlatform::start_chain(std::uint32_t p, int year, sim::Instant now) {
  const std::string key = p == 0
                              ? std::string("outage/province/") + std::to_string(year)
                              : "outage/unit/" + spec_.units[p - 1].id + "/" + std::to_string(year);
  sim::RandomStream& rng = chain_rng(p, year);
  rng = sim::RandomStream(spec_.seed, replication_, key);
  const sim::Instant next_year = year_start(year + 1);
  // The chain from 1 January: failure, repair, failure... The draws before `now` are made as
  // the year run makes them, and nothing before `now` is scheduled.
  sim::Instant t = year_start(year);
  for (;;) {
    const sim::Instant fail = t + hours(between(p).sample(rng));
    if (fail >= next_year) return;  // the chain's failures are over
    if (fail >= now) {
      schedule(fail, Kind::kFail, year, p);
      return;
    }
    const sim::Instant repaired = fail + hours(repair(p).sample(rng));
    if (repaired > now) {  // down when the run starts
      change_process(p, +1);
      schedule(repaired, Kind::kRepair, year, p);
      return;
    }
    t = repaired;
    if (t >= next_year) return;
  }
}

void ItPlatform::start() {
  const OutageSpec& o = spec_.levers.outages;
  const sim::Instant now = kernel_.now();
  const int year =
      sim::add_days(spec_.epoch_date, static_cast<std::int64_t>(std::floor(now.days()))).year;
  if (o.province || o.per_unit) {
    for (std::uint32_t p = 0; p < 1 + spec_.units.size(); ++p) {
      if (!process_on(p)) continue;
      start_chain(p, year - 1, now);  // a repair from last year may still run
      start_chain(p, year, now);
    }
    schedule(year_start(year + 1), Kind::kYearStart, year + 1, 0);
  }
  for (std::uint32_t w = 0; w < o.maintenance.size(); ++w) {
    if (o.maintenance[w].to <= now) continue;
    schedule(std::max(now, o.maintenance[w].from), Kind::kMaintenanceStart, 0, w);
  }
}

void ItPlatform::handle(const sim::Event& event) {
  const OutageSpec& o = spec_.levers.outages;
  const auto kind = static_cast<Kind>(event.payload >> 56);
  const auto year = static_cast<int>(static_cast<std::int16_t>((event.payload >> 32) & 0xffffu));
  const auto index = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
  const sim::Instant now = kernel_.now();
  switch (kind) {
    case Kind::kFail:
      schedule(now + hours(repair(index).sample(chain_rng(index, year))), Kind::kRepair, year,
               index);
      change_process(index, +1);
      break;
    case Kind::kRepair: {
      change_process(index, -1);
      // The chain goes on while its failures begin in its year (the slot holds the chain of
      // year + 2 after that year's start: no draw then).
      const sim::Instant next_year = year_start(year + 1);
      if (now >= next_year) break;
      const sim::Instant fail = now + hours(between(index).sample(chain_rng(index, year)));
      if (fail < next_year) schedule(fail, Kind::kFail, year, index);
      break;
    }
    case Kind::kYearStart:
      for (std::uint32_t p = 0; p < 1 + spec_.units.size(); ++p)
        if (process_on(p)) start_chain(p, year, now);
      schedule(year_start(year + 1), Kind::kYearStart, year + 1, 0);
      break;
    case Kind::kMaintenanceStart:
      schedule(o.maintenance[index].to, Kind::kMaintenanceEnd, 0, index);
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

void ItPlatform::change_unit(int unit, int delta) {
  const bool was = this->down(unit);
  unit_down_[unit] += delta;
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
