// Station network: exact event traces of tiny deterministic networks (ties, two servers,
// priority order, losses), Little's identity, stream independence and spec validation.
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/station_network.hpp"

using sim::Distribution;
using sim::TraceEvent;
using sim::TraceRecord;

namespace {

constexpr TraceEvent kArrive = TraceEvent::kArrive;
constexpr TraceEvent kBlocked = TraceEvent::kBlocked;
constexpr TraceEvent kStart = TraceEvent::kStartService;
constexpr TraceEvent kEnd = TraceEvent::kEndService;
constexpr TraceEvent kLeave = TraceEvent::kLeave;

sim::StationSpec station(int servers, double service_time) {
  sim::StationSpec s;
  s.servers = servers;
  s.service = {Distribution::deterministic(service_time)};
  return s;
}

sim::ArrivalSpec every(double interval, std::size_t station = 0, std::size_t customer_class = 0) {
  return {station, customer_class, Distribution::deterministic(interval)};
}

// Arrivals stop at `horizon`; the network then drains.
std::vector<TraceRecord> trace(const sim::NetworkSpec& spec, double horizon,
                               sim::NetworkResults* results = nullptr) {
  std::vector<TraceRecord> log;
  sim::StationNetwork network(spec, 1, 0);
  network.trace_into(&log);
  const auto r = network.run({sim::Duration{0}, sim::Instant{horizon}, true});
  if (results != nullptr) *results = r;
  return log;
}

std::string describe(const std::vector<TraceRecord>& log) {
  static const char* names[] = {"arrive", "blocked", "start", "end", "leave"};
  std::ostringstream s;
  for (const auto& r : log) {
    s << "(" << r.customer << " " << names[static_cast<int>(r.event)] << " s" << r.station << " "
      << r.time << ")\n";
  }
  return s.str();
}

}  // namespace

TEST_CASE("two servers in tandem with a single server: exact trace with same-time ties",
          "[station_network]") {
  // Station 0: 2 servers, service 2; then always to station 1: 1 server, service 1.
  // Arrivals at 1, 2, 3. At t = 3 customer 0's completion runs before customer 2's arrival;
  // at t = 4 and 5 two completions tie and run in the order they were scheduled.
  sim::NetworkSpec spec;
  spec.stations = {station(2, 2.0), station(1, 1.0)};
  spec.arrivals = {every(1.0)};
  spec.routing = {{0, 0, {0.0, 1.0}}};
  sim::NetworkResults results;
  const auto log = trace(spec, 3.0, &results);
  const std::vector<TraceRecord> expected{
      {0, kArrive, 0, 1}, {0, kStart, 0, 1},                      //
      {1, kArrive, 0, 2}, {1, kStart, 0, 2},                      //
      {0, kEnd, 0, 3},    {0, kArrive, 1, 3}, {0, kStart, 1, 3},  //
      {2, kArrive, 0, 3}, {2, kStart, 0, 3},                      //
      {1, kEnd, 0, 4},    {1, kArrive, 1, 4},                     //
      {0, kEnd, 1, 4},    {1, kStart, 1, 4},  {0, kLeave, 1, 4},  //
      {2, kEnd, 0, 5},    {2, kArrive, 1, 5},                     //
      {1, kEnd, 1, 5},    {2, kStart, 1, 5},  {1, kLeave, 1, 5},  //
      {2, kEnd, 1, 6},    {2, kLeave, 1, 6}};
  INFO(describe(log));
  CHECK(log == expected);
  SECTION("the records agree with the trace") {
    CHECK(results.end.seconds == 6.0);
    CHECK(results.admitted == 3);
    CHECK(results.stations[1].by_class[0].wait.count() == 3);
    CHECK(results.stations[1].by_class[0].wait.mean() == Approx(0.0 + 0.0 + 0.0));
    CHECK(results.sojourn_by_class[0].mean() == Approx((3.0 + 3.0 + 3.0) / 3.0));
    // Number in network over [0, 6]: area = sum of sojourns = 9.
    CHECK(results.little.area == Approx(9.0));
    CHECK(results.little.time_in_window == Approx(9.0));
    CHECK(results.number_mean == Approx(9.0 / 6.0));
    CHECK(results.stations[0].busy_servers_mean == Approx(6.0 / 6.0));
  }
}

