// The sample of provincial visits and the focused spec (models/focus.hpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "models/focus.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_lookup.hpp"

using namespace twotier;

namespace {

model::ProvinceVisit visit(int procedure, int step, double entered, float sojourn) {
  model::ProvinceVisit v;
  v.procedure = static_cast<std::int16_t>(procedure);
  v.entry_step = static_cast<std::int16_t>(step);
  v.exit_step = static_cast<std::int16_t>(step + 1);
  v.entered = entered;
  v.sojourn = sojourn;
  return v;
}

}  // namespace

TEST_CASE("A visit open at the horizon that entered later gives its weight to longer stays",
          "[focus]") {
  // Horizon at 10,000 s. Window of four around t = 5,000: two visits that left (stays 100 and
  // 9,000), one open that entered before t (4,000; stay >= 6,000) and one open that entered
  // after t (6,000; stay >= 4,000).
  using Outcome = model::ProvinceVisit::Outcome;
  std::vector<model::ProvinceVisit> rep = {
      visit(1, 3, 3000.0, 100.0f), visit(1, 3, 4000.0, 6000.0f), visit(1, 3, 6000.0, 4000.0f),
      visit(1, 3, 7000.0, 9000.0f)};
  rep[1].outcome = Outcome::kOpen;
  rep[2].outcome = Outcome::kOpen;
  const model::ProvinceAggregate aggregate({rep}, 4);
  auto never = [] {
    FAIL("no further uniform needed");
    return 0.0;
  };
  // A visit that left, or open having entered before t: as draw() picks it.
  CHECK(aggregate.draw_uncensored(0, 1, 3, 5000.0, 0.0, never)->entered == 3000.0);
  CHECK(aggregate.draw_uncensored(0, 1, 3, 5000.0, 0.3, never)->entered == 4000.0);
  CHECK(aggregate.draw_uncensored(0, 1, 3, 5000.0, 0.9, never)->entered == 7000.0);
  // The open visit that entered after t (u = 0.6): only "longer than 4,000 s" is known, so a
  // longer stay of the window is drawn: the open one from 4,000 (stay >= 6,000) or the one
  // that left after 9,000 s.
  CHECK(aggregate.draw(0, 1, 3, 5000.0, 0.6)->entered == 6000.0);
  CHECK(aggregate.draw_uncensored(0, 1, 3, 5000.0, 0.6, [] { return 0.1; })->entered == 4000.0);
  const model::ProvinceVisit* longer =
      aggregate.draw_uncensored(0, 1, 3, 5000.0, 0.6, [] { return 0.9; });
  CHECK(longer->entered == 7000.0);
  CHECK(longer->outcome == Outcome::kLeft);
  // Nobody in the window stayed longer: it stays open.
  std::vector<model::ProvinceVisit> alone = {visit(1, 3, 6000.0, 4000.0f),
                                             visit(1, 3, 3000.0, 100.0f)};
  alone[0].outcome = Outcome::kOpen;
  const model::ProvinceAggregate small({alone}, 2);
  CHECK(small.draw_uncensored(0, 1, 3, 5000.0, 0.9, [] { return 0.5; })->outcome == Outcome::kOpen);
}

TEST_CASE("A drawn stay is carried over in the provincial body's working time", "[focus]") {
  // From Monday 2 March 2026, Monday to Friday 07:30-11:30 and 13:00-17:00 (8 h a day).
  const sim::Calendar cal(
      {2026, 3, 2}, 28,
      sim::WeeklySchedule::office({sim::WorkingInterval::from_hours(7.5, 11.5),
                                   sim::WorkingInterval::from_hours(13.0, 17.0)}));
  const auto at = [](int day, double hour) { return sim::Instant{day * 86400.0 + hour * 3600.0}; };
  const auto moment = [&](sim::Instant entered, sim::Instant left, sim::Instant dossier) {
    return model::visit_moment(cal, entered.seconds, left.seconds - entered.seconds, dossier);
  };
  // Entered on Friday evening, left on Monday at 10:00: a dossier entering on Saturday waited
  // for the same opening and leaves with it (not 20 hours later, as in calendar time).
  CHECK(moment(at(4, 19.0), at(7, 10.0), at(5, 15.0)) == at(7, 10.0));
  // Stayed 3.5 working hours from Friday 10:00 (left at 15:00): from Friday 16:00 that is
  // 1 h on Friday and 2.5 h on Monday (not Friday 21:00).
  CHECK(moment(at(4, 10.0), at(4, 15.0), at(4, 16.0)) == at(7, 10.0));
  // The same weekday and hour a week later: the same stay.
  CHECK(moment(at(1, 9.0), at(3, 14.0), at(8, 9.0)) == at(10, 14.0));
  // Left on Saturday at noon (withdrawn), 2 h of Friday worked after entering at 15:00: the
  // idle time since Friday's closing is kept (19 h).
  CHECK(moment(at(4, 15.0), at(5, 12.0), at(3, 15.0)) == at(4, 12.0));
  // All of it idle (entered and left on a Sunday): the calendar offset.
  CHECK(moment(at(6, 9.0), at(6, 11.0), at(5, 9.0)) == at(5, 11.0));
  // Beyond the calendar's range: the calendar offset.
  CHECK(moment(at(20, 9.0), at(30, 9.0), at(21, 9.0)) == at(31, 9.0));
}

