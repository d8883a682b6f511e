// A generic open network of multi-server stations on sim::Kernel, used to validate the kernel
// against queueing theory (it knows nothing of dossiers).
//
// Customers of several classes arrive from outside (renewal streams, Poisson by default),
// wait FIFO or by non-preemptive class priority, are served by one of c servers, then move to
// another station (feedback to the same one allowed) or leave, by probabilities per (station,
// class). A station may have a finite capacity: a customer arriving to a full station is lost.
// Time unit: kernel seconds; sampled service and interarrival values are seconds.
// Same-time ties: service completions (event priority 0) run before external arrivals (1).
// One StationNetwork per replication; not thread-safe; run() once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/kernel.hpp"
#include "sim/random.hpp"
#include "sim/statistics.hpp"

namespace sim {

enum class QueueDiscipline {
  kFifo,      // one queue in arrival order, whatever the class
  kPriority,  // non-preemptive: lowest class index first, FIFO within a class
};

struct StationSpec {
  int servers = 1;                                      // c >= 1
  QueueDiscipline discipline = QueueDiscipline::kFifo;  // order of the waiting line
  std::optional<std::size_t> capacity;                  // max customers present (waiting and in
                                                        // service); none = unlimited
  std::vector<Distribution> service;                    // per class, or one for every class
};

// A renewal stream of one class into one station; the first arrival comes one interarrival
// time after time 0.
struct ArrivalSpec {
  std::size_t station = 0;
  std::size_t customer_class = 0;
  Distribution interarrival;  // exponential(1 / rate) gives Poisson arrivals

  static ArrivalSpec poisson(std::size_t station, std::size_t customer_class, double rate) {
    return {station, customer_class, Distribution::exponential(1.0 / rate)};
  }
};

// Where a customer of `customer_class` goes after service at `station`: to station j with
// probability next[j]; with the remaining probability 1 - sum(next) it leaves. A (station,
// class) without a rule leaves after service.
struct RoutingSpec {
  std::size_t station = 0;
  std::size_t customer_class = 0;
  std::vector<double> next;  // size <= number of stations; missing entries are 0
};

struct NetworkSpec {
  std::size_t classes = 1;
  std::vector<StationSpec> stations;
  std::vector<ArrivalSpec> arrivals;
  std::vector<RoutingSpec> routing;
  std::vector<double> wait_thresholds;  // P(wait > t) is counted for each t
};

// The observation window. Statistics are reset at `warmup`; arrivals stop at `horizon`.
// Without drain the window is [warmup, horizon] and customers still present are cut off at
// horizon. With drain the run continues until the network is empty and the window ends at
// the last departure (or at horizon if the network is empty then).
struct RunWindow {
  Duration warmup{};
  Instant horizon{};
  bool drain = false;
};

struct StationClassRecord {
  Tally wait;                               // time from arrival at the station to service start
  std::vector<std::uint64_t> wait_exceeds;  // per threshold t: waits > t
  std::uint64_t arrivals = 0;               // arrivals to the station, including the lost ones
  std::uint64_t blocked = 0;                // arrivals lost because the station was full
  std::uint64_t completions = 0;            // services completed
};

struct StationRecord {
  std::vector<StationClassRecord> by_class;
  double number_mean = 0.0;        // time-average number present (waiting and in service)
  double busy_servers_mean = 0.0;  // time-average number of busy servers
};

// Little's law as a sample-path identity over the window [start, end]. Every customer whose
// stay overlaps the window (present at start or admitted during it) counts once, with the part
// of its stay inside the window; then area == time_in_window exactly (up to rounding), i.e.
// L = lambda W with L = area / T, lambda = customers / T, W = time_in_window / customers.
// Run from empty with no warm-up and drain, these are the plain sojourn times.
struct LittleLawRecord {
  double area = 0.0;            // integral of the number in the network over the window
  double time_in_window = 0.0;  // sum over customers of their time in the network in the window
  std::uint64_t customers = 0;
  double relative_gap() const;  // |area - time_in_window| / area (0 when both are 0)
};

struct NetworkResults {
  Instant start;  // the window
  Instant end;
  std::vector<StationRecord> stations;
  std::vector<Tally> sojourn_by_class;  // external arrival to exit, customers leaving in window
  double number_mean = 0.0;             // time-average number in the network
  std::uint64_t admitted = 0;           // external arrivals admitted in the window
  LittleLawRecord little;
};

enum class TraceEvent { kArrive, kBlocked, kStartService, kEndService, kLeave };

// One line of an event log (tests compare logs with exact expected lists).
struct TraceRecord {
  std::uint64_t customer = 0;  // numbered from 0 in order of external arrival
  TraceEvent event = TraceEvent::kArrive;
  std::size_t station = 0;
  double time = 0.0;
  bool operator==(const TraceRecord&) const = default;
};

class StationNetwork final : public EventHandler {
 public:
  // Random streams, each from derive_seed(seed, replication, key): "arrival/s<i>/c<k>" per
  // arrival stream (a repeated (station, class) pair gets "/<n>" appended), "service/s<i>"
  // and "route/s<i>" per station. Throws std::invalid_argument naming the bad value when the
  // spec is inconsistent (index out of range, servers < 1, probabilities outside [0, 1]...).
  StationNetwork(NetworkSpec spec, std::uint64_t seed, std::uint64_t replication);
  StationNetwork(const StationNetwork&) = delete;
  StationNetwork& operator=(const StationNetwork&) = delete;

