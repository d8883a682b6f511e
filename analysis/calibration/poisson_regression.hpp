// Poisson regression with a log link, fitted by iteratively reweighted least squares (IRLS)
// with Eigen: maximises sum_i y_i log(mu_i) - mu_i with log(mu) = X beta + offset.
// Pure function, thread-safe. Used to fit arrival counts (analysis/calibration/arrival_fit.hpp).
#pragma once

#include <Eigen/Dense>

namespace twotier::analysis {

struct PoissonFit {
  Eigen::VectorXd coefficients;
  Eigen::VectorXd standard_errors;  // from the inverse Fisher information (X' W X)^-1
  Eigen::VectorXd fitted;           // mu_i
  double deviance = 0.0;            // 2 sum y log(y/mu) - (y - mu)
  double pearson_chi2 = 0.0;        // sum (y - mu)^2 / mu
  int degrees_of_freedom = 0;       // rows - columns
  int iterations = 0;
  bool converged = false;
};

// REQUIRES: y.size() == X.rows() > X.cols() >= 1, y >= 0, X of full column rank, and
// offset empty or of size X.rows(). Stops when the relative change of the deviance is
// below `tolerance` or after `max_iterations`.
PoissonFit fit_poisson(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                       const Eigen::VectorXd& offset = Eigen::VectorXd(), int max_iterations = 50,
                       double tolerance = 1e-10);

}  // namespace twotier::analysis