TEST_CASE("non-preemptive priority serves the lowest class index first, FIFO within a class",
          "[station_network]") {
  // Class 1 arrives at 1, 2, 3; class 0 at 2.2. Service 1.5. Customer 2 (class 0) overtakes
  // customer 1 but does not interrupt customer 0; customer 1 still precedes customer 3.
  sim::NetworkSpec spec;
  spec.classes = 2;
  spec.stations = {station(1, 1.5)};
  spec.stations[0].discipline = sim::QueueDiscipline::kPriority;
  spec.arrivals = {every(1.0, 0, 1), every(2.2, 0, 0)};
  const auto log = trace(spec, 3.0);
  const std::vector<TraceRecord> expected{
      {0, kArrive, 0, 1},  {0, kStart, 0, 1},   {1, kArrive, 0, 2},  {2, kArrive, 0, 2.2},
      {0, kEnd, 0, 2.5},   {2, kStart, 0, 2.5}, {0, kLeave, 0, 2.5}, {3, kArrive, 0, 3},
      {2, kEnd, 0, 4},     {1, kStart, 0, 4},   {2, kLeave, 0, 4},   {1, kEnd, 0, 5.5},
      {3, kStart, 0, 5.5}, {1, kLeave, 0, 5.5}, {3, kEnd, 0, 7},     {3, kLeave, 0, 7}};
  INFO(describe(log));
  CHECK(log == expected);
  SECTION("the same arrivals under FIFO keep arrival order") {
    spec.stations[0].discipline = sim::QueueDiscipline::kFifo;
    const auto fifo = trace(spec, 3.0);
    std::vector<std::uint64_t> starts;
    for (const auto& r : fifo) {
      if (r.event == kStart) starts.push_back(r.customer);
    }
    CHECK(starts == std::vector<std::uint64_t>{0, 1, 2, 3});
  }
}

TEST_CASE("a full station loses arrivals and counts them", "[station_network]") {
  sim::NetworkSpec spec;
  spec.stations = {station(1, 1.5)};
  spec.stations[0].capacity = 1;
  spec.arrivals = {every(1.0)};
  sim::NetworkResults results;
  const auto log = trace(spec, 4.0, &results);
  const std::vector<TraceRecord> expected{
      {0, kArrive, 0, 1},  {0, kStart, 0, 1},  {1, kBlocked, 0, 2}, {0, kEnd, 0, 2.5},
      {0, kLeave, 0, 2.5}, {2, kArrive, 0, 3}, {2, kStart, 0, 3},   {3, kBlocked, 0, 4},
      {2, kEnd, 0, 4.5},   {2, kLeave, 0, 4.5}};
  INFO(describe(log));
  CHECK(log == expected);
  CHECK(results.stations[0].by_class[0].arrivals == 4);
  CHECK(results.stations[0].by_class[0].blocked == 2);
  CHECK(results.admitted == 2);
  SECTION("a completion at the instant of an arrival frees the place first") {
    // Arrivals every 2, service 2: each arrival meets a completion and is admitted.
    spec.stations[0].service = {Distribution::deterministic(2.0)};
    spec.arrivals = {every(2.0)};
    trace(spec, 8.0, &results);
    CHECK(results.stations[0].by_class[0].blocked == 0);
    CHECK(results.stations[0].by_class[0].wait.max() == 0.0);
  }
  SECTION("a customer routed to a full station leaves the network") {
    // Station 0 (2 servers, service 1) feeds station 1 (capacity 1, service 5).
    spec.stations = {station(2, 1.0), station(1, 5.0)};
    spec.stations[1].capacity = 1;
    spec.arrivals = {every(1.0)};
    spec.routing = {{0, 0, {0.0, 1.0}}};
    trace(spec, 3.0, &results);
    CHECK(results.stations[1].by_class[0].arrivals == 3);
    CHECK(results.stations[1].by_class[0].blocked == 2);
    CHECK(results.sojourn_by_class[0].count() == 1);  // only completed customers
    CHECK(results.little.relative_gap() < 1e-12);
  }
}

