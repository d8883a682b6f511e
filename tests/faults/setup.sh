# Sourced by the fault scripts (arguments TWOTIER SOURCE_DIR SCRATCH_DIR): a fresh scratch
# folder as the working folder, the single-commune example copied into it so that relative
# paths are as a user types them, and the pass/fail counters.
set -u
twotier=$1
source_dir=$2
scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
cd "$scratch" || exit 1
mkdir -p scenarios/examples && cp -r "$source_dir/scenarios/calendars" scenarios/ &&
  cp -r "$source_dir/scenarios/examples/single-commune" scenarios/examples/ || exit 1
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
