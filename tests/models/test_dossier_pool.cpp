// DossierPool: slot reuse, defaults on reuse, and the slot layout the event loop relies on
// (the fields every work step touches in the first two lines of a 128-byte aligned slot).
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "models/dossier_pool.hpp"

using twotier::model::Dossier;
using twotier::model::DossierPool;

namespace {

std::ptrdiff_t offset_of(const Dossier& d, const void* field) {
  return static_cast<const char*>(field) - reinterpret_cast<const char*>(&d);
}

}  // namespace

TEST_CASE("dossier slots are aligned pairs of hot lines followed by cold ones", "[dossier_pool]") {
  DossierPool pool;
  std::vector<std::uint32_t> slots;
  for (int i = 0; i < 40; ++i)  // enough to make the storage grow (and move) several times
    slots.push_back(pool.allocate());
  for (const std::uint32_t s : slots)
    CHECK(reinterpret_cast<std::uintptr_t>(&pool[s]) % 128 == 0);

  const Dossier& d = pool[slots.front()];
  // Per step: which step, who serves it, times, sums, the pending completion, the streams.
  for (const void* hot :
       {static_cast<const void*>(&d.procedure), static_cast<const void*>(&d.pair),
        static_cast<const void*>(&d.first_stream), static_cast<const void*>(&d.step),
        static_cast<const void*>(&d.officer), static_cast<const void*>(&d.position),
        static_cast<const void*>(&d.phase_start), static_cast<const void*>(&d.queued_at),
        static_cast<const void*>(&d.phase_seconds[4]), static_cast<const void*>(&d.tier_seconds[1]),
        static_cast<const void*>(&d.work_done_sequence)})
    CHECK(offset_of(d, hot) < 128);
  // Receipt, appointment and supplementation only: the cold half.
  for (const void* cold :
       {static_cast<const void*>(&d.due), static_cast<const void*>(&d.received),
        static_cast<const void*>(&d.number), static_cast<const void*>(&d.supplement_returned)})
    CHECK(offset_of(d, cold) >= 128);
}

TEST_CASE("a reused dossier slot starts from the defaults", "[dossier_pool]") {
  DossierPool pool;
  const std::uint32_t a = pool.allocate();
  const std::uint32_t b = pool.allocate();
  pool[a].step = 3;
  pool[a].officer = 7;
  pool[a].first_stream = 12;
  pool[a].work_done_sequence = 99;
  pool[a].phase_seconds[2] = 5.0;
  pool[a].supplement_requested = sim::Instant{1.0};
  pool.release(a);
  CHECK(pool.open() == 1);
  const std::uint32_t c = pool.allocate();
  CHECK(c == a);  // the free list is reused before the storage grows
  CHECK(pool.capacity() == 2);
  CHECK(pool[c].step == 0);
  CHECK(pool[c].officer == -1);
  CHECK(pool[c].first_stream == 0);
  CHECK(pool[c].work_done_sequence == 0);
  CHECK(pool[c].phase_seconds[2] == 0.0);
  CHECK_FALSE(pool[c].supplement_requested.has_value());
  std::vector<std::uint32_t> open;
  pool.for_each_open([&](std::uint32_t s, const Dossier&) { open.push_back(s); });
  CHECK(open == std::vector<std::uint32_t>{a, b});
}
