// Scenario loader: staff: [staff], unit_staff.csv, officers.csv, staff_changes.csv and
// training.csv, into the roster of officers (see docs/scenario-format.md, "Staff"). Its own
// file because staff is read after the calendar (dates become days) and is the largest part.
// Builder: models/scenario_loader_parts.hpp.
#include <algorithm>
#include <climits>
#include <cmath>
#include <sstream>

#include "models/names.hpp"
#include "models/scenario_loader_parts.hpp"
#include "models/text_match.hpp"

namespace twotier::model::loader_internal {

// --- staff: [staff], unit_staff.csv, officers.csv, staff_changes.csv, training.csv -------
// See docs/scenario-format.md ("Staff"). Runs after make_calendar (dates become days).
double Builder::number_of(const toml::node& node, const std::string& key, double lo, double hi) {
  double value = 0.0;
  if (const auto* f = node.as_floating_point()) {
    value = f->get();
  } else if (const auto* i = node.as_integer()) {
    value = static_cast<double>(i->get());
  } else {
    fail_at(node, key, "expected a number");
  }
  if (!(value >= lo && value <= hi)) {
    std::ostringstream range;
    range << lo << " to " << hi;
    fail_at(node, key, "bad value " + text_of(node, key), range.str());
  }
  return value;
}

std::vector<std::string> Builder::string_list(const toml::node& node,
                                              const std::string& key) const {
  const auto* array = node.as_array();
  if (array == nullptr) fail_at(node, key, "expected a list of texts, e.g. [\"a\", \"b\"]");
  std::vector<std::string> items;
  for (const toml::node& item : *array)
    items.push_back(string_of(item, key));
  return items;
}

std::array<std::int8_t, kDomainCount> Builder::domain_ranks(
    const std::vector<std::string>& names, const std::function<void(const std::string&)>& fail) {
  std::array<std::int8_t, kDomainCount> rank;
  rank.fill(static_cast<std::int8_t>(kDomainCount));
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto domain = parse_domain(names[i]);
    if (!domain) fail(names[i]);
    rank[static_cast<std::size_t>(*domain)] = static_cast<std::int8_t>(i);
  }
  return rank;
}

std::vector<double> Builder::signing_times(const std::vector<std::string>& texts) {
  std::vector<double> seconds;
  for (const auto& t : texts)
    seconds.push_back(parse_time_of_day(t));
  std::sort(seconds.begin(), seconds.end());
  seconds.erase(std::unique(seconds.begin(), seconds.end()), seconds.end());
  return seconds;
}

int Builder::day_of(const sim::CivilDate& date) const {
  return static_cast<int>(sim::days_between(spec_.epoch_date, date));
}

