// MSER warm-up truncation (White 1997; MSER-5 of White, Cobb and Spratt 2000) for one output
// series, e.g. the daily backlog of a replication.
//
// The series is cut into b = floor(n / m) batches of m observations (m = 5 for MSER-5; the last
// n mod m observations are ignored) with batch means Z_1..Z_b. Dropping the first d batches
// leaves the statistic  MSER(d) = sum_{j>d} (Z_j - mean_{j>d} Z)^2 / (b - d)^2, a squared
// standard error that balances bias (high while the transient is kept) against variance (high
// when too much data is dropped). The chosen d* minimises MSER(d) over d = 0..floor(b/2) (only
// the first half, where the statistic is stable); ties go to the smaller d. Pure function.
#pragma once

#include <span>

namespace twotier::analysis {

struct MserTruncation {
  int truncation;       // observations to drop from the start: d* times batch_size
  int batches_dropped;  // d*
  int batches;          // b
  double statistic;     // MSER(d*)
  // True when d* is the largest d searched: the transient may last past half the run, so the
  // run should be lengthened rather than this truncation trusted.
  bool at_search_limit;
};

// MSER with batches of `batch_size` observations (1 gives plain MSER).
// Throws std::invalid_argument unless batch_size >= 1, the series has at least 4 batches
// (4 * batch_size observations) and every value is finite.
MserTruncation mser_truncation(std::span<const double> series, int batch_size);

// MSER-5: mser_truncation(series, 5).
inline MserTruncation mser5_truncation(std::span<const double> series) {
  return mser_truncation(series, 5);
}

}  // namespace twotier::analysis
