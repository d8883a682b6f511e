// Layering probe (tests/CMakeLists.txt): sim/ knows nothing of dossiers: models/ headers are not
// reachable from it.
#include "models/spec.hpp"
