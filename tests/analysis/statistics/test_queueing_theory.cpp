// Closed-form queueing results against textbook numbers and independent direct formulas.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/statistics/queueing_theory.hpp"

using namespace twotier::analysis;

namespace {

// Erlang B straight from its definition (factorials; fine for small c) to check the recursion.
double erlang_b_direct(int c, double a) {
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k <= c; ++k) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

}  // namespace

TEST_CASE("M/M/1 means and wait tail match the textbook", "[queueing_theory]") {
  // lambda = 0.8, mu = 1: rho = 0.8, Wq = 4, W = 5, L = 4.
  CHECK(mm1_wait_mean(0.8, 1.0) == Approx(4.0));
  CHECK(mm1_sojourn_mean(0.8, 1.0) == Approx(5.0));
  CHECK(mm1_number_mean(0.8, 1.0) == Approx(4.0));
  CHECK(mm1_wait_exceeds(0.8, 1.0, 0.0) == Approx(0.8));
  CHECK(mm1_wait_exceeds(0.8, 1.0, 5.0) == Approx(0.8 * std::exp(-1.0)));
}

TEST_CASE("Erlang B by recursion equals the factorial formula", "[queueing_theory]") {
  CHECK(erlang_b(0, 3.0) == Approx(1.0));
  CHECK(erlang_b(2, 2.0) == Approx(0.4));                      // (a^2/2) / (1 + a + a^2/2)
  CHECK(erlang_b(10, 5.0) == Approx(0.018384).epsilon(1e-4));  // table value
  for (int c = 1; c <= 20; ++c) {
    CHECK(erlang_b(c, 7.5) == Approx(erlang_b_direct(c, 7.5)).epsilon(1e-12));
  }
  SECTION("the recursion stays finite where factorials overflow") {
    const double b = erlang_b(2000, 1900.0);
    CHECK(std::isfinite(b));
    CHECK(b > 0.0);
    CHECK(b < 0.05);
  }
}

TEST_CASE("M/M/c by Erlang C matches known cases", "[queueing_theory]") {
  // M/M/2 with lambda = mu = 1: C = 1/3, Wq = 1/3, L = 2 rho / (1 - rho^2) = 4/3.
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0));
  CHECK(mmc_wait_mean(2, 1.0, 1.0) == Approx(1.0 / 3.0));
  CHECK(mmc_number_mean(2, 1.0, 1.0) == Approx(4.0 / 3.0));
  CHECK(mmc_wait_exceeds(2, 1.0, 1.0, 1.0) == Approx(std::exp(-1.0) / 3.0));
  SECTION("one server reduces to M/M/1") {
    CHECK(erlang_c(1, 0.7) == Approx(0.7));
    CHECK(mmc_wait_mean(1, 0.7, 1.0) == Approx(mm1_wait_mean(0.7, 1.0)));
    CHECK(mmc_wait_exceeds(1, 0.7, 1.0, 2.0) == Approx(mm1_wait_exceeds(0.7, 1.0, 2.0)));
  }
}

TEST_CASE("Erlang A gives the published abandonment and tends to Erlang C without impatience",
          "[queueing_theory]") {
  // c = 3, lambda = 2.4, mu = 1, exponential patience theta = 0.5 (issue 18's validation case).
  CHECK(erlang_a_abandon_probability(3, 2.4, 1.0, 0.5) == Approx(0.119855).epsilon(1e-5));
  // Nearly no impatience: the queue is M/M/3's.
  CHECK(erlang_a_queue_mean(3, 2.4, 1.0, 1e-7) ==
        Approx(2.4 * mmc_wait_mean(3, 2.4, 1.0)).epsilon(1e-4));
  // Overloaded (rho = 2) is still stable: the impatient leave. Served = c mu when all busy,
  // so 1 - c mu / lambda = 1/2 abandon when the servers never idle (a long queue).
  CHECK(erlang_a_abandon_probability(2, 4.0, 1.0, 0.01) == Approx(0.5).epsilon(1e-6));
}

