// Layering probe (tests/CMakeLists.txt): analysis/statistics sits below analysis/results.
#include "analysis/results/results_h5.hpp"
