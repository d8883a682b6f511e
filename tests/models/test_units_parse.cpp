// Value parsers: durations, rates, distributions, times, dates, probabilities.
#include <string>

#include <catch2/catch.hpp>

#include "models/units_parse.hpp"

using namespace twotier::model;

namespace {
std::string problem_of(auto&& parse) {
  try {
    parse();
  } catch (const ValueError& e) {
    return e.problem() + (e.allowed().empty() ? "" : " | " + e.allowed());
  }
  return "no error";
}
const UnitContext kDay7_5{7.5};
}  // namespace

TEST_CASE("durations carry their unit and kind", "[units_parse]") {
  CHECK(parse_duration("45min", kDay7_5).hours == Approx(0.75));
  CHECK(parse_duration("3h", kDay7_5).base == TimeBase::kEither);
  CHECK(parse_duration("1.5d", kDay7_5).hours == Approx(36.0));
  CHECK(parse_duration("1.5d", kDay7_5).base == TimeBase::kCalendar);
  CHECK(parse_duration("30wmin", kDay7_5).hours == Approx(0.5));
  CHECK(parse_duration("2wh", kDay7_5).base == TimeBase::kWorking);
  SECTION("a working day is the calendar's standard day") {
    CHECK(parse_duration("2wd", kDay7_5).hours == Approx(15.0));
    CHECK(parse_duration("2 wd", UnitContext{}).hours == Approx(16.0));
  }
  SECTION("bad durations") {
    CHECK(problem_of([] { parse_duration("-3h", {}); }) ==
          "a duration must not be negative | 0 or more, e.g. 45min, 2h, 1.5d");
    CHECK(problem_of([] { parse_duration("3", {}); }).starts_with("a duration needs a unit"));
    CHECK(problem_of([] { parse_duration("3hr", {}); }).starts_with("unknown unit 'hr'"));
    CHECK(problem_of([] { parse_duration("nan h", {}); }) ==
          "a duration must be a finite number | 0 or more, e.g. 45min, 2h, 1.5d");
    CHECK(problem_of([] {
            parse_calendar_duration("5wd", {});
          }).starts_with("must be calendar time"));
  }
}

TEST_CASE("rates are converted to dossiers per calendar day", "[units_parse]") {
  CHECK(parse_rate("6/day").per_day == Approx(6.0));
  CHECK(parse_rate("40/week").per_day == Approx(40.0 / 7));
  CHECK(parse_rate("120/month").per_day == Approx(120.0 * 12 / 365.25));
  CHECK(parse_rate("500/year").per_day == Approx(500.0 / 365.25));
  const RateValue per_resident = parse_rate("3.2/1000res/year");
  CHECK(per_resident.per_thousand_residents);
  CHECK(per_resident.per_day == Approx(3.2 / 365.25));
  CHECK(problem_of([] { parse_rate("-1/day"); }).starts_with("a rate must not be negative"));
  CHECK(problem_of([] { parse_rate("5/fortnight"); }).starts_with("unknown period 'fortnight'"));
  CHECK(problem_of([] { parse_rate("5"); }).starts_with("not a rate"));
  CHECK(problem_of([] { parse_rate("1e9/day"); }).find("surely a typo") != std::string::npos);
}