TEST_CASE("Pollaczek-Khinchine covers M/M/1, M/D/1 and lognormal service", "[queueing_theory]") {
  CHECK(mg1_wait_mean(0.8, 1.0, second_moment_from_scv(1.0, 1.0)) == Approx(4.0));
  CHECK(md1_wait_mean(0.5, 1.0) == Approx(0.5));  // rho D / (2 (1 - rho))
  CHECK(md1_wait_mean(0.8, 1.0) == Approx(2.0));  // half the M/M/1 wait
  // Lognormal with mean 1 and cv 2: E[S^2] = 5, Wq = 0.5 * 5 / (2 * 0.5) = 2.5.
  CHECK(mg1_wait_mean(0.5, 1.0, second_moment_from_scv(1.0, 4.0)) == Approx(2.5));
}

TEST_CASE("Cobham's priority waits obey the conservation law", "[queueing_theory]") {
  // Two exponential classes, lambda 0.4 each, mu = 1: W0 = 0.8, W1 = 0.8 / 0.6,
  // W2 = 0.8 / (0.6 * 0.2).
  const std::vector<PriorityClass> classes{{0.4, 1.0, 2.0}, {0.4, 1.0, 2.0}};
  const auto w = priority_wait_means(classes);
  REQUIRE(w.size() == 2);
  CHECK(w[0] == Approx(0.8 / 0.6));
  CHECK(w[1] == Approx(0.8 / 0.12));
  // Kleinrock: sum rho_k W_k = rho Wq(FIFO) for a work-conserving non-preemptive order.
  CHECK(0.4 * w[0] + 0.4 * w[1] == Approx(0.8 * mm1_wait_mean(0.8, 1.0)));
  SECTION("a single class is FIFO M/G/1") {
    const auto one = priority_wait_means({{0.5, 1.0, 1.0}});
    CHECK(one[0] == Approx(md1_wait_mean(0.5, 1.0)));
  }
}

TEST_CASE("a rework loop behaves as M/M/1 at the total visit rate", "[queueing_theory]") {
  const ReworkStation s{0.4, 1.0, 0.5};
  CHECK(rework_total_rate(s) == Approx(0.8));
  CHECK(rework_wait_per_visit(s) == Approx(4.0));
  CHECK(rework_number_mean(s) == Approx(4.0));
  CHECK(rework_sojourn_mean(s) == Approx(10.0));
  CHECK(rework_number_mean(s) == Approx(s.lambda * rework_sojourn_mean(s)));  // Little
}

TEST_CASE("Jackson traffic equations with feedback", "[queueing_theory]") {
  SECTION("a tandem of two M/M/1 stations") {
    Eigen::MatrixXd p(2, 2);
    p << 0, 1, 0, 0;
    const auto r = solve_jackson({{1, 2.0, 1.0}, {1, 3.0, 0.0}}, p);
    CHECK(r.lambda(0) == Approx(1.0));
    CHECK(r.lambda(1) == Approx(1.0));
    CHECK(r.network_sojourn_mean == Approx(1.0 / 1.0 + 1.0 / 2.0));
  }
  SECTION("station 1 sends half its output back to station 0") {
    Eigen::MatrixXd p(2, 2);
    p << 0, 1, 0.5, 0;
    const auto r = solve_jackson({{1, 3.0, 1.0}, {2, 1.5, 0.0}}, p);
    CHECK(r.lambda(0) == Approx(2.0));
    CHECK(r.lambda(1) == Approx(2.0));
    CHECK(r.utilisation(0) == Approx(2.0 / 3.0));
    CHECK(r.number_mean(0) == Approx(mm1_number_mean(2.0, 3.0)));
    CHECK(r.number_mean(1) == Approx(mmc_number_mean(2, 2.0, 1.5)));
    CHECK(r.network_sojourn_mean == Approx((r.number_mean(0) + r.number_mean(1)) / 1.0));
  }
}
