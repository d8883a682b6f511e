// Scenario loader: where dossiers come from: profiles.csv (seasonal shapes), arrivals.csv
// (rates per unit and procedure), a replay of recorded receipts, the backlog at the start.
// Its own file because demand is read as one block after the structure tables.
// Builder: models/scenario_loader_parts.hpp.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "models/names.hpp"
#include "models/plausibility.hpp"
#include "models/scenario_loader_parts.hpp"
#include "models/table_overrides.hpp"
#include "models/text_match.hpp"

namespace twotier::model::loader_internal {

namespace {

// Expected dossiers in one replication above which the arrival tables surely hold a typo (a
// rate per day written as per year, a population in units instead of thousands).
constexpr double kMaxDossiersPerRun = 1e9;

const std::array<const char*, 7> kWeekdayShort{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Days relative to a movable date: "-30", "+6", "0". Throws ValueError.
int parse_offset(std::string_view t) {
  if (t.empty() || !(t.front() == '+' || t.front() == '-' || t == "0"))
    throw ValueError("an offset in days needs its sign", "e.g. tet-30..-4, tet+6..+29");
  const long long v = parse_count(t.front() == '0' ? t : t.substr(1));
  if (v > 366) throw ValueError("an offset of more than a year", "-366..+366 days");
  return static_cast<int>(t.front() == '-' ? -v : v);
}

}  // namespace

// --- [seasons] and the holiday table's marked dates ---------------------------------------
// Movable dates by name: those the holiday table marks (`marks` column, e.g. tet) and those
// [seasons] names: `name = "MM-DD"` (that day every year) or a list of dates.
std::map<std::string, std::vector<sim::CivilDate>, std::less<>> Builder::season_anchors() const {
  std::map<std::string, std::vector<sim::CivilDate>, std::less<>> anchors;
  for (const auto& m : holidays_.marked_dates)
    anchors[m.name].push_back(m.date);
  const toml::table* seasons = section("seasons");
  if (seasons == nullptr) return anchors;
  const sim::CivilDate last_day =
      sim::add_days(start_date_, static_cast<std::int64_t>(std::ceil(horizon_.days())));
  for (const auto& [key, node] : *seasons) {
    const std::string name(key.str());
    const std::string path = "seasons." + name;
    const bool name_ok = !name.empty() && name.front() >= 'a' && name.front() <= 'z' &&
                         std::all_of(name.begin(), name.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                         });
    if (!name_ok)
      fail_at(node, path, "bad name '" + name + "'", "lower-case letters, digits and '_'");
    if (anchors.count(name) != 0)
      fail_at(node, path, "'" + name + "' is already a date the holiday table marks");
    std::vector<sim::CivilDate>& dates = anchors[name];
    if (node.is_string()) {
      // "MM-DD": every year the run (and a year either side of it) touches.
      const sim::CivilDate probe = parse_node(node, path, [&](std::string_view v) {
        if (v.size() != 5 || v[2] != '-')
          throw ValueError("not a day of the year", "MM-DD (every year) or a list of dates");
        try {
          return parse_date("2000-" + std::string(v));  // a leap year: 02-29 is allowed
        } catch (const ValueError&) {
          throw ValueError("not a day of the year", "MM-DD (every year) or a list of dates");
        }
      });
      for (int y = start_date_.year - 1; y <= last_day.year + 1; ++y) {
        if (probe.month == 2 && probe.day == 29 && sim::days_in_month(y, 2) < 29) continue;
        dates.push_back({y, probe.month, probe.day});
      }
    } else if (const auto* list = node.as_array()) {
      for (const toml::node& item : *list) {
        std::string t;
        if (const auto* d = item.as_date()) {
          const toml::date v = d->get();
          t = sim::to_string(sim::CivilDate{v.year, v.month, v.day});
        } else {
          t = string_of(item, path);
        }
        dates.push_back(parse_node(item, path, [&](std::string_view) { return parse_date(t); }));
      }
      if (dates.empty()) fail_at(node, path, "an empty list of dates");
    } else {
      fail_at(node, path, "bad value " + toml_text(node),
              "\"MM-DD\" (every year) or a list of dates, e.g. [2026-08-01, 2027-08-02]");
    }
  }
  return anchors;
}

// --- profiles.csv -------------------------------------------------------------------------
void Builder::read_profiles() {
  ProfileSpec flat;
  flat.id = "flat";
  flat.week.fill(1.0);
  flat.month.fill(1.0);
  spec_.profiles.push_back(flat);
  profile_ids_.push_back("flat");
  const auto anchors = season_anchors();
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
    auto factor = [&](double minimum, Quantity quantity = Quantity::kProfileFactor) {
      return factor_cell.parse([minimum, quantity](std::string_view t) {
        const double f = parse_number(t);
        if (f < minimum) {
          throw ValueError(minimum < 0 ? "a yearly trend must be greater than -1"
                                       : "a factor must not be negative");
        }
        require_possible(quantity, f);
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
      // The base date is part of the key: a trend anchored at the run's start would give a
      // run starting in 2027 the demand of 2026.
      if (key == "yearly")
        key_cell.fail("a trend needs the date its factor is 1 (no longer the run's start)",
                      "yearly@YYYY-MM-DD, e.g. yearly@2026-01-01");
      if (!key.starts_with("yearly@")) key_cell.bad_value("yearly@YYYY-MM-DD");
      spec.trend_base = key_cell.parse([](std::string_view t) { return parse_date(t.substr(7)); });
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
      surge.factor = factor(0.0, Quantity::kSurgeFactor);
      spec.surges.push_back(surge);
    } else if (dimension == "season") {
      // NAME[+-]A..[+-]B: days A..B (inclusive) around each date of the movable date NAME.
      std::string anchor;
      int from = 0;
      int to = 0;
      key_cell.parse([&](std::string_view t) {
        const std::size_t dots = t.find("..");
        const std::size_t sign = t.find_first_of("+-");
        if (dots == std::string_view::npos || sign == std::string_view::npos || sign > dots)
          throw ValueError("not a range around a movable date",
                           "NAME-A..+B in days, e.g. tet-30..-4, tet+6..+29");
        anchor = std::string(t.substr(0, sign));
        from = parse_offset(t.substr(sign, dots - sign));
        to = parse_offset(t.substr(dots + 2));
        if (to < from) throw ValueError("the range ends before it starts");
        return 0;
      });
      const auto it_anchor = anchors.find(anchor);
      if (it_anchor == anchors.end()) {
        std::vector<std::string> names;
        for (const auto& [name, dates] : anchors)
          names.push_back(name);
        key_cell.fail("unknown movable date '" + anchor + "'" + did_you_mean(anchor, names),
                      names.empty() ? "none: mark dates in the holiday table's `marks` column "
                                      "or name them in [seasons]"
                                    : join_names(names));
      }
      const double f = factor(0.0);
      for (const sim::CivilDate& date : it_anchor->second)
        spec.surges.push_back({sim::add_days(date, from), sim::add_days(date, to), f});
    } else {
      row["dimension"].bad_value("hour, weekday, month, trend, surge, season");
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
void Builder::read_arrivals() {
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
  // --set demand...*=F (models/table_overrides.hpp)
  const std::vector<double> demand = demand_factors(doc_, spec_.units, spec_.procedures);
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
      per_day *= demand[static_cast<std::size_t>(u) * spec_.procedures.size() +
                        static_cast<std::size_t>(procedure)];
      if (per_day * 365.25 > kMaxDossiersPerYearPerStream) {
        row["rate"].fail("implies more than 1e8 dossiers a year at unit '" + unit.id +
                         "', surely a typo");
      }
      const ArrivalStreamSpec spec{u, procedure, per_day, profile};
      auto [it, inserted] =
          chosen.try_emplace(std::make_pair(u, procedure), Chosen{selection.specificity, {}, spec});
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

void Builder::read_replay() {
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

void Builder::read_backlog() {
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

}  // namespace twotier::model::loader_internal