void Builder::read_staff() {
  StaffDefaults def;
  UnitStaffing unit_default;
  if (const toml::node* n = find("staff", "dispatch")) {
    const auto rule = parse_dispatch_rule(string_of(*n, "staff.dispatch"));
    if (!rule) {
      fail_at(*n, "staff.dispatch", "bad value '" + string_of(*n, "staff.dispatch") + "'",
              dispatch_rule_names());
    }
    unit_default.dispatch = *rule;
  }
  if (const toml::node* n = find("staff", "domain_priority")) {
    unit_default.domain_rank =
        domain_ranks(string_list(*n, "staff.domain_priority"), [&](const std::string& name) {
          fail_at(*n, "staff.domain_priority", "unknown domain '" + name + "'", domain_names());
        });
  }
  if (const toml::node* n = find("staff", "help_rule")) {
    const auto rule = parse_help_rule(string_of(*n, "staff.help_rule"));
    if (!rule) {
      fail_at(*n, "staff.help_rule", "bad value '" + string_of(*n, "staff.help_rule") + "'",
              help_rule_names());
    }
    unit_default.help_rule = *rule;
  }
  if (const toml::node* n = find("staff", "help_backlog"))
    unit_default.help_backlog = static_cast<int>(integer_of(*n, "staff.help_backlog", 1, 1000000));
  if (const toml::node* n = find("staff", "help_due_soon"))
    unit_default.help_due_soon =
        static_cast<int>(integer_of(*n, "staff.help_due_soon", 1, 1000000));
  if (const toml::node* n = find("staff", "help_due_soon_workdays"))
    unit_default.help_due_soon_workdays = number_of(*n, "staff.help_due_soon_workdays", 0.0, 60.0);
  if (const toml::node* n = find("staff", "reassign_days"))
    unit_default.reassign_days = static_cast<int>(integer_of(*n, "staff.reassign_days", 0, 366));
  if (const toml::node* n = find("staff", "signing_times")) {
    try {
      unit_default.signing_seconds_of_day = signing_times(string_list(*n, "staff.signing_times"));
    } catch (const ValueError& e) {
      fail_at(*n, "staff.signing_times", e.problem(), "e.g. [\"10:30\", \"16:00\"]");
    }
  }
  if (const toml::node* n = find("staff", "signing_batch_max"))
    unit_default.signing_batch_max =
        static_cast<int>(integer_of(*n, "staff.signing_batch_max", 0, 100000));
  if (const toml::node* n = find("staff", "speed"))
    def.speed = number_of(*n, "staff.speed", 0.01, 100.0);
  if (const toml::node* n = find("staff", "error_probability"))
    def.error_probability = number_of(*n, "staff.error_probability", 0.0, 0.95);
  if (const toml::node* n = find("staff", "sick_rate"))
    def.sick_rate = number_of(*n, "staff.sick_rate", 0.0, 0.5);
  if (const toml::node* n = find("staff", "annual_leave_days"))
    def.annual_leave_days = static_cast<int>(integer_of(*n, "staff.annual_leave_days", 0, 60));
  if (const toml::node* n = find("staff", "leave_blocks"))
    def.leave_blocks = static_cast<int>(integer_of(*n, "staff.leave_blocks", 1, 12));
  if (const toml::node* n = find("staff", "ramp_start_speed"))
    def.ramp_start_speed = number_of(*n, "staff.ramp_start_speed", 0.05, 1.0);
  if (const toml::node* n = find("staff", "ramp_workdays"))
    def.ramp_workdays = static_cast<int>(integer_of(*n, "staff.ramp_workdays", 0, 1000));
  staff_defaults_ = def;
  spec_.staff.units.assign(spec_.units.size(), unit_default);
  read_unit_staff();

  // Anonymous officers of positions.csv, in position order.
  for (std::size_t p = 0; p < spec_.positions.size(); ++p) {
    const PositionSpec& position = spec_.positions[p];
    for (int k = 0; k < position.officers; ++k) {
      OfficerSpec officer = default_officer(position.unit, static_cast<int>(p));
      officer.dossier_share = position.dossier_share;
      spec_.staff.roster.push_back(std::move(officer));
    }
  }
  read_officers();
  read_staff_changes();
  read_training();
  for (OfficerSpec& officer : spec_.staff.roster) {
    std::stable_sort(
        officer.training.begin(), officer.training.end(),
        [](const TrainingEffect& a, const TrainingEffect& b) { return a.from_day < b.from_day; });
  }
  held_positions_.assign(spec_.positions.size(), false);
  for (const OfficerSpec& officer : spec_.staff.roster)
    for (int p : officer.positions)
      held_positions_[static_cast<std::size_t>(p)] = true;
}

// Positions the levers added with officers (shared pools at their home unit): anonymous
// officers on the roster, with the [staff] defaults. (The mobile team's officers are added
// by effective_roster, models/roster.hpp.)
void Builder::staff_lever_positions(std::size_t first) {
  for (std::size_t p = first; p < spec_.positions.size(); ++p) {
    const PositionSpec& position = spec_.positions[p];
    for (int k = 0; k < position.officers; ++k)
      spec_.staff.roster.push_back(default_officer(position.unit, static_cast<int>(p)));
  }
}

// A new anonymous officer "<unit>/<position>#<k>" with the [staff] defaults.
OfficerSpec Builder::default_officer(int unit, int position) {
  const StaffDefaults& def = staff_defaults_;
  OfficerSpec officer;
  const PositionSpec& p = spec_.positions[static_cast<std::size_t>(position)];
  const int k = ++officers_numbered_[{unit, p.id}];
  officer.id =
      spec_.units[static_cast<std::size_t>(unit)].id + "/" + p.id + "#" + std::to_string(k);
  officer.unit = unit;
  officer.positions = {position};
  officer.dossier_share = p.dossier_share;
  officer.speed = def.speed;
  officer.error_probability = def.error_probability;
  officer.sick_rate = def.sick_rate;
  officer.leave_days_per_year = def.annual_leave_days;
  officer.leave_blocks = def.leave_blocks;
  return officer;
}

