// Internal work streams: issue days and the reading of internal_work.csv (see
// internal_work.hpp and internal_work_loader.hpp).
#include <algorithm>
#include <cstdlib>  // std::abs
#include <map>

#include "models/internal_work_loader.hpp"
#include "models/text_match.hpp"  // did_you_mean, join_names
#include "models/work_routing.hpp"
#include "sim/civil_date.hpp"

namespace twotier::model {

const char* to_string(InternalPeriod period) {
  switch (period) {
    case InternalPeriod::kWeek:
      return "week";
    case InternalPeriod::kMonth:
      return "month";
    case InternalPeriod::kQuarter:
      return "quarter";
    case InternalPeriod::kYear:
      return "year";
  }
  return "?";
}

namespace {

// The first day (a date) of the period holding `date`.
sim::CivilDate period_start(InternalPeriod period, const sim::CivilDate& date) {
  switch (period) {
    case InternalPeriod::kWeek:
      return sim::add_days(date, -sim::weekday(date));
    case InternalPeriod::kMonth:
      return {date.year, date.month, 1};
    case InternalPeriod::kQuarter:
      return {date.year, (date.month - 1) / 3 * 3 + 1, 1};
    case InternalPeriod::kYear:
      return {date.year, 1, 1};
  }
  return date;
}

}  // namespace

std::vector<int> internal_issue_days(const sim::Calendar& calendar, InternalPeriod period,
                                     int issue_day, int first_day, int end_day) {
  std::vector<int> out;
  if (issue_day == 0) return out;
  const sim::CivilDate epoch = calendar.date_of_day(0);
  // Working days of each period, grouped by the period's first date (the calendar's range).
  std::map<std::int64_t, std::vector<int>> working;  // serial day of the period's start
  for (int day = 0; day < calendar.num_days(); ++day) {
    const sim::CivilDate date = sim::add_days(epoch, day);
    const std::int64_t key = sim::days_from_civil(period_start(period, date));
    std::vector<int>& days = working[key];
    if (calendar.is_working_day(day)) days.push_back(day);
  }
  const std::int64_t first_serial = sim::days_from_civil(epoch);
  const std::int64_t last_serial = first_serial + calendar.num_days() - 1;
  for (const auto& [start, days] : working) {
    // Whole when its first day is on the calendar (counting from the start) or its last day
    // is (counting from the end): the next period's start minus one.
    if (issue_day > 0 && start < first_serial) continue;
    if (issue_day < 0) {
      const auto next = working.upper_bound(start);
      if (next == working.end()) {
        // The last period on the calendar: whole only if the calendar ends with it.
        const sim::CivilDate after = sim::add_days(sim::civil_from_days(last_serial), 1);
        if (sim::days_from_civil(period_start(period, after)) != last_serial + 1) continue;
      }
    }
    const int n = std::abs(issue_day);
    if (static_cast<int>(days.size()) < n) continue;
    const int day = issue_day > 0 ? days[static_cast<std::size_t>(n - 1)]
                                  : days[days.size() - static_cast<std::size_t>(n)];
    if (day >= first_day && day < end_day) out.push_back(day);
  }
  return out;
}

CsvColumns internal_work_columns() {
  return {{"task", "units", "skill", "period", "issue_day", "effort", "due"}, {"agencies"}};
}

void load_internal_work(const CsvTable& table, const UnitContext& context, ModelSpec& spec) {
  InternalWorkSpec& w = spec.internal_work;
  w.first_procedure = static_cast<int>(spec.procedures.size());
  const sim::Calendar& calendar = spec.calendars[spec.staff.statutory_calendar];
  const int first_day = static_cast<int>(spec.start.seconds / sim::kSecondsPerDay);
  const int end_day =
      std::min(calendar.num_days(), static_cast<int>(spec.end.seconds / sim::kSecondsPerDay) + 1);
  std::vector<std::string> unit_ids;
  for (const UnitSpec& u : spec.units)
    unit_ids.push_back(u.id);
  auto index_of = [](std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    names.push_back(name);
    return static_cast<int>(names.size()) - 1;
  };
  std::map<std::pair<std::string, std::string>, int> seen;  // (task, agency) -> line
  for (std::size_t r = 0; r < table.size(); ++r) {
    const CsvRow row = table.row(r);
    const std::string task(row["task"].text());
    if (task.empty()) row["task"].fail("a task needs a name, e.g. month_end_close");
    if (task.find('/') != std::string::npos) row["task"].fail("'/' separates task and agency");
    // Units: `*` (every commune-level unit) or ids.
    std::vector<int> units;
    const CsvCell units_cell = row["units"];
    if (units_cell.text() == "*") {
      for (std::size_t u = 0; u < spec.units.size(); ++u)
        if (spec.units[u].tier() == Tier::kCommune) units.push_back(static_cast<int>(u));
    } else {
      for (const std::string& id : split_list(units_cell.text())) {
        const auto it = std::find(unit_ids.begin(), unit_ids.end(), id);
        if (it == unit_ids.end()) {
          units_cell.fail(
              "unknown unit '" + id + "'" + did_you_mean(id, unit_ids) + ", not in units.csv",
              "* or unit ids separated by ';'");
        }
        units.push_back(static_cast<int>(it - unit_ids.begin()));
      }
      std::sort(units.begin(), units.end());
      units.erase(std::unique(units.begin(), units.end()), units.end());
    }
    if (units.empty())
      units_cell.fail("no unit keeps these books", "* or unit ids separated by ';'");
    std::vector<std::string> agencies = split_list(row["agencies"].text());
    if (agencies.empty()) agencies.push_back("");
    const CsvCell period_cell = row["period"];
    InternalPeriod period = InternalPeriod::kMonth;
    if (period_cell.text() == "week") {
      period = InternalPeriod::kWeek;
    } else if (period_cell.text() == "month") {
      period = InternalPeriod::kMonth;
    } else if (period_cell.text() == "quarter") {
      period = InternalPeriod::kQuarter;
    } else if (period_cell.text() == "year") {
      period = InternalPeriod::kYear;
    } else {
      period_cell.fail("bad value '" + std::string(period_cell.text()) + "'",
                       "week, month, quarter, year");
    }
    const int issue_day = static_cast<int>(row["issue_day"].parse([](std::string_view t) {
      const bool negative = !t.empty() && t.front() == '-';
      if (negative) t.remove_prefix(1);
      const long long n = parse_count(t);
      if (n < 1 || n > 260) throw ValueError("out of range", "1 to 260 or -1 to -260, not 0");
      return negative ? -n : n;
    }));
    const DelaySpec effort = row["effort"].parse(
        [&](std::string_view t) { return parse_delay(t, DelayUse::kEffort, context); });
    const int due = static_cast<int>(row["due"].parse([](std::string_view t) {
      if (t.ends_with("wd")) t.remove_suffix(2);
      const long long days = parse_count(t);
      if (days > 3650) throw ValueError("more than 3650 working days");
      return days;
    }));
    std::vector<int> days = internal_issue_days(calendar, period, issue_day, first_day, end_day);
    // Issued at the day's opening: only openings inside [start, end] (the runtime's rule).
    std::erase_if(days, [&](int day) {
      const sim::Instant at =
          calendar.next_working_instant(sim::Instant{day * sim::kSecondsPerDay});
      return at < spec.start || at > spec.end;
    });
    const int task_index = index_of(w.tasks, task);
    for (const std::string& agency : agencies) {
      std::string skill_name(row["skill"].text());
      if (const auto at = skill_name.find("{agency}"); at != std::string::npos)
        skill_name.replace(at, 8, agency);
      const auto skill = std::find(spec.skills.begin(), spec.skills.end(), skill_name);
      if (skill == spec.skills.end()) {
        row["skill"].fail("no position has skill '" + skill_name + "'" +
                              did_you_mean(skill_name, spec.skills) +
                              " (internal work is done by the officers of positions.csv)",
                          join_names(spec.skills));
      }
      const auto [it, inserted] = seen.try_emplace({task, agency}, row.line());
      if (!inserted) {
        row.fail("task '" + task + "'" + (agency.empty() ? "" : " of agency '" + agency + "'") +
                 " is already set on row " + std::to_string(it->second));
      }
      ProcedureSpec procedure;
      procedure.id = agency.empty() ? task : task + "/" + agency;
      procedure.name = "internal: " + procedure.id;
      procedure.domain = Domain::kFinanceBudget;
      procedure.authority = Tier::kCommune;
      procedure.deadline_workdays = due;
      StepSpec step;
      step.name = task;
      step.kind = StepKind::kWork;
      step.tier = Tier::kCommune;
      step.skill = static_cast<int>(skill - spec.skills.begin());
      step.effort = effort;
      procedure.steps.push_back(step);
      InternalStreamSpec stream;
      stream.procedure = static_cast<int>(spec.procedures.size());
      stream.task = task_index;
      stream.agency = index_of(w.agencies, agency);
      stream.units = units;
      stream.issue_days = days;
      for (const int u : units) {  // officers of the skill where the books are kept
        const int where = commune_step_unit(spec, procedure, procedure.steps.front(), u);
        const bool covered =
            where >= 0 &&
            std::any_of(spec.positions.begin(), spec.positions.end(), [&](const auto& p) {
              return p.unit == where && p.officers > 0 &&
                     std::find(p.skills.begin(), p.skills.end(), procedure.steps.front().skill) !=
                         p.skills.end();
            });
        if (!covered) {
          row["skill"].fail("unit '" + spec.units[static_cast<std::size_t>(u)].id +
                            "' keeps these books, but no position there with officers has skill '" +
                            skill_name + "'");
        }
      }
      spec.procedures.push_back(std::move(procedure));
      w.streams.push_back(std::move(stream));
    }
  }
  if (w.streams.empty()) w.first_procedure = INT_MAX;
}

}  // namespace twotier::model
