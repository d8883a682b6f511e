// The workforce levers in words (see workforce_summary.hpp).
#include "models/workforce_summary.hpp"

#include <map>
#include <sstream>

namespace twotier::model {
namespace {

constexpr std::size_t kListed = 8;  // lines listed one by one before "... and N more"

std::string date_text(const ModelSpec& spec, sim::Instant t) {
  return sim::to_string(spec.calendars.front().date_of(t));
}

void describe_staff_moves(const ModelSpec& spec, std::ostream& out) {
  const std::vector<StaffMove>& moves = spec.levers.staff_moves;
  if (moves.empty()) return;
  // Per skill: officers, giving positions, receiving units.
  std::map<int, int> by_skill;
  std::map<std::pair<int, int>, int> given;    // (skill, from position) -> officers
  std::map<int, std::map<int, int>> received;  // skill -> unit -> officers
  int total = 0;
  for (const StaffMove& m : moves) {
    by_skill[m.skill] += m.officers;
    given[{m.skill, m.from_position}] += m.officers;
    received[m.skill][m.to_unit] += m.officers;
    total += m.officers;
  }
  const bool pool = moves.front().to_unit < 0;
  out << "Staff who follow delegated work: " << total << " officers move with the work"
      << (pool ? " into the delegated-work pool" : "");
  for (const auto& [skill, n] : by_skill)
    out << (skill == by_skill.begin()->first ? " (" : ", ") << spec.skills[skill] << " " << n;
  out << ")\n";
  for (const auto& [skill, units] : received) {
    std::size_t listed = 0;
    for (const auto& [key, n] : given) {
      if (key.first != skill) continue;
      const PositionSpec& p = spec.positions[static_cast<std::size_t>(key.second)];
      if (listed++ < kListed)
        out << "  " << spec.skills[skill] << ": " << n << " from " << spec.units[p.unit].id << " / "
            << p.id << " (" << p.officers << " left)\n";
    }
    if (listed > kListed) out << "  ... and " << listed - kListed << " more giving positions\n";
    if (pool) continue;  // describe_mobile_team says where the pool goes
    out << "  " << spec.skills[skill] << ": to " << units.size() << " units as position moved_"
        << spec.skills[skill] << ":";
    std::size_t k = 0;
    for (const auto& [unit, n] : units) {
      if (k++ == kListed) {
        out << " ...";
        break;
      }
      out << " " << spec.units[unit].id << " " << n;
    }
    out << "\n";
  }
}

void describe_mobile_team(const ModelSpec& spec, std::ostream& out) {
  const MobileTeamSpec& m = spec.levers.mobile;
  if (!m.enabled) return;
  int eligible = 0;
  for (const int p : m.position_at_unit)
    eligible += p >= 0;
  out << "Mobile teams: " << m.teams << " x " << m.officers << " officers, skills";
  for (std::size_t i = 0; i < m.skills.size(); ++i)
    out << (i == 0 ? " " : ", ") << spec.skills[m.skills[i]];
  out << "; each day's end, an idle team goes for " << m.period_days << " days to the unit (among "
      << eligible << ") with the most "
      << (m.trigger == MobileTrigger::kBacklog   ? "open dossiers"
          : m.trigger == MobileTrigger::kOverdue ? "overdue open dossiers"
                                                 : "tasks of these skills waiting")
      << ", at least " << m.threshold << "; sent ";
  const bool bounded_from = m.from > spec.start;
  const bool bounded_until = m.until < spec.end;
  if (!bounded_from && !bounded_until) {
    out << "over the whole run\n";
  } else {
    out << "from " << date_text(spec, bounded_from ? m.from : spec.start) << " until (not on) "
        << (bounded_until ? date_text(spec, m.until) : std::string("the end of the run")) << "\n";
  }
}

void describe_internal_work(const ModelSpec& spec, std::ostream& out) {
  const InternalWorkSpec& w = spec.internal_work;
  if (!w.enabled()) return;
  long long tasks = 0;
  double hours = 0.0;
  std::map<int, long long> per_task;
  for (const InternalStreamSpec& s : w.streams) {
    const long long n = static_cast<long long>(s.issue_days.size() * s.units.size());
    tasks += n;
    per_task[s.task] += n;
    hours +=
        static_cast<double>(n) *
        spec.procedures[static_cast<std::size_t>(s.procedure)].steps.front().effort.hours.mean();
  }
  out << "Internal work: " << w.tasks.size() << " tasks";
  if (w.agencies.size() > 1 || !w.agencies.front().empty()) {
    out << " of " << w.agencies.size() << " agencies (";
    for (std::size_t a = 0; a < w.agencies.size(); ++a)
      out << (a ? ", " : "") << w.agencies[a];
    out << ")";
  }
  out << ", " << tasks << " issued over the run (";
  for (const auto& [task, n] : per_task)
    out << (task == per_task.begin()->first ? "" : ", ") << w.tasks[task] << " " << n;
  out << "), " << static_cast<long long>(hours + 0.5)
      << " officer hours of mean effort; in the offered load below, KPIs in the internal scopes\n";
}

}  // namespace

std::string describe_workforce_levers(const ModelSpec& spec) {
  std::ostringstream out;
  describe_staff_moves(spec, out);
  describe_mobile_team(spec, out);
  describe_internal_work(spec, out);
  return out.str();
}

}  // namespace twotier::model
