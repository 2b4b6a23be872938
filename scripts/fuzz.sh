#!/bin/bash
# Runs every fuzz target of the module in turn, each for FUZZTIME (default
# 60s), and stops at the first failure (its input is kept under the
# package's testdata/fuzz, where `go test` replays it from then on).
# Minimizing is bounded at 5 s: with the default minute, a target seeded with
# a large input (FuzzParseInstrument, the whole instrument) spends its run
# shrinking new inputs and tries a hundred instead of a hundred thousand.
# Usage: scripts/fuzz.sh [FUZZTIME]
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-60s}
for pkg in $(go list ./...); do
  for target in $(go test "$pkg" -list '^Fuzz' | grep '^Fuzz' || true); do
    echo "== $pkg $target"
    go test "$pkg" -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s -parallel 1 | grep -v '^fuzz: elapsed'
  done
done
