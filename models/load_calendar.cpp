// Scenario loader: the [scenario], [calendar] and [deadlines] sections (start, horizon, warm-up,
// opening hours, holidays), then the calendar over the run and every date placed in time.
// Its own file because the time frame is read first and apart from the tables (the working
// day's length is needed to read "wd"). Builder: models/scenario_loader_parts.hpp.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "models/input_limits.hpp"
#include "models/scenario_loader_parts.hpp"

namespace twotier::model::loader_internal {

namespace {

// Days tabulated by the calendar beyond the horizon, so that appointments and work of
// dossiers still open at the end (deadlines of up to a few hundred working days, slow
// backlogs) stay computable. Three years of days cost a few kilobytes.
constexpr int kCalendarMarginDays = 3 * 366;

const std::array<const char*, 7> kWeekdayKeys{"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};

// Working hours used when [calendar] does not give a weekday: Monday to Friday
// 07:30-11:30 and 13:00-17:00 (8 h), weekend closed.
sim::WeeklySchedule::DayIntervals default_weekday_hours(int weekday) {
  if (weekday >= sim::kSaturday) return {};
  return {sim::WorkingInterval::from_hours(7.5, 11.5), sim::WorkingInterval::from_hours(13, 17)};
}

}  // namespace

// --- [scenario], [calendar], [deadlines] --------------------------------------------------
void Builder::read_scenario_section() {
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
  if (horizon_.seconds < kMinHorizonHours * 3600.0) {
    fail_at(horizon_node, "scenario.horizon",
            "bad value '" + text_of(horizon_node, "scenario.horizon") +
                "': the run must last at least 1h",
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
    if (horizon_.days() < kMinAutoWarmupDays) {
      fail_at(*warmup, "scenario.warmup",
              "bad value 'auto': the run lasts " + text_of(horizon_node, "scenario.horizon") +
                  " and the automatic warm-up (MSER-5) needs at least " +
                  std::to_string(kMinAutoWarmupDays) + " days",
              "a longer horizon or a fixed warmup such as \"2d\"");
    }
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
    spec_.replications =
        static_cast<int>(integer_of(*reps, "scenario.replications", 1, kMaxReplications));
  }
  if (const toml::node* target = find("scenario", "on_time_target")) {
    // Validated here; read back from the resolved text by models/on_time_forecast.cpp.
    number_of(*target, "scenario.on_time_target", 0.0, 1.0);
  }
  if (const toml::node* description = find("scenario", "description")) {
    string_of(*description, "scenario.description");
  }
}

void Builder::read_calendar_section() {
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
  // One "wd" is the standard working day, the same in inputs and outputs: Monday's hours,
  // else the first open weekday's; 24 h on a 24x7 calendar.
  const double day_seconds = schedule_->standard_day_seconds();
  if (day_seconds <= 0.0) {
    const toml::table* t = section("calendar");
    throw ScenarioError((t ? location_of(*t) : doc_.file) +
                        ": error: calendar: no weekday has working hours, so no work "
                        "would ever be done (or set always_open = true)");
  }
  spec_.workday_hours = day_seconds / sim::kSecondsPerHour;
  context_.workday_hours = spec_.workday_hours;
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
void Builder::check_holiday_years(const std::string& file) const {
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

void Builder::read_deadlines_section() {
  if (const toml::node* node = find("deadlines", "receipt_cutoff")) {
    spec_.deadline_rule.receipt_cutoff_seconds_of_day = parse_node(
        *node, "deadlines.receipt_cutoff", [](std::string_view t) { return parse_time_of_day(t); });
  }
}

// --- time ---------------------------------------------------------------------------------
void Builder::make_calendar() {
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
  spec_.holiday_table = holidays_;
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

sim::Instant Builder::instant_of(const DateTimeValue& t) const {
  return sim::Instant{static_cast<double>(sim::days_between(spec_.epoch_date, t.date)) *
                          sim::kSecondsPerDay +
                      t.seconds_of_day};
}

void Builder::place_in_time() {
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

}  // namespace twotier::model::loader_internal
