// Builds a ModelSpec from a scenario's TOML document and CSV tables (see scenario_loader.hpp).
//
// Order: [scenario] and [calendar] first (the working-day length is needed to read "wd"),
// then units, procedures, steps, positions, profiles, arrivals or replay, backlog; then the
// calendar over [epoch, end + margin] and the checks that span tables.
#include "models/scenario_loader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "models/csv_table.hpp"
#include "models/lever_loader.hpp"
#include "models/names.hpp"
#include "models/scenario_document.hpp"
#include "models/text_match.hpp"
#include "models/units_parse.hpp"
#include "sim/holiday_table.hpp"

namespace twotier::model {
namespace {

// Days tabulated by the calendar beyond the horizon, so that appointments and work of
// dossiers still open at the end (deadlines of up to a few hundred working days, slow
// backlogs) stay computable. Three years of days cost a few kilobytes.
constexpr int kCalendarMarginDays = 3 * 366;
constexpr long long kMaxOfficersPerPosition = 100000;
constexpr long long kMaxDeadlineWorkdays = 3650;
// Expected dossiers in one replication above which the arrival tables surely hold a typo (a
// rate per day written as per year, a population in units instead of thousands).
constexpr double kMaxDossiersPerRun = 1e9;

const std::array<const char*, 7> kWeekdayKeys{"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
const std::array<const char*, 7> kWeekdayShort{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Working hours used when [calendar] does not give a weekday: Monday to Friday
// 07:30-11:30 and 13:00-17:00 (8 h), weekend closed.
sim::WeeklySchedule::DayIntervals default_weekday_hours(int weekday) {
  if (weekday >= sim::kSaturday) return {};
  return {sim::WorkingInterval::from_hours(7.5, 11.5), sim::WorkingInterval::from_hours(13, 17)};
}

// A unit selector in positions.csv and arrivals.csv: an id, `*` or `kind:<kind>`.
struct UnitSelection {
  std::vector<int> units;
  int specificity = 0;  // 2 an id, 1 a kind, 0 every commune-level unit
};

// The text of a TOML value for the unit parsers (dates and numbers as written).
std::string text_of(const toml::node& node, std::string_view key) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) {
    std::ostringstream out;
    out << f->get();
    return out.str();
  }
  if (const auto* d = node.as_date()) {
    std::ostringstream out;
    out << *d;
    return out.str();
  }
  fail_at(node, key, "bad value " + toml_text(node) + ": expected a value in quotes, e.g. \"2h\"");
}

class Builder {
 public:
  Builder(ScenarioDocument document) : doc_(std::move(document)) {}

  ModelSpec build() {
    read_scenario_section();
    read_calendar_section();
    read_deadlines_section();
    read_units();
    read_procedures();
    read_steps();
    read_positions();
    read_profiles();
    read_arrivals();
    read_replay();
    read_backlog();
    make_calendar();
    place_in_time();
    read_staff();
    check_province_bodies();
    check_coverage();
    const std::size_t positions_before_levers = spec_.positions.size();
    for (auto& csv : apply_levers(doc_.root, context_, spec_))  // delegation, pools, IT, ...
      csv_texts_.push_back(std::move(csv));
    staff_lever_positions(positions_before_levers);
    spec_.source_text = resolved_text();
    return std::move(spec_);
  }

 private:
  // --- TOML access --------------------------------------------------------------------------
  const toml::table* section(std::string_view name) const {
    const toml::node* node = doc_.root.get(name);
    return node ? node->as_table() : nullptr;
  }
  [[noreturn]] void missing(std::string_view table, std::string_view key) const {
    const toml::table* t = section(table);
    const std::string where = t && t->source().path ? location_of(*t) : doc_.file;
    throw ScenarioError(where + ": error: " + std::string(table) + "." + std::string(key) +
                        ": missing (required)");
  }
  const toml::node* find(std::string_view table, std::string_view key) const {
    const toml::table* t = section(table);
    return t ? t->get(key) : nullptr;
  }
  const toml::node& require(std::string_view table, std::string_view key) const {
    const toml::node* node = find(table, key);
    if (node == nullptr) missing(table, key);
    return *node;
  }
  static std::string path_of(std::string_view table, std::string_view key) {
    return std::string(table) + "." + std::string(key);
  }
  template <class Parse>
  static auto parse_node(const toml::node& node, const std::string& key, Parse&& parse) {
    const std::string text = text_of(node, key);
    try {
      return parse(text);
    } catch (const ValueError& e) {
      fail_at(node, key, "bad value '" + text + "': " + e.problem(), e.allowed());
    }
  }
  static std::string string_of(const toml::node& node, const std::string& key) {
    if (const auto* s = node.as_string()) return s->get();
    fail_at(node, key, "bad value " + toml_text(node) + ": expected text in quotes");
  }
  static long long integer_of(const toml::node& node, const std::string& key, long long lo,
                              long long hi) {
    const auto* i = node.as_integer();
    if (i == nullptr)
      fail_at(node, key, "bad value " + toml_text(node) + ": expected a whole number");
    if (i->get() < lo || i->get() > hi) {
      fail_at(node, key, "bad value " + std::to_string(i->get()),
              std::to_string(lo) + " to " + std::to_string(hi));
    }
    return i->get();
  }
  // The table named by [tables] key, or nullptr for an absent optional table.
  std::optional<CsvTable> table(std::string_view key, const CsvColumns& columns, bool required) {
    const toml::node* node = find("tables", key);
    if (node == nullptr) {
      if (required) missing("tables", key);
      return std::nullopt;
    }
    const std::string path = path_of("tables", key);
    const std::filesystem::path file = resolve_relative(*node, string_of(*node, path));
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      fail_at(*node, path,
              "cannot open '" + file.generic_string() +
                  "' (paths are relative to the file that names them)");
    }
    CsvTable t = CsvTable::read_file(file, columns);
    csv_texts_.emplace_back(t.file(), t.text());
    return t;
  }

  // --- [scenario], [calendar], [deadlines] --------------------------------------------------
  void read_scenario_section() {
    if (section("scenario") == nullptr) {
      throw ScenarioError(doc_.file +
                          ": error: scenario: missing table [scenario] (required: "
                          "name, start, horizon)");
    }
    spec_.scenario_file = doc_.file;
    spec_.name = string_of(require("scenario", "name"), "scenario.name");
    const toml::node& start = require("scenario", "start");
    start_date_ =
        parse_node(start, "scenario.start", [](std::string_view t) { return parse_date(t); });
    // Units of "wd" are not known yet; horizon and warmup are calendar time anyway.
    const UnitContext calendar_only{};
    const toml::node& horizon_node = require("scenario", "horizon");
    start_node_ = &start;
    horizon_node_ = &horizon_node;
    horizon_ = parse_node(horizon_node, "scenario.horizon", [&](std::string_view t) {
      return parse_calendar_duration(t, calendar_only);
    });
    if (horizon_.seconds <= 0) {
      fail_at(horizon_node, "scenario.horizon",
              "bad value '" + text_of(horizon_node, "scenario.horizon") +
                  "': the run must last longer than 0",
              "e.g. 365d, 90d");
    }
    if (horizon_.days() > 100 * 366) {
      fail_at(horizon_node, "scenario.horizon",
              "bad value '" + text_of(horizon_node, "scenario.horizon") +
                  "': longer than 100 years, surely a typo",
              "up to 36600d");
    }
    const toml::node* warmup = find("scenario", "warmup");
    // "auto": the commands choose the warm-up by MSER-5 (analysis/experiments/auto_warmup.hpp).
    if (warmup != nullptr && warmup->value<std::string>() == std::string("auto")) {
      spec_.warmup_auto = true;
      warmup = nullptr;
    }
    if (warmup != nullptr) {
      spec_.warmup = parse_node(*warmup, "scenario.warmup", [&](std::string_view t) {
        return parse_calendar_duration(t, calendar_only);
      });
      if (spec_.warmup >= horizon_) {
        fail_at(*warmup, "scenario.warmup",
                "bad value '" + text_of(*warmup, "scenario.warmup") +
                    "': must be shorter than the horizon (" +
                    text_of(horizon_node, "scenario.horizon") + ")");
      }
    }
    if (const toml::node* seed = find("scenario", "seed")) {
      spec_.seed = static_cast<std::uint64_t>(
          integer_of(*seed, "scenario.seed", 0, std::numeric_limits<std::int64_t>::max()));
    }
    if (const toml::node* reps = find("scenario", "replications")) {
      spec_.replications = static_cast<int>(integer_of(*reps, "scenario.replications", 1, 100000));
    }
    if (const toml::node* description = find("scenario", "description")) {
      string_of(*description, "scenario.description");
    }
  }

