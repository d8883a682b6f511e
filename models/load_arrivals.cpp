// Scenario loader: where dossiers come from: profiles.csv (seasonal shapes), arrivals.csv
// (rates per unit and procedure), a replay of recorded receipts, the backlog at the start.
// Its own file because demand is read as one block after the structure tables.
// Builder: models/scenario_loader_parts.hpp.
#include <algorithm>
#include <set>
#include <sstream>

#include "models/names.hpp"
#include "models/scenario_loader_parts.hpp"
#include "models/table_overrides.hpp"
#include "models/text_match.hpp"

namespace twotier::model::loader_internal {

namespace {

// Expected dossiers in one replication above which the arrival tables surely hold a typo (a
// rate per day written as per year, a population in units instead of thousands).
constexpr double kMaxDossiersPerRun = 1e9;

const std::array<const char*, 7> kWeekdayShort{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

}  // namespace

// --- profiles.csv -------------------------------------------------------------------------
void Builder::read_profiles() {
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