TEST_CASE("Little's law is an exact identity on random sample paths", "[station_network]") {
  sim::NetworkSpec spec;
  spec.classes = 2;
  spec.stations = {station(2, 1.0), station(1, 0.5)};
  spec.stations[0].service = {Distribution::exponential(1.0), Distribution::lognormal(0.8, 1.2)};
  spec.stations[1].service = {Distribution::erlang(3, 0.5)};
  spec.stations[1].capacity = 4;
  spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, 0.6), sim::ArrivalSpec::poisson(0, 1, 0.5),
                   sim::ArrivalSpec::poisson(1, 1, 0.3)};
  spec.routing = {{0, 0, {0.1, 0.5}}, {0, 1, {0.0, 0.3}}, {1, 1, {0.2, 0.1}}};
  for (const bool drain : {false, true}) {
    for (const double warmup : {0.0, 200.0}) {
      sim::StationNetwork network(spec, 7, 3);
      const auto r = network.run({sim::Duration{warmup}, sim::Instant{3000.0}, drain});
      INFO("drain " << drain << " warm-up " << warmup);
      CHECK(r.little.customers > 1000);
      CHECK(r.little.relative_gap() < 1e-12);
      const double length = (r.end - r.start).seconds;
      CHECK(r.number_mean ==
            Approx(r.little.customers / length * (r.little.time_in_window / r.little.customers)));
    }
  }
}

TEST_CASE("streams are keyed by purpose, so results repeat and streams do not interfere",
          "[station_network]") {
  sim::NetworkSpec spec;
  spec.stations = {station(1, 1.0), station(1, 1.0)};
  spec.stations[0].service = {Distribution::exponential(0.8)};
  spec.arrivals = {sim::ArrivalSpec::poisson(0, 0, 1.0)};
  auto station0_times = [](const sim::NetworkSpec& s, std::uint64_t replication) {
    std::vector<TraceRecord> log;
    sim::StationNetwork network(s, 99, replication);
    network.trace_into(&log);
    network.run({sim::Duration{0}, sim::Instant{50.0}, false});
    std::vector<std::pair<TraceEvent, double>> times;
    for (const auto& r : log) {
      if (r.station == 0) times.emplace_back(r.event, r.time);
    }
    return times;
  };
  const auto base = station0_times(spec, 0);
  CHECK(base.size() > 50);
  CHECK(station0_times(spec, 0) == base);
  CHECK(station0_times(spec, 1) != base);
  SECTION("adding arrivals at another station leaves station 0's path unchanged") {
    auto more = spec;
    more.arrivals.push_back(sim::ArrivalSpec::poisson(1, 0, 0.5));
    CHECK(station0_times(more, 0) == base);
  }
}

TEST_CASE("inconsistent specs are rejected with the bad value named", "[station_network]") {
  sim::NetworkSpec spec;
  spec.stations = {station(1, 1.0)};
  spec.arrivals = {every(1.0)};
  auto message = [](const sim::NetworkSpec& s) -> std::string {
    try {
      sim::StationNetwork network(s, 1, 0);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK(message(spec) == "accepted");
  auto bad = spec;
  bad.stations[0].servers = 0;
  CHECK_THAT(message(bad), Catch::Contains("stations[0].servers = 0"));
  bad = spec;
  bad.arrivals[0].station = 3;
  CHECK_THAT(message(bad), Catch::Contains("arrivals[0].station = 3"));
  bad = spec;
  bad.routing = {{0, 0, {0.7}}, {0, 0, {0.1}}};
  CHECK_THAT(message(bad), Catch::Contains("routing[1] repeats"));
  bad = spec;
  bad.routing = {{0, 0, {1.5}}};
  CHECK_THAT(message(bad), Catch::Contains("routing[0].next[0]"));
  bad = spec;
  bad.stations[0].capacity = 0;
  CHECK_THAT(message(bad), Catch::Contains("capacity = 0"));
}