  void read_calendar_section() {
    bool always_open = false;
    if (const toml::node* node = find("calendar", "always_open")) {
      const auto* b = node->as_boolean();
      if (b == nullptr) {
        fail_at(*node, "calendar.always_open", "bad value " + toml_text(*node), "true, false");
      }
      always_open = b->get();
    }
    std::array<sim::WeeklySchedule::DayIntervals, 7> days;
    for (int d = 0; d < 7; ++d) {
      const std::string key = path_of("calendar", kWeekdayKeys[d]);
      const toml::node* node = find("calendar", kWeekdayKeys[d]);
      if (node == nullptr) {
        days[d] = default_weekday_hours(d);
        continue;
      }
      if (always_open) {
        fail_at(*node, key, "opening hours conflict with always_open = true (remove one)");
      }
      const auto* array = node->as_array();
      if (array == nullptr) {
        fail_at(*node, key, "bad value " + toml_text(*node) + ": expected a list of intervals",
                "e.g. [\"07:30-11:30\", \"13:00-17:00\"]");
      }
      for (const toml::node& item : *array) {
        const TimeInterval interval =
            parse_node(item, key, [](std::string_view t) { return parse_time_interval(t); });
        if (!days[d].empty() && interval.start_seconds < days[d].back().end_seconds) {
          fail_at(item, key, "intervals must be in order and must not overlap");
        }
        days[d].push_back({interval.start_seconds, interval.end_seconds});
      }
    }
    schedule_ = always_open ? sim::WeeklySchedule::always() : sim::WeeklySchedule(days);
    // One "wd" is the standard working day: Monday's hours, else the first open weekday's;
    // 24x7 calendars keep the conventional 8 h.
    spec_.workday_hours = 8.0;
    if (!always_open) {
      for (int d = 0; d < 7; ++d) {
        const double seconds = schedule_->working_seconds(d);
        if (seconds > 0) {
          spec_.workday_hours = seconds / sim::kSecondsPerHour;
          break;
        }
      }
    }
    context_.workday_hours = spec_.workday_hours;
    if (!always_open && spec_.workday_hours == 8.0) {
      bool any_open = false;
      for (int d = 0; d < 7; ++d)
        any_open = any_open || schedule_->working_seconds(d) > 0;
      if (!any_open) {
        const toml::table* t = section("calendar");
        throw ScenarioError((t ? location_of(*t) : doc_.file) +
                            ": error: calendar: no weekday has working hours, so no work "
                            "would ever be done (or set always_open = true)");
      }
    }
    if (const toml::node* node = find("calendar", "holidays")) {
      if (always_open) {
        fail_at(*node, "calendar.holidays", "holidays conflict with always_open = true");
      }
      const std::filesystem::path file =
          resolve_relative(*node, string_of(*node, "calendar.holidays"));
      std::error_code ec;
      if (!std::filesystem::is_regular_file(file, ec)) {
        fail_at(*node, "calendar.holidays",
                "cannot open '" + file.generic_string() +
                    "' (paths are relative to the file that names them)");
      }
      try {
        holidays_ = sim::load_holiday_table(file);
      } catch (const sim::HolidayTableError& e) {
        // sim says "file:line: problem"; scenario messages say "file:line: error: problem".
        std::string message = e.what();
        const std::string prefix = file.string();
        if (message.starts_with(prefix)) {
          const std::size_t colon = message.find(": ", prefix.size());
          if (colon != std::string::npos) message.insert(colon + 2, "error: ");
        }
        throw ScenarioError(message);
      }
      check_holiday_years(file.generic_string());
    }
  }

  // A year of the run without a single row in the holiday table would silently have no
  // holidays (tables are published year by year), so the run must lie within its years.
  void check_holiday_years(const std::string& file) const {
    std::set<int> years;
    for (const auto& d : holidays_.holidays)
      years.insert(d.year);
    for (const auto& m : holidays_.makeup_working_days)
      years.insert(m.date.year);
    if (years.empty()) return;  // an empty table is an explicit "no holidays"
    const sim::CivilDate last_day =
        sim::add_days(start_date_, static_cast<std::int64_t>(std::ceil(horizon_.days())) - 1);
    const std::string covered = "the holidays in '" + file + "' cover " +
                                std::to_string(*years.begin()) + " to " +
                                std::to_string(*years.rbegin());
    const std::string allowed = "a run within " + std::to_string(*years.begin()) + "-01-01.." +
                                std::to_string(*years.rbegin()) +
                                "-12-31, or add the missing year's holidays to the table";
    for (int y = start_date_.year; y <= last_day.year; ++y) {
      if (years.count(y) != 0) continue;
      if (y == start_date_.year) {
        fail_at(*start_node_, "scenario.start",
                "bad value '" + sim::to_string(start_date_) + "': the run starts in " +
                    std::to_string(y) + ", but " + covered,
                allowed);
      }
      fail_at(*horizon_node_, "scenario.horizon",
              "bad value '" + text_of(*horizon_node_, "scenario.horizon") + "': the run lasts to " +
                  sim::to_string(last_day) + ", but " + covered + " (nothing for " +
                  std::to_string(y) + ")",
              allowed);
    }
  }

  void read_deadlines_section() {
    if (const toml::node* node = find("deadlines", "receipt_cutoff")) {
      spec_.deadline_rule.receipt_cutoff_seconds_of_day =
          parse_node(*node, "deadlines.receipt_cutoff",
                     [](std::string_view t) { return parse_time_of_day(t); });
    }
  }

