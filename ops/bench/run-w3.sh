#!/usr/bin/env bash
# W3 REST benchmark, one command: builds the jar, starts it on a fresh database (rate limit off),
# runs io.bulwark.bench.RestBenchmark and stops the server.
# Usage: ops/bench/run-w3.sh [connections=64] [seconds=120] [open-loop percentages=25,50,75]
source "$(dirname "$0")/server.sh"
run_bench RestBenchmark "${1:-64}" "${2:-120}" "${3:-25,50,75}"
