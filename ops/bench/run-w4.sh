#!/usr/bin/env bash
# W4 WebSocket benchmark, one command: builds the jar, starts it on a fresh database (rate limit off),
# runs io.bulwark.bench.SocketBenchmark and stops the server.
# Usage: ops/bench/run-w4.sh [subscribers=1000] [seconds=120] [REST rate per second, default: half the measured maximum]
source "$(dirname "$0")/server.sh"
run_bench SocketBenchmark "${1:-1000}" "${2:-120}" "${3:-auto}"