  // --- units.csv ----------------------------------------------------------------------------
  void read_units() {
    const CsvTable units =
        *table("units",
               {{"id", "name", "kind"},
                {"population", "transfer_to_province", "transfer_from_province", "domains"}},
               true);
    if (units.size() == 0) {
      throw ScenarioError(units.file() + ": error: no units (add at least one row)");
    }
    for (std::size_t r = 0; r < units.size(); ++r) {
      const CsvRow row = units.row(r);
      UnitSpec unit;
      unit.id = checked_id(row["id"]);
      if (const auto it = unit_index_.find(unit.id); it != unit_index_.end()) {
        row["id"].fail("duplicate unit id '" + unit.id + "' (first on row " +
                       std::to_string(unit_lines_[static_cast<std::size_t>(it->second)]) + ")");
      }
      unit.name = row["name"].empty() ? unit.id : std::string(row["name"].text());
      const CsvCell kind = row["kind"];
      const auto parsed_kind = parse_unit_kind(kind.text());
      if (!parsed_kind) kind.bad_value(unit_kind_names());
      unit.kind = *parsed_kind;
      if (!row["population"].empty()) {
        unit.population = row["population"].parse([](std::string_view t) {
          const double p = parse_number(t);
          if (p < 0 || p > 1e9) throw ValueError("a population must lie in [0, 1e9]");
          return p;
        });
      }
      unit.transfer_to_province = optional_delay(row["transfer_to_province"]);
      unit.transfer_from_province = optional_delay(row["transfer_from_province"]);
      const CsvCell domains = row["domains"];
      for (const std::string& name : split_list(domains.text())) {
        const auto domain = parse_domain(name);
        if (!domain) domains.fail("unknown domain '" + name + "'", domain_names());
        if (unit.tier() == Tier::kCommune) {
          domains.fail("only provincial bodies (department, service_center) handle domains");
        }
        const int d = static_cast<int>(*domain);
        if (domain_owner_line_[d] != 0) {
          domains.fail("domain '" + name + "' already has a provincial body on row " +
                       std::to_string(domain_owner_line_[d]) +
                       " (each domain has one provincial body)");
        }
        domain_owner_line_[d] = row.line();
        unit.domains.push_back(*domain);
      }
      unit.calendar = 0;
      unit_index_[unit.id] = static_cast<int>(spec_.units.size());
      unit_ids_.push_back(unit.id);
      unit_lines_.push_back(row.line());
      spec_.units.push_back(std::move(unit));
    }
    spec_.province_unit_for_domain.fill(-1);
    for (std::size_t u = 0; u < spec_.units.size(); ++u) {
      for (const Domain d : spec_.units[u].domains) {
        spec_.province_unit_for_domain[static_cast<std::size_t>(d)] = static_cast<int>(u);
      }
    }
  }

  std::string checked_id(const CsvCell& cell) const {
    const std::string id(cell.text());
    if (id.empty()) cell.fail("an id is required");
    if (id == "*" || id.starts_with("kind:") || id.find(';') != std::string::npos) {
      cell.fail("bad id '" + id + "': '*', 'kind:' and ';' are reserved");
    }
    return id;
  }

  DelaySpec optional_delay(const CsvCell& cell) const {
    if (cell.empty()) return DelaySpec{sim::Distribution::deterministic(0.0), false};
    return cell.parse(
        [&](std::string_view t) { return parse_delay(t, DelayUse::kDelay, context_); });
  }

  int unit_of(const CsvCell& cell) const {
    const auto it = unit_index_.find(cell.text());
    if (it == unit_index_.end()) {
      cell.fail("unknown unit '" + std::string(cell.text()) + "'" +
                did_you_mean(cell.text(), unit_ids_) + ", not in units.csv");
    }
    return it->second;
  }

  int procedure_of(const CsvCell& cell) const {
    const auto it = procedure_index_.find(cell.text());
    if (it == procedure_index_.end()) {
      cell.fail("unknown procedure '" + std::string(cell.text()) + "'" +
                did_you_mean(cell.text(), procedure_ids_) + ", not in procedures.csv");
    }
    return it->second;
  }

  UnitSelection select_units(const CsvCell& cell) const {
    UnitSelection selection;
    const std::string_view text = cell.text();
    if (text == "*") {
      for (std::size_t u = 0; u < spec_.units.size(); ++u) {
        if (spec_.units[u].tier() == Tier::kCommune) selection.units.push_back(static_cast<int>(u));
      }
      selection.specificity = 0;
      if (selection.units.empty()) cell.fail("'*' matches no commune-level unit");
    } else if (text.starts_with("kind:")) {
      const auto kind = parse_unit_kind(text.substr(5));
      if (!kind) {
        cell.fail("unknown unit kind '" + std::string(text.substr(5)) + "'", unit_kind_names());
      }
      for (std::size_t u = 0; u < spec_.units.size(); ++u) {
        if (spec_.units[u].kind == *kind) selection.units.push_back(static_cast<int>(u));
      }
      selection.specificity = 1;
      if (selection.units.empty()) cell.fail("'" + std::string(text) + "' matches no unit");
    } else {
      selection.units.push_back(unit_of(cell));
      selection.specificity = 2;
    }
    return selection;
  }

  // --- procedures.csv -----------------------------------------------------------------------
  void read_procedures() {
    const CsvTable procedures =
        *table("procedures",
               {{"id", "name", "domain", "authority", "deadline"},
                {"citizen_response", "withdraw_probability", "clock_on_supplement",
                 "channel_in_person", "channel_online", "channel_post"}},
               true);
    if (procedures.size() == 0) {
      throw ScenarioError(procedures.file() + ": error: no procedures (add at least one row)");
    }
    for (std::size_t r = 0; r < procedures.size(); ++r) {
      const CsvRow row = procedures.row(r);
      ProcedureSpec p;
      p.id = checked_id(row["id"]);
      if (const auto it = procedure_index_.find(p.id); it != procedure_index_.end()) {
        row["id"].fail("duplicate procedure id '" + p.id + "' (first on row " +
                       std::to_string(procedure_lines_[static_cast<std::size_t>(it->second)]) +
                       ")");
      }
      p.name = row["name"].empty() ? p.id : std::string(row["name"].text());
      const auto domain = parse_domain(row["domain"].text());
      if (!domain) row["domain"].bad_value(domain_names());
      p.domain = *domain;
      const auto authority = parse_tier(row["authority"].text());
      if (!authority) row["authority"].bad_value(tier_names());
      p.authority = *authority;
      p.deadline_workdays = row["deadline"].parse([](std::string_view t) {
        std::string_view digits = t;
        if (digits.ends_with("wd")) digits.remove_suffix(2);
        const long long days = parse_count(digits);
        if (days > kMaxDeadlineWorkdays) throw ValueError("more than 3650 working days");
        return static_cast<int>(days);
      });
      if (!row["citizen_response"].empty())
        p.citizen_response = optional_delay(row["citizen_response"]);
      else
        p.citizen_response = DelaySpec{sim::Distribution::deterministic(0.0), false};
      p.withdraw_probability = row["withdraw_probability"].parse(
          [](std::string_view t) { return parse_probability(t, 0.0); });
      if (!row["clock_on_supplement"].empty()) {
        const auto clock = parse_clock_on_supplement(row["clock_on_supplement"].text());
        if (!clock) row["clock_on_supplement"].bad_value(clock_on_supplement_names());
        p.clock_on_supplement = *clock;
      }
      const std::array<const char*, kChannelCount> channel_columns{
          "channel_in_person", "channel_online", "channel_post"};
      bool any_channel = false;
      std::array<double, kChannelCount> mix{};
      for (int c = 0; c < kChannelCount; ++c) {
        const CsvCell cell = row[channel_columns[c]];
        if (cell.empty()) continue;
        any_channel = true;
        mix[c] = cell.parse([](std::string_view t) {
          const double w = parse_number(t);
          if (w < 0) throw ValueError("a channel weight must not be negative");
          return w;
        });
      }
      if (any_channel) {
        const double total = mix[0] + mix[1] + mix[2];
        if (total <= 0) row.fail("the channel weights add up to 0 (give at least one > 0)");
        for (double& w : mix)
          w /= total;
        p.channel_mix = mix;
      }
      procedure_index_[p.id] = static_cast<int>(spec_.procedures.size());
      procedure_ids_.push_back(p.id);
      procedure_lines_.push_back(row.line());
      spec_.procedures.push_back(std::move(p));
    }
    procedures_file_ = procedures.file();
  }

