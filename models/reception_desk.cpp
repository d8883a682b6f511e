#include "models/reception_desk.hpp"

#include <cassert>
#include <limits>

#include "sim/distribution.hpp"

namespace twotier::model {

ReceptionDesk::ReceptionDesk(const ModelSpec& spec, std::uint64_t replication, std::size_t scopes)
    : spec_(spec.reception), counters_(spec.reception.counters), counts_(scopes) {
  if (!spec_.enabled()) return;
  const std::size_t units = counters_.size();
  for (std::size_t u = 0; u < units; ++u) {
    streams_.emplace_back(spec.seed, replication, "desk/" + spec.units[u].id);
    streams_.emplace_back(spec.seed, replication, "desk-return/" + spec.units[u].id);
  }
  busy_.assign(units, 0);
  tickets_today_.assign(units, 0);
  ticket_day_.assign(units, std::numeric_limits<int>::min());
  queues_.resize(units);
}

std::uint32_t ReceptionDesk::arrive(int pair, int unit, const ScopeSet& scopes) {
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(citizens_.size());
    citizens_.emplace_back();
  }
  Citizen& c = citizens_[slot];
  c = Citizen{};
  c.pair = pair;
  c.unit = unit;
  c.scopes = scopes;
  c.state = State::kAway;
  return slot;
}

ReceptionDesk::Joined ReceptionDesk::join(std::uint32_t citizen, sim::Instant now, int day) {
  Citizen& c = citizens_[citizen];
  assert(c.state == State::kAway);
  const int u = c.unit;
  ++c.visits;
  count(c, [&c](Counts& k) {
    ++k.visits;
    if (c.visits > 1) ++k.repeat_visits;
  });
  if (ticket_day_[u] != day) {
    ticket_day_[u] = day;
    tickets_today_[u] = 0;
  }
  if (spec_.daily_ticket_cap > 0 && tickets_today_[u] >= spec_.daily_ticket_cap) {
    count(c, [](Counts& k) { ++k.turned_away; });
    return Joined::kTurnedAway;
  }
  ++tickets_today_[u];
  c.ticket = next_ticket_++;
  c.queued = now;
  if (busy_[u] < counters_[u]) {
    ++busy_[u];
    c.state = State::kServing;
    count(c, [](Counts& k) { ++k.served; });  // waited 0
    return Joined::kServed;
  }
  c.state = State::kQueued;
  queues_[u].items.push_back({citizen, c.ticket});
  return Joined::kQueued;
}

double ReceptionDesk::service_hours(std::uint32_t citizen) {
  return spec_.service_hours.sample(streams_[2 * citizens_[citizen].unit]);
}

double ReceptionDesk::patience_hours(std::uint32_t citizen) {
  assert(spec_.patience_hours);
  return spec_.patience_hours->sample(streams_[2 * citizens_[citizen].unit]);
}

std::uint32_t ReceptionDesk::finish(std::uint32_t citizen, sim::Instant now) {
  Citizen& c = citizens_[citizen];
  assert(c.state == State::kServing);
  const int u = c.unit;
  c.state = State::kAway;
  // Pop the first citizen still queueing (entries of those who left are stale).
  Queue& q = queues_[u];
  while (q.head < q.items.size()) {
    const Waiting w = q.items[q.head++];
    Citizen& next = citizens_[w.citizen];
    if (next.state != State::kQueued || next.ticket != w.ticket) continue;
    if (q.head == q.items.size()) {
      q.items.clear();
      q.head = 0;
    } else if (2 * q.head >= q.items.size()) {
      q.items.erase(q.items.begin(), q.items.begin() + static_cast<std::ptrdiff_t>(q.head));
      q.head = 0;
    }
    next.state = State::kServing;
    const double waited = (now - next.queued).seconds / sim::kSecondsPerHour;
    count(next, [waited](Counts& k) {
      ++k.served;
      k.wait_hours += waited;
    });
    return w.citizen;
  }
  q.items.clear();
  q.head = 0;
  --busy_[u];
  return kNone;
}

bool ReceptionDesk::abandon(std::uint32_t citizen, std::uint64_t sequence) {
  Citizen& c = citizens_[citizen];
  if (c.state != State::kQueued || c.abandon_sequence != sequence) return false;
  c.state = State::kAway;  // its FIFO entry is now stale
  count(c, [](Counts& k) { ++k.abandoned; });
  return true;
}

bool ReceptionDesk::leave(std::uint32_t citizen) {
  Citizen& c = citizens_[citizen];
  assert(c.state == State::kAway);
  if (spec_.return_share > 0.0 && sim::bernoulli(streams_[2 * c.unit + 1], spec_.return_share))
    return true;
  count(c, [](Counts& k) { ++k.walked_away; });
  release(citizen);
  return false;
}

void ReceptionDesk::release(std::uint32_t citizen) {
  citizens_[citizen].state = State::kFree;
  free_.push_back(citizen);
}

void ReceptionDesk::reset() {
  for (Counts& k : counts_)
    k = Counts{};
}

void ReceptionDesk::fill(std::vector<KpiRow>& rows) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t s = 0; s < rows.size() && s < counts_.size(); ++s) {
    const Counts& k = counts_[s];
    auto set = [&rows, s](Metric m, double v) { rows[s][static_cast<int>(m)] = v; };
    set(Metric::kDeskVisits, static_cast<double>(k.visits));
    set(Metric::kDeskRepeatVisits, static_cast<double>(k.repeat_visits));
    set(Metric::kDeskAbandoned, static_cast<double>(k.abandoned));
    set(Metric::kDeskTurnedAway, static_cast<double>(k.turned_away));
    set(Metric::kDeskWalkedAway, static_cast<double>(k.walked_away));
    const std::int64_t ended = k.served + k.abandoned;
    set(Metric::kDeskAbandonRate,
        ended > 0 ? static_cast<double>(k.abandoned) / static_cast<double>(ended) : nan);
    set(Metric::kDeskWaitHoursMean,
        k.served > 0 ? k.wait_hours / static_cast<double>(k.served) : nan);
  }
}

}  // namespace twotier::model
