#!/bin/sh
# For every case of tests/bad_inputs: `twotier check` and `twotier run` exit 2 and print
# exactly expected.txt on stderr, and `twotier run` writes nothing: an existing output folder
# keeps exactly its contents and a missing one is not created.
# Usage: bad_inputs_cli.sh TWOTIER CORPUS_DIR SCRATCH_DIR
set -u
twotier=$1
corpus=$2
scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
failures=0
cases=0
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  cases=$((cases + 1))
  out="$scratch/out-$name"
  mkdir -p "$out" && echo "earlier work" > "$out/keep.txt"
  (
    cd "$dir" || exit 1
    "$twotier" check scenario.toml > /dev/null 2> "$scratch/check.err"
    echo $? > "$scratch/check.rc"
    "$twotier" run scenario.toml --reps 1 --threads 1 --out "$out" -q > /dev/null 2> "$scratch/run.err"
    echo $? > "$scratch/run.rc"
    "$twotier" run scenario.toml --reps 1 --threads 1 --out "$scratch/fresh" -q > /dev/null 2>&1
    echo $? > "$scratch/fresh.rc"
  )
  [ "$(cat "$scratch/check.rc")" = 2 ] || fail "$name" "check exit $(cat "$scratch/check.rc"), expected 2"
  [ "$(cat "$scratch/run.rc")" = 2 ] || fail "$name" "run exit $(cat "$scratch/run.rc"), expected 2"
  [ "$(cat "$scratch/fresh.rc")" = 2 ] || fail "$name" "run (fresh folder) exit $(cat "$scratch/fresh.rc"), expected 2"
  cmp -s "$scratch/check.err" "$dir/expected.txt" || fail "$name" "check printed: $(cat "$scratch/check.err")"
  cmp -s "$scratch/run.err" "$dir/expected.txt" || fail "$name" "run printed: $(cat "$scratch/run.err")"
  [ "$(ls -A "$out")" = keep.txt ] || fail "$name" "run wrote into the output folder: $(ls -A "$out")"
  [ "$(cat "$out/keep.txt")" = "earlier work" ] || fail "$name" "run changed a file in the output folder"
  [ ! -e "$scratch/fresh" ] || { fail "$name" "run created the output folder"; rm -rf "$scratch/fresh"; }
done
echo "$cases cases, $failures failures"
[ "$cases" -ge 40 ] && [ "$failures" -eq 0 ]
