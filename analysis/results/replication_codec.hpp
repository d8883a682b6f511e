// A byte encoding of model::ReplicationResult, so results can cross process boundaries (MPI
// ranks send theirs to rank 0). Doubles travel as their bit patterns, so a decoded result is
// bit-identical to the encoded one and outputs do not depend on where a replication ran.
// The layout is private to one build (same binary on every rank): no versioning, native
// byte order. Stateless; safe from any thread.
// Keep encode/decode in step with replication_result.hpp: test_replication_codec round-trips
// every field.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "models/replication_result.hpp"

namespace twotier::analysis {

// Appends the encoding of `result` to `out`.
void encode_replication(const model::ReplicationResult& result, std::vector<std::byte>& out);
// Decodes one result starting at `offset` and advances `offset` past it. Throws
// std::runtime_error if the bytes end early (a truncated message).
model::ReplicationResult decode_replication(std::span<const std::byte> bytes, std::size_t& offset);

}  // namespace twotier::analysis