TEST_CASE("A drawn visit is one of the nearest in entry time of the same procedure and step",
          "[focus]") {
  std::vector<model::ProvinceVisit> rep0;
  for (int i = 0; i < 100; ++i)
    rep0.push_back(visit(1, 3, 1000.0 * i, static_cast<float>(i)));
  rep0.push_back(visit(2, 3, 5000.0, 777.0f));  // another procedure
  std::vector<model::ProvinceVisit> rep1 = {visit(1, 3, 0.0, -1.0f)};
  const model::ProvinceAggregate aggregate({rep0, rep1}, 4);
  CHECK(aggregate.replications() == 2);
  CHECK(aggregate.visits() == 102);
  // Around t = 50,000 the four nearest entries are 48,000..51,000 or 49,000..52,000.
  for (const double u : {0.0, 0.3, 0.6, 0.999}) {
    const model::ProvinceVisit* v = aggregate.draw(0, 1, 3, 50000.0, u);
    REQUIRE(v != nullptr);
    CHECK(v->procedure == 1);
    CHECK(std::abs(v->entered - 50000.0) <= 2000.0);
  }
  // Before the first and after the last entry: the first or last four.
  CHECK(aggregate.draw(0, 1, 3, -1e6, 0.99)->entered <= 3000.0);
  CHECK(aggregate.draw(0, 1, 3, 1e9, 0.0)->entered >= 96000.0);
  // Replication 3 uses baseline replication 1 (3 mod 2); one visit there.
  CHECK(aggregate.draw(3, 1, 3, 50000.0, 0.5)->sojourn == -1.0f);
  // Procedure 2 only in replication 0: replication 1 falls back to it.
  CHECK(aggregate.draw(1, 2, 3, 0.0, 0.5)->sojourn == 777.0f);
  CHECK(aggregate.draw(0, 5, 3, 0.0, 0.5) == nullptr);
  // The file image reads back the same.
  std::stringstream image;
  aggregate.write(image);
  const model::ProvinceAggregate copy = model::ProvinceAggregate::read(image);
  CHECK(copy.visits() == aggregate.visits());
  CHECK(copy.neighbours() == 4);
  CHECK(copy.draw(0, 1, 3, 50000.0, 0.3)->entered ==
        aggregate.draw(0, 1, 3, 50000.0, 0.3)->entered);
  std::stringstream junk("not a file");
  CHECK_THROWS_AS(model::ProvinceAggregate::read(junk), std::runtime_error);
}

TEST_CASE("Only commune-level units without cross-unit levers can be focused on", "[focus]") {
  const model::ModelSpec spec = model::load_scenario(std::string(TWOTIER_SOURCE_DIR) +
                                                     "/tests/data/focus-province/scenario.toml");
  CHECK(model::focus_unsupported(spec, model::find_unit(spec.units, "la_nga")).empty());
  CHECK_THAT(model::focus_unsupported(spec, model::find_unit(spec.units, "so_nnmt")),
             Catch::Contains("provincial body"));
  model::ModelSpec filing = spec;
  filing.levers.file_elsewhere_share = 0.2;
  CHECK_THAT(model::focus_unsupported(filing, 0), Catch::Contains("province-wide filing"));
  const model::ModelSpec focused =
      model::focused_spec(spec, model::find_unit(spec.units, "la_nga"), nullptr);
  CHECK(focused.arrivals.size() == 2);
  CHECK_THAT(model::focus_note(focused),
             Catch::Contains("only Xã La Ngà (la_nga)") && Catch::Contains("aggregate"));
  CHECK(model::focus_note(spec).empty());
}
