#include "analysis/statistics/mser.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/statistics.hpp"

namespace twotier::analysis {

MserTruncation mser_truncation(std::span<const double> series, int batch_size) {
  if (batch_size < 1)
    throw std::invalid_argument("MSER: batch size " + std::to_string(batch_size) + " must be >= 1");
  const std::size_t m = static_cast<std::size_t>(batch_size);
  const int batches = static_cast<int>(series.size() / m);
  if (batches < 4)
    throw std::invalid_argument("MSER: the series has " + std::to_string(series.size()) +
                                " observations; at least " + std::to_string(4 * batch_size) +
                                " (4 batches of " + std::to_string(batch_size) + ") are needed");
  std::vector<double> batch_means(static_cast<std::size_t>(batches));
  for (std::size_t j = 0; j < batch_means.size(); ++j) {
    double sum = 0.0;
    for (std::size_t i = j * m; i < (j + 1) * m; ++i) {
      if (!std::isfinite(series[i]))
        throw std::invalid_argument("MSER: observation " + std::to_string(i) + " is " +
                                    std::to_string(series[i]) + "; all values must be finite");
      sum += series[i];
    }
    batch_means[j] = sum / static_cast<double>(m);
  }

  // Walk d from b-1 down to 0 with a Welford tally of the kept suffix Z_{d+1..b}, so each
  // MSER(d) costs O(1) and stays accurate when the level is large relative to the spread.
  const int search_limit = batches / 2;
  sim::Tally suffix;
  MserTruncation best{0, 0, batches, 0.0, false};
  bool have_best = false;
  for (int d = batches - 1; d >= 0; --d) {
    suffix.add(batch_means[static_cast<std::size_t>(d)]);
    if (d > search_limit) continue;
    const double kept = static_cast<double>(batches - d);
    // variance() has an (n - 1) denominator; MSER wants the sum of squared deviations.
    const double statistic = suffix.variance() * (kept - 1.0) / (kept * kept);
    if (!have_best || statistic <= best.statistic) {  // <=: ties go to the smaller d
      best.batches_dropped = d;
      best.statistic = statistic;
      have_best = true;
    }
  }
  best.truncation = best.batches_dropped * batch_size;
  best.at_search_limit = best.batches_dropped == search_limit;
  return best;
}

}  // namespace twotier::analysis
