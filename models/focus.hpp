// Unit-focused runs: one commune-level unit simulated in full, the rest of the province
// through an aggregate of what the unit shares with it (docs/model-runtime.md, "Unit-focused
// runs").
//
// What a commune shares with the rest of the province is the provincial bodies: its dossiers
// of provincial authority queue there with everyone else's. A baseline run of the whole
// province (FocusSpec::record_visits) records every dossier's visit to the provincial steps
// (models/province_visit.hpp): when it entered, how long it stayed, what happened to its
// statutory clock, whether it was withdrawn or still there at the horizon. A focused run
// simulates only the focused unit's dossiers (arrivals, backlog, replay and internal work of
// the other units are dropped; their officers stay idle); when one of them reaches a
// provincial step it does not queue: it takes a visit drawn from the baseline's, and leaves
// (or is withdrawn, or stays open) as that visit did. The draw is conditional on the
// procedure, the step it enters at and the time: one of the k visits of the same procedure
// and entry step whose entry is nearest in time, in the baseline replication paired with the
// focused one (focused replication r uses baseline replication r mod B), so the province's
// congestion over the year (the Tết peak, the backlog run-down) and its variation between
// replications carry over. The draw uses the dossier's own stream of that step's effort
// (which a focused run does not use otherwise), so it is keyed like every other draw.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "models/province_visit.hpp"
#include "models/spec.hpp"
#include "sim/calendar.hpp"

namespace twotier::model {

class ProvinceAggregate {
 public:
  // Visits per baseline replication (index = baseline replication). REQUIRES: non-empty.
  explicit ProvinceAggregate(std::vector<std::vector<ProvinceVisit>> per_replication,
                             int neighbours = kDefaultNeighbours);
  static constexpr int kDefaultNeighbours = 16;

  int replications() const { return static_cast<int>(keys_.size()); }
  std::size_t visits() const { return visits_.size(); }
  int neighbours() const { return neighbours_; }

  // A visit for a dossier of `procedure` entering provincial step `step` at `at` (Instant
  // seconds) in focused replication `replication`: one of the `neighbours()` visits of the same
  // procedure and entry step nearest in entry time in baseline replication
  // replication % replications(), chosen by `u` in [0, 1). When that replication has none,
  // the next ones are tried; nullptr when no replication has any (the step is then simulated).
  const ProvinceVisit* draw(std::uint64_t replication, int procedure, int step, double at,
                            double u) const;

  // As draw(), with the horizon's censoring taken into account: a visit still open at the
  // baseline's horizon that entered *after* `at` only says its stay was longer than its
  // recorded `sojourn` (a dossier entering at `at` had more time before the horizon and might
  // have left). Its weight goes to the window's visits that stayed longer (Efron's
  // redistribution to the right, the Kaplan-Meier estimate of the stay within the window),
  // drawn with `next()` until the visit is one that left, was withdrawn, or was open having
  // entered at or before `at`; open when no visit of the window stayed longer. Taking every
  // open visit as "open" made focused runs complete too few of the dossiers that reach the
  // province near the horizon (fixture: -0.5 % completions at a unit sending many).
  // `first_u` is the first uniform (the same pick as draw()); `next` gives further ones.
  template <class Uniform>
  const ProvinceVisit* draw_uncensored(std::uint64_t replication, int procedure, int step,
                                       double at, double first_u, Uniform&& next) const {
    Window w = window(replication, procedure, step, at);
    if (w.lo == nullptr) return nullptr;
    const ProvinceVisit* v = pick(w, first_u);
    while (v->outcome == ProvinceVisit::Outcome::kOpen && v->entered > at) {
      const ProvinceVisit* longer = pick_longer(w, v->sojourn, next());
      if (longer == nullptr) break;  // nobody in the window stayed longer: it stays open
      v = longer;
    }
    return v;
  }

  // A binary image of the visits (for the cache: analysis/experiments/focus_baseline.hpp);
  // read() throws std::runtime_error on a damaged or foreign file.
  void write(std::ostream& out) const;
  static ProvinceAggregate read(std::istream& in);

 private:
  struct Window {  // the k visits nearest in entry time, [lo, hi); lo == nullptr: none
    const ProvinceVisit* lo = nullptr;
    const ProvinceVisit* hi = nullptr;
  };
  Window window(std::uint64_t replication, int procedure, int step, double at) const;
  static const ProvinceVisit* pick(Window w, double u);
  // One of the window's visits whose recorded stay is longer than `sojourn`, chosen by `u`;
  // nullptr when there is none.
  static const ProvinceVisit* pick_longer(Window w, float sojourn, double u);

  struct Range {
    std::uint32_t key = 0;  // procedure << 16 | entry step
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  std::vector<ProvinceVisit> visits_;     // by (replication, key, entered)
  std::vector<std::vector<Range>> keys_;  // per replication, sorted by key
  int neighbours_ = kDefaultNeighbours;
};

// When a moment of a drawn visit happens for a dossier entering at `at`: the visit entered at
// `entered` and the moment came `offset` calendar seconds later. The stay is carried over in
// the provincial body's working time (`calendar`), not in calendar time: the moment is as many
// working seconds after `at` as it was after `entered`, plus the idle time that had passed
// since the last working second (or since the entry) when it came. A dossier entering on a
// Saturday thus leaves with the neighbour that entered on Friday evening (both waited for
// Monday's opening) instead of a day later. When no working time passed during the offset
// (the whole of it idle), the calendar offset is kept. Never before `at`; the calendar shift
// when the moment lies beyond the calendar's range.
sim::Instant visit_moment(const sim::Calendar& calendar, double entered, double offset,
                          sim::Instant at);

// Why `unit` cannot be focused on in `spec` (empty when it can): a provincial body, or levers
// that couple communes to each other (province-wide filing, shared pools).
std::string focus_unsupported(const ModelSpec& spec, int unit);

// The focused spec: `full` with only `unit`'s arrivals, replayed arrivals, backlog and
// internal work, and FocusSpec{unit, province}. REQUIRES: focus_unsupported(full, unit) empty.
ModelSpec focused_spec(const ModelSpec& full, int unit,
                       std::shared_ptr<const ProvinceAggregate> province);

// Whether a step is one of the provincial steps a visit covers (provincial tier, not a
// transfer: the transfer is the filing unit's lag).
inline bool provincial_visit_step(const StepSpec& step) {
  return step.tier == Tier::kProvince && step.kind != StepKind::kTransfer;
}

// The note every output of a focused run carries (summary, reports, printed text), in English
// or Vietnamese; empty when `spec` is not focused.
std::string focus_note(const ModelSpec& spec, bool vietnamese = false);

}  // namespace twotier::model
