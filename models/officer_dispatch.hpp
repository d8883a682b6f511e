// Individual officers and the queues of tasks waiting for them.
//
// A task (a dossier's officer step) offered at (unit, skill) is taken at once by the first
// idle officer present on the service day, trying the positions covering the skill in spec
// order and their holders in roster order (an officer holding several positions is one
// person: busy in all of them at once). Otherwise it waits in the queue of (unit, skill),
// ordered by (policy key, offer sequence) (models/dispatch_policy.hpp). A freed officer takes
// the best task among the queues of all skills of all its positions.
// Secondary skills (PositionSpec::secondary_skills): the position's officers are candidates
// of (unit, secondary skill) after all of its main candidates, and serve there at their
// proficiency, by the unit's HelpRule: kWhenIdle, an offer goes to such a helper when no main
// candidate is free, and a freed officer takes from a secondary queue only when none of its
// main queues holds a task; kBacklog, only while that queue holds at least help_backlog tasks
// (an offered task counting), and then on equal terms with its own queues; kDueSoon, on
// equal terms while the queue's gate is open (set_help_open: the runtime opens it for a day
// when enough of its waiting work is due soon). A cross-trained officer may be reassigned to
// one of its secondary skills (set_focus: the chair's review): it then takes that queue's
// work first, whatever the help rule, and its other queues' only when that one is empty.
// Deterministic, no
// randomness. Queues (RunQueue: a ring for in-order offers, a heap for the others) only
// grow: steady state allocates nothing. Each (unit, skill) keeps a bit per candidate that is idle
// and on duty, and one per candidate present on the day of its latest offer, so an offer to a busy
// unit (the province desk has 169 holders) skips the busy and absent ones by word, not one by one.
// Written only by one replication's event loop; `roster` must outlive this object.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "models/roster.hpp"
#include "models/run_queue.hpp"
#include "models/spec.hpp"

namespace twotier::model {

class OfficerDispatch {
 public:
  OfficerDispatch(const ModelSpec& spec, const Roster& roster);
  OfficerDispatch(const OfficerDispatch&) = delete;
  OfficerDispatch& operator=(const OfficerDispatch&) = delete;

  struct Task {
    std::uint32_t slot = 0;      // dossier slot
    std::uint64_t sequence = 0;  // offer order (unique, increasing): the tie-break
    double key = 0.0;            // policy key, smaller first
  };
  struct Assignment {
    // The task taken: the one offered, or, when a helper joins a queue that already holds
    // tasks (HelpRule::kBacklog), the queue's best (the offered task then waits in its place).
    std::uint32_t slot = 0;
    int officer = 0;   // index into the roster
    int position = 0;  // the position whose duty this is (index into ModelSpec::positions)
    // 1 for a main skill; a secondary skill's proficiency (the officer helps): the work
    // takes effort / proficiency.
    float proficiency = 1.0f;
    bool helping = false;  // the skill is a secondary skill of the officer's position
  };
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  struct Next {
    Task task;
    int position = 0;
    // The slot now on top of the queue the task came from (kNoSlot if it is empty): likely
    // the next one served there, worth prefetching.
    std::uint32_t upcoming_slot = kNoSlot;
    float proficiency = 1.0f;  // as in Assignment
    bool helping = false;
  };

  // Offers a task; returns who takes it (and which task) now, or nullopt after queueing it.
  // `day`: the day
  // the work would start (officers absent that day do not take it).
  // REQUIRES: 0 <= unit < units, 0 <= skill < skills
  std::optional<Assignment> offer(int unit, int skill, Task task, int day);
  // A busy officer finished a task: the task it takes next (staying busy), or nullopt (idle;
  // also when absent on `day`). REQUIRES: !idle(officer)
  std::optional<Next> release(int officer, int day);
  // An idle officer present on `day` takes the best queued task, if any (after an absence,
  // or on joining). REQUIRES: idle(officer)
  std::optional<Next> pull(int officer, int day);

  // Officers who come and go while the run goes (mobile support team): an officer off duty
  // takes no new task (a busy one finishes the task in hand). All are on duty at first; one
  // put back on duty is idle or busy as before: call pull to give it queued work.
  void set_on_duty(int officer, bool on_duty) {
    officers_[officer].on_duty = on_duty ? 1 : 0;
    update_ready(officer);
  }
  bool on_duty(int officer) const { return officers_[officer].on_duty != 0; }

  bool idle(int officer) const { return officers_[officer].idle != 0; }
  // Some position of `unit` lists `skill` among its main skills (helpers do not count).
  bool covered(int unit, int skill) const {
    return cells_[index(unit, skill)].candidates_first != cells_[index(unit, skill)].helpers_first;
  }
  std::size_t queued(int unit, int skill) const { return queues_[index(unit, skill)].size(); }

  // HelpRule::kDueSoon: whether the helpers of (unit, skill) may take its work (closed at
  // first). Opening does not hand work to idle helpers: the caller pulls for them.
  void set_help_open(int unit, int skill, bool open) {
    cells_[index(unit, skill)].help_open = open ? 1 : 0;
  }
  // Reassigns a cross-trained officer to `skill`, one of its secondary skills at its unit, or
  // back to its main skills (skill < 0). Returns false (and changes nothing) when `skill` is
  // not one of its secondary skills. Does not hand it work: the caller pulls if it is idle.
  bool set_focus(int officer, int skill);
  // The secondary skill the officer is reassigned to, or -1.
  int focus(int officer) const {
    return focus_.empty() || focus_[officer] == kNoFocus
               ? -1
               : static_cast<int>(help_queues_[focus_[officer]].queue % skill_count_);
  }

