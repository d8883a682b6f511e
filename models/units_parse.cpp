// Value parsers for scenario files (see units_parse.hpp).
#include "models/units_parse.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "models/count_text.hpp"
#include "models/plausibility.hpp"
#include "models/text_match.hpp"
#include "sim/time.hpp"

namespace twotier::model {
namespace {

constexpr double kDaysPerYear = 365.25;
constexpr double kDaysPerMonth = kDaysPerYear / 12.0;
const char* const kDurationForms =
    "a number and a unit: min, h, d (calendar), wmin, wh, wd "
    "(working), e.g. 45min, 2wd";
const char* const kDistributionForms =
    "exp(2h), const(30min), erlang(3, 1h), gamma(2h, 0.7), lognormal(45min, 0.5), "
    "tri(10min, 20min, 1h), uniform(1h, 2h), empirical(10min:0.2; 20min:0.5; 1h:0.3)";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::string quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

// Parses the number at the start of `text`; returns it and leaves the rest in `text`.
std::optional<double> take_number(std::string_view& text) {
  double value = 0.0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;  // from_chars does not take a '+' sign
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{}) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(ptr - text.data()));
  return value;
}

void check_finite_non_negative(double value, std::string_view what, const char* examples) {
  if (!std::isfinite(value)) {
    throw ValueError(std::string(what) + " must be a finite number", examples);
  }
  if (value < 0) throw ValueError(std::string(what) + " must not be negative", examples);
}

struct DurationUnit {
  const char* name;
  double hours;  // 0 marks the working day, whose length comes from the context
  TimeBase base;
};
constexpr std::array<DurationUnit, 6> kDurationUnits{{
    {"min", 1.0 / 60.0, TimeBase::kEither},
    {"h", 1.0, TimeBase::kEither},
    {"d", 24.0, TimeBase::kCalendar},
    {"wmin", 1.0 / 60.0, TimeBase::kWorking},
    {"wh", 1.0, TimeBase::kWorking},
    {"wd", 0.0, TimeBase::kWorking},
}};

std::vector<std::string> duration_unit_names() {
  std::vector<std::string> names;
  for (const auto& u : kDurationUnits)
    names.emplace_back(u.name);
  return names;
}

// Splits "a, b, c" on `separator` (no nesting in our grammar).
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    parts.push_back(trim(text.substr(start, at == std::string_view::npos ? at : at - start)));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// Durations of one distribution, with their combined time base.
struct DurationArgs {
  TimeBase base = TimeBase::kEither;
  void add(const DurationValue& v, std::string_view text) {
    if (v.base == TimeBase::kEither) return;
    if (base != TimeBase::kEither && base != v.base) {
      throw ValueError("mixes working-time units (wmin, wh, wd) and calendar days (d) at " +
                       quoted(text) + "; write all durations of one distribution in one kind");
    }
    base = v.base;
  }
};

}  // namespace

double parse_number(std::string_view text) {
  std::string_view rest = trim(text);
  const auto value = take_number(rest);
  if (!value || !trim(rest).empty()) throw ValueError("not a number", "e.g. 2, 0.5, 1e3");
  if (!std::isfinite(*value)) throw ValueError("must be a finite number");
  return *value;
}

long long parse_count(std::string_view text) {
  const std::string_view t = trim(text);
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc{} || ptr != t.data() + t.size()) {
    throw ValueError("not a whole number", "0, 1, 2, ...");
  }
  if (value < 0) throw ValueError("must not be negative", "0, 1, 2, ...");
  return value;
}

double parse_probability(std::string_view text, double if_empty) {
  if (trim(text).empty()) return if_empty;
  double p = 0.0;
  try {
    p = parse_number(text);
  } catch (const ValueError& e) {
    throw ValueError(e.problem(), "0 to 1, e.g. 0.15");
  }
  if (p < 0.0 || p > 1.0) throw ValueError("a probability must lie in [0, 1]", "0 to 1, e.g. 0.15");
  return p;
}

