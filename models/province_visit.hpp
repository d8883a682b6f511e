// One visit of a dossier to the provincial steps of its procedure, as a baseline run of the
// whole province records it for unit-focused runs (models/focus.hpp): from the first
// provincial step it enters (a provincial body's work, delay or signature; the transfer to the
// province is the filing unit's and is not part of it) until it leaves that run of provincial
// steps, is withdrawn by the citizen, or the horizon comes. Plain values (seconds as floats:
// 2 s resolution over a year), so visits can cross threads and be cached in a file.
#pragma once

#include <array>
#include <cstdint>

namespace twotier::model {

inline constexpr int kVisitPhaseCount = 5;  // as model::Phase (models/dossier_pool.hpp)

struct ProvinceVisit {
  enum class Outcome : std::uint8_t {
    kLeft,       // went on to the next step (or completed) after `sojourn`
    kWithdrawn,  // the citizen withdrew during a supplementation asked at the province
    kOpen,       // still at the province at the horizon (`sojourn` is a lower bound)
  };
  double entered = 0.0;  // Instant seconds (from the simulation epoch)
  float sojourn = 0.0f;  // calendar seconds from entry to leaving
  // Statutory working seconds the clock stood still (tax steps, supplementation with a paused
  // clock), counted from the restart when the clock restarted.
  float paused = 0.0f;
  float restart = -1.0f;  // the clock restarted this many seconds after entry; -1: it did not
  float supplement_requested = -1.0f;  // seconds after entry; -1: no supplementation asked
  float supplement_returned = -1.0f;
  float province_seconds = 0.0f;  // calendar seconds in provincial steps (DossierRecord)
  // kOpen only: the clock stood still at the horizon (a clock-pausing step, or the citizen
  // supplementing) since this many seconds after entry; -1: it was running.
  float clock_stopped = -1.0f;
  std::array<float, kVisitPhaseCount> phase{};  // calendar seconds per Phase during the visit
  std::int16_t procedure = 0;
  std::int16_t entry_step = 0;  // the step it entered at
  std::int16_t exit_step = 0;   // the step after the visit (== steps.size(): completed)
  Outcome outcome = Outcome::kLeft;
};

}  // namespace twotier::model