int Builder::position_at(int unit, std::string_view id) const {
  for (std::size_t p = 0; p < spec_.positions.size(); ++p) {
    if (spec_.positions[p].unit == unit && spec_.positions[p].id == id) return static_cast<int>(p);
  }
  return -1;
}

std::string Builder::positions_of_unit(int unit) const {
  std::vector<std::string> ids;
  for (const auto& p : spec_.positions)
    if (p.unit == unit) ids.push_back(p.id);
  return join_names(ids);
}

void Builder::read_unit_staff() {
  const auto table_ = table(
      "unit_staff",
      {{"unit"},
       {"dispatch", "domain_priority", "signing_times", "signing_batch_max", "saturday", "sunday",
        "help_rule", "help_backlog", "help_due_soon", "help_due_soon_workdays", "reassign_days"}},
      false);
  if (!table_) return;
  // Rows apply from the most general to the most specific; equal ranks must not overlap.
  std::vector<std::pair<int, std::size_t>> order;
  std::vector<UnitSelection> selections;
  for (std::size_t r = 0; r < table_->size(); ++r) {
    selections.push_back(select_units(table_->row(r)["unit"]));
    order.push_back({selections.back().specificity, r});
  }
  std::stable_sort(order.begin(), order.end());
  std::map<std::pair<int, int>, int> set_on;  // (unit, rank) -> line
  std::map<std::string, int> calendar_of_hours;
  for (const auto& [rank, r] : order) {
    const CsvRow row = table_->row(r);
    for (const int u : selections[r].units) {
      if (const auto [it, inserted] = set_on.try_emplace({u, rank}, row.line()); !inserted) {
        row.fail("unit '" + spec_.units[static_cast<std::size_t>(u)].id +
                 "' is already set on row " + std::to_string(it->second) +
                 " (a more specific row replaces a general one; rows of equal rank conflict)");
      }
      UnitStaffing& unit = spec_.staff.units[static_cast<std::size_t>(u)];
      if (!row["dispatch"].empty()) {
        const auto rule = parse_dispatch_rule(row["dispatch"].text());
        if (!rule) row["dispatch"].bad_value(dispatch_rule_names());
        unit.dispatch = *rule;
      }
      if (!row["help_rule"].empty()) {
        const auto rule = parse_help_rule(row["help_rule"].text());
        if (!rule) row["help_rule"].bad_value(help_rule_names());
        unit.help_rule = *rule;
      }
      const auto whole = [&](const char* column, long long lo, long long hi, const char* what) {
        return static_cast<int>(row[column].parse([&](std::string_view t) {
          const long long n = parse_count(t);
          if (n < lo || n > hi)
            throw ValueError(what, std::to_string(lo) + " to " + std::to_string(hi));
          return n;
        }));
      };
      if (!row["help_backlog"].empty())
        unit.help_backlog = whole("help_backlog", 1, 1000000, "a threshold of at least 1 task");
      if (!row["help_due_soon"].empty())
        unit.help_due_soon = whole("help_due_soon", 1, 1000000, "a threshold of at least 1 task");
      if (!row["help_due_soon_workdays"].empty()) {
        unit.help_due_soon_workdays = row["help_due_soon_workdays"].parse([](std::string_view t) {
          const double v = parse_number(t);
          if (!(v >= 0.0 && v <= 60.0))
            throw ValueError("working days to the appointment", "0 to 60");
          return v;
        });
      }
      if (!row["reassign_days"].empty())
        unit.reassign_days = whole("reassign_days", 0, 366, "days between reviews (0: none)");
      if (!row["domain_priority"].empty()) {
        unit.domain_rank =
            domain_ranks(split_list(row["domain_priority"].text()), [&](const std::string& name) {
              row["domain_priority"].fail("unknown domain '" + name + "'", domain_names());
            });
      }
      if (!row["signing_times"].empty()) {
        unit.signing_seconds_of_day = row["signing_times"].parse(
            [](std::string_view t) { return signing_times(split_list(t)); });
      }
      if (!row["signing_batch_max"].empty()) {
        unit.signing_batch_max = static_cast<int>(
            row["signing_batch_max"].parse([](std::string_view t) { return parse_count(t); }));
      }
      const CsvCell saturday = row["saturday"];
      const CsvCell sunday = row["sunday"];
      if (saturday.empty() && sunday.empty()) continue;
      if (schedule_->working_seconds(0) == sim::kSecondsPerDay) {
        row.fail("opening hours conflict with [calendar] always_open = true");
      }
      const std::string key = std::string(saturday.text()) + "|" + std::string(sunday.text());
      auto [it, inserted] = calendar_of_hours.try_emplace(key, 0);
      if (inserted) {
        std::array<sim::WeeklySchedule::DayIntervals, 7> days;
        for (int d = 0; d < 7; ++d)
          days[static_cast<std::size_t>(d)] = schedule_->intervals(d);
        auto hours = [](const CsvCell& cell) {
          return cell.parse([](std::string_view t) {
            sim::WeeklySchedule::DayIntervals intervals;
            for (const auto& item : split_list(t)) {
              const TimeInterval i = parse_time_interval(item);
              if (!intervals.empty() && i.start_seconds < intervals.back().end_seconds)
                throw ValueError("intervals must be in order and must not overlap");
              intervals.push_back({i.start_seconds, i.end_seconds});
            }
            return intervals;
          });
        };
        if (!saturday.empty()) days[sim::kSaturday] = hours(saturday);
        if (!sunday.empty()) days[sim::kSunday] = hours(sunday);
        const sim::Calendar& base = spec_.calendars.front();
        spec_.calendars.emplace_back(base.epoch(), base.num_days(), sim::WeeklySchedule(days),
                                     holidays_.holidays, holidays_.makeup_working_days);
        it->second = static_cast<int>(spec_.calendars.size()) - 1;
      }
      spec_.units[static_cast<std::size_t>(u)].calendar = it->second;
    }
  }
}

