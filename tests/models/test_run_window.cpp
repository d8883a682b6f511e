// A run's results on a date do not depend on the run's window (issue 17): a short run and the
// same dates cut from a year run, same seed, see the same officers present, the same demand
// (seasons around Tết, trend from a calendar date) and the same online share. Checked on the
// single-commune example with sick days and annual leave switched on: January's monthly
// report rows, and a Jan-Mar run against Jan-Mar of a year run (on-time rate and overdue
// stock, within their confidence intervals).
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/statistics/confidence.hpp"
#include "models/replication.hpp"
#include "models/scenario_loader.hpp"
#include "tests/support/model_fixtures.hpp"
#include "tests/support/twotier_process.hpp"

using namespace twotier;

namespace {

const std::filesystem::path kExample =
    TWOTIER_SOURCE_DIR "/scenarios/examples/single-commune/scenario.toml";

// The example from 1 January 2026 for `horizon`, officers sick 4% of days with 12 days of
// annual leave in 2 blocks, adoption of online filing along an S-curve through 2026.
model::ModelSpec example(const std::string& horizon) {
  model::LoadOptions options;
  options.overrides = {"scenario.start=2026-01-01",    "scenario.horizon=" + horizon,
                       "scenario.warmup=0d",           "staff.sick_rate=0.04",
                       "staff.annual_leave_days=12",   "staff.leave_blocks=2",
                       "online.start_share=0.2",       "online.target_share=0.6",
                       "online.start_date=2026-01-01", "online.target_date=2026-12-31",
                       "online.steepness_days=120"};
  return model::load_scenario(kExample, options);
}

const model::MonthlyReportRow& row_of(const model::ReplicationResult& r, int unit, int year,
                                      int month) {
  for (const auto& row : r.monthly_report)
    if (row.unit == unit && row.year == year && row.month == month) return row;
  FAIL("no monthly report row for unit " << unit << ", " << year << "-" << month);
  return r.monthly_report.front();
}

// On-time rate of the dossiers completed in Jan-Mar, and the overdue stock at the end of March,
// over all units.
struct FirstQuarter {
  double on_time_rate;
  double overdue_at_march_end;
};

FirstQuarter first_quarter(const model::ModelSpec& spec, const model::ReplicationResult& r) {
  double on_time = 0;
  double late = 0;
  double overdue = 0;
  for (int u = 0; u < static_cast<int>(spec.units.size()); ++u) {
    for (int m = 1; m <= 3; ++m) {
      const auto& row = row_of(r, u, 2026, m);
      on_time += static_cast<double>(row.completed_on_time);
      late += static_cast<double>(row.completed_late);
      if (m == 3) overdue += static_cast<double>(row.pending_overdue);
    }
  }
  return {on_time / std::max(1.0, on_time + late), overdue};
}

}  // namespace

TEST_CASE("January's monthly report is the same whether the run stops after 45 days or a year",
          "[run_window]") {
  const model::ModelSpec short_run = example("45d");
  const model::ModelSpec year_run = example("365d");
  int checked = 0;
  for (const std::uint64_t rep : {0u, 1u}) {
    const model::ReplicationResult a = model::run_replication(short_run, rep);
    const model::ReplicationResult b = model::run_replication(year_run, rep);
    for (int u = 0; u < static_cast<int>(short_run.units.size()); ++u) {
      const auto& x = row_of(a, u, 2026, 1);
      const auto& y = row_of(b, u, 2026, 1);
      const double volume = static_cast<double>(y.carried_over + y.received_new);
      INFO("replication " << rep << ", unit " << short_run.units[u].id << ", volume " << volume);
      if (volume == 0) continue;  // the provincial department: land files reach it later
      ++checked;
      const double tolerance = 0.02 * volume;
      CHECK(x.received_new == y.received_new);  // the same demand on the same dates
      CHECK(std::abs(static_cast<double>(x.completed_on_time - y.completed_on_time)) <= tolerance);
      CHECK(std::abs(static_cast<double>(x.completed_late - y.completed_late)) <= tolerance);
      CHECK(std::abs(static_cast<double>(x.pending_overdue - y.pending_overdue)) <= tolerance);
      CHECK(std::abs(static_cast<double>(x.pending_not_due - y.pending_not_due)) <= tolerance);
    }
  }
  CHECK(checked >= 2);
}

