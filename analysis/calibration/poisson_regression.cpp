#include "analysis/calibration/poisson_regression.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace twotier::analysis {

namespace {
double deviance_of(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double d = 0.0;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    d += (y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0) - (y[i] - mu[i]);
  return 2.0 * d;
}
}  // namespace

PoissonFit fit_poisson(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                       const Eigen::VectorXd& offset, int max_iterations, double tolerance) {
  assert(y.size() == X.rows() && X.rows() > X.cols() && X.cols() >= 1);
  assert(offset.size() == 0 || offset.size() == X.rows());
  const Eigen::VectorXd off = offset.size() == 0 ? Eigen::VectorXd::Zero(X.rows()) : offset;
  // The usual start: mu = y + 0.1 (finite logs where y = 0), then eta = log(mu).
  Eigen::VectorXd mu = (y.array() + 0.1).matrix();
  Eigen::VectorXd eta = mu.array().log().matrix();
  PoissonFit fit;
  double previous = std::numeric_limits<double>::infinity();
  Eigen::LDLT<Eigen::MatrixXd> solver;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    // Working response and weights of the log link: z = eta - offset + (y - mu) / mu, w = mu.
    const Eigen::VectorXd z = (eta - off).array() + (y - mu).array() / mu.array();
    const Eigen::MatrixXd xtw = X.transpose() * mu.asDiagonal();
    solver.compute(xtw * X);
    fit.coefficients = solver.solve(xtw * z);
    eta = X * fit.coefficients + off;
    mu = eta.array().exp().matrix();
    fit.iterations = iteration;
    const double deviance = deviance_of(y, mu);
    if (std::abs(previous - deviance) <= tolerance * (std::abs(deviance) + 0.1)) {
      fit.converged = true;
      break;
    }
    previous = deviance;
  }
  const Eigen::MatrixXd xtw = X.transpose() * mu.asDiagonal();
  solver.compute(xtw * X);
  const Eigen::MatrixXd covariance = solver.solve(Eigen::MatrixXd::Identity(X.cols(), X.cols()));
  fit.standard_errors = covariance.diagonal().array().sqrt().matrix();
  fit.fitted = mu;
  fit.deviance = deviance_of(y, mu);
  fit.pearson_chi2 = ((y - mu).array().square() / mu.array()).sum();
  fit.degrees_of_freedom = static_cast<int>(X.rows() - X.cols());
  return fit;
}

}  // namespace twotier::analysis
