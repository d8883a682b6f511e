#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (TWOTIER_SANITIZE=ON, GCC, -O1 with assertions on) in its own build folder and runs all of
# ctest through scripts/dev (which installs the packages). Any sanitizer report fails the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export TWOTIER_BUILD_DIR=${TWOTIER_SANITIZE_BUILD_DIR:-build-sanitize}
# MPI off: LeakSanitizer reports OpenMPI's own never-freed allocations (in components it
# dlopens, so they cannot be suppressed by name); the MPI test runs in the normal build.
# Python off: its test is labelled slow (not run here), so building the module is CI time lost.
export TWOTIER_CMAKE_ARGS="-DTWOTIER_SANITIZE=ON -DTWOTIER_BUILD_BENCH=OFF -DTWOTIER_MPI=OFF \
-DTWOTIER_PYTHON=OFF \
-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# Slow end-to-end tests (label "slow": browser, LibreOffice, Python, whole-province runs) ran once
# in the normal build; they test the product, not memory safety, and would double CI time here.
TWOTIER_TEST_EXCLUDE='slow|manual' scripts/dev test "$@"