TEST_CASE("a Jan-Mar run and Jan-Mar cut from a year run agree within their intervals",
          "[run_window]") {
  const model::ModelSpec quarter = example("90d");
  const model::ModelSpec year = example("365d");
  constexpr int kReplications = 8;
  std::vector<double> rate_q, rate_y, overdue_q, overdue_y;
  for (int rep = 0; rep < kReplications; ++rep) {
    const FirstQuarter q = first_quarter(quarter, model::run_replication(quarter, rep));
    const FirstQuarter y = first_quarter(year, model::run_replication(year, rep));
    rate_q.push_back(q.on_time_rate);
    rate_y.push_back(y.on_time_rate);
    overdue_q.push_back(q.overdue_at_march_end);
    overdue_y.push_back(y.overdue_at_march_end);
  }
  // Two metrics, each compared once: 99.5% intervals keep the family-wise level at 99%.
  const auto agree = [](const std::vector<double>& a, const std::vector<double>& b) {
    const auto ia = analysis::mean_confidence_interval(a, 0.995);
    const auto ib = analysis::mean_confidence_interval(b, 0.995);
    INFO("quarter run " << ia.mean << " ± " << ia.half_width << ", year run " << ib.mean << " ± "
                        << ib.half_width);
    CHECK(std::abs(ia.mean - ib.mean) <=
          std::hypot(ia.half_width, ib.half_width) + 1e-9 * std::abs(ib.mean));
  };
  agree(rate_q, rate_y);
  agree(overdue_q, overdue_y);
  // The quarter is not trivially calm: something is late, so the comparison can fail.
  double late_share = 0;
  for (const double r : rate_y)
    late_share += 1.0 - r;
  CHECK(late_share > 0);
}

namespace {

// One unit, one procedure with a single step of effort const(1wd), ten officers for one
// dossier a day (nobody waits), on `calendar` ("[calendar]" lines).
model::ModelSpec one_workday_step(const test::TempDir& dir, const std::string& calendar) {
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.path / name, std::ios::binary) << text;
  };
  write("s.toml", "[scenario]\nname = \"wd\"\nstart = 2026-03-02\nhorizon = \"60d\"\nseed = 3\n" +
                      calendar +
                      "[tables]\nunits = \"u.csv\"\nprocedures = \"p.csv\"\nsteps = \"st.csv\"\n"
                      "positions = \"o.csv\"\narrivals = \"a.csv\"\n");
  write("u.csv", "id,name,kind\nc,C,commune\n");
  write("p.csv", "id,name,domain,authority,deadline\np,P,other,commune,5\n");
  write("st.csv",
        "procedure,step,name,kind,tier,skill,effort\np,1,work,work,commune,desk,const(1wd)\n");
  write("o.csv", "unit,position,officers,skills\nc,desk,10,desk\n");
  write("a.csv", "unit,procedure,rate\nc,p,1/day\n");
  return model::load_scenario(dir.path / "s.toml");
}

}  // namespace

// Bug (issue 17): an input "wd" was 8 h on a 24x7 calendar while processing_workdays there
// counted 24 h, so a step of 1wd came out as 1/3 of a working day.
TEST_CASE("a working day is one and the same in inputs and outputs", "[run_window]") {
  SECTION("24x7: a working day is 24 h") {
    const test::TempDir dir;
    const model::ModelSpec spec = one_workday_step(dir, "[calendar]\nalways_open = true\n");
    CHECK(spec.workday_hours == 24.0);
    CHECK(spec.procedures[0].steps[0].effort.hours.mean() == Approx(24.0));
    const model::ReplicationResult r = model::run_replication(spec, 0);
    CHECK(test::kpi(r, "province", model::Metric::kProcessingWorkdaysMean) ==
          Approx(1.0).epsilon(1e-9));
  }
  SECTION("the standard calendar: a working day is Monday's hours") {
    const test::TempDir dir;
    const model::ModelSpec spec =
        one_workday_step(dir,
                         "[calendar]\nmonday = [\"07:30-11:30\", \"13:00-16:30\"]\n"
                         "tuesday = [\"07:30-11:30\", \"13:00-16:30\"]\n");
    CHECK(spec.workday_hours == 7.5);
    CHECK(spec.procedures[0].steps[0].effort.hours.mean() == Approx(7.5));
    const model::ReplicationResult r = model::run_replication(spec, 0);
    // Wednesday to Friday keep the default 8 h: a 1wd task started there ends within the day,
    // still 7.5 working hours = 1 working day.
    CHECK(test::kpi(r, "province", model::Metric::kProcessingWorkdaysMean) ==
          Approx(1.0).epsilon(1e-9));
  }
}
