// The arrival shape follows the calendar, not the run's window (models/arrival_shapes.hpp):
// seasons around movable dates (Tết from the holiday table's `tet` marks, dates a scenario
// names in [seasons]) land on the right dates every year, and the yearly trend is 1 on its
// base date whatever day the run starts.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "models/arrival_shapes.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/twotier_process.hpp"

using namespace twotier;

namespace {

const std::filesystem::path kExample =
    TWOTIER_SOURCE_DIR "/scenarios/examples/single-commune/scenario.toml";
const std::filesystem::path kDongNai = TWOTIER_SOURCE_DIR "/scenarios/dong-nai/baseline.toml";

model::ModelSpec load(const std::filesystem::path& file, const std::string& start,
                      const std::string& horizon, std::vector<std::string> more = {}) {
  model::LoadOptions options;
  options.overrides = {"scenario.start=" + start, "scenario.horizon=" + horizon};
  options.overrides.insert(options.overrides.end(), more.begin(), more.end());
  return model::load_scenario(file, options);
}

const model::ProfileSpec& profile(const model::ModelSpec& spec, const std::string& id) {
  for (const auto& p : spec.profiles)
    if (p.id == id) return p;
  FAIL("no profile " << id);
  return spec.profiles.front();
}

// The shape at 09:00 on `date`.
double shape_on(const model::ModelSpec& spec, const std::string& id, sim::CivilDate date) {
  const double day = static_cast<double>(sim::days_between(spec.epoch_date, date));
  return model::profile_shape_at(spec, profile(spec, id),
                                 sim::Instant{day * sim::kSecondsPerDay + 9 * 3600.0});
}

}  // namespace

TEST_CASE("the pre-Tết surge and post-Tết dip follow Tết's date from the holiday table",
          "[arrival_shapes]") {
  // The example's desk: x1.4 from 30 to 4 days before Tết's first day, x0.6 from 6 to 29 days
  // after it; months flat. Tết: 17 Feb 2026, 26 Jan 2028, 23 Jan 2031.
  const double growth = 1.05;
  const auto ratio = [&](const model::ModelSpec& spec, sim::CivilDate a, sim::CivilDate b) {
    const double years = static_cast<double>(sim::days_between(b, a)) / 365.25;
    return shape_on(spec, "desk", a) / shape_on(spec, "desk", b) / std::pow(growth, years);
  };
  SECTION("2026: the surge in late January and early February") {
    const model::ModelSpec spec = load(kExample, "2026-01-05", "120d");
    CHECK(ratio(spec, {2026, 2, 9}, {2026, 4, 6}) == Approx(1.4));   // Mondays
    CHECK(ratio(spec, {2026, 3, 2}, {2026, 4, 6}) == Approx(0.6));   // dip after the break
    CHECK(ratio(spec, {2026, 1, 12}, {2026, 4, 6}) == Approx(1.0));  // before the surge
  }
  SECTION("2028 and 2031: Tết in January, the surge in early January and in December") {
    const model::ModelSpec spec = load(kExample, "2027-12-01", "400d");
    CHECK(ratio(spec, {2028, 1, 10}, {2028, 4, 3}) == Approx(1.4));
    CHECK(ratio(spec, {2027, 12, 27}, {2028, 4, 3}) == Approx(1.4));  // tet-30
    CHECK(ratio(spec, {2028, 2, 7}, {2028, 4, 3}) == Approx(0.6));
    CHECK(ratio(spec, {2028, 3, 6}, {2028, 4, 3}) == Approx(1.0));  // February's dip is over
    const model::ModelSpec late = load(kExample, "2030-12-01", "200d");
    CHECK(ratio(late, {2031, 1, 6}, {2031, 3, 3}) == Approx(1.4));
    CHECK(ratio(late, {2031, 2, 3}, {2031, 3, 3}) == Approx(0.6));
  }
  SECTION("Dong Nai: January 2031 is the pre-Tết rush, not a February peak") {
    const model::ModelSpec spec = load(kDongNai, "2030-12-01", "120d");
    CHECK(shape_on(spec, "office", {2031, 1, 6}) > 1.1 * shape_on(spec, "office", {2031, 3, 3}));
    CHECK(shape_on(spec, "office", {2031, 2, 10}) < 0.9 * shape_on(spec, "office", {2031, 3, 3}));
  }
}