bool parse_bool(std::string_view text, bool if_empty) {
  const std::string_view t = trim(text);
  if (t.empty()) return if_empty;
  if (t == "true" || t == "yes" || t == "1") return true;
  if (t == "false" || t == "no" || t == "0") return false;
  throw ValueError("not a yes/no value", "true, false, yes, no, 1, 0");
}

DurationValue parse_duration(std::string_view text, const UnitContext& context) {
  std::string_view rest = trim(text);
  const auto number = take_number(rest);
  if (!number) throw ValueError("not a duration", kDurationForms);
  check_finite_non_negative(*number, "a duration", "0 or more, e.g. 45min, 2h, 1.5d");
  rest = trim(rest);
  if (rest.empty()) {
    throw ValueError("a duration needs a unit", kDurationForms);
  }
  for (const auto& unit : kDurationUnits) {
    if (rest == unit.name) {
      const double unit_hours = unit.hours > 0 ? unit.hours : context.workday_hours;
      return {*number * unit_hours, unit.base};
    }
  }
  throw ValueError("unknown unit " + quoted(rest) + did_you_mean(rest, duration_unit_names()),
                   kDurationForms);
}

sim::Duration parse_calendar_duration(std::string_view text, const UnitContext& context) {
  const DurationValue v = parse_duration(text, context);
  if (v.base == TimeBase::kWorking) {
    throw ValueError("must be calendar time, not working time", "min, h, d, e.g. 365d");
  }
  return sim::Duration::from_hours(v.hours);
}

RateValue parse_rate(std::string_view text) {
  const char* const forms =
      "120/month, 6/day, 40/week, 500/year, 3.2/1000res/year (per 1,000 residents)";
  std::string_view rest = trim(text);
  const auto number = take_number(rest);
  rest = trim(rest);
  if (!number || rest.empty() || rest.front() != '/') throw ValueError("not a rate", forms);
  check_finite_non_negative(*number, "a rate", "0 or more, e.g. 6/day, 120/month");
  rest.remove_prefix(1);
  RateValue rate;
  if (rest.starts_with("1000res/")) {
    rate.per_thousand_residents = true;
    rest.remove_prefix(8);
  }
  rest = trim(rest);
  double days = 0.0;
  if (rest == "day") {
    days = 1.0;
  } else if (rest == "week") {
    days = 7.0;
  } else if (rest == "month") {
    days = kDaysPerMonth;
  } else if (rest == "year") {
    days = kDaysPerYear;
  } else {
    throw ValueError("unknown period " + quoted(rest) +
                         did_you_mean(rest, {"day", "week", "month", "year", "1000res/year"}),
                     forms);
  }
  rate.per_day = *number / days;
  // Per 1,000 residents the loader checks the total once it knows the population.
  const double per_year = rate.per_day * kDaysPerYear;
  if (!rate.per_thousand_residents && per_year > kMaxDossiersPerYearPerStream) {
    throw ValueError("implies " + count_text(std::floor(per_year)) +
                     " dossiers a year in one stream, surely a typo (at most 1e8 a year)");
  }
  if (rate.per_thousand_residents && per_year > 1e6) {
    throw ValueError("implies more than 1,000 dossiers per resident a year, surely a typo");
  }
  return rate;
}

