// Layering probe (tests/CMakeLists.txt): positive control: an include along the flow builds.
#include "analysis/experiments/experiment.hpp"
