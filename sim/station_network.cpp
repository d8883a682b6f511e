#include "sim/station_network.hpp"

#include <algorithm>  // std::max
#include <cassert>
#include <cmath>  // std::abs, std::isfinite
#include <map>
#include <stdexcept>  // std::invalid_argument
#include <utility>    // std::move, std::pair

namespace sim {

namespace {

// At equal times, completions run before external arrivals, so an arrival sees the servers
// freed at that instant (and their next customers already started).
constexpr std::int32_t kCompletionPriority = 0;
constexpr std::int32_t kArrivalPriority = 1;

std::uint64_t make_payload(std::uint64_t kind, std::uint64_t index) {
  return kind << 32 | index;
}

[[noreturn]] void reject(const std::string& what, const std::string& allowed) {
  throw std::invalid_argument("StationNetwork: " + what + "; " + allowed);
}

}  // namespace

double LittleLawRecord::relative_gap() const {
  if (area == 0.0 && time_in_window == 0.0) return 0.0;
  return std::abs(area - time_in_window) / std::max(std::abs(area), std::abs(time_in_window));
}

StationNetwork::StationNetwork(NetworkSpec spec, std::uint64_t seed, std::uint64_t replication)
    : spec_(std::move(spec)) {
  validate();
  const std::size_t n = spec_.stations.size();
  const std::size_t k = spec_.classes;
  handler_ = kernel_.add_handler(*this);

  std::map<std::pair<std::size_t, std::size_t>, int> repeats;
  for (const auto& a : spec_.arrivals) {
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
    std::string key = "arrival/s";
    key += std::to_string(a.station);
    key += "/c";
    key += std::to_string(a.customer_class);
    const int repeat = repeats[{a.station, a.customer_class}]++;
    if (repeat > 0) {
      key += '/';
      key += std::to_string(repeat);
    }
    arrival_rng_.emplace_back(seed, replication, key);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string index = std::to_string(i);
    service_rng_.emplace_back(seed, replication, std::string("service/s").append(index));
    route_rng_.emplace_back(seed, replication, std::string("route/s").append(index));
  }

  routes_.resize(n * k);
  for (const auto& r : spec_.routing) {
    std::vector<double> weights(n + 1, 0.0);
    double sum = 0.0;
    for (std::size_t j = 0; j < r.next.size(); ++j) {
      weights[j] = r.next[j];
      sum += r.next[j];
    }
    weights[n] = std::max(0.0, 1.0 - sum);  // leave the network
    routes_[r.station * k + r.customer_class].emplace(std::move(weights));
  }

  stations_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const bool by_class = spec_.stations[i].discipline == QueueDiscipline::kPriority;
    stations_[i].lines.resize(by_class ? k : 1);
  }
  customers_.reserve(64);
}

void StationNetwork::validate() const {
  const std::size_t n = spec_.stations.size();
  const std::size_t k = spec_.classes;
  if (k == 0) reject("classes = 0", "at least one class is required");
  if (n == 0) reject("no stations", "at least one station is required");
  for (std::size_t i = 0; i < n; ++i) {
    const auto& s = spec_.stations[i];
    const std::string where = "stations[" + std::to_string(i) + "]";
    if (s.servers < 1) reject(where + ".servers = " + std::to_string(s.servers), "must be >= 1");
    if (s.capacity && *s.capacity < static_cast<std::size_t>(s.servers)) {
      reject(where + ".capacity = " + std::to_string(*s.capacity),
             "must be >= servers (" + std::to_string(s.servers) + ")");
    }
    if (s.service.size() != 1 && s.service.size() != k) {
      reject(where + ".service has " + std::to_string(s.service.size()) + " distributions",
             "give 1 or one per class (" + std::to_string(k) + ")");
    }
  }
  for (std::size_t a = 0; a < spec_.arrivals.size(); ++a) {
    const auto& arrival = spec_.arrivals[a];
    const std::string where = "arrivals[" + std::to_string(a) + "]";
    if (arrival.station >= n) {
      reject(where + ".station = " + std::to_string(arrival.station),
             "must be < " + std::to_string(n));
    }
    if (arrival.customer_class >= k) {
      reject(where + ".customer_class = " + std::to_string(arrival.customer_class),
             "must be < " + std::to_string(k));
    }
    if (arrival.interarrival.mean() <= 0.0) {
      reject(where + ".interarrival = " + arrival.interarrival.describe(), "mean must be > 0");
    }
  }
  std::vector<bool> routed(n * k, false);
  for (std::size_t r = 0; r < spec_.routing.size(); ++r) {
    const auto& rule = spec_.routing[r];
    const std::string where = "routing[" + std::to_string(r) + "]";
    if (rule.station >= n || rule.customer_class >= k) {
      reject(where + " (station " + std::to_string(rule.station) + ", class " +
                 std::to_string(rule.customer_class) + ")",
             "station must be < " + std::to_string(n) + " and class < " + std::to_string(k));
    }
    if (routed[rule.station * k + rule.customer_class]) {
      reject(where + " repeats (station " + std::to_string(rule.station) + ", class " +
                 std::to_string(rule.customer_class) + ")",
             "give one rule per (station, class)");
    }
    routed[rule.station * k + rule.customer_class] = true;
    if (rule.next.size() > n) {
      reject(where + ".next has " + std::to_string(rule.next.size()) + " entries",
             "at most one per station (" + std::to_string(n) + ")");
    }
    double sum = 0.0;
    for (std::size_t j = 0; j < rule.next.size(); ++j) {
      const double p = rule.next[j];
      if (!std::isfinite(p) || p < 0.0 || p > 1.0) {
        reject(where + ".next[" + std::to_string(j) + "] = " + std::to_string(p),
               "must be in [0, 1]");
      }
      sum += p;
    }
    if (sum > 1.0 + 1e-9) {
      reject(where + ".next sums to " + std::to_string(sum), "the sum must be <= 1");
    }
  }
  for (std::size_t t = 0; t < spec_.wait_thresholds.size(); ++t) {
    if (!(spec_.wait_thresholds[t] >= 0.0)) {
      reject("wait_thresholds[" + std::to_string(t) +
                 "] = " + std::to_string(spec_.wait_thresholds[t]),
             "must be >= 0");
    }
  }
}