void Builder::read_officers() {
  const auto officers =
      table("officers",
            {{"unit", "officer", "positions"},
             {"dossier_share", "speed", "error_probability", "from", "until", "sick_rate",
              "annual_leave_days", "ramp_start_speed", "ramp_workdays"}},
            false);
  if (!officers) return;
  std::map<std::pair<int, std::string>, int> seen;
  for (std::size_t r = 0; r < officers->size(); ++r) {
    const CsvRow row = officers->row(r);
    const int unit = unit_of(row["unit"]);
    const std::string id = checked_id(row["officer"]);
    if (const auto [it, inserted] = seen.try_emplace({unit, id}, row.line()); !inserted) {
      row["officer"].fail("officer '" + id + "' of this unit is already on row " +
                          std::to_string(it->second));
    }
    std::vector<int> held;
    for (const auto& name : split_list(row["positions"].text())) {
      const int p = position_at(unit, name);
      if (p < 0) {
        row["positions"].fail("unit '" + spec_.units[static_cast<std::size_t>(unit)].id +
                                  "' has no position '" + name + "' in " + positions_file_,
                              positions_of_unit(unit));
      }
      if (std::find(held.begin(), held.end(), p) == held.end()) held.push_back(p);
    }
    if (held.empty()) row["positions"].fail("list the positions held, e.g. leader;one_stop");
    OfficerSpec officer = default_officer(unit, held.front());
    --officers_numbered_[{unit, spec_.positions[static_cast<std::size_t>(held.front())].id}];
    officer.id = id;
    officer.positions = held;
    auto number = [&](const char* column, double lo, double hi, double fallback) {
      const CsvCell cell = row[column];
      if (cell.empty()) return fallback;
      return cell.parse([&](std::string_view t) {
        const double v = parse_number(t);
        if (!(v >= lo && v <= hi)) {
          std::ostringstream range;
          range << lo << " to " << hi;
          throw ValueError("out of range", range.str());
        }
        return v;
      });
    };
    officer.dossier_share = number("dossier_share", 1e-6, 1.0, officer.dossier_share);
    officer.speed = number("speed", 0.01, 100.0, officer.speed);
    officer.error_probability = number("error_probability", 0.0, 0.95, officer.error_probability);
    officer.sick_rate = number("sick_rate", 0.0, 0.5, officer.sick_rate);
    officer.leave_days_per_year =
        static_cast<int>(number("annual_leave_days", 0, 60, officer.leave_days_per_year));
    if (!row["from"].empty()) {
      officer.from_day =
          day_of(row["from"].parse([](std::string_view t) { return parse_date(t); }));
      // A dated hire ramps up from its date, wherever the run starts (issue 17): one hired
      // long before the run has finished its ramp (models/roster.cpp counts the days).
      officer.ramp_start_speed = staff_defaults_.ramp_start_speed;
      officer.ramp_workdays = staff_defaults_.ramp_workdays;
    }
    if (!row["until"].empty()) {
      officer.until_day =
          day_of(row["until"].parse([](std::string_view t) { return parse_date(t); }));
      if (officer.until_day <= officer.from_day) row["until"].fail("must be after 'from'");
    }
    officer.ramp_start_speed = number("ramp_start_speed", 0.05, 1.0, officer.ramp_start_speed);
    officer.ramp_workdays =
        static_cast<int>(number("ramp_workdays", 0, 1000, officer.ramp_workdays));
    spec_.staff.roster.push_back(std::move(officer));
  }
}