  // --- steps.csv ----------------------------------------------------------------------------
  int skill_index(const std::string& name) {
    const auto it = std::find(spec_.skills.begin(), spec_.skills.end(), name);
    if (it != spec_.skills.end()) return static_cast<int>(it - spec_.skills.begin());
    spec_.skills.push_back(name);
    return static_cast<int>(spec_.skills.size()) - 1;
  }

  void read_steps() {
    const CsvTable steps = *table(
        "steps",
        {{"procedure", "step", "name", "kind", "tier", "skill", "effort"},
         {"incomplete_probability", "field_check_probability", "field_check", "pauses_clock"}},
        true);
    // Per procedure: step number -> (spec, row line).
    std::vector<std::map<long long, std::pair<StepSpec, int>>> by_procedure(
        spec_.procedures.size());
    for (std::size_t r = 0; r < steps.size(); ++r) {
      const CsvRow row = steps.row(r);
      const int p = procedure_of(row["procedure"]);
      const long long number = row["step"].parse([](std::string_view t) {
        const long long n = parse_count(t);
        if (n < 1 || n > 1000) throw ValueError("step numbers run from 1", "1, 2, 3, ...");
        return n;
      });
      StepSpec step;
      step.name = std::string(row["name"].text());
      if (step.name.empty()) row["name"].fail("a step needs a name (e.g. reception, appraisal)");
      const auto kind = parse_step_kind(row["kind"].text());
      if (!kind) row["kind"].bad_value(step_kind_names());
      step.kind = *kind;
      const auto tier = parse_tier(row["tier"].text());
      if (!tier) row["tier"].bad_value(tier_names());
      step.tier = *tier;
      const CsvCell skill = row["skill"];
      const CsvCell effort = row["effort"];
      switch (step.kind) {
        case StepKind::kWork:
        case StepKind::kSignature:
          if (skill.empty()) skill.fail("a work step needs the skill of the officer who does it");
          if (skill.text().find(';') != std::string_view::npos) {
            skill.fail("a work step needs exactly one skill");
          }
          step.skill = skill_index(std::string(skill.text()));
          step_skill_lines_.push_back({step.skill, row.line(), steps.file()});
          if (effort.empty()) effort.fail("a work step needs an effort, e.g. exp(30min)");
          step.effort = effort.parse(
              [&](std::string_view t) { return parse_delay(t, DelayUse::kEffort, context_); });
          break;
        case StepKind::kDelay:
          if (!skill.empty()) skill.fail("only work steps have a skill (this is a delay step)");
          if (effort.empty()) effort.fail("a delay step needs its delay, e.g. const(3d)");
          step.effort = effort.parse(
              [&](std::string_view t) { return parse_delay(t, DelayUse::kDelay, context_); });
          break;
        case StepKind::kTransfer:
          if (!skill.empty()) skill.fail("only work steps have a skill (this is a transfer step)");
          if (!effort.empty()) {
            effort.fail(
                "a transfer takes the filing unit's transfer lag from units.csv; leave "
                "effort empty");
          }
          break;
      }
      step.incomplete_probability = row["incomplete_probability"].parse(
          [](std::string_view t) { return parse_probability(t, 0.0); });
      if (step.incomplete_probability > 0 && step.kind != StepKind::kWork) {
        row["incomplete_probability"].fail("only a work step can find a dossier incomplete");
      }
      step.field_check_probability = row["field_check_probability"].parse(
          [](std::string_view t) { return parse_probability(t, 0.0); });
      if (step.field_check_probability > 0) {
        if (step.kind != StepKind::kWork) {
          row["field_check_probability"].fail("only a work step can have a field check");
        }
        if (row["field_check"].empty()) {
          row["field_check"].fail("give the field check's delay, e.g. uniform(1d, 3d)");
        }
        step.field_check = optional_delay(row["field_check"]);
      } else if (!row["field_check"].empty()) {
        row["field_check"].fail("a field check needs field_check_probability > 0");
      }
      step.pauses_clock =
          row["pauses_clock"].parse([](std::string_view t) { return parse_bool(t, false); });
      auto& numbered = by_procedure[static_cast<std::size_t>(p)];
      if (const auto it = numbered.find(number); it != numbered.end()) {
        row["step"].fail("procedure '" + spec_.procedures[static_cast<std::size_t>(p)].id +
                         "' already has a step " + std::to_string(number) + " (row " +
                         std::to_string(it->second.second) + ")");
      }
      numbered.emplace(number, std::make_pair(std::move(step), row.line()));
    }
    for (std::size_t p = 0; p < spec_.procedures.size(); ++p) {
      ProcedureSpec& procedure = spec_.procedures[p];
      const std::string where = procedures_file_ + ":" + std::to_string(procedure_lines_[p]);
      if (by_procedure[p].empty()) {
        throw ScenarioError(where + ": error: procedure '" + procedure.id + "' has no steps in " +
                            steps.file());
      }
      long long expected = 1;
      bool any_province_step = false;
      bool any_incomplete = false;
      for (auto& [number, entry] : by_procedure[p]) {
        if (number != expected) {
          throw ScenarioError(steps.file() + ":" + std::to_string(entry.second) +
                              ": error: column 'step': procedure '" + procedure.id +
                              "' jumps to step " + std::to_string(number) + ": step " +
                              std::to_string(expected) + " is missing (number steps 1, 2, 3, ...)");
        }
        ++expected;
        any_province_step = any_province_step || entry.first.tier == Tier::kProvince;
        any_incomplete = any_incomplete || entry.first.incomplete_probability > 0;
        step_lines_.push_back(
            {static_cast<int>(p), static_cast<int>(procedure.steps.size()), entry.second});
        procedure.steps.push_back(std::move(entry.first));
      }
      if (procedure.authority == Tier::kProvince && !any_province_step) {
        throw ScenarioError(where + ": error: column 'authority': procedure '" + procedure.id +
                            "' is decided by the province but none of its steps has tier "
                            "province");
      }
      check_deadline_reachable(procedure, where);
      if (any_incomplete && procedure.citizen_response.hours.mean() <= 0 &&
          procedure.withdraw_probability < 1.0) {
        throw ScenarioError(where + ": error: column 'citizen_response': procedure '" +
                            procedure.id +
                            "' can be found incomplete, so it needs the citizen's response "
                            "time, e.g. uniform(2d, 10d)");
      }
    }
    steps_file_ = steps.file();
  }

  // The working time a dossier needs at the least (work and working-time delays of the steps
  // that do not pause the clock; calendar-time lags count as nothing) must fit before the
  // deadline: the closing time of the N-th working day after the receipt day, i.e. at most
  // N + 1 of the longest working days. Otherwise no dossier could ever be on time.
  void check_deadline_reachable(const ProcedureSpec& procedure, const std::string& where) const {
    double minimum_hours = 0.0;
    for (const StepSpec& step : procedure.steps) {
      if (step.pauses_clock || step.kind == StepKind::kTransfer) continue;
      if (step.kind == StepKind::kWork || step.effort.working_time) {
        minimum_hours += step.effort.hours.minimum();
      }
    }
    double longest_day_hours = 0.0;
    for (int d = 0; d < 7; ++d) {
      longest_day_hours =
          std::max(longest_day_hours, schedule_->working_seconds(d) / sim::kSecondsPerHour);
    }
    const double available_hours = (procedure.deadline_workdays + 1) * longest_day_hours;
    if (minimum_hours <= available_hours * (1 + 1e-9)) return;
    std::ostringstream message;
    message << where << ": error: column 'deadline': bad value '" << procedure.deadline_workdays
            << "': procedure '" << procedure.id << "' needs at least " << minimum_hours
            << " working hours (its steps' shortest efforts and working-time delays), but its "
               "deadline leaves at most "
            << available_hours << " (" << procedure.deadline_workdays + 1 << " working days of "
            << longest_day_hours
            << " h), so no dossier could be on time (allowed: a deadline of at least "
            << static_cast<long long>(std::ceil(minimum_hours / longest_day_hours - 1e-9)) - 1
            << " working days, shorter efforts, or pauses_clock on a step that stops the clock)";
    throw ScenarioError(message.str());
  }

