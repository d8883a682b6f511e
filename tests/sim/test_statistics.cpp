// Tests of sim::Tally, sim::TimeWeighted and sim::QuantileSketch: exact values on hand
// examples, merge equal to a single pass, quantiles within the stated relative error.
#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/distribution.hpp"
#include "sim/statistics.hpp"

namespace {

using Catch::Matchers::Contains;

sim::Tally tally_of(const std::vector<double>& xs) {
  sim::Tally t;
  for (double x : xs)
    t.add(x);
  return t;
}

// k-th smallest (0-based), k = floor(q (n - 1)): the quantile the sketch promises.
double exact_quantile(const std::vector<double>& sorted, double q) {
  return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

std::vector<double> lognormal_draws(std::uint64_t seed, int n) {
  const auto d = sim::Distribution::lognormal(2.0, 1.5);
  sim::RandomStream rng(seed);
  std::vector<double> xs(n);
  for (double& x : xs)
    x = d.sample(rng);
  return xs;
}

}  // namespace

TEST_CASE("a tally matches the two-pass formulas on a known set", "[statistics]") {
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  const auto t = tally_of(xs);
  CHECK(t.count() == 8);
  CHECK(t.mean() == Approx(5.0));
  CHECK(t.variance() == Approx(32.0 / 7.0));  // sum of squared deviations 32, n - 1 = 7
  CHECK(t.stddev() == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(t.min() == 2.0);
  CHECK(t.max() == 9.0);
  CHECK(t.sum() == 40.0);
  SECTION("a large offset does not ruin the variance (Welford is stable)") {
    sim::Tally shifted;
    for (double x : xs)
      shifted.add(1e9 + x);
    CHECK(shifted.variance() == Approx(32.0 / 7.0).epsilon(1e-6));
  }
  SECTION("empty and single-observation tallies report NaN where undefined") {
    sim::Tally empty;
    CHECK(empty.count() == 0);
    CHECK(std::isnan(empty.mean()));
    CHECK(std::isnan(empty.min()));
    CHECK(empty.sum() == 0.0);
    empty.add(3.0);
    CHECK(empty.mean() == 3.0);
    CHECK(std::isnan(empty.variance()));
  }
}

TEST_CASE("merging tallies equals a single pass", "[statistics]") {
  const auto xs = lognormal_draws(1, 1001);
  const auto whole = tally_of(xs);
  sim::Tally left = tally_of({xs.begin(), xs.begin() + 300});
  const sim::Tally right = tally_of({xs.begin() + 300, xs.end()});
  left.merge(right);
  CHECK(left.count() == whole.count());
  CHECK(left.mean() == Approx(whole.mean()).epsilon(1e-12));
  CHECK(left.variance() == Approx(whole.variance()).epsilon(1e-12));
  CHECK(left.min() == whole.min());
  CHECK(left.max() == whole.max());
  CHECK(left.sum() == Approx(whole.sum()).epsilon(1e-12));
  SECTION("merging with an empty tally changes nothing, either way round") {
    sim::Tally copy = whole;
    copy.merge(sim::Tally{});
    CHECK(copy.mean() == whole.mean());
    sim::Tally empty;
    empty.merge(whole);
    CHECK(empty.variance() == whole.variance());
  }
}

TEST_CASE("a time-weighted average is exact on a hand example", "[statistics]") {
  // Value 2 on [10, 14), 5 on [14, 15), 1 on [15, 20]: integral 8 + 5 + 5 = 18 over 10 s.
  sim::TimeWeighted w({10}, 2.0);
  w.set({14}, 5.0);
  w.add({15}, -4.0);
  CHECK(w.current() == 1.0);
  CHECK(w.max() == 5.0);
  CHECK(w.integral({20}) == 18.0);
  CHECK(w.average({20}) == 1.8);
  CHECK(w.average({10}) == 1.0);  // zero span: the current value
  SECTION("reset restarts the average at the end of the warm-up") {
    w.reset({16});
    CHECK(w.max() == 1.0);
    w.set({18}, 3.0);
    CHECK(w.integral({20}) == 2.0 + 6.0);
    CHECK(w.average({20}) == 2.0);
    CHECK(w.max() == 3.0);
  }
  SECTION("several updates at the same instant count only the last") {
    w.set({20}, 100.0);
    w.set({20}, 0.0);
    CHECK(w.integral({22}) == 18.0);
    CHECK(w.max() == 100.0);
  }
}

TEST_CASE("sketch quantiles are within the stated relative error", "[statistics]") {
  auto xs = lognormal_draws(2, 100000);
  for (int i = 0; i < 1000; ++i)
    xs[i] = 0.0;  // zeros are kept exactly
  for (const double alpha : {0.005, 0.02}) {
    sim::QuantileSketch sketch(alpha);
    for (double x : xs)
      sketch.add(x);
    std::vector<double> sorted = xs;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sketch.count() == xs.size());
    CHECK(sketch.relative_error() == alpha);
    CHECK(sketch.quantile(0.0) == sorted.front());
    CHECK(sketch.quantile(1.0) == sorted.back());
    for (const double q :
         {0.001, 0.005, 0.01, 0.011, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999}) {
      INFO("alpha " << alpha << ", q " << q);
      const double exact = exact_quantile(sorted, q);
      CHECK(std::abs(sketch.quantile(q) - exact) <= alpha * exact * (1.0 + 1e-9));
    }
  }
}

TEST_CASE("merged sketches equal a sketch of all values", "[statistics]") {
  const auto xs = lognormal_draws(3, 20000);
  sim::QuantileSketch whole, left, right;
  for (double x : xs)
    whole.add(x);
  // Left gets the large values and right the small ones, so the merge must widen both ends.
  for (double x : xs)
    (x > 2.0 ? left : right).add(x);
  left.merge(right);
  CHECK(left.count() == whole.count());
  for (const double q : {0.0, 0.01, 0.3, 0.5, 0.9, 0.99, 1.0}) {
    CHECK(left.quantile(q) == whole.quantile(q));
  }
  sim::QuantileSketch empty;
  empty.merge(whole);
  CHECK(empty.quantile(0.5) == whole.quantile(0.5));
  CHECK_THROWS_WITH(whole.merge(sim::QuantileSketch(0.01)), Contains("relative errors differ"));
  CHECK_THROWS_AS(sim::QuantileSketch(0.0), std::invalid_argument);
  CHECK_THROWS_AS(sim::QuantileSketch(1.0), std::invalid_argument);
}

TEST_CASE("a sketch whose bucket counts come later equals one fed value by value", "[statistics]") {
  // Values in an order that widens the range at both ends several times, so the deferred
  // counts land in buckets that moved (front growth) after they were reserved.
  std::vector<double> xs = lognormal_draws(11, 5000);
  std::sort(xs.begin() + 2500, xs.end());  // the second half sorted: steady growth upwards
  sim::QuantileSketch direct, deferred;
  std::vector<int> pending;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    direct.add(xs[i]);
    const int bucket = deferred.bucket_index(xs[i]);
    deferred.reserve_in_bucket(xs[i], bucket);
    pending.push_back(bucket);
    if (pending.size() == 97 || i + 1 == xs.size()) {  // batches not aligned to anything
      for (const int b : pending)
        deferred.count_in_bucket(b);
      pending.clear();
    }
  }
  CHECK(deferred.count() == direct.count());
  CHECK(deferred.min() == direct.min());
  CHECK(deferred.max() == direct.max());
  for (const double q : {0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.999, 1.0})
    CHECK(deferred.quantile(q) == direct.quantile(q));
}
