// Layering probe (tests/CMakeLists.txt): decisions do not know how they are rendered.
#include "analysis/reports/html_report.hpp"