DelaySpec parse_delay(std::string_view text, DelayUse use, const UnitContext& context) {
  const std::string_view t = trim(text);
  if (t.empty()) throw ValueError("a distribution is required here", kDistributionForms);
  DurationArgs args;
  auto duration = [&](std::string_view arg) {
    const DurationValue v = parse_duration(arg, context);
    require_possible(Quantity::kDurationHours, v.hours);
    args.add(v, arg);
    return v.hours;
  };
  auto expect_args = [](const std::vector<std::string_view>& got, std::size_t n,
                        const char* signature) {
    if (got.size() != n) {
      throw ValueError(std::string(signature) + " takes " + std::to_string(n) +
                       (n == 1 ? " argument" : " arguments") + ", got " +
                       std::to_string(got.size()));
    }
  };

  std::optional<sim::Distribution> distribution;
  const std::size_t open = t.find('(');
  try {
    if (open == std::string_view::npos) {
      distribution = sim::Distribution::deterministic(duration(t));  // a bare duration
    } else {
      if (t.back() != ')') throw ValueError("missing ')' at the end", kDistributionForms);
      const std::string_view name = trim(t.substr(0, open));
      const std::string_view inside = t.substr(open + 1, t.size() - open - 2);
      if (name == "empirical") {
        std::vector<double> values;
        std::vector<double> weights;
        for (std::string_view item : split(inside, ';')) {
          const std::size_t colon = item.find(':');
          values.push_back(duration(item.substr(0, colon)));
          if (colon != std::string_view::npos) {
            const double w = parse_number(item.substr(colon + 1));
            if (w < 0) throw ValueError("a weight must not be negative");
            weights.push_back(w);
          } else if (!weights.empty()) {
            throw ValueError("give a weight (value:weight) for every value or for none");
          }
        }
        if (!weights.empty() && weights.size() != values.size()) {
          throw ValueError("give a weight (value:weight) for every value or for none");
        }
        distribution = sim::Distribution::empirical(std::move(values), std::move(weights));
      } else {
        const auto a = split(inside, ',');
        if (name == "exp") {
          expect_args(a, 1, "exp(mean)");
          distribution = sim::Distribution::exponential(duration(a[0]));
        } else if (name == "const") {
          expect_args(a, 1, "const(value)");
          distribution = sim::Distribution::deterministic(duration(a[0]));
        } else if (name == "erlang") {
          expect_args(a, 2, "erlang(k, mean)");
          const long long k = parse_count(a[0]);
          if (k < 1 || k > 1000) throw ValueError("the shape k of erlang must be 1 to 1000");
          distribution = sim::Distribution::erlang(static_cast<int>(k), duration(a[1]));
        } else if (name == "gamma" || name == "lognormal") {
          expect_args(a, 2, name == "gamma" ? "gamma(mean, cv)" : "lognormal(mean, cv)");
          const double mean = duration(a[0]);
          const double cv = parse_number(a[1]);
          if (cv < 0) throw ValueError("the coefficient of variation must not be negative");
          require_possible(Quantity::kCoefficientOfVariation, cv);
          distribution = name == "gamma" ? sim::Distribution::gamma(mean, cv)
                                         : sim::Distribution::lognormal(mean, cv);
        } else if (name == "tri") {
          expect_args(a, 3, "tri(min, mode, max)");
          const double lo = duration(a[0]);
          const double mode = duration(a[1]);
          const double hi = duration(a[2]);
          if (!(lo <= mode && mode <= hi && lo < hi)) {
            throw ValueError("tri(min, mode, max) needs min <= mode <= max and min < max");
          }
          distribution = sim::Distribution::triangular(lo, mode, hi);
        } else if (name == "uniform") {
          expect_args(a, 2, "uniform(min, max)");
          const double lo = duration(a[0]);
          const double hi = duration(a[1]);
          if (lo > hi) throw ValueError("uniform(min, max) needs min <= max");
          distribution = sim::Distribution::uniform(lo, hi);
        } else {
          throw ValueError("unknown distribution " + quoted(name) +
                               did_you_mean(name, {"exp", "const", "erlang", "gamma", "lognormal",
                                                   "tri", "uniform", "empirical"}),
                           kDistributionForms);
        }
      }
    }
  } catch (const std::invalid_argument& e) {
    // The distribution's own parameter check (e.g. exp(0h)): "sim::Distribution::exponential:
    // mean must be ..." reads "exp: the mean must be ..." in the scenario's words.
    std::string problem = e.what();
    if (const std::size_t colon = problem.find(": ");
        problem.starts_with("sim::") && colon != std::string::npos) {
      const std::string_view name = open == std::string_view::npos ? "value" : t.substr(0, open);
      problem = std::string(name) + ": the " + problem.substr(colon + 2);
    }
    throw ValueError(problem, kDistributionForms);
  }

  DelaySpec spec{*distribution, true};
  if (use == DelayUse::kEffort) {
    if (args.base == TimeBase::kCalendar) {
      throw ValueError("an officer's effort is working time, not calendar days",
                       "wmin, wh, wd or min, h (which mean working time here)");
    }
    spec.working_time = true;
  } else {
    spec.working_time = args.base == TimeBase::kWorking;
  }
  return spec;
}

