// Closed-form results of queueing theory, the yardstick the simulator is validated against.
//
// Pure functions of their arguments (thread-safe, no state). Rates and times share one
// arbitrary unit (rates per unit time, times in units). Every formula is stated next to its
// function; stability (utilisation < 1) is a precondition wherever a steady state is implied.
#pragma once

#include <cstddef>  // std::size_t
#include <vector>

#include <Eigen/Dense>

namespace twotier::analysis {

// ---- M/M/1: Poisson arrivals at rate lambda, exponential service at rate mu. ---------------
// REQUIRES (all mm1_*): 0 <= lambda < mu
// Mean wait in queue Wq = rho / (mu - lambda), rho = lambda / mu.
double mm1_wait_mean(double lambda, double mu);
// Mean time in system W = 1 / (mu - lambda).
double mm1_sojourn_mean(double lambda, double mu);
// Mean number in system L = rho / (1 - rho).
double mm1_number_mean(double lambda, double mu);
// P(Wq > t) = rho * exp(-(mu - lambda) t) for t >= 0 (FIFO).
double mm1_wait_exceeds(double lambda, double mu, double t);

// ---- Erlang B and C, with offered load a = lambda / mu (erlangs) and c servers. ------------
// Blocking probability of M/M/c/c (Erlang loss formula), by the stable recursion
// B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)); no factorials, no overflow for large c.
// REQUIRES: servers >= 0, offered_load >= 0
double erlang_b(int servers, double offered_load);
// Probability that an arrival waits in M/M/c (Erlang C), from Erlang B:
// C = c B / (c - a (1 - B)).
// REQUIRES: servers >= 1, 0 <= offered_load < servers
double erlang_c(int servers, double offered_load);

// ---- M/M/c. REQUIRES (all mmc_*): servers >= 1, 0 <= lambda < servers * mu. ---------------
// Wq = C / (c mu - lambda).
double mmc_wait_mean(int servers, double lambda, double mu);
// W = Wq + 1 / mu.
double mmc_sojourn_mean(int servers, double lambda, double mu);
// L = lambda W (Little).
double mmc_number_mean(int servers, double lambda, double mu);
// P(Wq > t) = C exp(-(c mu - lambda) t) for t >= 0 (FIFO).
double mmc_wait_exceeds(int servers, double lambda, double mu, double t);

// ---- M/G/1, Pollaczek–Khinchine. -----------------------------------------------------------
// Wq = lambda E[S^2] / (2 (1 - rho)), rho = lambda E[S].
// REQUIRES: lambda >= 0, service_mean > 0, service_second_moment >= service_mean^2,
//           lambda * service_mean < 1
double mg1_wait_mean(double lambda, double service_mean, double service_second_moment);
// E[S^2] of a service time with the given mean and squared coefficient of variation:
// E[S^2] = mean^2 (1 + scv). Deterministic: scv = 0; exponential: 1; lognormal(cv): cv^2.
double second_moment_from_scv(double mean, double scv);
// M/D/1: Wq = rho D / (2 (1 - rho)).
double md1_wait_mean(double lambda, double service_time);

// ---- Erlang A (M/M/c+M): exponential patience at rate theta while waiting. ----------------
// The number in system is a birth-death chain (birth lambda, death min(n, c) mu +
// max(n - c, 0) theta), stable for any theta > 0; its stationary law is summed until the
// terms vanish. P(abandon) = theta Lq / lambda (an arrival abandons at rate theta while it
// waits; Little on the abandonment flow).
// REQUIRES: servers >= 1, lambda > 0, mu > 0, theta > 0
// Mean number waiting Lq = sum over n > c of (n - c) pi_n.
double erlang_a_queue_mean(int servers, double lambda, double mu, double theta);
// Probability that an arrival abandons before service.
double erlang_a_abandon_probability(int servers, double lambda, double mu, double theta);

// ---- Non-preemptive priority M/G/1 (Cobham). ------------------------------------------------
// One Poisson class per index, index 0 served first; FIFO within a class.
struct PriorityClass {
  double lambda = 0.0;                 // arrival rate
  double service_mean = 0.0;           // E[S_k]
  double service_second_moment = 0.0;  // E[S_k^2]
};
// Mean wait in queue per class: W_k = W0 / ((1 - sigma_{k-1}) (1 - sigma_k)) where
// W0 = sum_i lambda_i E[S_i^2] / 2 (mean residual work found in service) and
// sigma_k = sum_{i <= k} lambda_i E[S_i] (sigma_{-1} = 0).
// REQUIRES: sum of lambda_i E[S_i] < 1
std::vector<double> priority_wait_means(const std::vector<PriorityClass>& classes);

// ---- Single exponential station with Bernoulli rework (feedback). ---------------------------
// External Poisson rate lambda; after each service the customer returns to the back of the
// queue with probability p, each visit a fresh Exp(mu) service. The total flow is not Poisson,
// but by Jackson's theorem the number in system is that of an M/M/1 with rate
// Lambda = lambda / (1 - p), so L = rho / (1 - rho) with rho = Lambda / mu. Little's law on
// the visits then gives exact means per visit and per customer.
// REQUIRES (all rework_*): lambda >= 0, 0 <= p < 1, lambda / (1 - p) < mu
struct ReworkStation {
  double lambda = 0.0;  // external arrival rate
  double mu = 1.0;      // service rate per visit
  double p = 0.0;       // rework probability after each service
};
double rework_total_rate(const ReworkStation& s);  // Lambda = lambda / (1 - p)
// Mean wait in queue per visit: Lq / Lambda = rho / (mu - Lambda).
double rework_wait_per_visit(const ReworkStation& s);
// Mean time from external arrival to final exit: L / lambda = 1 / ((1 - p) (mu - Lambda)).
double rework_sojourn_mean(const ReworkStation& s);
// Mean number in system L = rho / (1 - rho).
double rework_number_mean(const ReworkStation& s);

// ---- Open Jackson network of M/M/c stations. ------------------------------------------------
struct JacksonStation {
  int servers = 1;
  double mu = 1.0;               // service rate per server
  double external_lambda = 0.0;  // Poisson arrivals from outside
};
struct JacksonResult {
  Eigen::VectorXd lambda;           // total arrival rate per station (traffic equations)
  Eigen::VectorXd utilisation;      // lambda_i / (c_i mu_i)
  Eigen::VectorXd number_mean;      // L_i, M/M/c_i with rate lambda_i
  Eigen::VectorXd wait_mean;        // Wq_i per visit
  Eigen::VectorXd sojourn_mean;     // W_i per visit
  double network_sojourn_mean = 0;  // sum L_i / sum external lambda (Little on the network)
};
// Solves the traffic equations lambda = gamma + P^T lambda, i.e. (I - P^T) lambda = gamma,
// with routing[i][j] = probability of going from i to j after service (row sums <= 1, the
// remainder leaves), then treats each station as M/M/c_i (product form).
// REQUIRES: routing is n x n with n = stations.size(); I - P invertible (every customer
// eventually leaves); every station stable; at least one external arrival rate > 0.
JacksonResult solve_jackson(const std::vector<JacksonStation>& stations,
                            const Eigen::MatrixXd& routing);

}  // namespace twotier::analysis
