# Version and git commit, baked into `twotier --version` and into results metadata.
# The header is regenerated at every build (not only at configure time) so the commit never
# goes stale; it is rewritten only when its content changes, so nothing recompiles needlessly.
set(TWOTIER_VERSION_HEADER ${PROJECT_BINARY_DIR}/generated/twotier_version.hpp)
add_custom_target(twotier_version
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DVERSION=${PROJECT_VERSION}
    -DTEMPLATE=${PROJECT_SOURCE_DIR}/cmake/version.hpp.in
    -DOUTPUT=${TWOTIER_VERSION_HEADER}
    -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersionHeader.cmake
  BYPRODUCTS ${TWOTIER_VERSION_HEADER}
  COMMENT "Checking the git commit for twotier --version")