// Officers of `unit` holding `position` and in post on `day`, to leave first: those with
// no other duty, latest listed (latest hired) first.
std::vector<std::size_t> Builder::leavers(int unit, int position, int day) const {
  std::vector<std::size_t> single, multiple;
  const auto& roster = spec_.staff.roster;
  for (std::size_t i = roster.size(); i-- > 0;) {
    const OfficerSpec& o = roster[i];
    if (o.unit != unit || o.from_day > day || o.until_day <= day) continue;
    if (std::find(o.positions.begin(), o.positions.end(), position) == o.positions.end()) continue;
    (o.positions.size() == 1 ? single : multiple).push_back(i);
  }
  single.insert(single.end(), multiple.begin(), multiple.end());
  return single;
}

void Builder::read_staff_changes() {
  const auto changes =
      table("staff_changes",
            {{"date", "unit", "position", "change"}, {"recruitment_lag", "to_unit", "to_position"}},
            false);
  if (!changes) return;
  std::vector<std::pair<sim::CivilDate, std::size_t>> order;
  for (std::size_t r = 0; r < changes->size(); ++r) {
    const CsvRow row = changes->row(r);
    order.push_back({row["date"].parse([](std::string_view t) { return parse_date(t); }), r});
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const UnitContext calendar_only{};
  for (const auto& [date, r] : order) {
    const CsvRow row = changes->row(r);
    const int day = day_of(date);
    const UnitSelection selection = select_units(row["unit"]);
    const std::string position_id(row["position"].text());
    const long long change = row["change"].parse([](std::string_view t) {
      const double v = parse_number(t);
      if (v != std::floor(v) || v == 0 || std::abs(v) > kMaxOfficersPerPosition)
        throw ValueError("a whole number of officers, not 0", "e.g. 2 (hire), -1 (cut)");
      return static_cast<long long>(v);
    });
    int lag_days = 0;
    if (!row["recruitment_lag"].empty()) {
      const sim::Duration lag = row["recruitment_lag"].parse(
          [&](std::string_view t) { return parse_calendar_duration(t, calendar_only); });
      lag_days = static_cast<int>(std::ceil(lag.days()));
    }
    int to_unit = -1;
    if (!row["to_unit"].empty()) {
      to_unit = unit_of(row["to_unit"]);
      if (change < 0) row["change"].fail("a transfer moves a positive number of officers");
    }
    // to_position: the position at the destination (default the same id); alone, a move to
    // another position of the same unit.
    const std::string to_position(row["to_position"].empty() ? position_id
                                                             : row["to_position"].text());
    const bool moves_position = !row["to_position"].empty() && to_position != position_id;
    if (moves_position && change < 0)
      row["change"].fail("a transfer moves a positive number of officers");
    for (const int u : selection.units) {
      if (u == to_unit && !moves_position) {
        row["to_unit"].fail("a transfer from unit '" + spec_.units[static_cast<std::size_t>(u)].id +
                            "' to itself (give another unit, or leave to_unit empty to hire)");
      }
      const int p = position_at(u, position_id);
      if (p < 0) {
        row["position"].fail("unit '" + spec_.units[static_cast<std::size_t>(u)].id +
                                 "' has no position '" + position_id + "'",
                             positions_of_unit(u));
      }
      const int destination = to_unit >= 0 ? to_unit : (moves_position ? u : -1);
      if (change > 0 && destination < 0) {  // hires: arrive after the lag and ramp up
        for (long long k = 0; k < change; ++k) {
          OfficerSpec hire = default_officer(u, p);
          hire.from_day = day + lag_days;
          hire.ramp_start_speed = staff_defaults_.ramp_start_speed;
          hire.ramp_workdays = staff_defaults_.ramp_workdays;
          spec_.staff.roster.push_back(std::move(hire));
        }
        continue;
      }
      const std::vector<std::size_t> out = leavers(u, p, day);
      const long long n = std::abs(change);
      if (static_cast<long long>(out.size()) < n) {
        row["change"].fail("moves or cuts " + std::to_string(n) + " officer(s) of position '" +
                           position_id + "' at unit '" +
                           spec_.units[static_cast<std::size_t>(u)].id + "' on " +
                           sim::to_string(date) + ", but only " + std::to_string(out.size()) +
                           " are in post then");
      }
      for (long long k = 0; k < n; ++k) {
        spec_.staff.roster[out[static_cast<std::size_t>(k)]].until_day = day;
        if (destination < 0) continue;
        const int target = position_at(destination, to_position);
        if (target < 0) {
          (moves_position ? row["to_position"] : row["to_unit"])
              .fail("unit '" + spec_.units[static_cast<std::size_t>(destination)].id +
                        "' has no position '" + to_position + "'",
                    positions_of_unit(destination));
        }
        OfficerSpec moved = spec_.staff.roster[out[static_cast<std::size_t>(k)]];
        const OfficerSpec fresh = default_officer(destination, target);
        moved.id = fresh.id;
        moved.unit = destination;
        moved.positions = {target};
        moved.dossier_share = fresh.dossier_share;
        moved.from_day = day + lag_days;
        moved.until_day = INT_MAX;
        moved.ramp_workdays = 0;  // an experienced officer keeps their proficiency
        spec_.staff.roster.push_back(std::move(moved));
      }
    }
  }
}

void Builder::read_training() {
  const auto training =
      table("training", {{"date", "unit", "speed_factor"}, {"position", "error_factor"}}, false);
  if (!training) return;
  for (std::size_t r = 0; r < training->size(); ++r) {
    const CsvRow row = training->row(r);
    TrainingEffect effect;
    effect.from_day = day_of(row["date"].parse([](std::string_view t) { return parse_date(t); }));
    auto factor = [](std::string_view t) {
      const double f = parse_number(t);
      if (!(f > 0 && f <= 10)) throw ValueError("a factor must lie in (0, 10]", "e.g. 1.1, 0.5");
      return f;
    };
    effect.speed_factor = row["speed_factor"].parse(factor);
    if (!row["error_factor"].empty()) effect.error_factor = row["error_factor"].parse(factor);
    const UnitSelection selection = select_units(row["unit"]);
    const std::string_view position = row["position"].text();
    int matched = 0;
    for (OfficerSpec& officer : spec_.staff.roster) {
      if (std::find(selection.units.begin(), selection.units.end(), officer.unit) ==
          selection.units.end())
        continue;
      const bool holds =
          position.empty() || position == "*" ||
          std::any_of(officer.positions.begin(), officer.positions.end(), [&](int p) {
            return spec_.positions[static_cast<std::size_t>(p)].id == position;
          });
      if (!holds) continue;
      officer.training.push_back(effect);
      ++matched;
    }
    if (matched == 0) row.fail("the programme matches no officer (check unit and position)");
  }
}

}  // namespace twotier::model::loader_internal
