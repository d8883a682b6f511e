// The dossier software as the units see it: up or down per unit, driven by province-wide
// failures, per-unit failures (time between failures and repair time drawn from the spec's
// distributions, calendar time) and planned province-wide maintenance windows. A unit is down
// while the province platform or its own system is down.
//
// Failures follow the calendar, not the run (issue 17): each calendar year Y has its own
// renewal chain per process, started at 1 January of Y on its own random stream
// ("outage/province/<Y>", "outage/unit/<unit id>/<Y>"); the chain's failures are those that
// begin in Y (a repair may run into the next year, overlapping the next chain). A run that
// starts on another day replays its year's chain (and the previous year's, for a repair still
// running) up to its start without scheduling it, so the units are down on the same dates in
// any window of the same seed. (A repair longer than a year is not carried further.)
//
// It is a kernel handler of its own (its events do not mix with the dossier flow's) and tells
// an OutageListener after every change; it also accounts the working hours each unit was down
// since the window start. One per replication, written only by its event loop.
#pragma once

#include <cstdint>
#include <vector>

#include "models/spec.hpp"
#include "sim/kernel.hpp"
#include "sim/random.hpp"

namespace twotier::model {

struct OutageListener {
  // The platform went down or came back at `unit`, or at every unit when unit < 0.
  virtual void on_platform_change(int unit) = 0;

 protected:
  ~OutageListener() = default;
};

class ItPlatform final : public sim::EventHandler {
 public:
  // The listener and kernel must outlive the platform.
  ItPlatform(const ModelSpec& spec, std::uint64_t replication, sim::Kernel& kernel,
             OutageListener& listener);
  ItPlatform(const ItPlatform&) = delete;
  ItPlatform& operator=(const ItPlatform&) = delete;

  bool enabled() const { return spec_.levers.outages.enabled(); }
  // Schedules the first failures and the maintenance windows (no-op when not enabled).
  void start();
  bool down(int unit) const { return province_down_ > 0 || unit_down_[unit] > 0; }
  // Work speed at `unit`: 1 when up, else 0 (stop) or the paper speed.
  double speed(int unit) const {
    if (!down(unit)) return 1.0;
    return spec_.levers.outages.mode == OutageMode::kPaper ? spec_.levers.outages.paper_speed : 0.0;
  }
  // Restarts the outage-hour accounting at t (end of warm-up).
  void reset_window(sim::Instant t) {
    window_start_ = t;
    std::fill(down_work_seconds_.begin(), down_work_seconds_.end(), 0.0);
  }
  // Working hours each unit was down in [window start, end].
  std::vector<double> outage_hours(sim::Instant end) const;

  void handle(const sim::Event& event) override;

 private:
  enum class Kind : std::uint8_t {
    kFail,    // index: the failure process (0 = province, 1 + u = unit u)
    kRepair,  // likewise
    kYearStart,
    kMaintenanceStart,
    kMaintenanceEnd
  };
  void schedule(sim::Instant at, Kind kind, int year, std::uint32_t index);
  // 00:00 on 1 January of `year`, in simulation time.
  sim::Instant year_start(int year) const;
  // The random stream of process `p`'s chain for `year` (slot year mod 2: a chain's failures
  // begin in its year, so two chains at most are alive at once).
  sim::RandomStream& chain_rng(std::uint32_t p, int year) {
    return rngs_[2 * p + static_cast<std::uint32_t>(year & 1)];
  }
  // Starts process p's chain for `year` on its own stream; replays it without scheduling up
  // to `now` (the run's start when it falls inside the year).
  void start_chain(std::uint32_t p, int year, sim::Instant now);
  bool process_on(std::uint32_t p) const {
    return p == 0 ? spec_.levers.outages.province : spec_.levers.outages.per_unit;
  }
  const sim::Distribution& between(std::uint32_t p) const {
    return p == 0 ? spec_.levers.outages.province_between : spec_.levers.outages.unit_between;
  }
  const sim::Distribution& repair(std::uint32_t p) const {
    return p == 0 ? spec_.levers.outages.province_repair : spec_.levers.outages.unit_repair;
  }
  void change_process(std::uint32_t p, int delta) {
    if (p == 0) {
      change_province(delta);
    } else {
      change_unit(static_cast<int>(p - 1), delta);
    }
  }
  void change_province(int delta);
  void change_unit(int unit, int delta);
  // Accounting of unit down periods around a change of state.
  void note_state(int unit, bool was_down);
  double down_seconds(int unit, sim::Instant from, sim::Instant to) const;

  // Constant after construction.
  const ModelSpec& spec_;
  sim::Kernel& kernel_;
  OutageListener& listener_;
  sim::HandlerId handler_ = 0;
  std::uint64_t replication_ = 0;
  // Written only by the event loop.
  std::vector<sim::RandomStream> rngs_;  // per process, two chain slots (see chain_rng)
  int province_down_ = 0;                // failures + maintenance windows in progress
  std::vector<int> unit_down_;           // the unit's failures in progress (chains may overlap)
  std::vector<sim::Instant> down_since_;
  std::vector<double> down_work_seconds_;
  sim::Instant window_start_;
};

}  // namespace twotier::model
