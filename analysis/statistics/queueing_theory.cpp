#include "analysis/statistics/queueing_theory.hpp"

#include <algorithm>  // std::min, std::max
#include <cassert>
#include <cmath>  // std::exp

namespace twotier::analysis {

double mm1_wait_mean(double lambda, double mu) {
  assert(lambda >= 0 && lambda < mu);
  return (lambda / mu) / (mu - lambda);
}

double mm1_sojourn_mean(double lambda, double mu) {
  assert(lambda >= 0 && lambda < mu);
  return 1.0 / (mu - lambda);
}

double mm1_number_mean(double lambda, double mu) {
  assert(lambda >= 0 && lambda < mu);
  const double rho = lambda / mu;
  return rho / (1.0 - rho);
}

double mm1_wait_exceeds(double lambda, double mu, double t) {
  assert(lambda >= 0 && lambda < mu && t >= 0);
  return (lambda / mu) * std::exp(-(mu - lambda) * t);
}

double erlang_b(int servers, double offered_load) {
  assert(servers >= 0 && offered_load >= 0);
  double b = 1.0;
  for (int k = 1; k <= servers; ++k)
    b = offered_load * b / (k + offered_load * b);
  return b;
}

double erlang_c(int servers, double offered_load) {
  assert(servers >= 1 && offered_load >= 0 && offered_load < servers);
  const double b = erlang_b(servers, offered_load);
  return servers * b / (servers - offered_load * (1.0 - b));
}

double mmc_wait_mean(int servers, double lambda, double mu) {
  assert(servers >= 1 && lambda >= 0 && lambda < servers * mu);
  return erlang_c(servers, lambda / mu) / (servers * mu - lambda);
}

double mmc_sojourn_mean(int servers, double lambda, double mu) {
  return mmc_wait_mean(servers, lambda, mu) + 1.0 / mu;
}

double mmc_number_mean(int servers, double lambda, double mu) {
  return lambda * mmc_sojourn_mean(servers, lambda, mu);
}

double mmc_wait_exceeds(int servers, double lambda, double mu, double t) {
  assert(servers >= 1 && lambda >= 0 && lambda < servers * mu && t >= 0);
  return erlang_c(servers, lambda / mu) * std::exp(-(servers * mu - lambda) * t);
}

double mg1_wait_mean(double lambda, double service_mean, double service_second_moment) {
  assert(lambda >= 0 && service_mean > 0);
  assert(service_second_moment >= service_mean * service_mean * (1 - 1e-12));
  const double rho = lambda * service_mean;
  assert(rho < 1);
  return lambda * service_second_moment / (2.0 * (1.0 - rho));
}

double second_moment_from_scv(double mean, double scv) {
  assert(scv >= 0);
  return mean * mean * (1.0 + scv);
}

double md1_wait_mean(double lambda, double service_time) {
  return mg1_wait_mean(lambda, service_time, service_time * service_time);
}

double erlang_a_queue_mean(int servers, double lambda, double mu, double theta) {
  assert(servers >= 1 && lambda > 0 && mu > 0 && theta > 0);
  // Unnormalised pi_n / pi_0, summed until a term past the servers is negligible and falling.
  double term = 1.0, total = 1.0, waiting = 0.0;
  for (int n = 1;; ++n) {
    const double deaths = std::min(n, servers) * mu + std::max(n - servers, 0) * theta;
    term *= lambda / deaths;
    total += term;
    waiting += std::max(n - servers, 0) * term;
    if (n > servers && lambda < deaths && term < 1e-17 * total) break;
  }
  return waiting / total;
}

double erlang_a_abandon_probability(int servers, double lambda, double mu, double theta) {
  return theta * erlang_a_queue_mean(servers, lambda, mu, theta) / lambda;
}

std::vector<double> priority_wait_means(const std::vector<PriorityClass>& classes) {
  double residual_work = 0.0;  // W0
  for (const auto& c : classes)
    residual_work += c.lambda * c.service_second_moment / 2.0;
  std::vector<double> waits;
  waits.reserve(classes.size());
  double sigma_before = 0.0;  // load of the classes served before class k
  for (const auto& c : classes) {
    const double sigma = sigma_before + c.lambda * c.service_mean;
    assert(sigma < 1.0);
    waits.push_back(residual_work / ((1.0 - sigma_before) * (1.0 - sigma)));
    sigma_before = sigma;
  }
  return waits;
}

double rework_total_rate(const ReworkStation& s) {
  assert(s.lambda >= 0 && s.p >= 0 && s.p < 1);
  const double total = s.lambda / (1.0 - s.p);
  assert(total < s.mu);
  return total;
}

double rework_wait_per_visit(const ReworkStation& s) {
  return mm1_wait_mean(rework_total_rate(s), s.mu);
}

double rework_sojourn_mean(const ReworkStation& s) {
  return mm1_sojourn_mean(rework_total_rate(s), s.mu) / (1.0 - s.p);
}

double rework_number_mean(const ReworkStation& s) {
  return mm1_number_mean(rework_total_rate(s), s.mu);
}

JacksonResult solve_jackson(const std::vector<JacksonStation>& stations,
                            const Eigen::MatrixXd& routing) {
  const auto n = static_cast<Eigen::Index>(stations.size());
  assert(routing.rows() == n && routing.cols() == n);
  Eigen::VectorXd gamma(n);
  for (Eigen::Index i = 0; i < n; ++i)
    gamma(i) = stations[i].external_lambda;
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  JacksonResult r;
  r.lambda = system.fullPivLu().solve(gamma);
  r.utilisation.resize(n);
  r.number_mean.resize(n);
  r.wait_mean.resize(n);
  r.sojourn_mean.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& s = stations[i];
    r.utilisation(i) = r.lambda(i) / (s.servers * s.mu);
    r.wait_mean(i) = mmc_wait_mean(s.servers, r.lambda(i), s.mu);
    r.sojourn_mean(i) = r.wait_mean(i) + 1.0 / s.mu;
    r.number_mean(i) = r.lambda(i) * r.sojourn_mean(i);
  }
  assert(gamma.sum() > 0);
  r.network_sojourn_mean = r.number_mean.sum() / gamma.sum();
  return r;
}

}  // namespace twotier::analysis
