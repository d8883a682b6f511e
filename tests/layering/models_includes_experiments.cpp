// Layering probe (tests/CMakeLists.txt): models/ knows nothing of experiments.
#include "analysis/experiments/experiment.hpp"
