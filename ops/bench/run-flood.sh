#!/usr/bin/env bash
# Public reads against a trader, one command: builds the jar, starts it on a fresh database (rate limit
# off), runs io.bulwark.bench.PublicReadFloodBenchmark and stops the server. JAR=... runs another build.
# Usage: ops/bench/run-flood.sh [seconds per phase=20] [rounds=3] [flood connections=1] [flood rate/s=0: max]
source "$(dirname "$0")/server.sh"
run_bench PublicReadFloodBenchmark "${1:-20}" "${2:-3}" "${3:-1}" "${4:-0}"
