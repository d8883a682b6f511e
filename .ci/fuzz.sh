#!/usr/bin/env bash
# Fuzzes the scenario loader for a bounded time: builds fuzz/fuzz_scenario_loader with clang
# (libFuzzer, ASan, UBSan) in its own build folder, seeds it with every small scenario and
# every bad-input case (fuzz/make_corpus.py), and runs it for FUZZ_SECONDS (default 60).
# Exit 0 if nothing was found; otherwise the input that crashed is in $BUILD/crashes/: copy it
# to tests/fuzz_regressions/ (the test suite replays every file there) and fix the bug.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD=${TWOTIER_FUZZ_BUILD_DIR:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}

# clang and its runtime libraries (libFuzzer is in libclang-rt-14-dev on Debian 12).
missing=()
for p in clang libclang-rt-14-dev python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [[ ! -f $BUILD/build.ninja ]]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTWOTIER_FUZZ=ON -DTWOTIER_BUILD_TESTS=OFF -DTWOTIER_BUILD_BENCH=OFF
fi
cmake --build "$BUILD" --target fuzz_scenario_loader --parallel "$(nproc)"

rm -rf "$BUILD/seeds" && mkdir -p "$BUILD/corpus" "$BUILD/crashes"
python3 fuzz/make_corpus.py "$BUILD/seeds"
# Leaks are not the loader's concern here (toml++ keeps parse state in statics at exit).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
echo "fuzz: running fuzz_scenario_loader for ${FUZZ_SECONDS}s"
"$BUILD/bin/fuzz_scenario_loader" -max_total_time="$FUZZ_SECONDS" -timeout=20 \
  -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$BUILD/crashes/" "$BUILD/corpus" "$BUILD/seeds"
