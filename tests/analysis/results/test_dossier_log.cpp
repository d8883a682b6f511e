// Dossier logs (analysis/results/dossier_log.hpp, analysis/results/dossier_log_writer.hpp): what
// the runtime writes through its DossierRecordSink, read back; and the exact messages for malformed
// logs.
#include <fstream>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "analysis/results/dossier_log.hpp"
#include "models/scenario_error.hpp"
#include "tests/support/calibration_fixtures.hpp"

using namespace twotier;

namespace {

std::filesystem::path write_file(const std::filesystem::path& folder, const std::string& name,
                                 const std::string& text) {
  std::ofstream(folder / name) << text;
  return folder / name;
}

std::string read_error(const std::filesystem::path& log,
                       const std::optional<std::filesystem::path>& steps = std::nullopt) {
  try {
    analysis::read_dossier_log(log, steps);
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

constexpr const char* kHeader =
    "id,unit,procedure,channel,received_at,due_at,completed_at,outcome\n";

}  // namespace

TEST_CASE("the runtime's dossier log reads back with one row per dossier and its steps") {
  const auto folder = test::test_folder("dossier_log_roundtrip");
  const analysis::DossierLog log = test::truth_log(1, folder);
  REQUIRE(log.dossiers.size() > 1000);
  REQUIRE(log.has_supplementation);
  std::map<model::DossierOutcome, int> outcomes;
  for (const auto& d : log.dossiers) {
    ++outcomes[d.outcome];
    CHECK(d.completed.has_value() == (d.outcome != model::DossierOutcome::kPending));
    if (d.supplement_returned) CHECK(*d.supplement_returned >= *d.supplement_requested);
  }
  CHECK(outcomes[model::DossierOutcome::kOnTime] > 0);
  CHECK(outcomes[model::DossierOutcome::kWithdrawn] > 0);
  CHECK(outcomes[model::DossierOutcome::kPending] > 0);  // open at the horizon
  // Every completed dossier has a row for each of its steps (at least).
  std::map<std::size_t, int> steps_of;
  for (const auto& s : log.steps) {
    ++steps_of[s.dossier];
    CHECK(s.started <= s.ended);
    CHECK(!s.position.empty());  // all steps of the truth are work steps
  }
  for (std::size_t i = 0; i < log.dossiers.size(); ++i) {
    const auto& d = log.dossiers[i];
    if (d.outcome == model::DossierOutcome::kOnTime || d.outcome == model::DossierOutcome::kLate)
      CHECK(steps_of[i] >= (d.procedure == "cert" ? 2 : 3));
  }
}

TEST_CASE("log times format and parse as local date-times") {
  const analysis::LogTime t = analysis::log_time({2026, 1, 5}, 8 * 3600 + 15 * 60 + 0.4);
  CHECK(analysis::format_log_time(t) == "2026-01-05T08:15:00");
  CHECK(analysis::to_instant(t, {2026, 1, 4}).seconds == Approx(86400 + 8 * 3600 + 900.4));
}

TEST_CASE("malformed logs are rejected with file, row, column, value and what is allowed") {
  const auto folder = test::test_folder("dossier_log_errors");
  SECTION("an unknown outcome") {
    const auto log = write_file(folder, "log.csv",
                                std::string(kHeader) +
                                    "A1,u,p,in_person,2026-01-05T08:00,,2026-01-05T09:00,on_time\n"
                                    "A2,u,p,in_person,2026-01-05T08:00,,2026-01-05T09:00,done\n");
    CHECK(read_error(log) ==
          log.string() +
              ":3: error: column 'outcome': bad value 'done' (allowed: on_time, late, returned, "
              "withdrawn, pending)");
  }
  SECTION("an unknown channel") {
    const auto log = write_file(
        folder, "log.csv",
        std::string(kHeader) + "A1,u,p,fax,2026-01-05T08:00,,2026-01-05T09:00,on_time\n");
    CHECK(read_error(log) == log.string() +
                                 ":2: error: column 'channel': bad value 'fax' (allowed: "
                                 "in_person, online, post)");
  }
  SECTION("a bad date") {
    const auto log = write_file(
        folder, "log.csv",
        std::string(kHeader) + "A1,u,p,online,2026-02-30T08:00,,2026-01-05T09:00,on_time\n");
    CHECK_THAT(read_error(log),
               Catch::StartsWith(log.string() +
                                 ":2: error: column 'received_at': bad value '2026-02-30T08:00'"));
  }
  SECTION("a completed dossier without completion time, and a pending one with it") {
    auto log = write_file(folder, "log.csv",
                          std::string(kHeader) + "A1,u,p,online,2026-01-05T08:00,,,late\n");
    CHECK_THAT(read_error(log),
               Catch::StartsWith(log.string() + ":2: error: column 'completed_at': missing"));
    log = write_file(
        folder, "log.csv",
        std::string(kHeader) + "A1,u,p,online,2026-01-05T08:00,,2026-01-06T08:00,pending\n");
    CHECK_THAT(read_error(log),
               Catch::StartsWith(log.string() + ":2: error: column 'completed_at': bad value"));
  }
  SECTION("completion before receipt, duplicate ids, missing columns") {
    auto log = write_file(
        folder, "log.csv",
        std::string(kHeader) + "A1,u,p,online,2026-01-05T08:00,,2026-01-04T08:00,late\n");
    CHECK(read_error(log) == log.string() +
                                 ":2: error: column 'completed_at': bad value "
                                 "'2026-01-04T08:00': before received_at");
    log = write_file(folder, "log.csv",
                     std::string(kHeader) + "A1,u,p,online,2026-01-05T08:00,,,pending\n" +
                         "A1,u,p,online,2026-01-05T08:00,,,pending\n");
    CHECK(read_error(log) ==
          log.string() + ":3: error: column 'id': bad value 'A1': duplicate id (first on row 2)");
    log = write_file(folder, "log.csv", "id,unit,procedure\nA1,u,p\n");
    CHECK_THAT(read_error(log), Catch::Contains("channel"));
  }
  SECTION("a step of an unknown dossier, and a step ending before it starts") {
    const auto log = write_file(
        folder, "log.csv", std::string(kHeader) + "A1,u,p,online,2026-01-05T08:00,,,pending\n");
    auto steps = write_file(folder, "steps.csv",
                            "id,step,started_at,ended_at,officer_position\n"
                            "B7,1,2026-01-05T08:00,2026-01-05T08:10,one_stop\n");
    CHECK(read_error(log, steps) == steps.string() +
                                        ":2: error: column 'id': bad value 'B7': not a "
                                        "dossier of " +
                                        log.string());
    steps = write_file(folder, "steps.csv",
                       "id,step,started_at,ended_at,officer_position\n"
                       "A1,1,2026-01-05T09:00,2026-01-05T08:10,one_stop\n");
    CHECK(read_error(log, steps) == steps.string() +
                                        ":2: error: column 'ended_at': bad value "
                                        "'2026-01-05T08:10': before started_at");
  }
}