double parse_time_of_day(std::string_view text) {
  const char* const forms = "HH:MM from 00:00 to 24:00, e.g. 07:30";
  const std::string_view t = trim(text);
  const std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || t.size() != colon + 3) {
    throw ValueError("not a time of day", forms);
  }
  int hours = 0;
  int minutes = 0;
  const auto h = std::from_chars(t.data(), t.data() + colon, hours);
  const auto m = std::from_chars(t.data() + colon + 1, t.data() + t.size(), minutes);
  if (h.ec != std::errc{} || h.ptr != t.data() + colon || m.ec != std::errc{} ||
      m.ptr != t.data() + t.size() || hours < 0 || hours > 24 || minutes < 0 || minutes > 59 ||
      (hours == 24 && minutes != 0)) {
    throw ValueError("not a time of day", forms);
  }
  return hours * sim::kSecondsPerHour + minutes * sim::kSecondsPerMinute;
}

TimeInterval parse_time_interval(std::string_view text) {
  const std::string_view t = trim(text);
  const std::size_t dash = t.find('-');
  if (dash == std::string_view::npos) {
    throw ValueError("not an interval of the day", "HH:MM-HH:MM, e.g. 07:30-11:30");
  }
  const TimeInterval interval{parse_time_of_day(t.substr(0, dash)),
                              parse_time_of_day(t.substr(dash + 1))};
  if (interval.start_seconds >= interval.end_seconds) {
    throw ValueError("the interval must end after it starts", "HH:MM-HH:MM, e.g. 07:30-11:30");
  }
  return interval;
}

sim::CivilDate parse_date(std::string_view text) {
  const auto date = sim::parse_iso_date(trim(text));
  if (!date) throw ValueError("not a date", "YYYY-MM-DD, e.g. 2026-01-01");
  return *date;
}

DateTimeValue parse_date_time(std::string_view text) {
  const char* const forms = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], e.g. 2026-01-05T08:15:00";
  const std::string_view t = trim(text);
  const auto date = sim::parse_iso_date(t.substr(0, 10));
  if (!date) throw ValueError("not a date and time", forms);
  DateTimeValue value{*date, 0.0};
  if (t.size() == 10) return value;
  if (t[10] != 'T' && t[10] != ' ') throw ValueError("not a date and time", forms);
  std::string_view clock = t.substr(11);
  double seconds = 0.0;
  if (clock.size() == 8 && clock[5] == ':') {
    int s = 0;
    const auto r = std::from_chars(clock.data() + 6, clock.data() + 8, s);
    if (r.ec != std::errc{} || r.ptr != clock.data() + 8 || s < 0 || s > 59) {
      throw ValueError("not a date and time", forms);
    }
    seconds = s;
    clock = clock.substr(0, 5);
  }
  try {
    value.seconds_of_day = parse_time_of_day(clock) + seconds;
  } catch (const ValueError&) {
    throw ValueError("not a date and time", forms);
  }
  if (value.seconds_of_day >= sim::kSecondsPerDay) throw ValueError("not a date and time", forms);
  return value;
}

}  // namespace twotier::model
