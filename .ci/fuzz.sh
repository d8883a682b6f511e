#!/usr/bin/env bash
# Fuzzes what reads user input for a bounded time: builds the libFuzzer targets of fuzz/ with
# clang (ASan, UBSan) in their own build folder and runs each, FUZZ_SECONDS (default 60) in all:
# half for the scenario loader (seeded with every small scenario and bad-input case,
# fuzz/make_corpus.py), a sixth each for the dossier-log parser (seeded with the logs under
# tests/), the results.h5 reader (seeded with a short run's results.h5) and the command line
# (seeded with the README's commands, arguments separated by NUL bytes).
# Exit 0 if nothing was found; otherwise the input that crashed is in $BUILD/crashes/<target>/:
# copy it to tests/fuzz_regressions/ (loader) or tests/fuzz_regressions/logs/ (log parser) —
# the test suite replays every file there — or, for the command line and the results reader,
# add a test in tests/cli/ that runs it; then fix the bug.
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
TARGETS=(fuzz_scenario_loader fuzz_dossier_log fuzz_results_reader fuzz_cli)
cmake --build "$BUILD" --target "${TARGETS[@]}" twotier --parallel "$(nproc)"

rm -rf "$BUILD/seeds" && mkdir -p "$BUILD/seeds"
for t in "${TARGETS[@]}"; do mkdir -p "$BUILD/corpus/$t" "$BUILD/crashes/$t" "$BUILD/seeds/$t"; done
python3 fuzz/make_corpus.py "$BUILD/seeds/fuzz_scenario_loader"
# Logs: every dossier log under tests/ (with its step table after a line "#=" when there is one).
find tests -name '*log*.csv' ! -name 'step_log*.csv' -print0 | while IFS= read -r -d '' f; do
  cp "$f" "$BUILD/seeds/fuzz_dossier_log/$(echo "$f" | tr / _)"
done
# A results.h5 of a short run, without ASan's interference (detect_leaks off below anyway).
"$BUILD/bin/twotier" run tests/data/two-communes/scenario.toml --reps 2 \
  --set scenario.horizon=7d --out "$BUILD/seed-run" --force --quiet >/dev/null 2>&1 &&
  cp "$BUILD/seed-run/results.h5" "$BUILD/seeds/fuzz_results_reader/" || true
printf 'check\0scenario.toml' >"$BUILD/seeds/fuzz_cli/check"
printf 'run\0scenario.toml\0--reps\0 5\0--out\0results/x\0--set\0scenario.seed=7' \
  >"$BUILD/seeds/fuzz_cli/run"
printf 'compare\0a.toml\0b.toml\0--select-best\0on_time_rate\0--scope\0unit:c1' \
  >"$BUILD/seeds/fuzz_cli/compare"
printf 'backtest\0s.toml\0log.csv\0--from\02026-01-01\0--to\02026-03-01' \
  >"$BUILD/seeds/fuzz_cli/backtest"

# Leaks are not the concern here (toml++ and HDF5 keep state in statics at exit).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
status=0
for t in "${TARGETS[@]}"; do
  seconds=$((FUZZ_SECONDS / 6))
  [[ $t == fuzz_scenario_loader ]] && seconds=$((FUZZ_SECONDS - 3 * (FUZZ_SECONDS / 6)))
  ((seconds > 0)) || seconds=1
  echo "fuzz: running $t for ${seconds}s"
  "$BUILD/bin/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$BUILD/crashes/$t/" "$BUILD/corpus/$t" \
    "$BUILD/seeds/$t" || status=1
done
exit $status
