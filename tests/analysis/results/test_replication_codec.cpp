// Replication results survive the byte encoding used between MPI ranks bit for bit, and a
// truncated message is an error, not garbage.
// GCC 12 at -O3 reports a false -Wrestrict inside std::string (GCC bug 105329) for the
// fixture's string members here; nothing in this file copies overlapping memory.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include <catch2/catch.hpp>

#include <cstring>

#include "analysis/results/replication_codec.hpp"
#include "models/replication.hpp"
#include "tests/support/model_fixtures.hpp"

using namespace twotier;

namespace {

bool same_bits(const std::vector<model::KpiRow>& a, const std::vector<model::KpiRow>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(a[0])) == 0;
}

}  // namespace

TEST_CASE("a replication result round-trips through the codec unchanged", "[codec]") {
  const model::ModelSpec spec =
      test::single_unit_24x7(40.0, sim::Distribution::exponential(0.5), 1, 20.0);
  model::ReplicationResult first = model::run_replication(spec, 3);
  first.position_help_hours.assign(first.position_utilization.size(), 2.5);     // as with helpers
  first.position_reassignments.assign(first.position_utilization.size(), 3.0);  // chair reviews
  first.position_overtime_worked_hours.assign(first.position_utilization.size(),
                                              1.5);  // [overtime]
  first.officer_overtime_hours.assign(first.officer_utilization.size(), 0.75);
  const model::ReplicationResult second = model::run_replication(spec, 4);
  std::vector<std::byte> bytes;
  analysis::encode_replication(first, bytes);
  const std::size_t first_size = bytes.size();
  analysis::encode_replication(second, bytes);

  std::size_t at = 0;
  const model::ReplicationResult a = analysis::decode_replication(bytes, at);
  CHECK(at == first_size);
  const model::ReplicationResult b = analysis::decode_replication(bytes, at);
  CHECK(at == bytes.size());
  for (const auto* pair : {&a, &b}) {
    const model::ReplicationResult& decoded = *pair;
    const model::ReplicationResult& original = &decoded == &a ? first : second;
    CHECK(decoded.replication == original.replication);
    CHECK(decoded.scopes == original.scopes);
    CHECK(same_bits(decoded.kpis, original.kpis));  // NaN included
    CHECK(decoded.position_utilization == original.position_utilization);
    CHECK(decoded.position_overtime_hours == original.position_overtime_hours);
    CHECK(decoded.position_help_hours == original.position_help_hours);
    CHECK(decoded.position_reassignments == original.position_reassignments);
    CHECK(decoded.position_overtime_worked_hours == original.position_overtime_worked_hours);
    CHECK(decoded.officer_overtime_hours == original.officer_overtime_hours);
    REQUIRE(decoded.monthly_report.size() == original.monthly_report.size());
    for (std::size_t i = 0; i < decoded.monthly_report.size(); ++i) {
      CHECK(decoded.monthly_report[i].completed_on_time ==
            original.monthly_report[i].completed_on_time);
      CHECK(decoded.monthly_report[i].pending_overdue ==
            original.monthly_report[i].pending_overdue);
    }
    CHECK(decoded.officer_utilization == original.officer_utilization);
    CHECK(decoded.unit_overtime_hours == original.unit_overtime_hours);
    for (const auto member :
         {&model::ReplicationResult::daily, &model::ReplicationResult::daily_domain,
          &model::ReplicationResult::daily_tier}) {
      const model::DailySeries& d = decoded.*member;
      const model::DailySeries& o = original.*member;
      CHECK(d.days == o.days);
      CHECK(d.units == o.units);
      CHECK(d.arrivals == o.arrivals);
      CHECK(d.completions == o.completions);
      CHECK(d.backlog == o.backlog);
      CHECK(d.overdue == o.overdue);
    }
    CHECK_FALSE(original.daily_domain.arrivals.empty());  // the fixture fills every series
    CHECK_FALSE(original.officer_utilization.empty());
    CHECK(decoded.events == original.events);
    CHECK(decoded.dossiers == original.dossiers);
  }

  SECTION("a truncated message throws") {
    std::size_t from = 0;
    const std::span<const std::byte> cut(bytes.data(), first_size - 5);
    CHECK_THROWS_AS(analysis::decode_replication(cut, from), std::runtime_error);
  }
}