TEST_CASE("distributions parse into hours with their time kind", "[units_parse]") {
  const UnitContext c{8.0};
  CHECK(parse_delay("exp(2h)", DelayUse::kEffort, c).hours.mean() == Approx(2.0));
  CHECK(parse_delay("const(30min)", DelayUse::kEffort, c).hours.mean() == Approx(0.5));
  CHECK(parse_delay("45min", DelayUse::kEffort, c).hours.mean() == Approx(0.75));
  CHECK(parse_delay("erlang(3, 1h)", DelayUse::kEffort, c).hours.mean() == Approx(1.0));
  CHECK(parse_delay("gamma(2h, 0.7)", DelayUse::kEffort, c).hours.scv() == Approx(0.49));
  CHECK(parse_delay("lognormal(45min, 0.5)", DelayUse::kEffort, c).hours.mean() == Approx(0.75));
  CHECK(parse_delay("tri(10min, 20min, 1h)", DelayUse::kEffort, c).hours.mean() ==
        Approx((10.0 + 20 + 60) / 3 / 60));
  CHECK(parse_delay("uniform(1h, 2h)", DelayUse::kEffort, c).hours.mean() == Approx(1.5));
  CHECK(parse_delay("empirical(10min:0.2; 20min:0.5; 1h:0.3)", DelayUse::kEffort, c).hours.mean() ==
        Approx((0.2 * 10 + 0.5 * 20 + 0.3 * 60) / 60));
  CHECK(parse_delay("empirical(1h; 3h)", DelayUse::kEffort, c).hours.mean() == Approx(2.0));
  SECTION("the kind of time follows the units and the use") {
    CHECK(parse_delay("exp(2h)", DelayUse::kEffort, c).working_time);
    CHECK_FALSE(parse_delay("exp(2h)", DelayUse::kDelay, c).working_time);
    CHECK_FALSE(parse_delay("uniform(1d, 3d)", DelayUse::kDelay, c).working_time);
    CHECK(parse_delay("uniform(1wd, 3wd)", DelayUse::kDelay, c).working_time);
    CHECK(parse_delay("uniform(1wd, 3wd)", DelayUse::kDelay, c).hours.mean() == Approx(16.0));
    CHECK(parse_delay("uniform(4h, 3wd)", DelayUse::kDelay, c).working_time);
  }
  SECTION("bad distributions") {
    CHECK(problem_of([&] {
            parse_delay("exp(2d)", DelayUse::kEffort, c);
          }).starts_with("an officer's effort is working time, not calendar days"));
    CHECK(problem_of([&] {
            parse_delay("uniform(1d, 2wd)", DelayUse::kDelay, c);
          }).starts_with("mixes working-time units"));
    CHECK(problem_of([&] {
            parse_delay("expo(2h)", DelayUse::kDelay, c);
          }).starts_with("unknown distribution 'expo' (did you mean 'exp'?)"));
    CHECK(problem_of([&] { parse_delay("erlang(2h)", DelayUse::kDelay, c); }) ==
          "erlang(k, mean) takes 2 arguments, got 1");
    CHECK(problem_of([&] { parse_delay("tri(1h, 3h, 2h)", DelayUse::kDelay, c); }) ==
          "tri(min, mode, max) needs min <= mode <= max and min < max");
    CHECK(problem_of([&] { parse_delay("exp(0h)", DelayUse::kDelay, c); }) != "no error");
    CHECK(
        problem_of([&] { parse_delay("exp(2h", DelayUse::kDelay, c); }).starts_with("missing ')'"));
    CHECK(problem_of([&] {
            parse_delay("", DelayUse::kDelay, c);
          }).starts_with("a distribution is required here"));
  }
}

TEST_CASE("times of day, dates and probabilities", "[units_parse]") {
  CHECK(parse_time_of_day("07:30") == 7.5 * 3600);
  CHECK(parse_time_of_day("24:00") == 86400);
  CHECK(problem_of([] { parse_time_of_day("24:30"); }).starts_with("not a time of day"));
  CHECK(problem_of([] { parse_time_of_day("7h30"); }).starts_with("not a time of day"));
  const TimeInterval i = parse_time_interval("13:00-16:30");
  CHECK(i.start_seconds == 13 * 3600);
  CHECK(i.end_seconds == 16.5 * 3600);
  CHECK(problem_of([] {
          parse_time_interval("16:30-13:00");
        }).starts_with("the interval must end after it starts"));
  CHECK(parse_date("2026-02-14") == sim::CivilDate{2026, 2, 14});
  CHECK(problem_of([] { parse_date("2026-02-30"); }).starts_with("not a date"));
  const DateTimeValue t = parse_date_time("2026-01-05T08:15:30");
  CHECK(t.date == sim::CivilDate{2026, 1, 5});
  CHECK(t.seconds_of_day == 8 * 3600 + 15 * 60 + 30);
  CHECK(parse_date_time("2026-01-05 08:15").seconds_of_day == 8 * 3600 + 15 * 60);
  CHECK(parse_date_time("2026-01-05").seconds_of_day == 0);
  CHECK(parse_probability("0.25") == 0.25);
  CHECK(parse_probability("", 0.5) == 0.5);
  CHECK(
      problem_of([] { parse_probability("1.5"); }).starts_with("a probability must lie in [0, 1]"));
  CHECK(parse_bool("yes"));
  CHECK_FALSE(parse_bool(""));
  CHECK(parse_count("12") == 12);
  CHECK(problem_of([] { parse_count("1.5"); }).starts_with("not a whole number"));
}
