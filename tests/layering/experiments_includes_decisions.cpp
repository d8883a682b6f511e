// Layering probe (tests/CMakeLists.txt): experiments do not know the decisions built on them.
#include "analysis/decisions/staffing_search.hpp"
