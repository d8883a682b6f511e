// Coverage of analysis::mean_interval on a queue with a known answer: over many
// macro-replications, about 95% (90%) of 95% (90%) t-intervals built from replication means of an
// M/M/2 queue's customer waits cover the exact Erlang C mean wait.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/statistics/student_t.hpp"
#include "sim/random.hpp"

using twotier::analysis::mean_interval;

namespace {

// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu.
double erlang_c(int c, double a) {
  double term = 1.0, below_c = 0.0;  // sum_{k<c} a^k / k!
  for (int k = 0; k < c; ++k) {
    below_c += term;
    term *= a / (k + 1);
  }
  const double waiting = term / (1.0 - a / c);  // a^c / c! / (1 - rho)
  return waiting / (below_c + waiting);
}

// Mean wait in queue of customers warm_up+1 .. warm_up+customers of a FCFS M/M/c queue that
// starts empty, by the Kiefer-Wolfowitz recursion: `work` holds the c servers' remaining
// workloads seen by the next arrival, sorted, and that arrival waits work[0].
double mmc_mean_wait(int c, double lambda, double mu, int warm_up, int customers,
                     std::uint64_t seed, std::uint64_t replication) {
  sim::RandomStream arrivals(seed, replication, "mmc/arrivals");
  sim::RandomStream services(seed, replication, "mmc/services");
  std::vector<double> work(static_cast<std::size_t>(c), 0.0);
  double sum = 0.0;
  for (int i = 0; i < warm_up + customers; ++i) {
    if (i >= warm_up) sum += work[0];
    work[0] += -std::log(services.uniform_open01()) / mu;
    const double interarrival = -std::log(arrivals.uniform_open01()) / lambda;
    for (double& w : work)
      w = std::max(0.0, w - interarrival);
    std::sort(work.begin(), work.end());
  }
  return sum / customers;
}

}  // namespace

TEST_CASE("about 95% of 95% t-intervals cover the exact M/M/2 mean wait", "[interval_coverage]") {
  // lambda = 1.2, mu = 1, c = 2 (rho = 0.6): Erlang C = 0.45, Wq = 0.45 / (2 - 1.2) = 0.5625.
  constexpr int kServers = 2;
  constexpr double kLambda = 1.2, kMu = 1.0;
  const double exact_wait = erlang_c(kServers, kLambda / kMu) / (kServers * kMu - kLambda);
  REQUIRE(exact_wait == Approx(0.5625));
  // Initial bias: the queue starts empty, and its relaxation time is about
  // 1 / (c mu (1 - sqrt(rho))^2) = 9.8 time units, 12 arrivals; 300 discarded arrivals are 25
  // relaxation times, so the remaining bias (~e^-25) is nothing next to the interval widths.
  // 2000 customers per replication make the replication means close to normal.
  constexpr int kWarmUp = 300, kCustomers = 2000, kReplications = 10, kMacro = 400;
  int covered95 = 0, covered90 = 0;
  std::vector<double> means(kReplications);
  for (int macro = 0; macro < kMacro; ++macro) {
    for (int r = 0; r < kReplications; ++r)
      means[static_cast<std::size_t>(r)] =
          mmc_mean_wait(kServers, kLambda, kMu, kWarmUp, kCustomers, 31337,
                        static_cast<std::uint64_t>(macro * kReplications + r));
    const auto ci95 = mean_interval(means, 0.95);
    const auto ci90 = mean_interval(means, 0.90);
    covered95 += ci95.low <= exact_wait && exact_wait <= ci95.high;
    covered90 += ci90.low <= exact_wait && exact_wait <= ci90.high;
  }
  INFO("95% intervals covered " << covered95 << " of " << kMacro << "; 90%: " << covered90);
  // With true coverage p the count is Binomial(400, p); 99.9% limits are 400 p +- 3.29 sd:
  // p = 0.95 gives 380 +- 14.3, p = 0.90 gives 360 +- 19.7. This seed gives 382 and 356. The
  // simulation is unbiased (grand mean of 4000 replications 0.5643 +- 0.0051 at 99.9%); on
  // another seed 934 of 1000 95% intervals covered: t-intervals from 10 slightly right-skewed
  // means undercover a little (about 94%), which these limits allow.
  CHECK(covered95 >= 366);
  CHECK(covered95 <= 394);
  CHECK(covered90 >= 341);
  CHECK(covered90 <= 379);
}