  // --- positions.csv ------------------------------------------------------------------------
  void read_positions() {
    const CsvTable positions =
        *table("positions", {{"unit", "position", "officers", "skills"}, {"dossier_share"}}, true);
    struct Chosen {
      int specificity;
      std::array<int, 3> line_by_rank;  // row that set this pair at each rank, or 0
      std::size_t order;
      PositionSpec spec;
    };
    std::map<std::pair<int, std::string>, Chosen> chosen;
    for (std::size_t r = 0; r < positions.size(); ++r) {
      const CsvRow row = positions.row(r);
      const UnitSelection selection = select_units(row["unit"]);
      const std::string position(row["position"].text());
      if (position.empty()) row["position"].fail("a position needs a name, e.g. one_stop");
      const int officers = static_cast<int>(row["officers"].parse([](std::string_view t) {
        const long long n = parse_count(t);
        if (n > kMaxOfficersPerPosition) {
          throw ValueError("more than 100000 officers in one position, surely a typo",
                           "0 to 100000");
        }
        return n;
      }));
      const std::vector<std::string> skill_names = split_list(row["skills"].text());
      if (skill_names.empty()) row["skills"].fail("list the skills, e.g. reception;certification");
      std::vector<int> skills;
      for (const auto& name : skill_names) {
        const int s = skill_index(name);
        if (std::find(skills.begin(), skills.end(), s) == skills.end()) skills.push_back(s);
      }
      const double share = row["dossier_share"].parse([](std::string_view t) {
        if (t.empty()) return 1.0;
        const double s = parse_number(t);
        if (!(s > 0 && s <= 1)) throw ValueError("a share must lie in (0, 1]", "e.g. 1, 0.6");
        return s;
      });
      const auto rank = static_cast<std::size_t>(selection.specificity);
      for (const int u : selection.units) {
        PositionSpec spec{u, position, officers, skills, share};
        const auto key = std::make_pair(u, position);
        auto [it, inserted] =
            chosen.try_emplace(key, Chosen{selection.specificity, {}, r, std::move(spec)});
        Chosen& c = it->second;
        if (!inserted) {
          if (c.line_by_rank[rank] != 0) {
            row.fail("position '" + position + "' of unit '" +
                     spec_.units[static_cast<std::size_t>(u)].id + "' is already set on row " +
                     std::to_string(c.line_by_rank[rank]) +
                     " (a more specific row replaces a general one; rows of equal rank "
                     "conflict)");
          }
          if (c.specificity < selection.specificity) {
            c.specificity = selection.specificity;
            c.spec = PositionSpec{u, position, officers, skills, share};
          }
        }
        c.line_by_rank[rank] = row.line();
      }
    }
    std::vector<Chosen> ordered;
    for (auto& [key, c] : chosen)
      ordered.push_back(std::move(c));
    std::stable_sort(ordered.begin(), ordered.end(), [](const Chosen& a, const Chosen& b) {
      return a.spec.unit != b.spec.unit ? a.spec.unit < b.spec.unit : a.order < b.order;
    });
    for (auto& c : ordered)
      spec_.positions.push_back(std::move(c.spec));
    positions_file_ = positions.file();
  }

  // --- profiles.csv -------------------------------------------------------------------------
  void read_profiles() {
    ProfileSpec flat;
    flat.id = "flat";
    flat.week.fill(1.0);
    flat.month.fill(1.0);
    spec_.profiles.push_back(flat);
    profile_ids_.push_back("flat");
    const auto profiles = table("profiles", {{"profile", "dimension", "key", "factor"}, {}}, false);
    if (!profiles) return;
    struct Raw {
      std::array<double, 24> hour;
      bool any_hour = false;
      std::array<double, 7> weekday;
      std::array<double, 12> month;
      std::set<std::string> keys_seen;
      int first_line = 0;
    };
    std::map<std::string, Raw> raw;
    std::vector<std::string> order;
    for (std::size_t r = 0; r < profiles->size(); ++r) {
      const CsvRow row = profiles->row(r);
      const std::string id(row["profile"].text());
      if (id.empty()) row["profile"].fail("a profile needs an id");
      if (id == "flat")
        row["profile"].fail("'flat' is the built-in constant profile; pick another id");
      auto [it, inserted] = raw.try_emplace(id);
      Raw& p = it->second;
      if (inserted) {
        p.hour.fill(1.0);
        p.weekday.fill(1.0);
        p.month.fill(1.0);
        p.first_line = row.line();
        order.push_back(id);
        ProfileSpec spec;
        spec.id = id;
        spec_.profiles.push_back(spec);
        profile_ids_.push_back(id);
      }
      ProfileSpec& spec = spec_.profiles[static_cast<std::size_t>(
          std::find(profile_ids_.begin(), profile_ids_.end(), id) - profile_ids_.begin())];
      const std::string dimension(row["dimension"].text());
      const std::string key(row["key"].text());
      if (!p.keys_seen.insert(dimension + "/" + key).second) {
        row["key"].fail("profile '" + id + "' already sets " + dimension + " " + key);
      }
      const CsvCell factor_cell = row["factor"];
      auto factor = [&](double minimum) {
        return factor_cell.parse([minimum](std::string_view t) {
          const double f = parse_number(t);
          if (f < minimum) {
            throw ValueError(minimum < 0 ? "a yearly trend must be greater than -1"
                                         : "a factor must not be negative");
          }
          return f;
        });
      };
      const CsvCell key_cell = row["key"];
      if (dimension == "hour") {
        const long long h = key_cell.parse([](std::string_view t) {
          const long long v = parse_count(t);
          if (v > 23) throw ValueError("an hour runs from 0 to 23");
          return v;
        });
        if (!p.any_hour) p.hour.fill(0.0);  // once hours are given, missing hours are closed
        p.any_hour = true;
        p.hour[static_cast<std::size_t>(h)] = factor(0.0);
      } else if (dimension == "weekday") {
        const auto it_day = std::find(kWeekdayShort.begin(), kWeekdayShort.end(), key);
        if (it_day == kWeekdayShort.end()) key_cell.bad_value("mon, tue, wed, thu, fri, sat, sun");
        p.weekday[static_cast<std::size_t>(it_day - kWeekdayShort.begin())] = factor(0.0);
      } else if (dimension == "month") {
        const long long m = key_cell.parse([](std::string_view t) {
          const long long v = parse_count(t);
          if (v < 1 || v > 12) throw ValueError("a month runs from 1 to 12");
          return v;
        });
        p.month[static_cast<std::size_t>(m - 1)] = factor(0.0);
      } else if (dimension == "trend") {
        if (key != "yearly") key_cell.bad_value("yearly");
        spec.yearly_trend = factor_cell.parse([](std::string_view t) {
          const double g = parse_number(t);
          if (g <= -1 || g > 10)
            throw ValueError("a yearly growth must lie in (-1, 10]", "e.g. 0.05");
          return g;
        });
      } else if (dimension == "surge") {
        const std::size_t dots = key.find("..");
        ProfileSpec::Surge surge;
        key_cell.parse([&](std::string_view t) {
          if (dots == std::string::npos) {
            throw ValueError("not a date range", "FROM..TO, e.g. 2026-01-20..2026-02-13");
          }
          surge.from = parse_date(t.substr(0, dots));
          surge.to = parse_date(t.substr(dots + 2));
          if (surge.to < surge.from) throw ValueError("the range ends before it starts");
          return 0;
        });
        surge.factor = factor(0.0);
        spec.surges.push_back(surge);
      } else {
        row["dimension"].bad_value("hour, weekday, month, trend, surge");
      }
    }
    for (const auto& id : order) {
      const Raw& p = raw.at(id);
      ProfileSpec& spec = spec_.profiles[static_cast<std::size_t>(
          std::find(profile_ids_.begin(), profile_ids_.end(), id) - profile_ids_.begin())];
      double week_total = 0.0;
      for (int d = 0; d < 7; ++d) {
        for (int h = 0; h < 24; ++h) {
          spec.week[static_cast<std::size_t>(d * 24 + h)] = p.weekday[d] * p.hour[h];
          week_total += p.weekday[d] * p.hour[h];
        }
      }
      double month_total = 0.0;
      for (int m = 0; m < 12; ++m)
        month_total += p.month[m];
      const std::string where = profiles->file() + ":" + std::to_string(p.first_line);
      if (week_total <= 0) {
        throw ScenarioError(where + ": error: profile '" + id +
                            "': every hour of the week has factor 0, so nothing would arrive");
      }
      if (month_total <= 0) {
        throw ScenarioError(where + ": error: profile '" + id + "': every month has factor 0");
      }
      for (double& f : spec.week)
        f *= 168.0 / week_total;
      for (int m = 0; m < 12; ++m)
        spec.month[m] = p.month[m] * 12.0 / month_total;
    }
  }