 private:
  struct Candidate {
    int officer;
    int position;
  };
  struct QueueOfPosition {
    std::uint32_t queue;
    int position;
  };
  // A secondary queue an officer may help with (after its main queues in officer_queues_).
  struct HelpQueue {
    std::uint32_t queue;
    int position;
    float proficiency;
    std::uint32_t backlog;  // 0: kWhenIdle; else the kBacklog threshold
    bool gated;             // kDueSoon: only while the cell's help_open is set
  };
  std::size_t index(int unit, int skill) const {
    return static_cast<std::size_t>(unit) * skill_count_ + skill;
  }
  std::optional<Next> take_best(int officer);
  // An offer's helper search when the help rule says no: from word w (its remaining ready and
  // present bits `bits`), the first candidate index reassigned to `cell`, or kNone.
  std::size_t focused_helper(std::size_t cell, std::uint32_t w, std::uint64_t bits) const;
  // Sets the officer's candidate bits to idle && on duty.
  void update_ready(int officer);
  // Tabulates the present words of `cell` for `day`.
  void tabulate_presence(std::size_t cell, int day);

  // Queue order: the top is the smallest (key, sequence). A function object, so the heap
  // algorithms inline it.
  struct Later {
    bool operator()(const Task& a, const Task& b) const {
      return a.key != b.key ? a.key > b.key : a.sequence > b.sequence;
    }
  };
  // What an offer and a freed officer's choice read of a (unit, skill) cell, in one line
  // (four arrays before): where its candidates and candidate words are, the day its present
  // words hold, and a copy of its queue's best task (the queue itself is read only when the
  // task is taken or queued). One extra cell closes the offsets.
  struct alignas(64) Cell {
    std::uint32_t candidates_first = 0;  // into candidates_
    std::uint32_t words_first = 0;       // into words_; the cell's words end at the next cell's
    // Candidates from helpers_first on (to the next cell's candidates_first) are helpers:
    // their proficiency in candidate_proficiency_[c - helpers_first + helpers_proficiency_first]
    std::uint32_t helpers_first = 0;
    std::uint32_t helpers_proficiency_first = 0;
    std::uint32_t help_backlog = 0;  // 0: kWhenIdle; else the kBacklog threshold
    static constexpr int kNoDay = -2147483647 - 1;
    int present_day = kNoDay;     // words_[..].present is for this day
    bool queued = false;          // the queue is not empty; `top` is a copy of its best task
    std::uint8_t help_gated = 0;  // the unit's rule is kDueSoon: helpers only while help_open
    std::uint8_t help_open = 0;   // see set_help_open
    std::uint16_t focused = 0;    // helpers reassigned here (set_focus)
    Task top;
  };
  // Whether a helper (not reassigned here) may take work offered at `cell` now.
  static bool help_allowed(const Cell& c, std::size_t queued_with_offer) {
    if (c.help_gated) return c.help_open != 0;
    return c.help_backlog == 0 || queued_with_offer >= c.help_backlog;
  }
  // Bit c of a cell's k-th word pair: candidates_[candidates_first + 64 k + c] is idle and on
  // duty (ready), present on the cell's present_day (present). Side by side: an offer ands them.
  struct Words {
    std::uint64_t ready = 0;
    std::uint64_t present = 0;
  };
  struct ReadyBit {
    std::uint32_t word;  // index into words_
    std::uint64_t mask;
  };
  // What update_ready, take_best and release read of an officer, in 16 bytes (four arrays
  // before): its candidate bits officer_bits_[bits_first, bits_end) and the queues it serves
  // officer_queues_[queues_first, queues_end).
  struct OfficerState {
    std::uint32_t bits_first = 0;
    std::uint32_t queues_first = 0;
    std::uint16_t bits_count = 0;
    std::uint16_t queues_count = 0;
    std::uint8_t idle = 1;
    std::uint8_t on_duty = 1;      // see set_on_duty
    std::uint16_t help_count = 0;  // its help_queues_ entries, see help_first_
  };

  // Constant after construction (but the mutable fields of Cell, Words and OfficerState).
  const Roster& roster_;
  std::size_t skill_count_ = 0;
  std::vector<Candidate> candidates_;            // by (unit, skill), see the header comment
  std::vector<QueueOfPosition> officer_queues_;  // the queues each officer serves
  // The secondary queues each officer may help with, help_first_[o] on, OfficerState::help_count
  // of them (empty when no position has secondary skills).
  std::vector<HelpQueue> help_queues_;
  std::vector<std::uint32_t> help_first_;  // per officer, into help_queues_
  // Per officer (empty when no position has secondary skills): the help_queues_ entry it is
  // reassigned to, or kNoFocus.
  static constexpr std::uint32_t kNoFocus = 0xffffffffu;
  std::vector<std::uint32_t> focus_;
  std::vector<float> candidate_proficiency_;  // helpers' proficiency, see Cell
  std::vector<ReadyBit> officer_bits_;        // each officer's candidate bits, in all its cells
  // Written by offer/release/pull.
  std::vector<Cell> cells_;  // per cell, plus one closing the offsets
  std::vector<Words> words_;
  std::vector<OfficerState> officers_;
  // Per cell; under first come, first served every offer is later than those queued, so
  // queues are rings (RunQueue), not heaps over the backlog.
  std::vector<RunQueue<Task, Later>> queues_;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
};

}  // namespace twotier::model