NetworkResults StationNetwork::run(const RunWindow& window) {
  assert(!ran_);
  assert(window.warmup.seconds >= 0.0);
  assert(window.horizon >= Instant{} + window.warmup);
  ran_ = true;
  reset_statistics();
  for (std::size_t s = 0; s < spec_.arrivals.size(); ++s) {
    const double first = spec_.arrivals[s].interarrival.sample(arrival_rng_[s]);
    kernel_.schedule(Instant{first}, handler_, make_payload(kExternalArrival, s), kArrivalPriority);
  }
  if (window.warmup.seconds > 0.0) {
    kernel_.run_until(Instant{} + window.warmup);
    reset_statistics();
  }
  kernel_.run_until(window.horizon);
  Instant end = window.horizon;
  if (window.drain && in_network_ > 0) {
    arrivals_open_ = false;
    while (in_network_ > 0 && kernel_.step()) {
    }
    end = emptied_at_;
  }
  return collect(end);
}

void StationNetwork::handle(const Event& event) {
  const std::uint64_t kind = event.payload >> 32;
  const auto index = static_cast<std::uint32_t>(event.payload & 0xFFFFFFFFu);
  if (kind == kExternalArrival) {
    on_external_arrival(index);
  } else {
    on_service_end(index);
  }
}

void StationNetwork::on_external_arrival(std::size_t stream) {
  if (!arrivals_open_) return;
  const ArrivalSpec& a = spec_.arrivals[stream];
  const Instant now = kernel_.now();
  kernel_.schedule(now + Duration{a.interarrival.sample(arrival_rng_[stream])}, handler_,
                   make_payload(kExternalArrival, stream), kArrivalPriority);
  const std::uint64_t id = next_customer_id_++;
  const auto& capacity = spec_.stations[a.station].capacity;
  if (capacity && stations_[a.station].present >= *capacity) {
    // Lost at the door: never enters the network, so it is not part of Little's law.
    auto& rec = record(a.station, static_cast<std::uint32_t>(a.customer_class));
    ++rec.arrivals;
    ++rec.blocked;
    log(id, TraceEvent::kBlocked, a.station);
    return;
  }
  const std::uint32_t c = allocate_customer();
  Customer& customer = customers_[c];
  customer.id = id;
  customer.entered = now;
  customer.customer_class = static_cast<std::uint32_t>(a.customer_class);
  ++in_network_;
  number_in_network_.add(now, 1.0);
  ++admitted_;
  ++little_.customers;
  arrive(c, a.station);
}

void StationNetwork::arrive(std::uint32_t c, std::size_t station) {
  Customer& customer = customers_[c];
  StationState& st = stations_[station];
  const StationSpec& spec = spec_.stations[station];
  auto& rec = record(station, customer.customer_class);
  ++rec.arrivals;
  customer.station = static_cast<std::uint32_t>(station);
  if (spec.capacity && st.present >= *spec.capacity) {
    ++rec.blocked;
    log(customer.id, TraceEvent::kBlocked, station);
    leave_network(c, /*completed=*/false);
    return;
  }
  const Instant now = kernel_.now();
  customer.at_station_since = now;
  ++st.present;
  st.number.add(now, 1.0);
  log(customer.id, TraceEvent::kArrive, station);
  if (st.busy < spec.servers) {
    start_service(c, station);
    return;
  }
  WaitingLine& line =
      st.lines[spec.discipline == QueueDiscipline::kPriority ? customer.customer_class : 0];
  customer.next = kNone;
  if (line.tail == kNone) {
    line.head = c;
  } else {
    customers_[line.tail].next = c;
  }
  line.tail = c;
}