TEST_CASE("a scenario names its own movable dates in [seasons]", "[arrival_shapes]") {
  // School enrolment every year on 1 August (x2 for a week either side), a land-tax deadline
  // on two given dates (x3 on the day).
  const test::TempDir dir;
  const std::filesystem::path profiles = dir.path / "profiles.csv";
  std::ofstream(profiles) << "profile,dimension,key,factor\n"
                             "desk,season,enrolment-7..+7,2\n"
                             "desk,season,land_tax+0..+0,3\n";
  const model::ModelSpec spec =
      load(kExample, "2026-01-05", "600d",
           {"tables.profiles=\"" + profiles.string() + "\"", "seasons.enrolment=\"08-01\"",
            "seasons.land_tax=[2026-05-29, 2026-10-30]"});
  const double plain = shape_on(spec, "desk", {2026, 7, 1});
  CHECK(shape_on(spec, "desk", {2026, 7, 27}) == Approx(2 * plain));
  CHECK(shape_on(spec, "desk", {2027, 8, 6}) == Approx(2 * plain).epsilon(0.05));  // trend-free
  CHECK(shape_on(spec, "desk", {2027, 8, 9}) == Approx(plain).epsilon(0.05));
  CHECK(shape_on(spec, "desk", {2026, 10, 30}) == Approx(3 * plain));
  CHECK(shape_on(spec, "desk", {2026, 10, 29}) == Approx(plain));
}

TEST_CASE("the yearly trend is anchored at its base date, not at the run's start",
          "[arrival_shapes]") {
  // A run starting on 2027-01-01 sees 2027's demand: the same shape on the same date as a run
  // started a year earlier.
  const model::ModelSpec from_2026 = load(kExample, "2026-01-05", "500d");
  const model::ModelSpec from_2027 = load(kExample, "2027-01-04", "90d");
  for (const sim::CivilDate date : {sim::CivilDate{2027, 1, 5}, sim::CivilDate{2027, 3, 9}})
    CHECK(shape_on(from_2027, "desk", date) == Approx(shape_on(from_2026, "desk", date)));
  // The trend's factor is 1 on 2026-01-01 (a Thursday outside every season): 2027-03-09 (a
  // Tuesday, past the 2027 dip that ends on 7 March) is 1.05^years above it.
  const double years = static_cast<double>(sim::days_between({2026, 1, 1}, {2027, 3, 9})) / 365.25;
  CHECK(shape_on(from_2027, "desk", {2027, 3, 9}) ==
        Approx(shape_on(from_2026, "desk", {2026, 1, 8}) * std::pow(1.05, years - 7 / 365.25)));
}

// Bug (issue 17, January 2028): tools/build_tables.py skipped a holiday that follows a weekend
// after another holiday (Saturday 1 January 2028, Sunday, Monday 3 January in lieu; also 3 May
// 2027, 4 September 2028, 26 November 2029): that closed Monday received a Monday's citizens,
// all due on the next working day. On every public holiday of the table, 2026-2031, each Dong
// Nai profile with holiday rows must carry a closed-office factor (the Sunday level: x0.075 of
// a weekday for the office, x0.28 online), so the day's shape is that factor times the
// weekday's.
TEST_CASE("Dong Nai's profiles receive a Sunday's demand on every public holiday",
          "[arrival_shapes]") {
  const model::ModelSpec spec = load(kDongNai, "2026-01-01", "2191d");
  int holidays = 0, profiles = 0;
  for (const model::ProfileSpec& p : spec.profiles) {
    if (p.surges.empty()) continue;  // a profile without holiday rows (none used by Dong Nai)
    ++profiles;
    for (const sim::CivilDate& date : spec.holiday_table.holidays) {
      if (date.year < 2026 || date.year > 2031) continue;
      ++holidays;
      double factor = 1.0;
      for (const model::ProfileSpec::Surge& surge : p.surges)
        if (surge.from <= date && date <= surge.to) factor *= surge.factor;
      INFO(sim::to_string(date) << ", profile " << p.id);
      // The closed factor (< 0.3) times the seasons around Tết the loader dates as surges
      // (at most x1.14 x 1.25): below 0.5; a day left open keeps at least the dip's x0.86.
      CHECK(factor < 0.5);
    }
  }
  CHECK(profiles >= 4);
  CHECK(holidays > 60 * profiles);
}