  // --- arrivals.csv, replay, backlog --------------------------------------------------------
  void read_arrivals() {
    const auto arrivals = table("arrivals", {{"unit", "procedure", "rate"}, {"profile"}}, false);
    if (!arrivals) {
      if (find("tables", "replay") == nullptr) {
        const toml::table* t = section("tables");
        throw ScenarioError((t ? location_of(*t) : doc_.file) +
                            ": error: tables.arrivals: missing (give arrivals or replay)");
      }
      return;
    }
    struct Chosen {
      int specificity;
      std::array<int, 3> line_by_rank;  // row that set this pair at each rank, or 0
      ArrivalStreamSpec spec;
    };
    std::map<std::pair<int, int>, Chosen> chosen;
    for (std::size_t r = 0; r < arrivals->size(); ++r) {
      const CsvRow row = arrivals->row(r);
      const UnitSelection selection = select_units(row["unit"]);
      const int procedure = procedure_of(row["procedure"]);
      const RateValue rate = row["rate"].parse([](std::string_view t) { return parse_rate(t); });
      int profile = 0;
      if (!row["profile"].empty()) {
        const auto it = std::find(profile_ids_.begin(), profile_ids_.end(), row["profile"].text());
        if (it == profile_ids_.end()) {
          row["profile"].fail("unknown profile '" + std::string(row["profile"].text()) + "'" +
                                  did_you_mean(row["profile"].text(), profile_ids_),
                              join_names(profile_ids_));
        }
        profile = static_cast<int>(it - profile_ids_.begin());
      }
      const auto rank = static_cast<std::size_t>(selection.specificity);
      for (const int u : selection.units) {
        const UnitSpec& unit = spec_.units[static_cast<std::size_t>(u)];
        if (unit.kind == UnitKind::kDepartment) {
          row["unit"].fail("unit '" + unit.id +
                           "' is a department; dossiers are filed at commune-level units or "
                           "the service center");
        }
        double per_day = rate.per_day;
        if (rate.per_thousand_residents) {
          if (unit.population <= 0) {
            row["rate"].fail("a rate per 1,000 residents needs the population of unit '" + unit.id +
                             "' in units.csv");
          }
          per_day *= unit.population / 1000.0;
        }
        if (per_day * 365.25 > kMaxDossiersPerYearPerStream) {
          row["rate"].fail("implies more than 1e8 dossiers a year at unit '" + unit.id +
                           "', surely a typo");
        }
        const ArrivalStreamSpec spec{u, procedure, per_day, profile};
        auto [it, inserted] = chosen.try_emplace(std::make_pair(u, procedure),
                                                 Chosen{selection.specificity, {}, spec});
        Chosen& c = it->second;
        if (!inserted) {
          if (c.line_by_rank[rank] != 0) {
            row.fail("the arrivals of procedure '" +
                     spec_.procedures[static_cast<std::size_t>(procedure)].id + "' at unit '" +
                     unit.id + "' are already set on row " + std::to_string(c.line_by_rank[rank]) +
                     " (a more specific row replaces a general one; rows of equal rank conflict)");
          }
          if (c.specificity < selection.specificity) {
            c.specificity = selection.specificity;
            c.spec = spec;
          }
        }
        c.line_by_rank[rank] = row.line();
      }
    }
    double expected_per_run = 0.0;
    for (const auto& [key, c] : chosen)
      expected_per_run += c.spec.per_day * horizon_.days();
    if (expected_per_run > kMaxDossiersPerRun) {
      std::ostringstream count;
      count << expected_per_run;
      fail_at(*find("tables", "arrivals"), "tables.arrivals",
              "the rates in " + arrivals->file() + " add up to " + count.str() +
                  " dossiers over the horizon, more than 1e9 in one replication; surely a typo "
                  "(a rate per year written per day?)");
    }
    for (const auto& [key, c] : chosen) {
      spec_.arrivals.push_back(c.spec);
      demand_rows_.push_back({c.spec.unit, c.spec.procedure, arrivals->file(),
                              c.line_by_rank[static_cast<std::size_t>(c.specificity)]});
    }
  }

  void read_replay() {
    const auto replay = table("replay", {{"received_at", "unit", "procedure"}, {"channel"}}, false);
    if (!replay) return;
    for (std::size_t r = 0; r < replay->size(); ++r) {
      const CsvRow row = replay->row(r);
      const DateTimeValue when =
          row["received_at"].parse([](std::string_view t) { return parse_date_time(t); });
      const int unit = unit_of(row["unit"]);
      const int procedure = procedure_of(row["procedure"]);
      Channel channel = Channel::kInPerson;
      if (!row["channel"].empty()) {
        const auto parsed = parse_channel(row["channel"].text());
        if (!parsed) row["channel"].bad_value(channel_names());
        channel = *parsed;
      }
      replay_times_.push_back(when);
      spec_.replay.push_back({sim::Instant{}, unit, procedure, channel});
      demand_rows_.push_back({unit, procedure, replay->file(), row.line()});
    }
  }