void StationNetwork::start_service(std::uint32_t c, std::size_t station) {
  const Customer& customer = customers_[c];
  StationState& st = stations_[station];
  const Instant now = kernel_.now();
  const double wait = (now - customer.at_station_since).seconds;
  auto& rec = record(station, customer.customer_class);
  rec.wait.add(wait);
  for (std::size_t t = 0; t < spec_.wait_thresholds.size(); ++t) {
    if (wait > spec_.wait_thresholds[t]) ++rec.wait_exceeds[t];
  }
  ++st.busy;
  st.busy_servers.add(now, 1.0);
  log(customer.id, TraceEvent::kStartService, station);
  const auto& service = spec_.stations[station].service;
  const Distribution& d = service.size() == 1 ? service[0] : service[customer.customer_class];
  kernel_.schedule(now + Duration{d.sample(service_rng_[station])}, handler_,
                   make_payload(kServiceEnd, c), kCompletionPriority);
}

void StationNetwork::start_next_waiting(std::size_t station) {
  StationState& st = stations_[station];
  for (WaitingLine& line : st.lines) {  // in class order: the first non-empty line wins
    if (line.head == kNone) continue;
    const std::uint32_t c = line.head;
    line.head = customers_[c].next;
    if (line.head == kNone) line.tail = kNone;
    start_service(c, station);
    return;
  }
}

void StationNetwork::on_service_end(std::uint32_t c) {
  const std::size_t station = customers_[c].station;
  const std::uint32_t customer_class = customers_[c].customer_class;
  StationState& st = stations_[station];
  const Instant now = kernel_.now();
  --st.busy;
  st.busy_servers.add(now, -1.0);
  --st.present;
  st.number.add(now, -1.0);
  ++record(station, customer_class).completions;
  log(customers_[c].id, TraceEvent::kEndService, station);
  // The freed server takes the next waiting customer before this one moves on, so a customer
  // fed back to the same station queues behind those already waiting.
  start_next_waiting(station);
  const auto& route = routes_[station * spec_.classes + customer_class];
  if (!route) {
    leave_network(c, /*completed=*/true);
    return;
  }
  const std::size_t next = route->sample(route_rng_[station]);
  if (next == spec_.stations.size()) {
    leave_network(c, /*completed=*/true);
  } else {
    arrive(c, next);
  }
}

void StationNetwork::leave_network(std::uint32_t c, bool completed) {
  const Customer& customer = customers_[c];
  const Instant now = kernel_.now();
  log(customer.id, TraceEvent::kLeave, customer.station);
  if (completed) sojourn_by_class_[customer.customer_class].add((now - customer.entered).seconds);
  little_.time_in_window += (now - std::max(customer.entered, window_start_)).seconds;
  --in_network_;
  number_in_network_.add(now, -1.0);
  if (in_network_ == 0) emptied_at_ = now;
  release_customer(c);
}

std::uint32_t StationNetwork::allocate_customer() {
  std::uint32_t c;
  if (free_head_ != kNone) {
    c = free_head_;
    free_head_ = customers_[c].next;
  } else {
    assert(customers_.size() < kNone);
    c = static_cast<std::uint32_t>(customers_.size());
    customers_.emplace_back();
  }
  customers_[c].next = kNone;
  customers_[c].present = true;
  return c;
}

void StationNetwork::release_customer(std::uint32_t c) {
  customers_[c].present = false;
  customers_[c].next = free_head_;
  free_head_ = c;
}

void StationNetwork::reset_statistics() {
  const Instant now = kernel_.now();
  window_start_ = now;
  StationClassRecord empty;
  empty.wait_exceeds.assign(spec_.wait_thresholds.size(), 0);
  records_.assign(spec_.stations.size(), StationRecord{});
  for (auto& r : records_)
    r.by_class.assign(spec_.classes, empty);
  for (auto& st : stations_) {
    st.number.reset(now);
    st.busy_servers.reset(now);
  }
  sojourn_by_class_.assign(spec_.classes, Tally{});
  number_in_network_.reset(now);
  admitted_ = 0;
  little_ = LittleLawRecord{};
  little_.customers = in_network_;  // those present at the start of the window
}

NetworkResults StationNetwork::collect(Instant end) {
  for (const Customer& customer : customers_) {
    if (customer.present) {
      little_.time_in_window += (end - std::max(customer.entered, window_start_)).seconds;
    }
  }
  little_.area = number_in_network_.integral(end);
  NetworkResults results;
  results.start = window_start_;
  results.end = end;
  results.stations = records_;
  for (std::size_t i = 0; i < stations_.size(); ++i) {
    results.stations[i].number_mean = stations_[i].number.average(end);
    results.stations[i].busy_servers_mean = stations_[i].busy_servers.average(end);
  }
  results.sojourn_by_class = sojourn_by_class_;
  results.number_mean = number_in_network_.average(end);
  results.admitted = admitted_;
  results.little = little_;
  return results;
}

}  // namespace sim