  // Appends every arrival, loss, service start and end and departure to *log (nullptr: off).
  // The log must outlive run().
  void trace_into(std::vector<TraceRecord>* log) { trace_ = log; }

  // REQUIRES: not run before; window.warmup >= 0; window.horizon >= Instant{} + warmup
  NetworkResults run(const RunWindow& window);

  void handle(const Event& event) override;

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  enum EventKind : std::uint64_t { kExternalArrival = 0, kServiceEnd = 1 };

  struct Customer {
    std::uint64_t id = 0;
    Instant entered;           // into the network
    Instant at_station_since;  // arrival at the current station
    std::uint32_t station = 0;
    std::uint32_t customer_class = 0;
    std::uint32_t next = kNone;  // next in a waiting line, or in the free list
    bool present = false;
  };
  struct WaitingLine {
    std::uint32_t head = kNone;
    std::uint32_t tail = kNone;
  };
  struct StationState {
    std::vector<WaitingLine> lines;  // one (FIFO) or one per class (priority)
    std::size_t present = 0;
    int busy = 0;
    TimeWeighted number;
    TimeWeighted busy_servers;
  };
  void validate() const;
  void on_external_arrival(std::size_t stream);
  void on_service_end(std::uint32_t customer);
  // Places the customer at `station` (already counted in the network) or loses it.
  void arrive(std::uint32_t customer, std::size_t station);
  void start_service(std::uint32_t customer, std::size_t station);
  void start_next_waiting(std::size_t station);
  void leave_network(std::uint32_t customer, bool completed);
  std::uint32_t allocate_customer();
  void release_customer(std::uint32_t customer);
  void reset_statistics();
  NetworkResults collect(Instant end);
  void log(std::uint64_t customer, TraceEvent event, std::size_t station) {
    if (trace_ != nullptr) trace_->push_back({customer, event, station, kernel_.now().seconds});
  }
  StationClassRecord& record(std::size_t station, std::uint32_t customer_class) {
    return records_[station].by_class[customer_class];
  }

  // Constant after construction.
  const NetworkSpec spec_;
  std::vector<std::optional<Categorical>> routes_;  // [station * classes + class]; none = exit
  HandlerId handler_ = 0;

  // Written only by the event loop.
  Kernel kernel_;
  std::vector<RandomStream> arrival_rng_;
  std::vector<RandomStream> service_rng_;
  std::vector<RandomStream> route_rng_;
  std::vector<Customer> customers_;  // a pool: slots are reused through the free list
  std::uint32_t free_head_ = kNone;
  std::vector<StationState> stations_;
  std::uint64_t next_customer_id_ = 0;
  bool arrivals_open_ = true;
  std::size_t in_network_ = 0;
  Instant emptied_at_{};
  std::vector<TraceRecord>* trace_ = nullptr;

  // Statistics since the last reset.
  Instant window_start_{};
  std::vector<StationRecord> records_;
  std::vector<Tally> sojourn_by_class_;
  TimeWeighted number_in_network_;
  std::uint64_t admitted_ = 0;
  LittleLawRecord little_;
  bool ran_ = false;
};

}  // namespace sim
