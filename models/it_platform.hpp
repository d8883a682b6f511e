// The dossier software as the units see it: up or down per unit, driven by province-wide
// failures, per-unit failures (time between failures and repair time drawn from the spec's
// distributions, calendar time) and planned province-wide maintenance windows. A unit is down
// while the province platform or its own system is down.
//
// It is a kernel handler of its own (its events do not mix with the dossier flow's) and tells
// an OutageListener after every change; it also accounts the working hours each unit was down
// since the window start. Random streams: "outage/province", "outage/unit/<unit id>".
// One per replication, written only by its event loop.
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
  bool down(int unit) const { return province_down_ > 0 || unit_down_[unit]; }
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
    kProvinceFail,
    kProvinceRepair,
    kUnitFail,
    kUnitRepair,
    kMaintenanceStart,
    kMaintenanceEnd
  };
  void schedule(sim::Instant at, Kind kind, std::uint32_t index);
  void change_province(int delta);
  void change_unit(int unit, bool down);
  // Accounting of unit down periods around a change of state.
  void note_state(int unit, bool was_down);
  double down_seconds(int unit, sim::Instant from, sim::Instant to) const;

  // Constant after construction.
  const ModelSpec& spec_;
  sim::Kernel& kernel_;
  OutageListener& listener_;
  sim::HandlerId handler_ = 0;
  // Written only by the event loop.
  sim::RandomStream province_rng_;
  std::vector<sim::RandomStream> unit_rng_;
  int province_down_ = 0;  // failures + maintenance windows in progress
  std::vector<char> unit_down_;
  std::vector<sim::Instant> down_since_;
  std::vector<double> down_work_seconds_;
  sim::Instant window_start_;
};

}  // namespace twotier::model