  void read_backlog() {
    const auto backlog =
        table("backlog", {{"id", "unit", "procedure", "received_at", "current_step"}, {}}, false);
    if (!backlog) return;
    std::map<std::string, int> seen;
    for (std::size_t r = 0; r < backlog->size(); ++r) {
      const CsvRow row = backlog->row(r);
      BacklogDossier d;
      d.id = std::string(row["id"].text());
      if (d.id.empty()) row["id"].fail("a dossier id is required");
      if (const auto [it, inserted] = seen.emplace(d.id, row.line()); !inserted) {
        row["id"].fail("duplicate dossier id '" + d.id + "' (first on row " +
                       std::to_string(it->second) + ")");
      }
      d.unit = unit_of(row["unit"]);
      d.procedure = procedure_of(row["procedure"]);
      const DateTimeValue when =
          row["received_at"].parse([](std::string_view t) { return parse_date_time(t); });
      if (when.date > start_date_ || (when.date == start_date_ && when.seconds_of_day > 0)) {
        row["received_at"].fail(
            "an open dossier at the start must be received before the "
            "start (" +
            sim::to_string(start_date_) + ")");
      }
      const auto& steps = spec_.procedures[static_cast<std::size_t>(d.procedure)].steps;
      const long long step =
          row["current_step"].parse([](std::string_view t) { return parse_count(t); });
      if (step < 1 || step > static_cast<long long>(steps.size())) {
        row["current_step"].fail("bad value '" + std::string(row["current_step"].text()) +
                                 "': procedure '" +
                                 spec_.procedures[static_cast<std::size_t>(d.procedure)].id +
                                 "' has steps 1 to " + std::to_string(steps.size()));
      }
      d.current_step = static_cast<int>(step - 1);
      backlog_times_.push_back(when);
      spec_.backlog.push_back(std::move(d));
      demand_rows_.push_back(
          {spec_.backlog.back().unit, spec_.backlog.back().procedure, backlog->file(), row.line()});
    }
  }

  // --- time ---------------------------------------------------------------------------------
  void make_calendar() {
    sim::CivilDate epoch = start_date_;
    for (const auto& t : replay_times_)
      epoch = std::min(epoch, t.date);
    for (const auto& t : backlog_times_)
      epoch = std::min(epoch, t.date);
    spec_.epoch_date = epoch;
    const double start_seconds =
        static_cast<double>(sim::days_between(epoch, start_date_)) * sim::kSecondsPerDay;
    spec_.start = sim::Instant{start_seconds};
    spec_.end = spec_.start + horizon_;
    const int days = static_cast<int>(std::ceil(spec_.end.days())) + kCalendarMarginDays;
    try {
      spec_.calendars.emplace_back(epoch, days, *schedule_, holidays_.holidays,
                                   holidays_.makeup_working_days);
    } catch (const std::invalid_argument& e) {
      const toml::node* node = find("calendar", "holidays");
      if (node) fail_at(*node, "calendar.holidays", e.what());
      throw ScenarioError(doc_.file + ": error: calendar: " + e.what());
    }
  }

  sim::Instant instant_of(const DateTimeValue& t) const {
    return sim::Instant{static_cast<double>(sim::days_between(spec_.epoch_date, t.date)) *
                            sim::kSecondsPerDay +
                        t.seconds_of_day};
  }

  void place_in_time() {
    for (std::size_t i = 0; i < spec_.replay.size(); ++i) {
      spec_.replay[i].received = instant_of(replay_times_[i]);
    }
    std::stable_sort(
        spec_.replay.begin(), spec_.replay.end(),
        [](const ReplayedArrival& a, const ReplayedArrival& b) { return a.received < b.received; });
    for (std::size_t i = 0; i < spec_.backlog.size(); ++i) {
      spec_.backlog[i].received = instant_of(backlog_times_[i]);
    }
  }

  // --- staff: [staff], unit_staff.csv, officers.csv, staff_changes.csv, training.csv -------
  // See docs/scenario-format.md ("Staff"). Runs after make_calendar (dates become days).
  struct StaffDefaults {
    double speed = 1.0;
    double error_probability = 0.0;
    double sick_rate = 0.0;
    int annual_leave_days = 0;
    int leave_blocks = 1;
    double ramp_start_speed = 1.0;
    int ramp_workdays = 0;
  };

