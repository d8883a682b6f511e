#!/bin/sh
# `twotier compare`, `sweep` (grid and tornado) and `staff` (targets and --budget) on 2 MPI
# ranks write byte-identical outputs to one process with the same seed (docs/cluster.md).
# Replication counts are chosen so that batches split unevenly and across experiments. Prints "mpi commands match" on success.
# Usage: mpi_commands.sh TWOTIER MPIEXEC SCRATCH_DIR SOURCE_DIR
set -u
twotier=$1
mpiexec=$2
scratch=$3
source=$4
validation=$source/scenarios/validation
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
failures=0
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
# Runs `twotier ARGS --out DIR/single` in one process and `... --out DIR/mpi` on 2 ranks.
both() {
  name=$1
  shift
  "$twotier" "$@" --threads 1 -q --out "$scratch/$name/single" > "$scratch/$name.single.log" 2>&1 ||
    fail "$name: single process exit $?"
  "$mpiexec" --allow-run-as-root --oversubscribe -np 2 "$twotier" "$@" --threads 1 -q \
    --out "$scratch/$name/mpi" > "$scratch/$name.mpi.log" 2>&1 || {
    fail "$name: mpirun exit $?"
    cat "$scratch/$name.mpi.log"
  }
}
same() {
  cmp "$scratch/$1/single/$2" "$scratch/$1/mpi/$2" || fail "$1: $2 differs"
}

# 2 scenarios x 3 replications (6 on 2 ranks), then Kim-Nelson blocks over both ranks.
both compare compare "$validation/mm1.toml" "$validation/mmc.toml" --reps 3 \
  --set scenario.horizon=60d --select-best time_in_system_days_mean --first-stage 3 --alpha 0.2
same compare comparison.csv
# 2 x 2 grid, 3 replications per point: 12 replications in one batch.
both sweep sweep "$validation/mm1.toml" --vary scenario.horizon=40d,60d \
  --vary "tables.positions=$validation/positions_c1.csv,$validation/positions_c3.csv" --reps 3
same sweep sweep.csv
both tornado sweep "$validation/mm1.toml" --set scenario.horizon=60d --vary scenario.warmup=5d..20d \
  --vary "tables.positions=$validation/positions_c1.csv,$validation/positions_c3.csv" --reps 2 \
  --tornado time_in_system_days_mean
same tornado sweep.csv
same tornado tornado.csv
# The search takes decisions from results: every rank must see the same ones.
both staff staff "$source/tests/data/two-communes/scenario.toml" --target 'on_time_rate>=0.9' --reps 2
for f in staffing.csv targets.csv current/summary.csv recommended/summary.csv \
  recommended/monthly_report.csv; do
  same staff "$f"
done
# --budget: the candidates of every step form one batch.
both budget staff "$source/tests/data/two-communes/scenario.toml" --target 'on_time_rate>=0.95' \
  --scope province --budget 2 --reps 2
same budget staffing.csv
same budget recommended/summary.csv
# summary.txt says how long the search took: compare the rest.
grep -v '^Search:' "$scratch/staff/single/summary.txt" > "$scratch/staff.single.txt"
grep -v '^Search:' "$scratch/staff/mpi/summary.txt" > "$scratch/staff.mpi.txt"
cmp "$scratch/staff.single.txt" "$scratch/staff.mpi.txt" || fail "staff: summary.txt differs"

[ "$failures" = 0 ] && echo "mpi commands match"
exit "$failures"