  static double number_of(const toml::node& node, const std::string& key, double lo, double hi) {
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

  std::vector<std::string> string_list(const toml::node& node, const std::string& key) const {
    const auto* array = node.as_array();
    if (array == nullptr) fail_at(node, key, "expected a list of texts, e.g. [\"a\", \"b\"]");
    std::vector<std::string> items;
    for (const toml::node& item : *array)
      items.push_back(string_of(item, key));
    return items;
  }

  static std::array<std::int8_t, kDomainCount> domain_ranks(
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

  static std::vector<double> signing_times(const std::vector<std::string>& texts) {
    std::vector<double> seconds;
    for (const auto& t : texts)
      seconds.push_back(parse_time_of_day(t));
    std::sort(seconds.begin(), seconds.end());
    seconds.erase(std::unique(seconds.begin(), seconds.end()), seconds.end());
    return seconds;
  }

  int day_of(const sim::CivilDate& date) const {
    return static_cast<int>(sim::days_between(spec_.epoch_date, date));
  }

  void read_staff() {
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
  void staff_lever_positions(std::size_t first) {
    for (std::size_t p = first; p < spec_.positions.size(); ++p) {
      const PositionSpec& position = spec_.positions[p];
      for (int k = 0; k < position.officers; ++k)
        spec_.staff.roster.push_back(default_officer(position.unit, static_cast<int>(p)));
    }
  }

  // A new anonymous officer "<unit>/<position>#<k>" with the [staff] defaults.
  OfficerSpec default_officer(int unit, int position) {
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

  int position_at(int unit, std::string_view id) const {
    for (std::size_t p = 0; p < spec_.positions.size(); ++p) {
      if (spec_.positions[p].unit == unit && spec_.positions[p].id == id)
        return static_cast<int>(p);
    }
    return -1;
  }
  std::string positions_of_unit(int unit) const {
    std::vector<std::string> ids;
    for (const auto& p : spec_.positions)
      if (p.unit == unit) ids.push_back(p.id);
    return join_names(ids);
  }

  void read_unit_staff() {
    const auto table_ = table("unit_staff",
                              {{"unit"},
                               {"dispatch", "domain_priority", "signing_times", "signing_batch_max",
                                "saturday", "sunday"}},
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

  void read_officers() {
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
        if (sim::Instant{officer.from_day * sim::kSecondsPerDay} >= spec_.start) {
          officer.ramp_start_speed = staff_defaults_.ramp_start_speed;
          officer.ramp_workdays = staff_defaults_.ramp_workdays;
        }
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
  std::vector<std::size_t> leavers(int unit, int position, int day) const {
    std::vector<std::size_t> single, multiple;
    const auto& roster = spec_.staff.roster;
    for (std::size_t i = roster.size(); i-- > 0;) {
      const OfficerSpec& o = roster[i];
      if (o.unit != unit || o.from_day > day || o.until_day <= day) continue;
      if (std::find(o.positions.begin(), o.positions.end(), position) == o.positions.end())
        continue;
      (o.positions.size() == 1 ? single : multiple).push_back(i);
    }
    single.insert(single.end(), multiple.begin(), multiple.end());
    return single;
  }

  void read_staff_changes() {
    const auto changes =
        table("staff_changes",
              {{"date", "unit", "position", "change"}, {"recruitment_lag", "to_unit"}}, false);
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
      for (const int u : selection.units) {
        const int p = position_at(u, position_id);
        if (p < 0) {
          row["position"].fail("unit '" + spec_.units[static_cast<std::size_t>(u)].id +
                                   "' has no position '" + position_id + "'",
                               positions_of_unit(u));
        }
        if (change > 0 && to_unit < 0) {  // hires: arrive after the lag and ramp up
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
          if (to_unit < 0) continue;
          const int target = position_at(to_unit, position_id);
          if (target < 0) {
            row["to_unit"].fail("unit '" + spec_.units[static_cast<std::size_t>(to_unit)].id +
                                    "' has no position '" + position_id + "'",
                                positions_of_unit(to_unit));
          }
          OfficerSpec moved = spec_.staff.roster[out[static_cast<std::size_t>(k)]];
          const OfficerSpec fresh = default_officer(to_unit, target);
          moved.id = fresh.id;
          moved.unit = to_unit;
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

  void read_training() {
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

  // --- checks across tables -----------------------------------------------------------------
  [[noreturn]] void fail_step(int procedure, int step, const std::string& problem) const {
    for (const auto& s : step_lines_) {
      if (s.procedure == procedure && s.step == step) {
        throw ScenarioError(steps_file_ + ":" + std::to_string(s.line) + ": error: " + problem);
      }
    }
    throw ScenarioError(steps_file_ + ": error: " + problem);
  }

  // Whether a position at `unit` lists `skill`. A position with 0 officers counts: a unit
  // staffed with nobody for a skill is a valid (extreme) scenario whose dossiers wait, and
  // the commands warn about it (models/scenario_warnings.hpp); a missing row is a mistake.
  bool covered(int unit, int skill) const {
    for (const auto& p : spec_.positions) {
      if (p.unit == unit && std::find(p.skills.begin(), p.skills.end(), skill) != p.skills.end()) {
        return true;
      }
    }
    return false;
  }

  void check_province_bodies() {
    for (std::size_t p = 0; p < spec_.procedures.size(); ++p) {
      const ProcedureSpec& procedure = spec_.procedures[p];
      for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
        const StepSpec& step = procedure.steps[s];
        if (step.tier != Tier::kProvince || step.kind == StepKind::kTransfer) continue;
        const int body = spec_.province_unit_for_domain[static_cast<std::size_t>(procedure.domain)];
        if (body < 0) {
          fail_step(static_cast<int>(p), static_cast<int>(s),
                    "column 'tier': step " + std::to_string(s + 1) + " of procedure '" +
                        procedure.id +
                        "' is done at the province, but no department or service "
                        "center in units.csv handles the domain '" +
                        to_string(procedure.domain) + "' (list it in that body's domains)");
        }
        if (needs_officer(step.kind) && !covered(body, step.skill)) {
          fail_step(static_cast<int>(p), static_cast<int>(s),
                    "column 'skill': step " + std::to_string(s + 1) + " of procedure '" +
                        procedure.id + "' needs skill '" +
                        spec_.skills[static_cast<std::size_t>(step.skill)] +
                        "' at provincial body '" + spec_.units[static_cast<std::size_t>(body)].id +
                        "', but no position there covers it (" + positions_file_ +
                        "; a position with 0 officers makes these dossiers wait)");
        }
      }
    }
  }

  void check_coverage() {
    // A skill no position anywhere covers is most likely a typo in one of the two tables.
    std::vector<bool> anywhere(spec_.skills.size(), false);
    for (const auto& p : spec_.positions) {
      for (const int s : p.skills)
        anywhere[static_cast<std::size_t>(s)] = true;
    }
    std::vector<std::string> position_skills;
    for (std::size_t s = 0; s < spec_.skills.size(); ++s) {
      if (anywhere[s]) position_skills.push_back(spec_.skills[s]);
    }
    for (const auto& use : step_skill_lines_) {
      if (!anywhere[static_cast<std::size_t>(use.skill)]) {
        const std::string& name = spec_.skills[static_cast<std::size_t>(use.skill)];
        throw ScenarioError(use.file + ":" + std::to_string(use.line) +
                            ": error: column 'skill': "
                            "no position in " +
                            positions_file_ + " has the skill '" + name + "'" +
                            did_you_mean(name, position_skills));
      }
    }
    // Every unit that receives a procedure must be able to do its commune-tier work steps.
    std::set<std::pair<int, int>> checked;
    for (const auto& demand : demand_rows_) {
      if (!checked.insert({demand.unit, demand.procedure}).second) continue;
      const ProcedureSpec& procedure = spec_.procedures[static_cast<std::size_t>(demand.procedure)];
      for (std::size_t s = 0; s < procedure.steps.size(); ++s) {
        const StepSpec& step = procedure.steps[s];
        if (!needs_officer(step.kind) || step.tier != Tier::kCommune) continue;
        if (!covered(demand.unit, step.skill)) {
          throw ScenarioError(demand.file + ":" + std::to_string(demand.line) + ": error: unit '" +
                              spec_.units[static_cast<std::size_t>(demand.unit)].id +
                              "' receives procedure '" + procedure.id + "', whose step " +
                              std::to_string(s + 1) + " (" + step.name + ") needs skill '" +
                              spec_.skills[static_cast<std::size_t>(step.skill)] +
                              "', but no position at that unit covers it (" + positions_file_ +
                              "; a position with 0 officers makes these dossiers wait)");
        }
      }
    }
  }

  // The merged TOML, then every CSV table as TOML comments: one text that reproduces the run.
  std::string resolved_text() const {
    std::ostringstream out;
    out << "# twotier resolved scenario: " << doc_.file << "\n# read from:";
    for (const auto& f : doc_.chain)
      out << " " << f;
    out << "\n" << doc_.root << "\n";
    for (const auto& [file, text] : csv_texts_) {
      out << "\n# ---- " << file << " ----\n";
      std::istringstream lines(text);
      std::string line;
      while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out << "# " << line << "\n";
      }
    }
    return out.str();
  }

  // --- state --------------------------------------------------------------------------------
  struct StepLine {
    int procedure;
    int step;
    int line;
  };
  struct SkillUse {
    int skill;
    int line;
    std::string file;
  };
  struct DemandRow {  // a (unit, procedure) pair that receives dossiers, and where it is set
    int unit;
    int procedure;
    std::string file;
    int line;
  };

  ScenarioDocument doc_;
  ModelSpec spec_;
  UnitContext context_;
  sim::CivilDate start_date_;
  sim::Duration horizon_;
  const toml::node* start_node_ = nullptr;  // in doc_, for messages about the run's dates
  const toml::node* horizon_node_ = nullptr;
  std::optional<sim::WeeklySchedule> schedule_;
  sim::HolidayTable holidays_;
  std::map<std::string, int, std::less<>> unit_index_;
  std::vector<std::string> unit_ids_;
  std::vector<int> unit_lines_;
  std::array<int, kDomainCount> domain_owner_line_{};
  std::map<std::string, int, std::less<>> procedure_index_;
  std::vector<std::string> procedure_ids_;
  std::vector<int> procedure_lines_;
  std::string procedures_file_;
  std::string steps_file_;
  std::string positions_file_;
  std::vector<StepLine> step_lines_;
  std::vector<SkillUse> step_skill_lines_;
  std::vector<std::string> profile_ids_;
  std::vector<DemandRow> demand_rows_;
  std::vector<DateTimeValue> replay_times_;
  std::vector<DateTimeValue> backlog_times_;
  std::vector<std::pair<std::string, std::string>> csv_texts_;
  StaffDefaults staff_defaults_;
  std::map<std::pair<int, std::string>, int> officers_numbered_;  // (unit, position) -> last k
  std::vector<bool> held_positions_;  // positions some officer of the roster holds
};

}  // namespace

ModelSpec load_scenario(const std::filesystem::path& toml_file, const LoadOptions& options) {
  return Builder(read_scenario_document(toml_file, options.overrides)).build();
}

}  // namespace twotier::model
